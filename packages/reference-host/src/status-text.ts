/**
 * Status text: the reference host stores what the author typed (plain text) and renders HTML
 * from it, so source, `pleroma.content["text/plain"]` and HTML never disagree.
 */

/** `@nick` or `@nick@domain` at the start or after whitespace/punctuation. */
const MENTION = /(^|[^\w@/])@([A-Za-z0-9_]+(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?)\b/g;

/** The handles mentioned in a text, without the leading `@`, in order of first mention. */
export function mentionedHandles(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(MENTION)) out.add(m[2]!);
  return [...out];
}

/** Escapes the five HTML-significant characters. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * HTML for a status: text escaped, line breaks as `<br/>`, mentions of known accounts linked with
 * Mastodon's `h-card` markup. `accountUrls` maps a lower-cased handle to the account's URL.
 */
export function renderStatusHtml(text: string, accountUrls: ReadonlyMap<string, string>): string {
  let html = "";
  let last = 0;
  for (const m of text.matchAll(MENTION)) {
    const handle = m[2]!;
    const url = accountUrls.get(handle.toLowerCase());
    if (!url) continue;
    const at = m.index + m[1]!.length;
    html += escapeHtml(text.slice(last, at));
    const nick = handle.split("@")[0]!;
    html += `<span class="h-card"><a class="u-url mention" href="${escapeHtml(url)}" rel="ugc">@<span>${escapeHtml(nick)}</span></a></span>`;
    last = at + 1 + handle.length;
  }
  html += escapeHtml(text.slice(last));
  return html.replace(/\r?\n/g, "<br/>");
}
