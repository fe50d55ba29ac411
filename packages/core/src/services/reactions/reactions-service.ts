import { errAsync, okAsync } from "neverthrow";
import type { KitConfig } from "../../config.js";
import { appError } from "../../errors/index.js";
import type { Clock, IdGenerator } from "../../ports/infrastructure.js";
import type { Entity, HostPorts, HostStatus } from "../../ports/host.js";
import type { ReactionGroup, ReactionStore } from "../../ports/store.js";
import { fromPort, type Outcome } from "../../result.js";
import type { EmojiCatalog } from "../emoji/emoji-catalog.js";
import { parseReactionEmoji, type ParsedEmoji } from "./reaction-emoji.js";
import { followersOf } from "../shared/audience.js";
import { activityId } from "../shared/activity-id.js";

/** A reaction as embedded in a Status (`pleroma.emoji_reactions`). */
export interface ReactionMapEntry {
  readonly name: string;
  readonly count: number;
  readonly me: boolean;
  readonly url: string | null;
  readonly account_ids: string[];
}

/** A reaction as listed by `GET .../reactions`. */
export interface ReactionListEntry {
  readonly name: string;
  readonly count: number;
  readonly me: boolean;
  readonly url: string | null;
  readonly accounts: Entity[];
}

export interface ReactionsDeps {
  readonly store: ReactionStore;
  readonly host: HostPorts;
  readonly emoji: EmojiCatalog;
  readonly config: KitConfig;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Renders the status returned by PUT/DELETE (core's StatusRenderer). */
  readonly renderStatus: (id: string, viewerId: string) => Outcome<Entity>;
}

/**
 * Emoji reactions (content.md 2): react, unreact, list, and the per-status maps every Status
 * embeds. Unlike Akkoma, a status the caller cannot see is "Record not found" everywhere.
 */
export class ReactionsService {
  constructor(private readonly deps: ReactionsDeps) {}

  react(viewerId: string, statusId: string, rawEmoji: string): Outcome<Entity> {
    return this.visibleStatus(statusId, viewerId).andThen((status) =>
      this.resolveForAdd(status.id, parseReactionEmoji(rawEmoji)).andThen((emoji) =>
        fromPort(() =>
          this.deps.store.add({ statusId: status.id, userId: viewerId, name: emoji.name, url: emoji.url, createdAt: this.deps.clock.now() }),
        )
          .andThen((added) => (added ? this.announceReaction(status, viewerId, emoji) : okAsync(undefined)))
          .andThen(() => this.deps.renderStatus(status.id, viewerId)),
      ),
    );
  }

  unreact(viewerId: string, statusId: string, rawEmoji: string): Outcome<Entity> {
    const parsed = parseReactionEmoji(rawEmoji);
    return this.visibleStatus(statusId, viewerId).andThen((status) => {
      if (!parsed) return errAsync(appError("REACTION_REMOVE_FAILED"));
      return fromPort(() => this.deps.store.groupsFor([status.id]))
        .andThen((groups) => {
          const mine = this.findOwnGroup(groups.get(status.id) ?? [], viewerId, parsed);
          if (!mine) return errAsync(appError("REACTION_REMOVE_FAILED"));
          return fromPort(() => this.deps.store.remove(status.id, viewerId, mine)).andThen((removed) =>
            removed ? this.announceUndo(status, viewerId, mine) : errAsync(appError("REACTION_REMOVE_FAILED")),
          );
        })
        .andThen(() => this.deps.renderStatus(status.id, viewerId));
    });
  }

  /**
   * A remote `EmojiReact` the host's inbox accepted: stored and the author notified, nothing
   * published. `emoji` is the unicode emoji, or a custom emoji's shortcode (no colons) with the
   * image URL from the activity's `tag`. True when stored; false when it was already there.
   * NOT_FOUND when the actor may not see the status, REACTION_ADD_FAILED for a bad emoji.
   */
  receiveReact(actorId: string, statusId: string, emoji: { name: string; url: string | null }): Outcome<boolean> {
    return this.visibleStatus(statusId, actorId).andThen((status) => {
      const parsed = emoji.url === null ? parseReactionEmoji(emoji.name) : null;
      const name = parsed?.kind === "unicode" ? parsed.name : emoji.url !== null && /^[\w-]+$/.test(emoji.name) && /^https?:\/\//.test(emoji.url) ? emoji.name : null;
      if (name === null) return errAsync(appError("REACTION_ADD_FAILED"));
      return fromPort(() => this.deps.store.add({ statusId: status.id, userId: actorId, name, url: emoji.url, createdAt: this.deps.clock.now() })).andThen(
        (added) =>
          added
            ? this.notifyAuthor(status, actorId, { content: emoji.url === null ? name : `:${name}:`, url: emoji.url }).map(() => true)
            : okAsync(false),
      );
    });
  }

