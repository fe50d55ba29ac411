/**
 * The instance's custom emoji, as reactions and the emoji list read them. The emoji-pack service
 * implements it over the live pack state; `staticEmojiCatalog` serves a fixed list (tests, hosts
 * that keep their own emoji).
 */

export interface CustomEmoji {
  /** Without colons. */
  readonly shortcode: string;
  /** Site-relative path, e.g. `/emoji/blobs/blobcat.png` (Pleroma's `image_url`). */
  readonly path: string;
  readonly tags: readonly string[];
}

export interface EmojiCatalog {
  list(): Promise<readonly CustomEmoji[]>;
  get(shortcode: string): Promise<CustomEmoji | null>;
}

export function staticEmojiCatalog(emoji: readonly CustomEmoji[] = []): EmojiCatalog {
  const byCode = new Map(emoji.map((e) => [e.shortcode, e]));
  return {
    list: async () => emoji,
    get: async (shortcode) => byCode.get(shortcode) ?? null,
  };
}
