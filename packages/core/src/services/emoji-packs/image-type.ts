/**
 * Image types recognised by their first bytes, never by the client's content type or extension.
 * SVG is refused: it is a document that can carry script, and serving it from `/emoji` would be
 * an XSS vector (content.md 7.4).
 */

export type ImageType = "image/png" | "image/gif" | "image/jpeg" | "image/webp";

/** The image type of `bytes`, or null when it is not PNG/APNG, GIF, JPEG or WebP. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const b = (i: number) => bytes[i] ?? -1;
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b(i) === v)) return "image/png";
  if (b(0) === 0x47 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x38 && (b(4) === 0x37 || b(4) === 0x39) && b(5) === 0x61) return "image/gif";
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "image/jpeg";
  if (b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45 && b(10) === 0x42 && b(11) === 0x50) {
    return "image/webp";
  }
  return null;
}
