/**
 * Parses the `:emoji` path segment of a reaction (content.md 2.2): unicode emoji are normalised
 * to their fully-qualified RGI form; anything else is a custom shortcode, with or without colons,
 * optionally `@domain` for a remote emoji already on the status.
 */

/** Node's regex engine knows the RGI emoji set (Unicode 15.1+ on Node 20), so no data table ships. */
const RGI = /^\p{RGI_Emoji}$/v;
const REGIONAL_INDICATOR = /^[\u{1F1E6}-\u{1F1FF}]$/u;
const TEXT_DEFAULT = /^(?=\p{Emoji})\P{Emoji_Presentation}$/u;
const MODIFIER = /^\p{Emoji_Modifier}$/u;
const SHORTCODE = /^:?([A-Za-z0-9_-]{1,100})(?:@([A-Za-z0-9.-]{1,253}(?::\d{1,5})?))?:?$/;

export type ParsedEmoji =
  | { readonly kind: "unicode"; readonly name: string }
  | { readonly kind: "custom"; readonly shortcode: string; readonly domain: string | null };

/** The fully-qualified form of a unicode emoji, or null when it is not one RGI emoji. */
export function qualifyUnicodeEmoji(input: string): string | null {
  if (RGI.test(input) || REGIONAL_INDICATOR.test(input)) return input;
  const chars = [...input.replace(/\uFE0F/g, "")];
  if (chars.length === 0 || chars.length > 16) return null;
  let out = "";
  chars.forEach((c, i) => {
    out += c;
    const next = chars[i + 1];
    if (TEXT_DEFAULT.test(c) && !(next && MODIFIER.test(next))) out += "\uFE0F";
  });
  return RGI.test(out) ? out : null;
}

/** Classifies a reaction emoji; null when it is neither unicode nor a well-formed shortcode. */
export function parseReactionEmoji(raw: string): ParsedEmoji | null {
  const unicode = qualifyUnicodeEmoji(raw);
  if (unicode) return { kind: "unicode", name: unicode };
  const m = SHORTCODE.exec(raw);
  if (!m) return null;
  // Colons are optional but must be balanced when present.
  if (raw.startsWith(":") !== raw.endsWith(":") || raw === ":") return null;
  return { kind: "custom", shortcode: m[1]!, domain: m[2]?.toLowerCase() ?? null };
}
