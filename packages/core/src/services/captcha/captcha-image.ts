/**
 * Draws digits as an SVG image: each digit is a stroked polyline from a small segment font,
 * rotated, scaled and jittered at random, over noise curves. There is no `<text>` element, so the
 * answer cannot be read out of the markup; it has to be recognised from the drawing.
 */
import { randomBytes } from "@noble/hashes/utils.js";

// Segment font in a 10x20 box: each digit is a list of strokes (points).
const GLYPHS: Record<string, Array<Array<[number, number]>>> = {
  "0": [[[1, 1], [9, 1], [9, 19], [1, 19], [1, 1]], [[9, 1], [1, 19]]],
  "1": [[[3, 4], [6, 1], [6, 19]], [[3, 19], [9, 19]]],
  "2": [[[1, 3], [4, 1], [8, 1], [9, 5], [1, 19], [9, 19]]],
  "3": [[[1, 1], [9, 1], [4, 9], [9, 12], [8, 18], [1, 19]]],
  "4": [[[7, 19], [7, 1], [1, 13], [10, 13]]],
  "5": [[[9, 1], [1, 1], [1, 9], [8, 9], [9, 15], [7, 19], [1, 19]]],
  "6": [[[8, 1], [2, 6], [1, 18], [9, 18], [9, 10], [1, 10]]],
  "7": [[[1, 1], [9, 1], [3, 19]], [[3, 10], [8, 10]]],
  "8": [[[5, 10], [1, 5], [5, 1], [9, 5], [5, 10], [1, 15], [5, 19], [9, 15], [5, 10]]],
  "9": [[[9, 10], [1, 10], [1, 2], [9, 2], [9, 10], [3, 19]]],
};

/** A uniform float in [0, 1) from the CSPRNG. */
function random(): number {
  return new DataView(randomBytes(4).buffer).getUint32(0) / 2 ** 32;
}
const between = (a: number, b: number) => a + (b - a) * random();

/** An SVG drawing of `digits` (only 0-9 are drawn), about 40 px wide per digit. */
export function renderDigits(digits: string): string {
  const width = 40 * digits.length + 20;
  const height = 70;
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) {
    const y = () => between(5, height - 5).toFixed(1);
    parts.push(
      `<path d="M0 ${y()} C${between(0, width / 2).toFixed(1)} ${y()} ${between(width / 2, width).toFixed(1)} ${y()} ${width} ${y()}" stroke="#${grey()}" stroke-width="${between(1, 2.5).toFixed(1)}" fill="none"/>`,
    );
  }
  [...digits].forEach((d, i) => {
    const strokes = GLYPHS[d] ?? [];
    const angle = between(-25, 25);
    const scale = between(1.9, 2.4);
    const cx = 20 + i * 40 + between(-3, 3);
    const cy = height / 2 + between(-6, 6);
    const rad = (angle * Math.PI) / 180;
    for (const stroke of strokes) {
      const points = stroke.map(([x, y]) => {
        const px = (x - 5 + between(-0.8, 0.8)) * scale;
        const py = (y - 10 + between(-0.8, 0.8)) * scale * 0.9;
        return `${(cx + px * Math.cos(rad) - py * Math.sin(rad)).toFixed(1)},${(cy + px * Math.sin(rad) + py * Math.cos(rad)).toFixed(1)}`;
      });
      parts.push(
        `<polyline points="${points.join(" ")}" stroke="#${dark()}" stroke-width="${between(2.5, 4).toFixed(1)}" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`,
      );
    }
  });
  for (let i = 0; i < 40; i++) {
    parts.push(`<circle cx="${between(0, width).toFixed(1)}" cy="${between(0, height).toFixed(1)}" r="${between(0.5, 1.8).toFixed(1)}" fill="#${grey()}"/>`);
  }
  // Shuffle so the digits' strokes are not in reading order in the markup.
  for (let i = parts.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [parts[i], parts[j]] = [parts[j]!, parts[i]!];
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#f4f1ea"/>${parts.join("")}</svg>`;
}

function grey(): string {
  const v = Math.floor(between(120, 200)).toString(16).padStart(2, "0");
  return `${v}${v}${v}`;
}
function dark(): string {
  const c = () => Math.floor(between(10, 90)).toString(16).padStart(2, "0");
  return `${c()}${c()}${c()}`;
}
