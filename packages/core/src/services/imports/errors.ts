/** Import failures (accounts.md 4). Akkoma crashes (500) on an empty list and has no caps. */
export const IMPORT_ERRORS = {
  IMPORT_EMPTY: { status: 400, message: "Import list is empty" },
  IMPORT_NOT_TEXT: { status: 400, message: "Import list is not UTF-8 text" },
  IMPORT_TOO_LARGE: { status: 413, message: "Import list is too large" },
  IMPORT_TOO_MANY_ROWS: { status: 413, message: "Import list has too many entries" },
  IMPORT_NOT_FOUND: { status: 404, message: "Record not found" },
} as const;
