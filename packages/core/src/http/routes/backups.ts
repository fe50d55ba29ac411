import { z } from "zod";
import { defineRoute, pleromaPaths } from "../route.js";
import { BackupSchema } from "../entity-schemas.js";

const list = defineRoute({
  name: "backups.list",
  method: "GET",
  paths: pleromaPaths("/backups"),
  auth: "user",
  scopes: ["read:backups"],
  summary: "Your backups, newest first: id, content_type, url, file_size, processed, inserted_at, state.",
  response: z.array(BackupSchema),
  errors: ["BACKUPS_UNAVAILABLE"],
  calls: ["backups.list"],
  handler: ({ viewer, services }) => services.backups.list(viewer!.id),
});

const create = defineRoute({
  name: "backups.create",
  method: "POST",
  paths: pleromaPaths("/backups"),
  auth: "user",
  // Akkoma asks only read:backups here (content.md 4.1), and clients send exactly that.
  scopes: ["read:backups"],
  summary: "Start a backup (one per period; 400 when too soon); answers the full list.",
  response: z.array(BackupSchema),
  errors: ["BACKUPS_UNAVAILABLE", "BACKUP_RATE_LIMITED"],
  calls: ["backups.create"],
  handler: ({ viewer, services }) => services.backups.create(viewer!.id, viewer!.nickname),
});

const download = defineRoute({
  name: "backups.download",
  method: "GET",
  paths: pleromaPaths("/backups/download/:name"),
  // A capability URL, like Akkoma's upload URL: the 256 random bits in the name are the credential.
  auth: "none",
  from: ["path"],
  input: z.object({ name: z.string().max(200) }),
  summary: "Stream a finished archive; stops when the client goes away.",
  responseType: "application/zip",
  errors: ["BACKUPS_UNAVAILABLE", "BACKUP_NOT_FOUND"],
  calls: ["backups.download"],
  handler: ({ input, services, signal }) =>
    services.backups.download(input.name).map(
      (archive) =>
        new Response(abortable(archive.body, signal), {
          status: 200,
          headers: {
            "content-type": archive.contentType,
            "content-length": String(archive.size),
            // The name matched a strict pattern ([A-Za-z0-9_.-]), so it needs no quoting beyond this.
            "content-disposition": `attachment; filename="${archive.fileName}"`,
            "x-content-type-options": "nosniff",
            "cache-control": "private, no-store",
          },
        }),
    ),
});

/** Pulls from `source` only as the client reads, and cancels it when the client goes away. */
function abortable(source: ReadableStream<Uint8Array>, signal: AbortSignal): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const stop = () => void reader.cancel(signal.reason).catch(() => {});
  if (signal.aborted) stop();
  else signal.addEventListener("abort", stop, { once: true });
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        signal.removeEventListener("abort", stop);
        controller.close();
      } else controller.enqueue(value);
    },
    cancel(reason) {
      signal.removeEventListener("abort", stop);
      return reader.cancel(reason);
    },
  });
}

/** Account backups (content.md 4). */
export const backupRoutes = [list, create, download];
