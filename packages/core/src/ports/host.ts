/**
 * Host ports: what the host server owns (users, statuses, follows, notifications, federation)
 * and the library needs to read or trigger. The reference host in `@pleroma-kit/reference-host`
 * implements all of them and is the worked example for a real server.
 */
import type { Authenticator } from "./auth.js";

/** A JSON object as rendered for clients (Mastodon/Pleroma entities). */
export type Entity = Record<string, unknown>;

/** Status visibility, as Mastodon/Pleroma name it. */
export type Visibility = "public" | "unlisted" | "private" | "direct" | "local" | "list";

/** The facts about a status the library decides on. */
export interface HostStatus {
  readonly id: string;
  readonly authorId: string;
  readonly visibility: Visibility;
  /** Account ids the status is addressed to (mentions/recipients), for federation addressing. */
  readonly addressedTo: readonly string[];
  readonly createdAt: Date;
}

/** The facts about an account the library decides on. */
export interface HostAccount {
  readonly id: string;
  readonly nickname: string;
  readonly isLocal: boolean;
  readonly isActive: boolean;
  readonly email?: string | null;
}

export interface HostAccounts {
  get(id: string): Promise<HostAccount | null>;
  /** Of `ids`, the accounts that exist and are active (not deactivated or deleted). One batch. */
  activeAmong(ids: readonly string[]): Promise<Set<string>>;
  /** Finds a local or known remote account by `nick` or `nick@domain`. */
  findByNickname(nickname: string): Promise<HostAccount | null>;
  /**
   * Renders Mastodon Account entities for `viewerId` (null = anonymous), one batch. Ids that are
   * unknown, deactivated or invisible to the viewer are absent from the map.
   */
  render(ids: readonly string[], viewerId: string | null): Promise<Map<string, Entity>>;
}

export interface HostStatuses {
  /** The status when `viewerId` (null = anonymous) may see it, else null (unknown ids too). */
  getVisible(id: string, viewerId: string | null): Promise<HostStatus | null>;
  /**
   * Renders Mastodon Status entities (with the host's `pleroma` fields) for the viewer, one batch.
   * Core adds the library's fields (`emoji_reactions`, ...) afterwards; see `StatusRenderer`.
   */
  render(ids: readonly string[], viewerId: string | null): Promise<Map<string, Entity>>;
}

export interface HostRelationships {
  /**
   * Of `accountIds`, those the viewer must not be shown: accounts the viewer blocks, mutes (unless
   * `includeMuted`), or whose domain the viewer blocks. One batch.
   */
  hiddenFor(
    viewerId: string,
    accountIds: readonly string[],
    options: { includeMuted: boolean },
  ): Promise<Set<string>>;
}

/** A notification the library asks the host to create. */
export interface NotificationRequest {
  readonly type: "pleroma:emoji_reaction" | "mention" | "move" | "follow";
  readonly recipientId: string;
  readonly actorId: string;
  readonly statusId?: string;
  readonly emoji?: string;
  readonly emojiUrl?: string | null;
}

export interface HostNotifications {
  create(request: NotificationRequest): Promise<void>;
  /**
   * Marks one notification of `userId` as seen; returns its entity, or null when it is not the
   * user's (or does not exist).
   */
  markOneRead(userId: string, id: string): Promise<Entity | null>;
  /**
   * Marks every unread notification of `userId` with id <= maxId as seen; returns the entities this
   * call changed that the user's normal list shows, at most `limit`.
   */
  markReadUpTo(userId: string, maxId: string, limit: number): Promise<Entity[]>;
}

/** An ActivityStreams activity to deliver. */
export interface Activity {
  readonly type: string;
  readonly actorId: string;
  readonly object: unknown;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly [key: string]: unknown;
}

export interface HostFederation {
  /** Queues an activity for delivery. Must not throw for delivery failures (retry is the host's job). */
  publish(activity: Activity): Promise<void>;
}

