/**
 * Emoji pack errors with Akkoma's statuses and texts (content.md 1.7-1.18). Texts that name a pack
 * or shortcode are templates: the service passes the filled-in message. Where Akkoma crashes (500)
 * these answer 4xx instead (docs/compatibility.md).
 */
export const EMOJI_PACK_ERRORS = {
  PACK_NAME_EMPTY: { status: 400, message: "pack name cannot be empty" },
  /** Ours: Akkoma crashes on `/`, `..` and the like. */
  PACK_NAME_INVALID: { status: 400, message: "Invalid pack name" },
  /** `Pack <name> does not exist` (show, archive, delete, metadata update). */
  PACK_NOT_FOUND: { status: 404, message: "Pack does not exist" },
  /** `pack "<name>" is not found` (the files endpoints, and a listed file missing on disk). */
  PACK_FILES_NOT_FOUND: { status: 404, message: "pack is not found" },
  PACK_NOT_SHARED: {
    status: 403,
    message: "Pack cannot be downloaded from this instance, either pack sharing was disabled for this pack or some files are missing",
  },
  PACK_EXISTS: { status: 409, message: "A pack with this name already exists" },
  FALLBACK_INCOMPLETE: { status: 400, message: "The fallback archive does not have all files specified in pack.json" },
  EMOJI_ADD_EMPTY: { status: 422, message: "pack name, shortcode or filename cannot be empty" },
  EMOJI_UPDATE_EMPTY: { status: 422, message: "new_shortcode or new_filename cannot be empty" },
  EMOJI_DELETE_EMPTY: { status: 422, message: "pack name or shortcode cannot be empty" },
  EMOJI_EXISTS: { status: 409, message: "An emoji with this shortcode already exists" },
  EMOJI_SHORTCODE_TAKEN: { status: 409, message: "New shortcode is already used. If you want to override emoji use 'force' option" },
  EMOJI_NOT_IN_PACK: { status: 400, message: "Emoji does not exist" },
  /** Ours: shortcodes are limited to `[A-Za-z0-9_-]` (what reactions and the steal-emoji MRF accept). */
  EMOJI_SHORTCODE_INVALID: { status: 422, message: "Invalid shortcode" },
  /** Ours: Akkoma crashes on unsafe file names. */
  EMOJI_FILENAME_INVALID: { status: 422, message: "Invalid file name" },
  /** Ours: files must be PNG, APNG, GIF, JPEG or WebP by their bytes. */
  EMOJI_NOT_AN_IMAGE: { status: 415, message: "The file is not a supported image (PNG, APNG, GIF, JPEG or WebP)" },
  EMOJI_FILE_TOO_LARGE: { status: 413, message: "The file is too large" },
  /** Ours: Akkoma answers 500 for corrupt or unsafe archives. */
  ARCHIVE_INVALID: { status: 422, message: "Invalid archive" },
  REMOTE_UNSUPPORTED: { status: 500, message: "The requested instance does not support sharing emoji packs" },
  REMOTE_NOT_SHARED: { status: 500, message: "The pack was not set as shared and there is no fallback src to download from" },
  REMOTE_SHA_MISMATCH: { status: 500, message: "SHA256 for the pack doesn't match the one sent by the server" },
  /** Ours: Akkoma crashes when a remote is unreachable, refused, too large or answers garbage. */
  REMOTE_FETCH_FAILED: { status: 422, message: "The remote resource could not be fetched" },
} as const;
