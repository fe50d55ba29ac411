import type { KitConfig } from "../../config.js";
import { fromPort, type Outcome } from "../../result.js";
import type { EmojiCatalog } from "./emoji-catalog.js";

/** Pleroma's emoji map entry (accounts.md 3). */
export interface EmojiMapEntry {
  readonly image_url: string;
  readonly tags: readonly string[];
}

/** Mastodon's custom emoji entity. */
export interface MastodonCustomEmoji {
  readonly shortcode: string;
  readonly url: string;
  readonly static_url: string;
  readonly visible_in_picker: boolean;
  readonly category?: string;
}

/** Lists the instance's custom emoji in Pleroma's and Mastodon's shapes. */
export class CustomEmojiService {
  constructor(
    private readonly catalog: EmojiCatalog,
    private readonly config: KitConfig,
  ) {}

  /** `GET /api/v1/pleroma/emoji`: shortcode -> `{image_url, tags}`; `{}` when there is none. */
  pleromaMap(): Outcome<Record<string, EmojiMapEntry>> {
    return fromPort(() => this.catalog.list()).map((list) => {
      const out: Record<string, EmojiMapEntry> = {};
      for (const e of list) out[e.shortcode] = { image_url: e.path, tags: [...e.tags] };
      return out;
    });
  }

  /** Mastodon's `GET /api/v1/custom_emojis`: an array with absolute URLs. */
  mastodonList(): Outcome<MastodonCustomEmoji[]> {
    return fromPort(() => this.catalog.list()).map((list) =>
      list.map((e) => {
        const url = this.absoluteUrl(e.path);
        const pack = e.tags.find((t) => t.startsWith("pack:"));
        return {
          shortcode: e.shortcode,
          url,
          static_url: url,
          visible_in_picker: true,
          ...(pack ? { category: pack.slice(5) } : {}),
        };
      }),
    );
  }

  /** The emoji's image URL on this instance. */
  absoluteUrl(path: string): string {
    return `${this.config.baseUrl}${encodeURI(path)}`;
  }

  get catalogPort(): EmojiCatalog {
    return this.catalog;
  }
}
