/**
 * The reference host's storage port: the rows a small Mastodon-like server keeps (users, OAuth
 * apps and tokens, statuses, follows, blocks, mutes, favourites, notifications). The memory and
 * SQL stores implement it; the reference host builds core's HostPorts and the demo's Mastodon
 * routes on top. Methods return null for "not found" and throw only on infrastructure failure.
 */
import type { Visibility } from "@pleroma-kit/core";

export interface UserRow {
  readonly id: string;
  readonly nickname: string;
  readonly email: string | null;
  /** A `$scrypt$...` hash from the reference host or a migrated `$pbkdf2-sha512$...` one. */
  readonly passwordHash: string;
  readonly displayName: string;
  readonly note: string;
  readonly isAdmin: boolean;
  readonly isModerator: boolean;
  /** False once deactivated (disable_account) or deleted. */
  readonly isActive: boolean;
  readonly isConfirmed: boolean;
  readonly isLocked: boolean;
  /** Remote accounts have a domain; local ones null. */
  readonly domain: string | null;
  readonly avatarUrl: string | null;
  readonly headerUrl: string | null;
  readonly hideFavorites: boolean;
  readonly allowFollowingMove: boolean;
  /** The other Pleroma profile settings (`update_credentials`); absent members take their defaults. */
  readonly profile?: PleromaProfile;
  readonly createdAt: Date;
}

/** Which accounts `users.list` answers (admin-fe's user filters); every field narrows. */
export interface UserListFilter {
  /** True: local accounts only; false: remote only. */
  readonly local?: boolean;
  /** True: active accounts only; false: deactivated only. */
  readonly active?: boolean;
  /** False: accounts not yet confirmed only. */
  readonly confirmed?: boolean;
  /** Accounts with any of these roles. */
  readonly roles?: ReadonlyArray<"admin" | "moderator">;
  /** Case-insensitive part of the nickname, display name or email. */
  readonly query?: string;
}

/** Who may send a user direct messages (Pleroma's `accepts_direct_messages_from`). */
export type DirectMessagesFrom = "everybody" | "people_i_follow" | "nobody";

/** The Pleroma profile settings beyond the ones with their own column, all optional. */
export interface PleromaProfile {
  readonly hideFollowers?: boolean;
  readonly hideFollows?: boolean;
  readonly hideFollowersCount?: boolean;
  readonly hideFollowsCount?: boolean;
  readonly skipThreadContainment?: boolean;
  readonly acceptsDirectMessagesFrom?: DirectMessagesFrom;
  readonly bot?: boolean;
  readonly discoverable?: boolean;
  /** Profile metadata, in order. */
  readonly fields?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  /** `pleroma_settings_store`: a front end's settings, by front end name. */
  readonly settingsStore?: Readonly<Record<string, unknown>>;
}

export type NewUser = Omit<UserRow, "createdAt"> & { readonly createdAt?: Date };
export type UserPatch = Partial<Omit<UserRow, "id" | "createdAt">>;

export interface AppRow {
  readonly id: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly name: string;
  readonly website: string | null;
  readonly redirectUris: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
}

export interface TokenRow {
  readonly id: string;
  /** Stored as given; the reference host stores a SHA-256 of the bearer value, never the value. */
  readonly tokenHash: string;
  readonly appId: string;
  /** Null for app-only (client_credentials) tokens. */
  readonly userId: string | null;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  /** SHA-256 of the refresh token issued with it (the `refresh_token` grant); null or absent when none. */
  readonly refreshHash?: string | null;
}

export interface StatusRow {
  readonly id: string;
  readonly authorId: string;
  readonly content: string;
  readonly spoilerText: string;
  readonly visibility: Visibility;
  readonly inReplyToId: string | null;
  /** The thread (Pleroma's `context`); the root status's id for a new thread. */
  readonly contextId: string;
  /** Account ids addressed by mention or by direct recipients. */
  readonly mentionIds: readonly string[];
  readonly sensitive: boolean;
  readonly createdAt: Date;
}