  /** A remote `Undo` of an `EmojiReact`: removes that reaction; false when there was none. Publishes nothing. */
  receiveUndo(actorId: string, statusId: string, emoji: { name: string; url: string | null }): Outcome<boolean> {
    const parsed = emoji.url === null ? parseReactionEmoji(emoji.name) : null;
    const name = parsed?.kind === "unicode" ? parsed.name : emoji.name;
    return fromPort(() => this.deps.store.remove(statusId, actorId, { name, url: emoji.url }));
  }

  /**
   * `GET .../reactions[/:emoji]`: entries with full accounts, filtered for the viewer. `emoji`
   * filters by the stored name exactly (no normalisation), as Akkoma does.
   */
  list(
    viewerId: string | null,
    statusId: string,
    options: { emoji?: string; withMuted?: boolean } = {},
  ): Outcome<ReactionListEntry[]> {
    return this.visibleStatus(statusId, viewerId).andThen((status) => {
      if (!this.deps.config.instance.showReactions) return okAsync([]);
      return this.filteredGroups([status.id], viewerId, options.withMuted ?? false).andThen((byStatus) => {
        let groups = byStatus.get(status.id) ?? [];
        if (options.emoji !== undefined) groups = groups.filter((g) => g.group.name === options.emoji);
        const ids = [...new Set(groups.flatMap((g) => g.userIds))];
        return fromPort(() => this.deps.host.accounts.render(ids, viewerId)).map((accounts) =>
          groups.map((g) => ({
            name: g.displayName,
            count: g.userIds.length,
            me: viewerId !== null && g.userIds.includes(viewerId),
            url: g.group.url,
            accounts: g.userIds.flatMap((id) => {
              const a = accounts.get(id);
              return a ? [a] : [];
            }),
          })),
        );
      });
    });
  }

  /** The `emoji_reactions` maps of many statuses for one viewer: one store query, one filter call. */
  statusMaps(statusIds: readonly string[], viewerId: string | null): Outcome<Map<string, ReactionMapEntry[]>> {
    return this.filteredGroups(statusIds, viewerId, false).map((byStatus) => {
      const out = new Map<string, ReactionMapEntry[]>();
      for (const [statusId, groups] of byStatus) {
        out.set(
          statusId,
          groups.map((g) => ({
            name: g.displayName,
            count: g.userIds.length,
            me: viewerId !== null && g.userIds.includes(viewerId),
            url: g.group.url,
            account_ids: g.userIds,
          })),
        );
      }
      return out;
    });
  }

  private visibleStatus(statusId: string, viewerId: string | null): Outcome<HostStatus> {
    return fromPort(() => this.deps.host.statuses.getVisible(statusId, viewerId)).andThen((s) =>
      s ? okAsync(s) : errAsync(appError("NOT_FOUND")),
    );
  }

  private resolveForAdd(statusId: string, parsed: ParsedEmoji | null): Outcome<{ name: string; url: string | null; content: string }> {
    const failed = appError("REACTION_ADD_FAILED");
    if (!parsed) return errAsync(failed);
    if (parsed.kind === "unicode") return okAsync({ name: parsed.name, url: null, content: parsed.name });
    const content = `:${parsed.shortcode}:`;
    if (parsed.domain === null || parsed.domain === this.deps.config.localHost) {
      return fromPort(() => this.deps.emoji.get(parsed.shortcode)).andThen((e) =>
        e ? okAsync({ name: e.shortcode, url: this.localEmojiUrl(e.path), content }) : errAsync(failed),
      );
    }
    // A remote emoji can only be added to where it already is ("+1"), reusing that entry's URL.
    return fromPort(() => this.deps.store.groupsFor([statusId])).andThen((groups) => {
      const match = (groups.get(statusId) ?? []).find(
        (g) => g.name === parsed.shortcode && g.url !== null && hostOf(g.url) === parsed.domain,
      );
      return match ? okAsync({ name: match.name, url: match.url, content }) : errAsync(failed);
    });
  }

