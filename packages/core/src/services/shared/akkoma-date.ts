/** A date as Akkoma renders it (content.md 0.3): `YYYY-MM-DDTHH:MM:SS.000Z`, fraction zeroed. */
export function akkomaDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}.000Z`;
}
