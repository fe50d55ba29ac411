/**
 * Routes only the binding suite serves, run through the kit's real pipeline via `extraRoutes`:
 * they echo what reached the handler, stream slowly, and throw, so the suite can see what each
 * framework delivers without depending on any domain.
 */
import { createHash } from "node:crypto";
import { okAsync, pleromaPaths, ResultAsync, type HttpMethod, type RouteDefinition } from "@pleroma-kit/core";

/** What the suite's stream producer did, per request (`?id=`). */
export interface StreamProbe {
  chunksSent: number;
  finished: boolean;
  cancelled: boolean;
}

/** Probe records by request id, filled by the stream route. */
export type StreamProbes = Map<string, StreamProbe>;

/** The message the throwing route throws with; it must never reach a client. */
export const SECRET_ERROR_TEXT = "binding-suite secret failure detail";

/** How the stream route paces its chunks. */
export const STREAM_CHUNK_DELAY_MS = 25;

const ECHO_METHODS: readonly HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** The suite's routes: echo (every method), echo of a path segment, client address, who-am-I, stream, throw. */
export function bindingTestRoutes(probes: StreamProbes): RouteDefinition[] {
  const echo = ECHO_METHODS.map(
    (method): RouteDefinition => ({
      name: `test.echo${method}`,
      method,
      paths: pleromaPaths("/test/echo"),
      auth: "optional",
      summary: "Echoes the parsed input (files as size and digest) and the viewer.",
      handler: ({ input, viewer }) =>
        ResultAsync.fromSafePromise(describeFields(input as Record<string, unknown>)).map((fields) => ({
          input: fields,
          viewer: viewer?.id ?? null,
        })),
    }),
  );
  return [
    ...echo,
    {
      name: "test.segment",
      method: "GET",
      paths: pleromaPaths("/test/segment/:value"),
      auth: "none",
      summary: "Echoes a decoded path segment (emoji arrive percent-encoded).",
      handler: ({ input }) => okAsync({ value: (input as { value: string }).value }),
    },
    {
      name: "test.segmentTail",
      method: "GET",
      paths: pleromaPaths("/test/segment/:value/tail"),
      auth: "none",
      summary: "Echoes a decoded path segment in the middle of a path.",
      handler: ({ input }) => okAsync({ value: (input as { value: string }).value }),
    },
    {
      name: "test.clientAddress",
      method: "GET",
      paths: pleromaPaths("/test/client-address"),
      auth: "none",
      summary: "The client address the binding handed to the pipeline (per-IP limits key on it).",
      handler: ({ clientAddress }) => okAsync({ clientAddress }),
    },
    {
      name: "test.me",
      method: "GET",
      paths: pleromaPaths("/test/me"),
      auth: "user",
      scopes: ["read"],
      summary: "The authenticated user and how the credential travelled.",
      handler: ({ viewer }) => okAsync({ id: viewer!.id, via: viewer!.principal.via }),
    },
    {
      name: "test.stream",
      method: "GET",
      paths: pleromaPaths("/test/stream"),
      auth: "none",
      summary: "Streams numbered chunks slowly, recording whether the consumer cancelled.",
      handler: ({ input }) => {
        const { id = "", chunks = "5" } = input as { id?: string; chunks?: string };
        return okAsync(slowStream(probes, id, Number(chunks)));
      },
    },
    {
      name: "test.throw",
      method: "GET",
      paths: pleromaPaths("/test/throw"),
      auth: "none",
      summary: "Throws an unexpected error.",
      handler: () => {
        throw new Error(SECRET_ERROR_TEXT);
      },
    },
  ];
}

function slowStream(probes: StreamProbes, id: string, chunks: number): Response {
  const probe: StreamProbe = { chunksSent: 0, finished: false, cancelled: false };
  probes.set(id, probe);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (probe.chunksSent > 0) await new Promise((resolve) => setTimeout(resolve, STREAM_CHUNK_DELAY_MS));
      if (probe.cancelled) return;
      if (probe.chunksSent >= chunks) {
        probe.finished = true;
        controller.close();
        return;
      }
      probe.chunksSent += 1;
      controller.enqueue(new TextEncoder().encode(`chunk ${probe.chunksSent}\n`));
    },
    cancel() {
      probe.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** Files cannot travel as JSON: describe them by name, type, size and SHA-256 instead. */
async function describeFields(fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] =
      value instanceof File
        ? { name: value.name, type: value.type, size: value.size, sha256: await sha256(value) }
        : value;
  }
  return out;
}

/** Hex SHA-256 of a file's bytes, so the suite can prove an upload arrived intact. */
export async function sha256(blob: Blob): Promise<string> {
  return createHash("sha256").update(new Uint8Array(await blob.arrayBuffer())).digest("hex");
}