  private findOwnGroup(groups: readonly ReactionGroup[], viewerId: string, parsed: ParsedEmoji): ReactionGroup | null {
    const own = groups.filter((g) => g.userIds.includes(viewerId));
    if (parsed.kind === "unicode") return own.find((g) => g.url === null && g.name === parsed.name) ?? null;
    const named = own.filter((g) => g.url !== null && g.name === parsed.shortcode);
    if (parsed.domain) return named.find((g) => hostOf(g.url!).includes(parsed.domain!)) ?? null;
    return named.find((g) => hostOf(g.url!) === this.deps.config.localHost) ?? named[0] ?? null;
  }

  /** Groups per status with hidden and inactive reactors removed; empty groups dropped. */
  private filteredGroups(
    statusIds: readonly string[],
    viewerId: string | null,
    includeMuted: boolean,
  ): Outcome<Map<string, Array<{ group: ReactionGroup; userIds: string[]; displayName: string }>>> {
    return fromPort(() => this.deps.store.groupsFor(statusIds)).andThen((byStatus) => {
      const everyone = [...new Set([...byStatus.values()].flatMap((gs) => gs.flatMap((g) => g.userIds)))];
      if (everyone.length === 0) return okAsync(new Map());
      const hostPorts = this.deps.host;
      return fromPort(async () => {
        const [active, hidden] = await Promise.all([
          hostPorts.accounts.activeAmong(everyone),
          viewerId ? hostPorts.relationships.hiddenFor(viewerId, everyone, { includeMuted }) : Promise.resolve(new Set<string>()),
        ]);
        const out = new Map<string, Array<{ group: ReactionGroup; userIds: string[]; displayName: string }>>();
        for (const [statusId, groups] of byStatus) {
          const kept = groups.flatMap((group) => {
            const userIds = group.userIds.filter((id) => active.has(id) && !hidden.has(id));
            return userIds.length > 0 ? [{ group, userIds, displayName: this.displayName(group) }] : [];
          });
          if (kept.length > 0) out.set(statusId, kept);
        }
        return out;
      });
    });
  }

  /** Custom emoji from another host are named `shortcode@host` in responses. */
  private displayName(group: ReactionGroup): string {
    if (group.url === null) return group.name;
    const host = hostOf(group.url);
    return host && host !== this.deps.config.localHost ? `${group.name}@${host}` : group.name;
  }

  private localEmojiUrl(path: string): string {
    return `${this.deps.config.baseUrl}${encodeURI(path)}`;
  }

  private announceReaction(status: HostStatus, actorId: string, emoji: { content: string; url: string | null }): Outcome<void> {
    const { host, config, ids } = this.deps;
    const to = status.visibility === "public" ? [status.authorId, followersOf(actorId)] : [status.authorId];
    return fromPort(async () => {
      await host.federation.publish({
        type: "EmojiReact",
        id: activityId(host.federation, config, "EmojiReact", ids.next()),
        actorId,
        object: status.id,
        content: emoji.content,
        ...(emoji.url ? { tag: [{ type: "Emoji", name: emoji.content, icon: { type: "Image", url: emoji.url } }] } : {}),
        to,
        cc: status.addressedTo.filter((id) => id !== actorId && id !== status.authorId),
      });
    }).andThen(() => this.notifyAuthor(status, actorId, emoji));
  }

  private notifyAuthor(status: HostStatus, actorId: string, emoji: { content: string; url: string | null }): Outcome<void> {
    if (status.authorId === actorId) return okAsync(undefined);
    return fromPort(() =>
      this.deps.host.notifications.create({
        type: "pleroma:emoji_reaction",
        recipientId: status.authorId,
        actorId,
        statusId: status.id,
        emoji: emoji.content,
        emojiUrl: emoji.url,
      }),
    );
  }

  private announceUndo(status: HostStatus, actorId: string, group: ReactionGroup): Outcome<void> {
    const { host, config, ids } = this.deps;
    const content = group.url === null ? group.name : `:${group.name}:`;
    return fromPort(() =>
      host.federation.publish({
        type: "Undo",
        id: activityId(host.federation, config, "Undo", ids.next()),
        actorId,
        object: { type: "EmojiReact", object: status.id, content },
        to: status.visibility === "public" ? [status.authorId, followersOf(actorId)] : [status.authorId],
        cc: [],
      }),
    );
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return "";
  }
}
