/**
 * The reference host's {@link HostBackupSource}: a user's actor, outbox, likes and relation lists
 * read from {@link HostData} in bounded pages and rendered as ActivityStreams, the way a real
 * server would serve its own federation documents.
 */
import type { BackupPageOptions, Entity, HostBackupSource, Visibility } from "@pleroma-kit/core";
import type { HostData, StatusRow, UserRow } from "./host-data.js";

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const ACTOR_CONTEXT = ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1", { "@language": "und" }];

/** How the reference host names its ActivityPub objects. */
export interface ReferenceUris {
  actor(user: Pick<UserRow, "nickname" | "domain">): string;
  object(statusId: string): string;
  activity(statusId: string): string;
  notice(statusId: string): string;
}

export interface BackupSourceOptions {
  readonly data: HostData;
  /** Public base URL without a trailing slash. */
  readonly baseUrl: string;
  /** Override when the host serves its objects elsewhere. */
  readonly uris?: ReferenceUris;
}

/** The URI scheme Pleroma uses: `/users/:nick`, `/objects/:id`, `/activities/:id`, `/notice/:id`. */
export function referenceUris(baseUrl: string): ReferenceUris {
  return {
    actor: (u) => (u.domain ? `https://${u.domain}/users/${encodeURIComponent(u.nickname.split("@")[0]!)}` : `${baseUrl}/users/${encodeURIComponent(u.nickname)}`),
    object: (id) => `${baseUrl}/objects/${id}`,
    activity: (id) => `${baseUrl}/activities/${id}`,
    notice: (id) => `${baseUrl}/notice/${id}`,
  };
}

/**
 * Builds the backup source. Pages follow HostData's `minId` paging from the oldest row up, so the
 * archive is in ascending order and memory holds one page. Bookmarks are empty: HostData keeps
 * none. Relation lists come from `relations.allFrom` (ids only), resolved to `nick@domain` a page
 * at a time.
 */
export function createBackupSource(options: BackupSourceOptions): HostBackupSource {
  const { data, baseUrl } = options;
  const uris = options.uris ?? referenceUris(baseUrl);
  const localHost = new URL(baseUrl).host;

  return {
    async actor(userId) {
      const user = await data.users.byId(userId);
      if (!user || user.domain !== null) return null;
      const id = uris.actor(user);
      return {
        "@context": ACTOR_CONTEXT,
        id,
        type: "Person",
        following: `${id}/following`,
        followers: `${id}/followers`,
        inbox: `${id}/inbox`,
        outbox: `${id}/outbox`,
        preferredUsername: user.nickname,
        name: user.displayName,
        summary: user.note,
        url: id,
        manuallyApprovesFollowers: user.isLocked,
        published: user.createdAt.toISOString(),
        endpoints: { sharedInbox: `${baseUrl}/inbox` },
        ...(user.avatarUrl ? { icon: { type: "Image", url: user.avatarUrl } } : {}),
        ...(user.headerUrl ? { image: { type: "Image", url: user.headerUrl } } : {}),
      };
    },

    async *outbox(userId, page) {
      const author = await data.users.byId(userId);
      if (!author) return;
      const actor = uris.actor(author);
      for await (const rows of ascending((q) => data.statuses.byAuthor(userId, q), (s) => s.id, page)) {
        const mentioned = await data.users.byIds([...new Set(rows.flatMap((s) => s.mentionIds))]);
        const mentionUri = new Map(mentioned.map((u) => [u.id, uris.actor(u)]));
        yield rows.map((status) => createActivity(status, actor, mentionUri, uris));
      }
    },

    async *likes(userId, page) {
      for await (const rows of ascending((q) => data.favourites.byUser(userId, q), (f) => f.favouriteId, page)) {
        yield rows.map((f) => uris.object(f.statusId));
      }
    },

    async *bookmarks() {
      // HostData has no bookmarks; a host that keeps them yields their object ids here.
    },

    async *relations(userId, kind, page) {
      const ids = await data.relations.allFrom(kind === "following" ? "follow" : kind === "blocks" ? "block" : "mute", userId);
      for (let i = 0; i < ids.length; i += page.pageSize) {
        page.signal?.throwIfAborted();
        const users = await data.users.byIds(ids.slice(i, i + page.pageSize));
        yield users.map((u) => (u.nickname.includes("@") ? u.nickname : `${u.nickname}@${u.domain ?? localHost}`));
      }
    },
  };
}

/**
 * Walks a Mastodon-paged list from the oldest row up: each request asks for the rows just above
 * the last id seen (`minId`, starting below every id), whatever order the page comes back in.
 */
async function* ascending<T>(
  fetch: (query: { minId: string; limit: number }) => Promise<T[]>,
  idOf: (row: T) => string,
  page: BackupPageOptions,
): AsyncGenerator<T[]> {
  let cursor = "";
  for (;;) {
    page.signal?.throwIfAborted();
    const rows = await fetch({ minId: cursor, limit: page.pageSize });
    if (rows.length === 0) return;
    rows.sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
    yield rows;
    cursor = idOf(rows[rows.length - 1]!);
    if (rows.length < page.pageSize) return;
  }
}

/** A status as its federated `Create` activity (no per-item `@context`, content.md 4.5). */
function createActivity(status: StatusRow, actor: string, mentionUri: Map<string, string>, uris: ReferenceUris): Entity {
  const mentions = status.mentionIds.flatMap((id) => {
    const uri = mentionUri.get(id);
    return uri ? [uri] : [];
  });
  const { to, cc } = addressing(status.visibility, `${actor}/followers`, mentions);
  const published = status.createdAt.toISOString();
  return {
    id: uris.activity(status.id),
    type: "Create",
    actor,
    published,
    to,
    cc,
    object: {
      id: uris.object(status.id),
      type: "Note",
      attributedTo: actor,
      content: status.content,
      summary: status.spoilerText,
      sensitive: status.sensitive,
      published,
      inReplyTo: status.inReplyToId ? uris.object(status.inReplyToId) : null,
      context: uris.object(status.contextId),
      url: uris.notice(status.id),
      to,
      cc,
      tag: mentions.map((href) => ({ type: "Mention", href })),
    },
  };
}

function addressing(visibility: Visibility, followers: string, mentions: string[]): { to: string[]; cc: string[] } {
  switch (visibility) {
    case "public":
      return { to: [PUBLIC], cc: [followers, ...mentions] };
    case "unlisted":
      return { to: [followers], cc: [PUBLIC, ...mentions] };
    case "private":
    case "local":
    case "list":
      return { to: [followers], cc: mentions };
    case "direct":
      return { to: mentions, cc: [] };
  }
}
