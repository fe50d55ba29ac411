/**
 * Mastodon's `Link` header for paged lists: `next` continues below the oldest item (`max_id`),
 * `prev` asks for what is newer than the newest (`min_id`). Other query parameters are kept.
 */
export function linkHeader(baseUrl: string, request: Request, itemIds: readonly string[]): Record<string, string> {
  if (itemIds.length === 0) return {};
  const url = new URL(request.url);
  const link = (key: "max_id" | "min_id", value: string) => {
    const next = new URL(`${baseUrl}${url.pathname}`);
    for (const [k, v] of url.searchParams) {
      if (k !== "max_id" && k !== "min_id" && k !== "since_id" && k !== "access_token") next.searchParams.append(k, v);
    }
    next.searchParams.set(key, value);
    return next.toString();
  };
  return {
    link: `<${link("max_id", itemIds[itemIds.length - 1]!)}>; rel="next", <${link("min_id", itemIds[0]!)}>; rel="prev"`,
  };
}
