import { z } from "zod";
import { file } from "../schema.js";
import { defineRoute, pleromaPaths } from "../route.js";
import type { ProfileImageTarget } from "../../services/profile-media/profile-media-service.js";
import { AttachmentSchema } from "../entity-schemas.js";

const getMascot = defineRoute({
  name: "profileMedia.mascot",
  method: "GET",
  paths: pleromaPaths("/mascot"),
  auth: "user",
  scopes: ["read:accounts"],
  summary: "Your mascot attachment, or the instance default.",
  response: AttachmentSchema,
  calls: ["profileMedia.mascot"],
  handler: ({ viewer, services }) => services.profileMedia.mascot(viewer!.id),
});

const putMascot = defineRoute({
  name: "profileMedia.setMascot",
  method: "PUT",
  paths: pleromaPaths("/mascot"),
  auth: "user",
  scopes: ["write:accounts"],
  from: ["body"],
  input: z.object({ file: file() }),
  summary: "Upload your mascot (multipart `file`); images only, by content (415 otherwise).",
  response: AttachmentSchema,
  errors: ["MASCOT_NOT_IMAGE"],
  calls: ["profileMedia.setMascot"],
  handler: ({ input, viewer, services }) => services.profileMedia.setMascot(viewer!.id, input.file),
});

/** `img`/`banner` is a file to set, or an empty value to clear (accounts.md 19.1). */
const imageOrEmpty = z.unknown().transform((v, ctx): File | "" => {
  if (v === "" || (typeof File !== "undefined" && v instanceof File)) return v;
  ctx.addIssue({ code: "invalid_type", expected: "file", input: v, message: v === undefined ? "Missing field" : "Invalid file" });
  return z.NEVER;
}).meta({ anyOf: [{ type: "string", format: "binary" }, { const: "" }], description: "An image to set, or empty to clear." });

const updateImage = (name: string, path: string, target: ProfileImageTarget, field: "img" | "banner") =>
  defineRoute({
    name,
    // The background image is the library's; avatar and banner are the host's.
    ...(target === "background" ? {} : { needs: ["profileImages.setImage" as const] }),
    method: "PATCH",
    paths: pleromaPaths(path),
    auth: "user",
    scopes: ["write:accounts"],
    from: ["body"],
    input: z.object({ [field]: imageOrEmpty }) as z.ZodType<Record<string, File | "">>,
    summary: `Set (multipart \`${field}\`) or clear (empty \`${field}\`) your ${target} image; answers {url}.`,
    response: z.object({ url: z.string().nullable() }),
    errors: ["PROFILE_IMAGE_NOT_IMAGE", "HOST_FEATURE_MISSING"],
    calls: ["profileMedia.updateImage"],
    handler: ({ input, viewer, services }) => services.profileMedia.updateImage(viewer!.id, target, input[field]!),
  });

const media = defineRoute({
  name: "profileMedia.media",
  method: "GET",
  paths: pleromaPaths("/media/:name"),
  auth: "none",
  from: ["path"],
  input: z.object({ name: z.string().max(128) }),
  summary: "Serves uploaded profile media when the file store has no public URL.",
  responseType: "image/*",
  errors: ["MEDIA_NOT_FOUND"],
  calls: ["profileMedia.serve"],
  handler: ({ input, services }) => services.profileMedia.serve(input.name),
});

export const profileMediaRoutes = [
  getMascot,
  putMascot,
  updateImage("profileMedia.updateAvatar", "/accounts/update_avatar", "avatar", "img"),
  updateImage("profileMedia.updateBanner", "/accounts/update_banner", "banner", "banner"),
  updateImage("profileMedia.updateBackground", "/accounts/update_background", "background", "img"),
  media,
];
