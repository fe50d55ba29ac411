/**
 * Thrown by file stores when a key is refused: unsafe key, a symlink on the way, a path escaping
 * the root. Callers map it (by `code`) to a client error instead of a 500: the request asked for a
 * path that cannot be used, nothing failed.
 */
export class UnsafePathError extends Error {
  readonly code = "EUNSAFEPATH";
  constructor(message: string) {
    super(message);
    this.name = "UnsafePathError";
  }
}

/** True for an {@link UnsafePathError} from any store (checked by code, so copies across bundles match). */
export function isUnsafePathError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "EUNSAFEPATH";
}
