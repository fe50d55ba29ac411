/** What the Mastodon route areas are built from; each area takes the part it uses. */
import type { Services } from "@pleroma-kit/core";
import type { ReferenceHost } from "../reference-host.js";
import type { MastodonRoutesOptions } from "./options.js";

export interface MastodonRouteDeps {
  /** The host the routes read and write. */
  readonly host: ReferenceHost;
  /** The kit's services: status rendering (with `emoji_reactions`), conversations, custom emoji. */
  readonly services: Services;
  /** The hooks, with the library's defaults filled in. */
  readonly options: MastodonRoutesOptions;
}
