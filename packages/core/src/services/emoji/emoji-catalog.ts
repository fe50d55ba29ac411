/**
 * `staticEmojiCatalog`: an {@link EmojiCatalog} over a fixed list (tests, hosts that keep their own
 * emoji). The port itself lives in `ports/emoji-catalog.ts`; its types are re-exported here for
 * the services that import them from this path.
 */
import type { CustomEmoji, EmojiCatalog } from "../../ports/emoji-catalog.js";

export type { CustomEmoji, EmojiCatalog } from "../../ports/emoji-catalog.js";

export function staticEmojiCatalog(emoji: readonly CustomEmoji[] = []): EmojiCatalog {
  const byCode = new Map(emoji.map((e) => [e.shortcode, e]));
  return {
    list: async () => emoji,
    get: async (shortcode) => byCode.get(shortcode) ?? null,
  };
}
