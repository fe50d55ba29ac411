/** Finding what a route names: an account, a status the viewer may see, the caller's own account. */
import { errAsync, fromPort, okAsync, type Entity, type Outcome } from "@pleroma-kit/core";
import type { StatusRow, UserRow } from "../host-data.js";
import type { ReferenceHost } from "../reference-host.js";
import { notFound } from "./errors.js";

/** An active account by id (or nickname), else "Can't find user". */
export function findAccount(host: Pick<ReferenceHost, "users">, id: string): Outcome<UserRow> {
  return fromPort(() => host.users.find(id)).andThen((u) => (u && u.isActive ? okAsync(u) : errAsync(notFound("Can't find user"))));
}

/** A status `viewerId` may see, else 404 (an invisible status looks exactly like an unknown one). */
export function visibleStatus(host: Pick<ReferenceHost, "data" | "statuses">, id: string, viewerId: string | null): Outcome<StatusRow> {
  return fromPort(async () => {
    const row = await host.data.statuses.byId(id);
    return row && (await host.statuses.visible([row], viewerId)).length === 1 ? row : null;
  }).andThen((row) => (row ? okAsync(row) : errAsync(notFound())));
}

/** The Account entity of `accountId` as `viewerId` sees it, else 404 with `message`. */
export function renderAccount(host: Pick<ReferenceHost, "ports">, accountId: string, viewerId: string | null, message?: string): Outcome<Entity> {
  return fromPort(() => host.ports.accounts.render([accountId], viewerId)).andThen((m) => {
    const e = m.get(accountId);
    return e ? okAsync(e) : errAsync(notFound(message));
  });
}