/** Everything the host provides. */
export interface HostPorts {
  readonly auth: Authenticator;
  readonly accounts: HostAccounts;
  readonly statuses: HostStatuses;
  readonly relationships: HostRelationships;
  readonly notifications: HostNotifications;
  readonly federation: HostFederation;
  /** Password checks and account-level actions; without it the account-security endpoints answer 503. */
  readonly accountSecurity?: HostAccountSecurity;
  /** The user's data for account backups; without it the backup endpoints answer "Not implemented". */
  readonly backupSource?: HostBackupSource;
  // Without one of these the endpoints that need it answer 404 "Not implemented".
  readonly favourites?: HostFavourites;
  readonly subscriptions?: HostSubscriptions;
  readonly relationImports?: HostRelationImports;
  readonly profileImages?: HostProfileImages;
}

/** Paging hints for {@link HostBackupSource}: pages stay small so memory does not grow with the data. */
export interface BackupPageOptions {
  /** Preferred items per page; a source may yield fewer. */
  readonly pageSize: number;
  /** Aborted when the backup job stops; stop reading. */
  readonly signal?: AbortSignal;
}

/**
 * A user's own data for an account backup (content.md 4.5), read in bounded pages so an archive
 * of 100k statuses is written without holding them all. Every iterable yields pages in
 * ascending order (oldest first) and may be iterated once.
 */
export interface HostBackupSource {
  /**
   * The user's ActivityPub actor document (a `Person` with `@context`, `id`, `inbox`, `outbox`,
   * `preferredUsername`, `publicKey`...), or null when the user is unknown.
   */
  actor(userId: string): Promise<Entity | null>;
  /**
   * The user's own `Create` (any visibility) and `Announce` activities in federated AS2 form with
   * the object embedded and no per-item `@context`, ascending by activity id.
   */
  outbox(userId: string, options: BackupPageOptions): AsyncIterable<readonly Entity[]>;
  /** ActivityPub ids of the objects the user liked, ascending by like. */
  likes(userId: string, options: BackupPageOptions): AsyncIterable<readonly string[]>;
  /** ActivityPub ids of the objects the user bookmarked, ascending by bookmark. */
  bookmarks(userId: string, options: BackupPageOptions): AsyncIterable<readonly string[]>;
  /**
   * Accounts the user follows, blocks or mutes, each as `nick@domain` (what Pleroma's
   * follow/blocks/mutes imports and Mastodon's CSV import accept), so the lists re-import elsewhere.
   */
  relations(
    userId: string,
    kind: "following" | "blocks" | "mutes",
    options: BackupPageOptions,
  ): AsyncIterable<readonly string[]>;
}

/** A page over rows with sortable string ids: newest first, or oldest first above `minId`. */
export interface IdPage {
  readonly maxId?: string;
  readonly sinceId?: string;
  readonly minId?: string;
  readonly limit: number;
}

/**
 * Favourites are the host's (it owns statuses and likes). Core reads them for
 * `GET /api/v1/pleroma/accounts/:id/favourites` and applies visibility itself.
 */
export interface HostFavourites {
  /**
   * Ids of the statuses (posts only) `accountId` favourited, paged by **status id** (Akkoma pages
   * by status id, not by when the like happened): newest status first, or ascending above `minId`.
   */
  favouritedStatusIds(accountId: string, page: IdPage): Promise<string[]>;
  /** The account's `hide_favorites` flag (Akkoma's default is true); null when the account is unknown. */
  hidesFavourites(accountId: string): Promise<boolean | null>;
}

/**
 * Subscriptions ("notify me of every post by X") live in the host's relationship table, because
 * Mastodon's `follow` with `notify` sets the same flag. Core adds the Pleroma endpoints and the
 * notification fan-out on new posts.
 */
export interface HostSubscriptions {
  /** Idempotent. */
  subscribe(readerId: string, targetId: string): Promise<void>;
  /** Idempotent: succeeds when there was nothing to remove. */
  unsubscribe(readerId: string, targetId: string): Promise<void>;
  /** Everyone subscribed to `authorId`'s posts. */
  subscribersOf(authorId: string): Promise<string[]>;
  /** True when `followerId` follows `targetId` (accepted follow). Decides private scrobble visibility. */
  follows(followerId: string, targetId: string): Promise<boolean>;
  /** The Mastodon Relationship entity of `viewerId` towards `targetId` (with `subscribing` and `notifying`). */
  relationship(viewerId: string, targetId: string): Promise<Entity>;
}

/** What an import row asks the host to do. */
export type RelationImportKind = "follow" | "block" | "mute";

/** The outcome of one import row: done, no such account, or refused (self, blocked, failed). */
export type RelationImportOutcome = "ok" | "not_found" | "failed";

