/** The one place Results become HTTP responses. No stack trace or internal text is ever sent. */
import type { AppError } from "../errors/index.js";
import { Reply } from "./route.js";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? "" : JSON.stringify(body), {
    status,
    headers: { ...JSON_HEADERS, ...headers },
  });
}

export function successResponse(value: unknown): Response {
  if (value instanceof Response) return value;
  if (value instanceof Reply) {
    if (value.status === 204) return new Response(null, { status: 204, headers: { ...JSON_HEADERS, ...value.headers } });
    return jsonResponse(value.body, value.status, value.headers);
  }
  return jsonResponse(value);
}

export function errorResponse(error: AppError, status = error.status): Response {
  if (error.code === "INTERNAL") return jsonResponse({ error: "Internal server error" }, 500);
  const body = error.rawBody !== undefined ? error.rawBody : { error: error.message, ...error.body };
  return jsonResponse(body, status, error.headers);
}
