import { crc32 } from "node:zlib";
import type { Entity } from "@pleroma-kit/core";
import { formatDate, type HostContext } from "./host-context.js";
import type { StatusRow, UserRow } from "./host-data.js";
import { accountUrl, acctOf, renderAccounts } from "./render-accounts.js";
import { renderStatusHtml } from "./status-text.js";
import { canSee, visibilityFacts } from "./visibility.js";

/** Pleroma's `conversation_id`: CRC32 of the context IRI with the top bit cleared (content.md 3). */
export function conversationIdOf(context: string): number {
  return crc32(context) & 0x7fffffff;
}

/** The context IRI of a thread. */
export function contextIri(ctx: HostContext, contextId: string): string {
  return `${ctx.baseUrl}/contexts/${contextId}`;
}

/**
 * Renders Mastodon Status entities (content.md 5.1) for `viewerId`, one batch. Statuses the viewer
 * may not see, and unknown ids, are absent. `emoji_reactions` are empty placeholders: core's
 * `StatusRenderer` fills them, so routes render through `services.statuses.render`.
 */
const SHORTCODE = /:[A-Za-z0-9_+-]+:/;

/** The custom emoji a text uses (`:shortcode:` known to the catalog), once each, in order of use. */
export function emojisIn(text: string, catalog: ReadonlyMap<string, string>): Entity[] {
  const out = new Map<string, Entity>();
  for (const m of text.matchAll(/:([A-Za-z0-9_+-]+):/g)) {
    const url = catalog.get(m[1]!);
    if (url && !out.has(m[1]!)) out.set(m[1]!, { shortcode: m[1]!, url, static_url: url, visible_in_picker: true });
  }
  return [...out.values()];
}

export async function renderStatuses(ctx: HostContext, ids: readonly string[], viewerId: string | null): Promise<Map<string, Entity>> {
  const { data } = ctx;
  const rows = await data.statuses.byIds([...new Set(ids)]);
  if (rows.length === 0) return new Map();
  const parentIds = [...new Set(rows.flatMap((r) => (r.inReplyToId ? [r.inReplyToId] : [])))];
  const parents = await data.statuses.byIds(parentIds);
  const facts = await visibilityFacts(data, [...rows, ...parents], viewerId);
  const visible = rows.filter((r) => canSee(r, facts));
  if (visible.length === 0) return new Map();
  const visibleIds = visible.map((r) => r.id);
  const parentById = new Map(parents.map((p) => [p.id, p]));
  const mentionIds = [...new Set(visible.flatMap((r) => r.mentionIds))];
  const parentAuthorIds = parents.map((p) => p.authorId);
  const [accounts, mentioned, replies, favCounts, favourited, emoji] = await Promise.all([
    renderAccounts(ctx, [...new Set(visible.map((r) => r.authorId))], viewerId),
    data.users.byIds([...new Set([...mentionIds, ...parentAuthorIds])]),
    data.statuses.replyCounts(visibleIds),
    data.favourites.counts(visibleIds),
    viewerId === null ? Promise.resolve(new Set<string>()) : data.favourites.among(viewerId, visibleIds),
    visible.some((r) => SHORTCODE.test(r.content) || SHORTCODE.test(r.spoilerText)) ? (ctx.readers?.customEmoji() ?? new Map<string, string>()) : new Map<string, string>(),
  ]);
  const users = new Map<string, UserRow>(mentioned.map((u) => [u.id, u]));
  for (const a of facts.authors.values()) users.set(a.id, a);

  const out = new Map<string, Entity>();
  for (const row of visible) {
    const account = accounts.get(row.authorId);
    if (!account) continue;
    const author = facts.authors.get(row.authorId)!;
    const parent = row.inReplyToId ? (parentById.get(row.inReplyToId) ?? null) : null;
    const parentAuthor = parent ? (users.get(parent.authorId) ?? null) : null;
    const mentions = row.mentionIds.flatMap((id) => {
      const u = users.get(id);
      return u ? [{ id: u.id, acct: acctOf(u), username: u.nickname.split("@")[0]!, url: accountUrl(ctx, u) }] : [];
    });
    const linkable = new Map(mentions.map((m) => [m.acct.toLowerCase(), m.url]));
    const context = contextIri(ctx, row.contextId);
    const uri = `${ctx.baseUrl}/objects/${row.id}`;
    out.set(row.id, {
      id: row.id,
      uri,
      url: `${ctx.baseUrl}/notice/${row.id}`,
      account,
      in_reply_to_id: row.inReplyToId,
      in_reply_to_account_id: parent?.authorId ?? null,
      reblog: null,
      card: null,
      content: renderStatusHtml(row.content, linkable),
      text: null,
      created_at: formatDate(row.createdAt),
      edited_at: null,
      reblogs_count: 0,
      replies_count: replies.get(row.id) ?? 0,
      favourites_count: favCounts.get(row.id) ?? 0,
      reblogged: false,
      favourited: favourited.has(row.id),
      bookmarked: false,
      muted: false,
      pinned: false,
      sensitive: row.sensitive,
      spoiler_text: row.spoilerText,
      visibility: row.visibility,
      media_attachments: [],
      poll: null,
      mentions,
      tags: [],
      application: null,
      language: null,
      emojis: emojisIn(`${row.spoilerText} ${row.content}`, emoji),
      quote_id: null,
      quote: null,
      emoji_reactions: [],
      pleroma: {
        local: author.domain === null,
        conversation_id: conversationIdOf(context),
        context,
        in_reply_to_account_acct: parentAuthor ? acctOf(parentAuthor) : null,
        content: { "text/plain": row.content },
        spoiler_text: { "text/plain": row.spoilerText },
        expires_at: null,
        direct_conversation_id: null,
        thread_muted: false,
        emoji_reactions: [],
        parent_visible: parent === null ? row.inReplyToId === null : canSee(parent, facts),
        pinned_at: null,
      },
      akkoma: {
        source: { content: row.content, mediaType: "text/plain" },
        in_reply_to_apid: parent ? `${ctx.baseUrl}/objects/${parent.id}` : null,
        quote_apid: null,
      },
    });
  }
  return out;
}

/** The status's source text, for DELETE's answer (`text`), Mastodon's "delete and redraft". */
export function withSourceText(entity: Entity, row: StatusRow): Entity {
  return { ...entity, text: row.content };
}
