/**
 * The admin pages admin-fe opens first: `GET /api/v1/pleroma/admin/users` (the accounts the
 * reference host keeps, with Akkoma's paging and filters) and `GET /api/v1/pleroma/admin/reports`
 * (the reference host takes no reports, so always an empty list). Staff only, as in Akkoma.
 */
import { z } from "zod";
import { defineRoute, fromPort, schema, type Entity, type RouteDefinition } from "@pleroma-kit/core";
import { formatDate } from "../host-context.js";
import type { UserListFilter, UserRow } from "../host-data.js";
import type { ReferenceHost } from "../reference-host.js";
import { accountUrl } from "../render-accounts.js";
import type { MastodonRouteDeps } from "./deps.js";

const { intLike, text } = schema;

/** Akkoma drops an empty or non-numeric paging value back to its default. */
const pageField = (fallback: number) => z.preprocess((v) => (v === "" ? undefined : v), intLike().optional()).transform((v) => v ?? fallback);

const ADMIN_PREFIXES = ["/api/v1/pleroma/admin", "/api/pleroma/admin"];

export function adminRoutes({ host }: Pick<MastodonRouteDeps, "host">): RouteDefinition[] {
  const users = defineRoute({
    name: "mastodon.adminUsers",
    method: "GET",
    paths: ADMIN_PREFIXES.map((p) => `${p}/users`),
    auth: "staff",
    scopes: ["admin:read:accounts"],
    input: z.object({ page: pageField(1), page_size: pageField(50), query: text().optional(), filters: text().optional() }),
    summary: "Accounts by nickname, a page at a time; `filters` (local, external, active, deactivated, unconfirmed, is_admin, is_moderator, need_approval) and `query`.",
    handler: ({ input }) =>
      fromPort(async () => {
        const page = Math.max(1, input.page);
        const pageSize = Math.min(Math.max(0, input.page_size), 500);
        const filter = userFilter(input.filters ?? "", input.query);
        // Nobody waits for approval here: the reference host has no approval step.
        if (filter === null) return { users: [], count: 0, page_size: pageSize };
        const found = await host.data.users.list(filter, (page - 1) * pageSize, pageSize);
        return { users: found.rows.map((u) => adminAccount(host, u)), count: found.total, page_size: pageSize };
      }),
  });

  const reports = defineRoute({
    name: "mastodon.adminReports",
    method: "GET",
    paths: ADMIN_PREFIXES.map((p) => `${p}/reports`),
    auth: "staff",
    scopes: ["admin:read:reports"],
    input: z.object({ state: text().optional(), page: pageField(1), page_size: pageField(50) }),
    summary: "Reports: always none (the reference host takes no reports).",
    handler: () => fromPort(async () => ({ totals: 0, reports: [] })),
  });

  return [users, reports];
}

/** Akkoma's `filters` list as a host filter; null when nothing can match (`need_approval`). */
function userFilter(filters: string, query: string | undefined): UserListFilter | null {
  const names = new Set(filters.split(",").map((f) => f.trim()).filter((f) => f !== ""));
  if (names.has("need_approval")) return null;
  const roles = (["admin", "moderator"] as const).filter((r) => names.has(`is_${r}`));
  const either = (yes: string, no: string) => (names.has(yes) === names.has(no) ? undefined : names.has(yes));
  const local = either("local", "external");
  const active = either("active", "deactivated");
  const q = query?.trim();
  return {
    ...(local !== undefined ? { local } : {}),
    ...(active !== undefined ? { active } : {}),
    ...(names.has("unconfirmed") ? { confirmed: false } : {}),
    ...(roles.length > 0 ? { roles } : {}),
    ...(q ? { query: q } : {}),
  };
}

/** Akkoma's admin account entity (AdminAPI.AccountView). */
function adminAccount(host: Pick<ReferenceHost, "context">, user: UserRow): Entity {
  const url = accountUrl(host.context, user);
  return {
    id: user.id,
    email: user.email,
    avatar: user.avatarUrl ?? `${host.context.baseUrl}/images/avi.png`,
    nickname: user.nickname,
    display_name: user.displayName || user.nickname,
    is_active: user.isActive,
    local: user.domain === null,
    roles: { admin: user.isAdmin, moderator: user.isModerator },
    tags: [],
    is_confirmed: user.isConfirmed,
    is_approved: true,
    url,
    registration_reason: null,
    actor_type: "Person",
    created_at: formatDate(user.createdAt),
  };
}
