/**
 * The twelve emoji-pack endpoints (content.md 1.6) and the emoji image route. Listing, show and
 * archive are public even on private instances (skip-auth); everything else is staff with
 * `admin:write`, including the two GETs that mutate or fetch (import, remote).
 */
import { okAsync } from "neverthrow";
import { z } from "zod";
import { booleanLike, file, intLike, text } from "../schema.js";
import { defineRoute, pleromaPaths, Reply } from "../route.js";
import { fromPort, type Outcome } from "../../result.js";
import { OkSchema, PackFilesSchema, PackListSchema, PackMetaSchema, PackSchema } from "../entity-schemas.js";

/**
 * Akkoma drops a query parameter sent empty when it fails its type (`page=`), falling back to the
 * default. We also drop the literal `undefined`: admin-fe refreshes its pack list after a download
 * with `page=undefined` (an unset JS variable), which Akkoma answers 400 and admin-fe shows as an
 * error toast (a deviation listed in docs/compatibility.md).
 */
const optionalInt = () => z.preprocess((v) => (v === "" || v === "undefined" ? undefined : v), intLike().optional());
const paging = { page: optionalInt(), page_size: optionalInt() };
const ADMIN = { auth: "staff", scopes: ["admin:write"] } as const;

const list = defineRoute({
  name: "emojiPacks.list",
  method: "GET",
  paths: pleromaPaths("/emoji/packs"),
  auth: "public",
  from: ["query"],
  input: z.object(paging),
  summary: "List local packs with every file; packs paginated by name (page_size default 50).",
  response: PackListSchema,
  calls: ["emojiPacks.list"],
  handler: ({ input, services }) => services.emojiPacks.list(input.page, input.page_size),
});

const show = defineRoute({
  name: "emojiPacks.show",
  method: "GET",
  paths: pleromaPaths("/emoji/pack"),
  auth: "public",
  from: ["query"],
  input: z.object({ name: text(), ...paging }),
  summary: "Show one pack; files paginated by shortcode (page_size default 30).",
  response: PackSchema,
  errors: ["PACK_NAME_EMPTY", "PACK_NAME_INVALID", "PACK_NOT_FOUND"],
  calls: ["emojiPacks.show"],
  handler: ({ input, services }) => services.emojiPacks.show(input.name, input.page, input.page_size),
});

const archive = defineRoute({
  name: "emojiPacks.archive",
  method: "GET",
  paths: pleromaPaths("/emoji/packs/archive"),
  auth: "public",
  from: ["query"],
  input: z.object({ name: text() }),
  summary: "Download a shared pack as a zip (streamed; its SHA-256 is the pack's download-sha256).",
  responseType: "application/zip",
  errors: ["PACK_NAME_EMPTY", "PACK_NAME_INVALID", "PACK_NOT_FOUND", "PACK_NOT_SHARED"],
  calls: ["emojiPacks.archive"],
  handler: ({ input, services }) =>
    services.emojiPacks.archive(input.name).map(
      ({ filename, body }) =>
        new Response(body, {
          status: 200,
          headers: { "content-type": "application/zip", "content-disposition": contentDisposition(filename) },
        }),
    ),
});

const create = defineRoute({
  name: "emojiPacks.create",
  method: "POST",
  paths: pleromaPaths("/emoji/pack"),
  ...ADMIN,
  from: ["query", "body"],
  input: z.object({ name: text() }),
  summary: 'Create an empty pack; answers "ok".',
  response: OkSchema,
  errors: ["PACK_NAME_EMPTY", "PACK_NAME_INVALID", "PACK_EXISTS"],
  calls: ["emojiPacks.create"],
  handler: ({ input, services }) => services.emojiPacks.create(input.name),
});

const update = defineRoute({
  name: "emojiPacks.update",
  method: "PATCH",
  paths: pleromaPaths("/emoji/pack"),
  ...ADMIN,
  from: ["query", "body"],
  input: z.object({ name: text(), metadata: z.record(z.string(), z.unknown()) }),
  summary: "Replace a pack's metadata; a new fallback-src is fetched and hashed.",
  response: PackMetaSchema,
  errors: ["PACK_NAME_EMPTY", "PACK_NAME_INVALID", "PACK_NOT_FOUND", "FALLBACK_INCOMPLETE", "REMOTE_FETCH_FAILED", "ARCHIVE_INVALID"],
  calls: ["emojiPacks.updateMetadata"],
  handler: ({ input, services }) => services.emojiPacks.updateMetadata(input.name, input.metadata),
});

