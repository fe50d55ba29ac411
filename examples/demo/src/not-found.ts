/** Akkoma's answers for unknown paths (accounts.md 0.1): GET -> "Not implemented", else "Page not found". */
export function notFoundBody(method: string): unknown {
  return method === "GET" ? { error: "Not implemented" } : { errors: { detail: "Page not found" } };
}
