/** The Mastodon routes' error answers, in Akkoma's wording. */
import { appError } from "@pleroma-kit/core";

/** 404 `{"error":"Record not found"}` (or `message`). */
export const notFound = (message = "Record not found") => appError("NOT_FOUND", { message });

/** A validation error with Akkoma's message and status (400 unless given). */
export const invalid = (message: string, status = 400) => appError("VALIDATION_FAILED", { message, status });
