import type { ScrobbleRow, ScrobbleStore } from "@pleroma-kit/core";
import { pageInMemory } from "@pleroma-kit/core/store-kit";

/** Scrobbles in memory, one list per account. */
export function memoryScrobbles(): ScrobbleStore {
  const byAccount = new Map<string, Map<string, ScrobbleRow>>();
  return {
    async add(row) {
      let rows = byAccount.get(row.accountId);
      if (!rows) byAccount.set(row.accountId, (rows = new Map()));
      if (!rows.has(row.id)) rows.set(row.id, { ...row });
    },
    async list(accountId, visibilities, page) {
      const rows = [...(byAccount.get(accountId)?.values() ?? [])].filter((r) => visibilities.includes(r.visibility));
      return pageInMemory(rows, (r) => r.id, page).map((r) => ({ ...r }));
    },
  };
}
