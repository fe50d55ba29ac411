import { appError } from "../../errors/index.js";
import type { Entity, HostStatuses } from "../../ports/host.js";
import { fromPort, requirePresent, type Outcome } from "../../result.js";
import type { ReactionsService } from "../reactions/reactions-service.js";

/**
 * Renders Status entities: the host's rendering plus the library's state (`emoji_reactions` in
 * `pleroma` and at the top level, as Akkoma does). Hosts call this from their own status
 * endpoints too, so every Status carries the same library fields. One batch per call.
 */
export class StatusRenderer {
  constructor(
    private readonly statuses: HostStatuses,
    private readonly reactions: ReactionsService,
  ) {}

  render(ids: readonly string[], viewerId: string | null): Outcome<Map<string, Entity>> {
    return fromPort(() => this.statuses.render(ids, viewerId)).andThen((rendered) =>
      this.reactions.statusMaps([...rendered.keys()], viewerId).map((maps) => {
        for (const [id, entity] of rendered) {
          const emojiReactions = maps.get(id) ?? [];
          const pleroma = (entity.pleroma ?? {}) as Entity;
          rendered.set(id, { ...entity, emoji_reactions: emojiReactions, pleroma: { ...pleroma, emoji_reactions: emojiReactions } });
        }
        return rendered;
      }),
    );
  }

  /**
   * Adds the library's fields to Status JSON the host rendered itself (its own serializers, no
   * per-status call): `emoji_reactions` at the top level and in `pleroma`, for each status and its
   * `reblog`. One store query for the whole batch; every other field is kept as the host wrote it.
   * The host has already decided visibility for these statuses.
   */
  decorate(statuses: readonly Entity[], viewerId: string | null): Outcome<Entity[]> {
    const ids = new Set<string>();
    for (const status of statuses) {
      if (typeof status.id === "string") ids.add(status.id);
      const reblog = status.reblog as Entity | null | undefined;
      if (reblog && typeof reblog.id === "string") ids.add(reblog.id);
    }
    return this.reactions.statusMaps([...ids], viewerId).map((maps) => {
      const add = (status: Entity): Entity => {
        const emojiReactions = maps.get(status.id as string) ?? [];
        const pleroma = (status.pleroma ?? {}) as Entity;
        const reblog = status.reblog as Entity | null | undefined;
        return {
          ...status,
          ...(reblog ? { reblog: add(reblog) } : {}),
          emoji_reactions: emojiReactions,
          pleroma: { ...pleroma, emoji_reactions: emojiReactions },
        };
      };
      return statuses.map(add);
    });
  }

  renderOne(id: string, viewerId: string | null): Outcome<Entity> {
    return this.render([id], viewerId).andThen((map) => requirePresent(map.get(id), appError("NOT_FOUND")));
  }
}
