/**
 * Mastodon-style `Link` headers for paged lists: `next` pages towards older items (`max_id`),
 * `prev` towards newer ones (`min_id`). URLs use the configured base URL (never the Host header)
 * and keep the request's other query parameters.
 */
const PAGING = ["max_id", "min_id", "since_id"];

/** The `Link` header for a page, or no header when the page is empty. */
export function linkHeader(
  baseUrl: string,
  request: Request,
  cursors: { next: Record<string, string>; prev: Record<string, string> } | null,
): Record<string, string> {
  if (cursors === null) return {};
  const url = new URL(request.url);
  const build = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    for (const [k, v] of url.searchParams) if (!PAGING.includes(k)) params.append(k, v);
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return `${baseUrl}${url.pathname}?${params.toString()}`;
  };
  return { link: `<${build(cursors.next)}>; rel="next", <${build(cursors.prev)}>; rel="prev"` };
}