const remove = defineRoute({
  name: "emojiPacks.delete",
  method: "DELETE",
  paths: pleromaPaths("/emoji/pack"),
  ...ADMIN,
  from: ["query", "body"],
  input: z.object({ name: text() }),
  summary: 'Delete a pack directory; answers "ok".',
  response: OkSchema,
  errors: ["PACK_NAME_EMPTY", "PACK_NAME_INVALID", "PACK_NOT_FOUND"],
  calls: ["emojiPacks.delete"],
  handler: ({ input, services }) => services.emojiPacks.delete(input.name),
});

const importPacks = defineRoute({
  name: "emojiPacks.import",
  method: "GET",
  paths: pleromaPaths("/emoji/packs/import"),
  ...ADMIN,
  from: ["query"],
  summary: "Write pack.json for pack folders lacking one (from emoji.txt or the folder's images).",
  response: z.array(z.string()),
  calls: ["emojiPacks.importFromDirectory"],
  handler: ({ services }) => services.emojiPacks.importFromDirectory(),
});

const remote = defineRoute({
  name: "emojiPacks.remote",
  method: "GET",
  paths: pleromaPaths("/emoji/packs/remote"),
  ...ADMIN,
  from: ["query"],
  input: z.object({ url: text(), ...paging }),
  summary: "Another instance's pack list, through the guarded HTTP client (page_size default 30).",
  response: PackListSchema,
  errors: ["REMOTE_UNSUPPORTED", "REMOTE_FETCH_FAILED"],
  calls: ["emojiPacks.remoteList"],
  handler: ({ input, services }) => services.emojiPacks.remoteList(input.url, input.page, input.page_size),
});

const download = defineRoute({
  name: "emojiPacks.download",
  method: "POST",
  paths: pleromaPaths("/emoji/packs/download"),
  ...ADMIN,
  from: ["query", "body"],
  input: z.object({ url: text(), name: text(), as: text().optional() }),
  summary: 'Download a pack from another instance, verified by SHA-256; answers "ok".',
  response: OkSchema,
  errors: ["PACK_NAME_EMPTY", "PACK_NAME_INVALID", "PACK_EXISTS", "REMOTE_UNSUPPORTED", "REMOTE_NOT_SHARED", "REMOTE_SHA_MISMATCH", "REMOTE_FETCH_FAILED", "ARCHIVE_INVALID", "EMOJI_FILE_TOO_LARGE"],
  calls: ["emojiPacks.download"],
  handler: ({ input, services }) =>
    services.emojiPacks.download(input.url, input.name, input.as === undefined || input.as === "" ? undefined : input.as),
});

const addFile = defineRoute({
  name: "emojiPacks.addFile",
  method: "POST",
  paths: pleromaPaths("/emoji/packs/files"),
  ...ADMIN,
  from: ["query", "body"],
  input: z.object({ name: text(), file: z.union([file(), text()]), shortcode: text().optional(), filename: text().optional() }),
  summary: "Add an emoji (upload, URL, or a zip of images); answers the pack's files.",
  response: PackFilesSchema,
  errors: ["PACK_NAME_INVALID", "PACK_FILES_NOT_FOUND", "EMOJI_ADD_EMPTY", "EMOJI_SHORTCODE_INVALID", "EMOJI_FILENAME_INVALID", "EMOJI_EXISTS", "EMOJI_FILE_TOO_LARGE", "EMOJI_NOT_AN_IMAGE", "ARCHIVE_INVALID", "REMOTE_FETCH_FAILED"],
  calls: ["emojiPacks.addFile"],
  handler: ({ input, services }) => {
    const upload = input.file;
    const bytes: Outcome<ArrayBuffer | null> = typeof upload === "string" ? okAsync(null) : fromPort(() => upload.arrayBuffer());
    return bytes.andThen((buffer) =>
      services.emojiPacks.addFile(input.name, {
        file:
          typeof upload === "string" || buffer === null
            ? { kind: "url", url: String(upload) }
            : {
                kind: "upload",
                bytes: new Uint8Array(buffer),
                contentType: upload.type.split(";")[0]!.trim().toLowerCase(),
                filename: upload.name,
              },
        ...(input.shortcode !== undefined ? { shortcode: input.shortcode } : {}),
        ...(input.filename !== undefined ? { filename: input.filename } : {}),
      }),
    );
  },
});

