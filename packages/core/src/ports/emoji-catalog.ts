/**
 * The instance's custom emoji, as reactions and the emoji list read them. The emoji-pack service
 * implements it over the live pack state (`packEmojiCatalog`); `staticEmojiCatalog` serves a
 * fixed list (tests, hosts that keep their own emoji).
 */

/** One custom emoji of the instance. */
export interface CustomEmoji {
  /** Without colons. */
  readonly shortcode: string;
  /** Site-relative path, e.g. `/emoji/blobs/blobcat.png` (Pleroma's `image_url`). */
  readonly path: string;
  readonly tags: readonly string[];
}

/**
 * Read access to the custom emoji. Safe to call concurrently; an implementation may cache (the
 * pack catalog does, for a bounded time).
 *
 * @example
 * const emoji = staticEmojiCatalog([{ shortcode: "blobcat", path: "/emoji/blobcat.png", tags: [] }]);
 */
export interface EmojiCatalog {
  /** Every custom emoji. */
  list(): Promise<readonly CustomEmoji[]>;
  /** The emoji with that shortcode (without colons), or null. */
  get(shortcode: string): Promise<CustomEmoji | null>;
  /** Optional: forget any cached state so the next read sees the current emoji (admin `reload_emoji`). */
  refresh?(): void;
}
