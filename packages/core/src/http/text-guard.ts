/**
 * Text input is checked once, at the edge, before any of it reaches a store: PostgreSQL refuses
 * NUL bytes and invalid UTF-8 with an error (a 500) where SQLite and memory would store them, so
 * the same request must be refused with the same 400 on every store. Files are not text and are
 * not checked here (each file reader checks what it reads).
 */
import { isCleanText } from "../services/shared/clean-text.js";

export { isCleanText };

/**
 * The first field (as `a/b/0`) whose key or string value is not clean text, or null. Walks
 * nested arrays and objects iteratively, so a deeply nested JSON body cannot overflow the stack.
 */
export function findUncleanField(fields: Record<string, unknown>): string | null {
  const stack: Array<[string, unknown]> = Object.entries(fields);
  while (stack.length > 0) {
    const [path, value] = stack.pop()!;
    if (!isCleanText(path)) return "body";
    if (typeof value === "string") {
      if (!isCleanText(value)) return path;
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([`${path}/${i}`, item]));
    } else if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
      for (const [key, item] of Object.entries(value)) stack.push([`${path}/${key}`, item]);
    }
  }
  return null;
}

/**
 * True when every percent-escape of a query string or form body decodes to valid UTF-8.
 * `URLSearchParams` silently turns `%FF` into U+FFFD; this finds it first. A `%` not followed by
 * two hex digits is a literal `%` for `URLSearchParams`, so it is not an error here either.
 */
export function hasValidPercentEncoding(raw: string): boolean {
  if (!raw.includes("%")) return true;
  for (const part of raw.split(/[&;]/)) {
    try {
      decodeURIComponent(part.replace(/%(?![0-9a-fA-F]{2})/g, "%25"));
    } catch {
      return false;
    }
  }
  return true;
}
