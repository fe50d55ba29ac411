/**
 * Image type detection from the first bytes of a file (security.md: image types are checked by
 * magic bytes, never by the client's content type). SVG is deliberately not an image here: it can
 * carry script and would be served from our origin.
 */

/** A recognised image: its MIME type and the file extension we store it under. */
export interface SniffedImage {
  readonly mime: string;
  readonly extension: string;
}

const startsWith = (bytes: Uint8Array, sig: readonly number[], offset = 0) =>
  bytes.length >= offset + sig.length && sig.every((b, i) => bytes[offset + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type of `bytes`, or null when they are not a PNG, JPEG, GIF, WebP, AVIF or BMP. */
export function sniffImage(bytes: Uint8Array): SniffedImage | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: "image/png", extension: "png" };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: "image/jpeg", extension: "jpg" };
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return { mime: "image/gif", extension: "gif" };
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return { mime: "image/webp", extension: "webp" };
  if (startsWith(bytes, ascii("ftyp"), 4) && (startsWith(bytes, ascii("avif"), 8) || startsWith(bytes, ascii("avis"), 8))) {
    return { mime: "image/avif", extension: "avif" };
  }
  if (startsWith(bytes, ascii("BM")) && bytes.length >= 26) return { mime: "image/bmp", extension: "bmp" };
  return null;
}

/** Pixel dimensions when cheaply known from the header (PNG, GIF); null otherwise. */
export function imageDimensions(bytes: Uint8Array, mime: string): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mime === "image/png" && bytes.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (mime === "image/gif" && bytes.length >= 10) return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  return null;
}

/** The MIME type for a stored media file's extension (what the media route serves). */
export function mimeForExtension(extension: string): string | null {
  return (
    ({ png: "image/png", jpg: "image/jpeg", gif: "image/gif", webp: "image/webp", avif: "image/avif", bmp: "image/bmp" } as Record<string, string>)[
      extension
    ] ?? null
  );
}
