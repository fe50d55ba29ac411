/** zod failures rendered the way Akkoma's parameter casting reports them (accounts.md 2.3). */
import type { ZodError } from "zod";
import { appError, type AppError } from "../errors/index.js";

export function validationError(error: ZodError, data: Record<string, unknown>): AppError {
  const errors = error.issues.map((issue) => {
    const field = issue.path.map(String).join("/") || "body";
    const missing = issue.code === "invalid_type" && valueAt(data, issue.path) === undefined;
    const message = missing ? `Missing field: ${field}` : `${field} - ${issue.message.replace(/\.$/, "")}`;
    return { title: "Invalid value", source: { pointer: `/${field}` }, message };
  });
  return appError("VALIDATION_FAILED", {
    message: errors.map((e) => `${e.message}.`).join(" "),
    body: { errors },
  });
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