export interface NotificationRow {
  readonly id: string;
  readonly userId: string;
  readonly type: string;
  readonly actorId: string;
  readonly statusId: string | null;
  readonly emoji: string | null;
  readonly emojiUrl: string | null;
  readonly targetId: string | null;
  readonly seen: boolean;
  readonly createdAt: Date;
}

/**
 * A page request over rows with sortable string ids. Results are always newest first: `maxId` and
 * `sinceId` bound the range; `minId` asks for the `limit` rows right after it (the page just above),
 * presented newest first like every other page.
 */
export interface PageQuery {
  readonly maxId?: string;
  readonly sinceId?: string;
  readonly minId?: string;
  readonly limit: number;
}

/** The kind of relation between two accounts. */
export type RelationKind = "follow" | "follow_request" | "block" | "mute" | "subscribe";

/** One relation: `fromId` has a `kind` relation to `toId`. */
export interface RelationEdge {
  readonly kind: RelationKind;
  readonly fromId: string;
  readonly toId: string;
}

/** What an Account entity counts; see `users.stats`. */
export interface AccountStats {
  readonly followers: number;
  readonly following: number;
  readonly statuses: number;
  /** `createdAt` of the author's newest status (highest id), or null. */
  readonly lastStatusAt: Date | null;
}

export interface HostData {
  readonly users: {
    /** Fails (throws a `UniqueViolation`) when the nickname or email is taken. */
    create(user: NewUser): Promise<UserRow>;
    byId(id: string): Promise<UserRow | null>;
    byIds(ids: readonly string[]): Promise<UserRow[]>;
    /** Case-insensitive; `nick` for local accounts, `nick@domain` for remote ones. */
    byNickname(nickname: string): Promise<UserRow | null>;
    byEmail(email: string): Promise<UserRow | null>;
    update(id: string, patch: UserPatch): Promise<UserRow | null>;
    count(): Promise<number>;
    /**
     * Follower, following and status counts and the newest status's date (by id) of each of
     * `ids`, in one batch; every asked id that exists is present. What an Account entity shows.
     */
    stats(ids: readonly string[]): Promise<Map<string, AccountStats>>;
    /** A page of the accounts matching `filter`, ordered by nickname, and how many match in all. */
    list(filter: UserListFilter, offset: number, limit: number): Promise<{ rows: UserRow[]; total: number }>;
    /**
     * Active accounts whose nickname or display name starts with `prefix` (case-insensitive),
     * nickname order, at most `limit`. Added for `GET /api/v1/accounts/search` (mention autocomplete).
     */
    search(prefix: string, limit: number): Promise<UserRow[]>;
  };
  readonly apps: {
    create(app: AppRow): Promise<AppRow>;
    byClientId(clientId: string): Promise<AppRow | null>;
    /** Added for `GET /api/v1/apps/verify_credentials` and the token list, which know the app by id. */
    byIds(ids: readonly string[]): Promise<AppRow[]>;
  };
  readonly tokens: {
    create(token: TokenRow): Promise<TokenRow>;
    byHash(tokenHash: string): Promise<TokenRow | null>;
    /** Revokes every token of a user (deletion, password change). */
    revokeForUser(userId: string): Promise<void>;
    /**
     * Revokes one token; true when it existed. Added for `POST /oauth/revoke`: without it a single
     * token can only be revoked together with all of its user's.
     */
    revoke(tokenHash: string): Promise<boolean>;
    /** The token and its user (null for app tokens or a missing user) in one look-up: every signed-in request starts with it. */
    byHashWithUser(tokenHash: string): Promise<{ readonly token: TokenRow; readonly user: UserRow | null } | null>;
    /** A user's tokens, newest first (`GET /api/oauth_tokens`). */
    byUser(userId: string): Promise<TokenRow[]>;
    /** Revokes the token with row id `id` when it belongs to `userId`; true when it did. */
    revokeById(userId: string, id: string): Promise<boolean>;
    /** The token a refresh token was issued with (the `refresh_token` grant). */
    byRefreshHash(refreshHash: string): Promise<TokenRow | null>;
  };
  readonly statuses: {
    create(status: StatusRow): Promise<StatusRow>;
    byId(id: string): Promise<StatusRow | null>;
    byIds(ids: readonly string[]): Promise<StatusRow[]>;
    delete(id: string): Promise<boolean>;
    /** A user's statuses, newest first. */
    byAuthor(authorId: string, page: PageQuery): Promise<StatusRow[]>;
    countByAuthor(authorIds: readonly string[]): Promise<Map<string, number>>;
    /** Number of direct replies per status. */
    replyCounts(ids: readonly string[]): Promise<Map<string, number>>;
    /**
     * Every status whose visibility is one of `visibilities`, newest first (the public timelines).
     * Added for the reference host's `GET /api/v1/timelines/public`: no other method enumerates
     * statuses across authors.
     */
    byVisibility(visibilities: readonly Visibility[], page: PageQuery): Promise<StatusRow[]>;
    /** Every status of a thread, oldest first (`GET /api/v1/statuses/:id/context`). */
    byContext(contextId: string): Promise<StatusRow[]>;
    /**
     * Direct statuses `userId` wrote or is addressed by, newest first (`GET /api/v1/timelines/direct`).
     */
    directFor(userId: string, page: PageQuery): Promise<StatusRow[]>;
  };
  readonly relations: {
    /** Idempotent: true when the relation was created by this call. */
    add(kind: RelationKind, fromId: string, toId: string): Promise<boolean>;
    remove(kind: RelationKind, fromId: string, toId: string): Promise<boolean>;
    /** Of `toIds`, those `fromId` has a `kind` relation to. One batch. */
    among(kind: RelationKind, fromId: string, toIds: readonly string[]): Promise<Set<string>>;
    /** Of `fromIds`, those that have a `kind` relation to `toId`. One batch. */
    towards(kind: RelationKind, fromIds: readonly string[], toId: string): Promise<Set<string>>;
    /** Everyone with a `kind` relation to `toId` (e.g. followers). */
    allTowards(kind: RelationKind, toId: string): Promise<string[]>;
    /** Everyone `fromId` has a `kind` relation to (e.g. followed accounts). */
    allFrom(kind: RelationKind, fromId: string): Promise<string[]>;
    countTowards(kind: RelationKind, toIds: readonly string[]): Promise<Map<string, number>>;
    countFrom(kind: RelationKind, fromIds: readonly string[]): Promise<Map<string, number>>;
    /**
     * Every relation of one of `kinds` between `accountId` and any of `otherIds`, in either
     * direction, in one batch (what a viewer's visibility and filters need at once).
     */
    between(accountId: string, otherIds: readonly string[], kinds: readonly RelationKind[]): Promise<RelationEdge[]>;
  };
  readonly favourites: {
    add(userId: string, statusId: string, at: Date): Promise<boolean>;
    remove(userId: string, statusId: string): Promise<boolean>;
    /** Of `statusIds`, those `userId` favourited. */
    among(userId: string, statusIds: readonly string[]): Promise<Set<string>>;
    counts(statusIds: readonly string[]): Promise<Map<string, number>>;
    /** A user's favourites, newest favourite first; the page ids are favourite ids. */
    byUser(userId: string, page: PageQuery): Promise<Array<{ favouriteId: string; statusId: string }>>;
  };
  readonly notifications: {
    create(row: NotificationRow): Promise<NotificationRow>;
    byId(id: string): Promise<NotificationRow | null>;
    list(userId: string, page: PageQuery): Promise<NotificationRow[]>;
    /** Sets seen on one row of `userId`; null when it is not theirs. */
    markSeen(userId: string, id: string): Promise<NotificationRow | null>;
    /** Sets seen on every unseen row of `userId` with id <= maxId; returns the rows changed. */
    markSeenUpTo(userId: string, maxId: string): Promise<NotificationRow[]>;
  };
}

/** Thrown by `create` methods when a unique key is taken. */
export class UniqueViolation extends Error {
  constructor(readonly field: string) {
    super(`unique violation: ${field}`);
    this.name = "UniqueViolation";
  }
}
