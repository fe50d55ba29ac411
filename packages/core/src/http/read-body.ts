/**
 * Reads a request body into plain fields: JSON, urlencoded or multipart (files become `File`s).
 * The size limit is enforced while streaming, so an oversized body is refused before it is
 * buffered whole.
 */
import { err, ok, type Result } from "neverthrow";
import { appError, type AppError } from "../errors/index.js";
import { hasValidPercentEncoding } from "./text-guard.js";

export type Fields = Record<string, unknown>;

export interface BodyHints {
  /** A body a host middleware already parsed (express.json, koa-bodyparser, ...). */
  readonly parsedBody?: unknown;
  /** True when host middleware consumed the stream; a multipart body can then not be read. */
  readonly bodyConsumed?: boolean;
}

/** What {@link readBody} reads of a request; a Fetch `Request` is one. */
export interface BodySource {
  readonly headers: Pick<Headers, "get">;
  readonly body: ReadableStream<Uint8Array> | null;
}

export async function readBody(
  request: BodySource,
  limit: number,
  hints: BodyHints = {},
): Promise<Result<Fields, AppError>> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const isMultipart = type === "multipart/form-data";
  if (hints.parsedBody !== undefined && !isMultipart && isPlainObject(hints.parsedBody)) {
    return ok(normaliseKeys(flattenLists(Object.entries(hints.parsedBody))));
  }
  if (hints.bodyConsumed) {
    // The stream is gone: a JSON/form parser we know nothing about took it, or a multipart parser did.
    return isMultipart || hints.parsedBody === undefined
      ? err(appError("BODY_ALREADY_CONSUMED"))
      : ok({});
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return err(appError("PAYLOAD_TOO_LARGE"));
  if (!request.body) return ok({});

  let bytes: Awaited<ReturnType<typeof readLimited>>;
  try {
    bytes = await readLimited(request.body, limit);
  } catch {
    // The client went away mid-body; nobody is left to read an answer, and it is no server fault.
    return err(appError("MALFORMED_BODY", { message: "Request body could not be read." }));
  }
  if (bytes === "too-large") return err(appError("PAYLOAD_TOO_LARGE"));
  if (bytes.byteLength === 0) return ok({});

  const isJson = type === "" || type === "application/json" || type.endsWith("+json");
  if (isJson || type === "application/x-www-form-urlencoded") {
    // Invalid UTF-8 is refused rather than turned into U+FFFD, so no store sees mangled text.
    const text = decodeUtf8(bytes);
    if (text === null || (!isJson && !hasValidPercentEncoding(text))) {
      return err(appError("MALFORMED_BODY", { message: "Request body is not valid UTF-8." }));
    }
    return isJson ? parseJson(text) : ok(normaliseKeys(new URLSearchParams(text).entries()));
  }
  if (isMultipart) {
    try {
      const form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
      return ok(normaliseKeys(form.entries()));
    } catch {
      return err(appError("MALFORMED_BODY"));
    }
  }
  return err(appError("UNSUPPORTED_CONTENT_TYPE"));
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Query string to fields, with the same `key[]` handling as forms. */
export function queryFields(url: URL): Fields {
  return normaliseKeys(url.searchParams.entries());
}

function parseJson(text: string): Result<Fields, AppError> {
  if (text.trim() === "") return ok({});
  try {
    const value: unknown = JSON.parse(text);
    if (isPlainObject(value)) return ok(value as Fields);
    return err(appError("MALFORMED_BODY", { message: "JSON body must be an object." }));
  } catch {
    return err(appError("MALFORMED_BODY", { message: "Malformed JSON body." }));
  }
}

async function readLimited(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer> | "too-large"> {
  const reader = stream.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return "too-large";
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Host parsers that keep bracket keys (Express's `urlencoded({ extended: false })`) hand us
 * `{ "a[]": ["1", "2"] }`; spread such lists into one entry per value so they normalise exactly
 * like the raw form `a[]=1&a[]=2` would.
 */
function* flattenLists(entries: Iterable<[string, unknown]>): Iterable<[string, unknown]> {
  for (const [key, value] of entries) {
    if (key.endsWith("[]") && Array.isArray(value)) for (const item of value) yield [key, item];
    else yield [key, value];
  }
}

/** `a[]=1&a[]=2` and repeated `a=1&a=2` become arrays; `a[]` alone is a one-element array. */
function normaliseKeys(entries: Iterable<[string, unknown]>): Fields {
  const out: Fields = Object.create(null);
  for (const [rawKey, value] of entries) {
    const isList = rawKey.endsWith("[]");
    const key = isList ? rawKey.slice(0, -2) : rawKey;
    if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
    const prev = out[key];
    if (prev === undefined) out[key] = isList ? [value] : value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[key] = [prev, value];
  }
  return { ...out };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (ArrayBuffer.isView(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
