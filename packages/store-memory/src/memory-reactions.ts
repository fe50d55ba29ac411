import type { ReactionGroup, ReactionRow, ReactionStore } from "@pleroma-kit/core";

/** Reactions in memory. JavaScript runs one call at a time, so each method is atomic. */
export function memoryReactions(): ReactionStore {
  // statusId -> rows in insertion order
  const byStatus = new Map<string, ReactionRow[]>();
  const keyOf = (r: { name: string; url: string | null }) => r.url ?? `unicode:${r.name}`;

  return {
    async add(row) {
      const rows = byStatus.get(row.statusId) ?? [];
      if (rows.some((r) => r.userId === row.userId && keyOf(r) === keyOf(row))) return false;
      rows.push(row);
      byStatus.set(row.statusId, rows);
      return true;
    },
    async remove(statusId, userId, key) {
      const rows = byStatus.get(statusId);
      if (!rows) return false;
      const i = rows.findIndex((r) => r.userId === userId && keyOf(r) === keyOf(key));
      if (i < 0) return false;
      rows.splice(i, 1);
      return true;
    },
    async groupsFor(statusIds) {
      const out = new Map<string, ReactionGroup[]>();
      for (const statusId of new Set(statusIds)) {
        const rows = byStatus.get(statusId);
        if (!rows || rows.length === 0) continue;
        const groups = new Map<string, { name: string; url: string | null; first: number; rows: ReactionRow[] }>();
        rows.forEach((r, index) => {
          const g = groups.get(keyOf(r));
          if (g) g.rows.push(r);
          else groups.set(keyOf(r), { name: r.name, url: r.url, first: index, rows: [r] });
        });
        out.set(
          statusId,
          [...groups.values()]
            .sort((a, b) => firstUse(a.rows) - firstUse(b.rows) || a.first - b.first)
            .map((g) => ({
              name: g.name,
              url: g.url,
              // Newest first; rows are in insertion order, so a tie in time goes to the later insert.
              userIds: g.rows
                .map((r, i) => ({ r, i }))
                .sort((a, b) => b.r.createdAt.getTime() - a.r.createdAt.getTime() || b.i - a.i)
                .map(({ r }) => r.userId),
            })),
        );
      }
      return out;
    },
  };
}

const firstUse = (rows: ReactionRow[]) => Math.min(...rows.map((r) => r.createdAt.getTime()));
