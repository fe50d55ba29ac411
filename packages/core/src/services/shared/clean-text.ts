/** Text every store accepts alike: no NUL byte and no lone surrogate (so it encodes to UTF-8). */

// A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
// No `u` flag: the pattern must see UTF-16 code units, not code points.
const BAD_TEXT_RE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when `text` has no NUL byte and no lone surrogate (it encodes to valid UTF-8). */
export function isCleanText(text: string): boolean {
  return !BAD_TEXT_RE.test(text);
}

