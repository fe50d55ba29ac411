import { errAsync, okAsync } from "neverthrow";
import type { KitConfig } from "../../config.js";
import { appError } from "../../errors/index.js";
import type { Clock, IdGenerator } from "../../ports/infrastructure.js";
import type { Entity, HostAccount, HostPorts, IdPage } from "../../ports/host.js";
import type { ScrobbleRow, ScrobbleStore } from "../../ports/store.js";
import { fromPort, type Outcome } from "../../result.js";
import { followersOf } from "../shared/audience.js";
import { akkomaDate } from "../shared/akkoma-date.js";
import { clampLimit } from "../timelines/visible-page.js";
import { activityId } from "../shared/activity-id.js";

/** ActivityStreams' public collection, for the Listen activity's addressing. */
export const AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

/** What `POST /api/v1/pleroma/scrobble` takes (accounts.md 19.2). */
export interface NewScrobble {
  readonly title: string;
  readonly artist?: string | undefined;
  readonly album?: string | undefined;
  readonly length?: number | undefined;
  readonly visibility?: ScrobbleRow["visibility"] | undefined;
}

export interface ScrobblesDeps {
  readonly store: ScrobbleStore;
  readonly host: HostPorts;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly config: KitConfig;
}

/**
 * Scrobbles (accounts.md 19.2; removed from Akkoma, kept by the seed): a Listen activity is stored
 * by the library and published through the host's federation port; listing respects each
 * scrobble's visibility (public/unlisted for everyone, private for followers, direct for the owner).
 */
export class ScrobblesService {
  constructor(private readonly deps: ScrobblesDeps) {}

  create(viewerId: string, input: NewScrobble): Outcome<Entity> {
    const row: ScrobbleRow = {
      id: this.deps.ids.next(),
      accountId: viewerId,
      title: stripHtml(input.title),
      artist: input.artist === undefined ? null : stripHtml(input.artist),
      album: input.album === undefined ? null : stripHtml(input.album),
      length: input.length ?? null,
      visibility: input.visibility ?? "public",
      createdAt: this.deps.clock.now(),
    };
    return fromPort(async () => {
      await this.deps.store.add(row);
      await this.publish(row);
    }).andThen(() => this.render([row], viewerId).map((list) => list[0]!));
  }

  /** An account's scrobbles (`:id` is an id or a nickname) that the viewer may see, newest first. */
  list(viewerId: string | null, idOrNickname: string, page: Omit<IdPage, "limit"> & { limit?: number }): Outcome<Entity[]> {
    return this.account(idOrNickname).andThen((account) =>
      fromPort(async () => {
        const visibilities: ScrobbleRow["visibility"][] = ["public", "unlisted"];
        if (viewerId === account.id) visibilities.push("private", "direct");
        else if (viewerId !== null && (await this.deps.host.subscriptions?.follows(viewerId, account.id))) visibilities.push("private");
        const rows = await this.deps.store.list(account.id, visibilities, { ...page, limit: clampLimit(page.limit) });
        return page.minId !== undefined ? rows.reverse() : rows;
      }).andThen((rows) => this.render(rows, viewerId)),
    );
  }

  private account(idOrNickname: string): Outcome<HostAccount> {
    const { accounts } = this.deps.host;
    return fromPort(async () => (await accounts.get(idOrNickname)) ?? (await accounts.findByNickname(idOrNickname))).andThen((a) =>
      a && a.isActive ? okAsync(a) : errAsync(appError("NOT_FOUND")),
    );
  }

  private render(rows: readonly ScrobbleRow[], viewerId: string | null): Outcome<Entity[]> {
    const ids = [...new Set(rows.map((r) => r.accountId))];
    return fromPort(() => this.deps.host.accounts.render(ids, viewerId)).map((accounts) =>
      rows.flatMap((r) => {
        const account = accounts.get(r.accountId);
        if (!account) return [];
        return [{ id: r.id, account, created_at: akkomaDate(r.createdAt), title: r.title, artist: r.artist, album: r.album, length: r.length }];
      }),
    );
  }

  private async publish(row: ScrobbleRow): Promise<void> {
    if (row.visibility === "direct") return; // addressed to no one: nothing to deliver
    const followers = followersOf(row.accountId);
    const addressing =
      row.visibility === "public"
        ? { to: [AS_PUBLIC], cc: [followers] }
        : row.visibility === "unlisted"
          ? { to: [followers], cc: [AS_PUBLIC] }
          : { to: [followers], cc: [] };
    await this.deps.host.federation.publish({
      type: "Listen",
      id: activityId(this.deps.host.federation, this.deps.config, "Listen", row.id),
      actorId: row.accountId,
      object: { type: "Audio", title: row.title, artist: row.artist, album: row.album, length: row.length },
      ...addressing,
    });
  }
}

/** Akkoma strips HTML from scrobble text fields; tags go, entities stay as written. */
function stripHtml(value: string): string {
  return value.replace(/<[^>]*>/g, "").trim();
}
