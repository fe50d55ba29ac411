import type { HostData, StatusRow, UserRow } from "./host-data.js";

/** What deciding visibility needs to know about the viewer and the authors, loaded in one batch. */
export interface VisibilityFacts {
  readonly viewer: UserRow | null;
  readonly authors: ReadonlyMap<string, UserRow>;
  /** Authors the viewer follows. */
  readonly followed: ReadonlySet<string>;
  /** Authors that block the viewer. */
  readonly blockedBy: ReadonlySet<string>;
}

/**
 * Whether `viewer` may see `status`:
 * - the author always (while active);
 * - `public` and `unlisted`: everyone, anonymous too;
 * - `private`: the author's followers and the mentioned;
 * - `direct` and `list`: the mentioned;
 * - `local`: signed-in local users;
 * and never when the author is deactivated or blocks the viewer.
 */
export function canSee(status: StatusRow, facts: VisibilityFacts): boolean {
  const author = facts.authors.get(status.authorId);
  if (!author || !author.isActive) return false;
  const viewer = facts.viewer;
  if (viewer && viewer.id === status.authorId) return true;
  if (viewer && facts.blockedBy.has(status.authorId)) return false;
  const mentioned = viewer !== null && status.mentionIds.includes(viewer.id);
  switch (status.visibility) {
    case "public":
    case "unlisted":
      return true;
    case "private":
      return mentioned || (viewer !== null && facts.followed.has(status.authorId));
    case "local":
      return viewer !== null && viewer.domain === null;
    case "direct":
    case "list":
      return mentioned;
  }
}

/** Loads the facts for `rows` and `viewerId` with a fixed number of port calls. */
export async function visibilityFacts(data: HostData, rows: readonly StatusRow[], viewerId: string | null): Promise<VisibilityFacts> {
  const authorIds = [...new Set(rows.map((r) => r.authorId))];
  const [viewer, authors, edges] = await Promise.all([
    viewerId === null ? Promise.resolve(null) : data.users.byId(viewerId),
    data.users.byIds(authorIds),
    viewerId === null ? Promise.resolve([]) : data.relations.between(viewerId, authorIds, ["follow", "block"]),
  ]);
  const followed = new Set(edges.filter((e) => e.kind === "follow" && e.fromId === viewerId).map((e) => e.toId));
  const blockedBy = new Set(edges.filter((e) => e.kind === "block" && e.toId === viewerId).map((e) => e.fromId));
  // A deactivated viewer sees what an anonymous one sees.
  const activeViewer = viewer && viewer.isActive ? viewer : null;
  return { viewer: activeViewer, authors: new Map(authors.map((a) => [a.id, a])), followed, blockedBy };
}

/** The rows of `rows` the viewer may see, in the same order. */
export async function visibleRows(data: HostData, rows: readonly StatusRow[], viewerId: string | null): Promise<StatusRow[]> {
  if (rows.length === 0) return [];
  const facts = await visibilityFacts(data, rows, viewerId);
  return rows.filter((r) => canSee(r, facts));
}
