/**
 * The default avatar and banner every account without its own points at (`/images/avi.png`,
 * `/images/banner.png`, as Pleroma names them): small solid PNGs, so no avatar is a broken image.
 */
import { defineRoute, okAsync, type RouteDefinition } from "@pleroma-kit/core";

/** 48x48 grey-blue. */
const AVATAR =
  "iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAOklEQVR42u3OQQ0AAAgEoMtvBQsY0xbOBxsBSPW8EiEhISEhISEhISEhISEhISEhISEhISEhISGhOwtulDXxbYntBAAAAABJRU5ErkJggg==";
/** 96x32 dark blue, stretched by the front ends. */
const BANNER =
  "iVBORw0KGgoAAAANSUhEUgAAAGAAAAAgCAIAAABiouoDAAAARUlEQVR42u3QQQkAAAgEsEtmC1PY/28D/8JgCZbq4RAFggQJEiRIkCBBCBIkSJAgQYIEIUiQIEGCBAkShCBBggQJEvTXAiKX6KZV2cDhAAAAAElFTkSuQmCC";

/** The paths the account renderer uses when an account has no avatar or header of its own. */
export const DEFAULT_AVATAR_PATH = "/images/avi.png";
export const DEFAULT_BANNER_PATH = "/images/banner.png";

export function defaultImageRoutes(): RouteDefinition[] {
  const image = (name: string, path: string, base64: string) => {
    const bytes = Buffer.from(base64, "base64");
    return defineRoute({
      name,
      method: "GET",
      paths: [path],
      auth: "none",
      summary: "A default profile image (PNG).",
      responseType: "image/png",
      handler: () =>
        okAsync(
          new Response(new Uint8Array(bytes), {
            status: 200,
            headers: { "content-type": "image/png", "cache-control": "public, max-age=86400", "content-length": String(bytes.length) },
          }),
        ),
    });
  };
  return [image("mastodon.defaultAvatar", DEFAULT_AVATAR_PATH, AVATAR), image("mastodon.defaultBanner", DEFAULT_BANNER_PATH, BANNER)];
}
