/**
 * Core's {@link HostPorts} for the reference host, assembled from the host's parts. Each port is a
 * thin adapter: the work is in the parts (credentials, statuses, relations, notifications), which
 * the host's own operations share.
 */
import type { HostPorts, HostRelationships, HostNotifications } from "@pleroma-kit/core";
import { createAccountSecurity } from "../account-security.js";
import { createBackupSource } from "../backup-source.js";
import { conversationHostPorts } from "../conversations.js";
import type { HostContext } from "../host-context.js";
import type { UserRow } from "../host-data.js";
import { renderAccounts } from "../render-accounts.js";
import { renderStatuses } from "../render-statuses.js";
import { canSee, visibilityFacts } from "../visibility.js";
import type { Publisher } from "./activities.js";
import type { HostTokens } from "./apps-tokens.js";
import { authUser, type Logins } from "./credentials.js";
import type { HostRelations } from "./relations.js";

/** What {@link createHostPorts} is built from. */
export interface HostPortsDeps {
  readonly ctx: HostContext;
  readonly logins: Logins;
  readonly hiddenFor: HostRelationships["hiddenFor"];
  readonly notifications: HostNotifications;
  readonly publisher: Pick<Publisher, "publish">;
  /** Relation imports follow, block and mute through the host's own operations. */
  readonly relations: Pick<HostRelations, "follow" | "block" | "mute">;
  /** The MFA challenge issues its token through the host's tokens. */
  readonly tokens: Pick<HostTokens, "issueRow">;
}

/** Every port core asks of a host, including the optional ones the reference host implements. */
export function createHostPorts(deps: HostPortsDeps): HostPorts {
  const { ctx, logins } = deps;
  const { data } = ctx;
  return {
    auth: {
      authenticateToken: (token) => logins.principalFor(token, "token"),
      authenticateSession: (cookie) => logins.principalFor(cookie, "cookie"),
      async authenticateBasic(login, password) {
        const user = await logins.verifyLogin(login, password);
        return user ? { user: authUser(user), scopes: "all", via: "basic" } : null;
      },
    },
    accounts: {
      async get(id) {
        const user = await data.users.byId(id);
        return user ? hostAccount(user) : null;
      },
      async activeAmong(accountIds) {
        return new Set((await data.users.byIds(accountIds)).filter((u) => u.isActive).map((u) => u.id));
      },
      async findByNickname(nickname) {
        const user = await data.users.byNickname(nickname.replace(/^@/, ""));
        return user ? hostAccount(user) : null;
      },
      render: (accountIds, viewerId) => renderAccounts(ctx, accountIds, viewerId),
    },
    statuses: {
      async getVisible(id, viewerId) {
        const row = await data.statuses.byId(id);
        if (!row) return null;
        const facts = await visibilityFacts(data, [row], viewerId);
        if (!canSee(row, facts)) return null;
        return { id: row.id, authorId: row.authorId, visibility: row.visibility, addressedTo: row.mentionIds, createdAt: row.createdAt };
      },
      async getVisibleMany(ids, viewerId) {
        const rows = await data.statuses.byIds(ids);
        if (rows.length === 0) return [];
        const facts = await visibilityFacts(data, rows, viewerId);
        return rows.filter((row) => canSee(row, facts)).map((row) => ({ id: row.id, authorId: row.authorId, visibility: row.visibility, addressedTo: row.mentionIds, createdAt: row.createdAt }));
      },
      // Always the host's own renderer: core's renderer calls this one and adds its fields.
      render: (statusIds, viewerId) => renderStatuses(ctx, statusIds, viewerId),
    },
    relationships: { hiddenFor: deps.hiddenFor },
    notifications: deps.notifications,
    federation: { publish: deps.publisher.publish },
    backupSource: createBackupSource({ data, baseUrl: ctx.baseUrl }),
    ...conversationHostPorts({ data, context: ctx, relations: deps.relations }),
    accountSecurity: createAccountSecurity(data, {
      baseUrl: ctx.baseUrl,
      clock: ctx.clock,
      ids: ctx.ids,
      issueToken: (userId, appId, scopes) => deps.tokens.issueRow(userId, appId, scopes),
    }),
  };
}

function hostAccount(user: UserRow) {
  return { id: user.id, nickname: user.nickname, isLocal: user.domain === null, isActive: user.isActive, email: user.email };
}