const updateFile = defineRoute({
  name: "emojiPacks.updateFile",
  method: "PATCH",
  paths: pleromaPaths("/emoji/packs/files"),
  ...ADMIN,
  from: ["query", "body"],
  input: z.object({ name: text(), shortcode: text(), new_shortcode: text(), new_filename: text(), force: booleanLike().optional() }),
  summary: "Rename an emoji and/or move its file (`force` to take a used shortcode).",
  response: PackFilesSchema,
  errors: ["PACK_NAME_INVALID", "PACK_FILES_NOT_FOUND", "EMOJI_UPDATE_EMPTY", "EMOJI_NOT_IN_PACK", "EMOJI_SHORTCODE_INVALID", "EMOJI_FILENAME_INVALID", "EMOJI_SHORTCODE_TAKEN"],
  calls: ["emojiPacks.updateFile"],
  handler: ({ input, services }) =>
    services.emojiPacks.updateFile(input.name, {
      shortcode: input.shortcode,
      newShortcode: input.new_shortcode,
      newFilename: input.new_filename,
      force: input.force ?? false,
    }),
});

const deleteFile = defineRoute({
  name: "emojiPacks.deleteFile",
  method: "DELETE",
  paths: pleromaPaths("/emoji/packs/files"),
  ...ADMIN,
  from: ["query", "body"],
  input: z.object({ name: text(), shortcode: text() }),
  summary: "Remove an emoji and its file; answers the pack's remaining files.",
  response: PackFilesSchema,
  errors: ["PACK_NAME_INVALID", "PACK_FILES_NOT_FOUND", "EMOJI_DELETE_EMPTY", "EMOJI_NOT_IN_PACK"],
  calls: ["emojiPacks.deleteFile"],
  handler: ({ input, services }) => services.emojiPacks.deleteFile(input.name, input.shortcode),
});

/**
 * `GET /emoji/<pack>/<path>`: the pack images themselves, so the URLs the API hands out resolve.
 * Only images (by their bytes) are served, with headers that stop a browser from treating them as
 * anything else; with a FileStore `publicBaseUrl` it redirects there instead.
 */
const emojiImage = (paths: string[]) =>
  defineRoute({
    name: "emojiPacks.image",
    method: "GET",
    paths,
    auth: "none",
    from: ["path"],
    input: z.object({ pack: z.string(), p1: z.string(), p2: z.string().optional(), p3: z.string().optional(), p4: z.string().optional() }),
    summary: "An emoji image file of a pack.",
    responseType: "image/*",
    calls: ["emojiPacks.emojiFile"],
    handler: ({ input, services }) => {
      const path = [input.p1, input.p2, input.p3, input.p4].filter((p) => p !== undefined).join("/");
      return services.emojiPacks.emojiFile(input.pack, path).andThen((found) => {
        if (found === null) return okAsync(new Reply({ error: "Not Found" }, 404));
        if ("redirect" in found) return okAsync(new Response(null, { status: 302, headers: { location: found.redirect } }));
        return okAsync(
          new Response(found.body as Uint8Array<ArrayBuffer>, {
            status: 200,
            headers: {
              "content-type": found.contentType,
              "x-content-type-options": "nosniff",
              "content-security-policy": "default-src 'none'; sandbox",
              "cache-control": "public, max-age=3600",
            },
          }),
        );
      });
    },
  });

const images = emojiImage([
  "/emoji/:pack/:p1",
  "/emoji/:pack/:p1/:p2",
  "/emoji/:pack/:p1/:p2/:p3",
  "/emoji/:pack/:p1/:p2/:p3/:p4",
]);

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / 8187). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._ -]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The emoji-pack routes, in the order the route table lists them. */
export const emojiPackRoutes = [list, show, archive, create, update, remove, importPacks, remote, download, addFile, updateFile, deleteFile, images];
