import { randomBytes } from "node:crypto";
import { errAsync, okAsync } from "neverthrow";
import type { KitConfig } from "../../config.js";
import { appError } from "../../errors/index.js";
import type { FileStore } from "../../ports/files.js";
import type { HostPorts } from "../../ports/host.js";
import type { ProfileMediaStore, StoredAttachment } from "../../ports/store.js";
import { fromPort, type Outcome } from "../../result.js";
import { imageDimensions, mimeForExtension, sniffImage, type SniffedImage } from "./image-sniff.js";

/** The mascot GET answers when the user has none (accounts.md 13): Akkoma's default, as Akkoma renders it. */
export const DEFAULT_MASCOT: StoredAttachment = {
  id: "default-mascot",
  url: "/images/pleroma-fox-tan-smol.png",
  preview_url: "/images/pleroma-fox-tan-smol.png",
  pleroma: { mime_type: "image/png" },
};

/** Where uploaded profile media live in the FileStore; the media route serves only this folder. */
export const MEDIA_PREFIX = "media";
/** Names the media route accepts: random token plus a known image extension. Nothing else is read. */
export const MEDIA_NAME = /^[A-Za-z0-9_-]{16,64}\.(png|jpg|gif|webp|avif|bmp)$/;

/** Which `update_*` endpoint: avatar and banner go to the host, the background is the library's. */
export type ProfileImageTarget = "avatar" | "banner" | "background";

export interface ProfileMediaDeps {
  readonly store: ProfileMediaStore;
  readonly host: HostPorts;
  readonly files: FileStore;
  readonly config: KitConfig;
}

/**
 * Mascots (accounts.md 13), the removed-upstream `update_avatar|banner|background` endpoints
 * (19.1), and the route serving uploaded media when the FileStore has no public URL. Image types
 * are decided by magic bytes only.
 */
export class ProfileMediaService {
  constructor(private readonly deps: ProfileMediaDeps) {}

  mascot(userId: string): Outcome<StoredAttachment> {
    return fromPort(() => this.deps.store.mascot(userId)).map((m) => m ?? DEFAULT_MASCOT);
  }

  /** Stores an image as the user's mascot; a non-image is 415 `mascots can only be images`. */
  setMascot(userId: string, file: File): Outcome<StoredAttachment> {
    return this.readImage(file, appError("MASCOT_NOT_IMAGE")).andThen(({ bytes, image }) =>
      this.saveFile(bytes, image).andThen(({ key, url, id }) => {
        const size = imageDimensions(bytes, image.mime);
        const attachment: StoredAttachment = {
          id,
          url,
          remote_url: url,
          preview_url: url,
          text_url: url,
          type: "image",
          description: "",
          pleroma: { mime_type: image.mime },
          blurhash: null,
          ...(size ? { meta: { original: { width: size.width, height: size.height, aspect: size.width / Math.max(1, size.height) } } } : {}),
        };
        return fromPort(() => this.deps.store.setMascot(userId, attachment))
          .orElse((error) => fromPort(() => this.deps.files.delete(key)).andThen(() => errAsync(error)))
          .map(() => attachment);
      }),
    );
  }

  /**
   * `PATCH /api/v1/pleroma/accounts/update_*`: a file sets the image, an empty value clears it.
   * Answers `{url}` (null when cleared).
   */
  updateImage(userId: string, target: ProfileImageTarget, value: File | ""): Outcome<{ url: string | null }> {
    const hostImages = this.deps.host.profileImages;
    if (target !== "background" && !hostImages) return errAsync(appError("HOST_FEATURE_MISSING"));
    const apply = (url: string | null) =>
      fromPort(() => (target === "background" ? this.deps.store.setBackground(userId, url) : hostImages!.setImage(userId, target, url)));
    if (value === "") return apply(null).map(() => ({ url: null }));
    return this.readImage(value, appError("PROFILE_IMAGE_NOT_IMAGE")).andThen(({ bytes, image }) =>
      this.saveFile(bytes, image).andThen(({ key, url }) =>
        apply(url)
          .orElse((error) => fromPort(() => this.deps.files.delete(key)).andThen(() => errAsync(error)))
          .map(() => ({ url })),
      ),
    );
  }

  /** Background image URLs for a batch of users: hosts render them as `pleroma.background_image`. */
  backgrounds(userIds: readonly string[]): Outcome<Map<string, string>> {
    return fromPort(() => this.deps.store.backgrounds(userIds));
  }

  /**
   * An uploaded media file for the media route: a Response with the type its extension (decided by
   * sniffing at upload) implies, `nosniff` and a sandboxing CSP. Unknown names are 404.
   */
  serve(name: string): Outcome<Response> {
    const extension = MEDIA_NAME.exec(name)?.[1];
    const mime = extension ? mimeForExtension(extension) : null;
    if (!mime) return errAsync(appError("MEDIA_NOT_FOUND"));
    return fromPort(() => this.deps.files.read(`${MEDIA_PREFIX}/${name}`)).andThen((stream) =>
      stream
        ? okAsync(
            new Response(stream, {
              status: 200,
              headers: {
                "content-type": mime,
                "x-content-type-options": "nosniff",
                "content-security-policy": "default-src 'none'; sandbox",
                "cache-control": "public, max-age=31536000, immutable",
              },
            }),
          )
        : errAsync(appError("MEDIA_NOT_FOUND")),
    );
  }

  private readImage(file: File, notImage: ReturnType<typeof appError>): Outcome<{ bytes: Uint8Array; image: SniffedImage }> {
    return fromPort(async () => new Uint8Array(await file.arrayBuffer())).andThen((bytes) => {
      const image = sniffImage(bytes);
      return image ? okAsync({ bytes, image }) : errAsync(notImage);
    });
  }

  private saveFile(bytes: Uint8Array, image: SniffedImage): Outcome<{ key: string; url: string; id: string }> {
    const id = randomBytes(16).toString("base64url");
    const name = `${id}.${image.extension}`;
    const key = `${MEDIA_PREFIX}/${name}`;
    return fromPort(() => this.deps.files.write(key, bytes, { maxBytes: this.deps.config.instance.uploadLimit })).map(() => ({
      key,
      id,
      url: this.deps.files.publicUrl(key) ?? `${this.deps.config.baseUrl}/api/v1/pleroma/media/${name}`,
    }));
  }
}
