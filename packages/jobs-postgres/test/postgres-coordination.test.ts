import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { postgresLocks, postgresSignals } from "../src/index.js";

const url = process.env.PLEROMA_KIT_PG_URL;

describe.skipIf(!url)("PostgreSQL locks and signals", () => {
  const pools = [new pg.Pool({ connectionString: url, max: 5 }), new pg.Pool({ connectionString: url, max: 5 })];
  const namespace = `pk_t${randomBytes(4).toString("hex")}_`;
  afterAll(async () => {
    for (const p of pools) await p.end();
  });

  it("serialises read-modify-write across two pools (two instances): no update is lost", async () => {
    const [a, b] = pools.map((p) => postgresLocks(p, { namespace }));
    let value = 0;
    let inside = 0;
    let overlap = false;
    const bump = async () => {
      inside++;
      if (inside > 1) overlap = true;
      const read = value;
      await new Promise((r) => setTimeout(r, 5));
      value = read + 1;
      inside--;
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a! : b!).withLock("pack:x", bump)));
    expect(value).toBe(20);
    expect(overlap).toBe(false);
    // Other keys do not wait, and a throwing holder releases the lock.
    await expect(a!.withLock("pack:x", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await b!.withLock("pack:x", async () => "free")).toBe("free");
  });

  it("delivers a published change to a subscriber on another connection within a second", async () => {
    const one = postgresSignals(pools[0]!, url!, { namespace });
    const two = postgresSignals(pools[1]!, url!, { namespace });
    try {
      let heard = 0;
      two.subscribe("emoji", () => heard++);
      await new Promise((r) => setTimeout(r, 500)); // LISTEN issued
      const at = Date.now();
      await one.publish("emoji");
      while (heard === 0 && Date.now() - at < 2000) await new Promise((r) => setTimeout(r, 20));
      expect(heard).toBe(1);
      expect(Date.now() - at).toBeLessThan(1000);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