/**
 * Applies one row of a follow/block/mute import. `identifier` is as the user wrote it (without
 * leading `@`): a local `nick`, `nick@host` or an actor URI; the host resolves it (WebFinger for
 * remote accounts). Follow of a locked account is a follow request; block severs follows both
 * ways; mute is indefinite and mutes notifications (accounts.md 4). Must be idempotent.
 */
export interface HostRelationImports {
  apply(kind: RelationImportKind, userId: string, identifier: string): Promise<RelationImportOutcome>;
}

/** The profile images the Pleroma `update_*` endpoints set. */
export type ProfileImageKind = "avatar" | "banner";

/**
 * Sets an account's avatar or banner URL (the host renders them as `avatar`/`header`). The
 * background image is Pleroma-only state and lives in the library's `ProfileMediaStore`.
 */
export interface HostProfileImages {
  /** `url` null clears the image (the host renders its default). */
  setImage(userId: string, kind: ProfileImageKind, url: string | null): Promise<void>;
}

/** A local account found by nickname or email (login, confirmation resend). */
export interface HostLoginAccount {
  readonly id: string;
  readonly nickname: string;
  readonly email: string | null;
}

/** An account resolved for aliases and moves. */
export interface HostResolvedAccount {
  readonly id: string;
  /** The ActivityPub actor id. */
  readonly actorUri: string;
  readonly isLocal: boolean;
  /**
   * The actor's `alsoKnownAs` (actor URIs) as freshly fetched, for remote accounts. Ignored for local
   * accounts: their aliases are the library's (`AccountSettingsStore`).
   */
  readonly alsoKnownAs: readonly string[];
}

/** Why the host refused an email change (Akkoma's validation texts are built by core). */
export type EmailChangeRefusal = "taken" | "blank";

/** The OAuth client a login challenge is answered for (`client_id`/`client_secret` or Basic). */
export interface OAuthClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * What the account-security endpoints and the login challenge need from the host: password checks
 * and account actions on host-owned users. Every method that changes state is all-or-nothing.
 */
export interface HostAccountSecurity {
  /** True when `userId` is a local, active account and `password` verifies against its hash. */
  checkPassword(userId: string, password: string): Promise<boolean>;
  /** A local account by nickname, then by email (case-insensitive); null when none. */
  findByLogin(nicknameOrEmail: string): Promise<HostLoginAccount | null>;
  /**
   * Deletes the account (Akkoma's purge: profile cleared, deactivated, tokens stop working).
   * All-or-nothing: on failure nothing changed. Follow clean-up may continue in the background.
   */
  deleteAccount(userId: string): Promise<void>;
  /** Deactivates the account (tokens stop working). All-or-nothing. */
  disableAccount(userId: string): Promise<void>;
  /**
   * Sets the account's email (`""` clears it). Core has checked the format already. Returns why the
   * host refused (`taken` by another account, `blank` while activation is required) or null.
   */
  changeEmail(userId: string, email: string): Promise<EmailChangeRefusal | null>;
  /**
   * The confirmation mail to send again for the account, or null when none is due (already
   * confirmed, no email, or activation not required). Core sends it through the `Mailer`.
   */
  confirmationMail(userId: string): Promise<{ to: string; subject: string; text: string; html?: string } | null>;
  /**
   * Resolves `nick`, `nick@host` (our host = local) for aliases and moves. With `refresh`, a remote
   * account is fetched again (WebFinger + actor) rather than read from a cache, as Akkoma does for
   * move targets. Null when it cannot be resolved.
   */
  resolveAccount(handle: string, options: { refresh: boolean }): Promise<HostResolvedAccount | null>;
  /**
   * After a Move from `originId` to `targetId`: tell local followers (`move` notification) and make
   * those with `allow_following_move` follow the target and unfollow the origin. Runs as a job.
   */
  moveFollowers(originId: string, targetId: string): Promise<void>;
  /**
   * Issues the OAuth token for a login whose second factor was just verified (`POST
   * /oauth/mfa/challenge`): checks the client credentials and answers the token JSON (`access_token`,
   * `token_type`, ...), or null when the client is unknown or its secret wrong.
   */
  issueLoginToken(userId: string, client: OAuthClientCredentials, context: Record<string, unknown>): Promise<Entity | null>;
}
