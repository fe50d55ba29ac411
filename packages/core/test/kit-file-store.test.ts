/**
 * createPleromaKit refuses a persistent store without a file store: the default in-memory files
 * would vanish on restart while the store still lists backups and packs (issue 12, item 1).
 */
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { describe, expect, it } from "vitest";
import { createPleromaKit, memoryFileStore, type PleromaStore } from "../src/index.js";
import { fakeHost } from "./support/fake-host.js";

const base = { baseUrl: "https://local.example", host: fakeHost().ports };
const persistent: PleromaStore = { ...createMemoryStore(), persistent: true };
const unmarked: PleromaStore = (({ persistent: _, ...rest }) => rest)(createMemoryStore());

describe("createPleromaKit and the file store", () => {
  it("throws for a persistent store without files, naming what to pass", () => {
    expect(() => createPleromaKit({ ...base, store: persistent })).toThrow(/files: localFileStore\(dir\)/);
    expect(() => createPleromaKit({ ...base, store: persistent })).toThrow(/memoryFileStore\(\)/);
  });

  it("counts a store that does not say as persistent", () => {
    expect(unmarked.persistent).toBeUndefined();
    expect(() => createPleromaKit({ ...base, store: unmarked })).toThrow(/localFileStore/);
  });

  it("accepts a persistent store with a file store chosen on purpose, even a memory one", () => {
    expect(createPleromaKit({ ...base, store: persistent, files: memoryFileStore() }).routes.length).toBeGreaterThan(0);
  });

  it("defaults to memory files when the store is in memory too", () => {
    expect(createMemoryStore().persistent).toBe(false);
    expect(createPleromaKit({ ...base, store: createMemoryStore() }).routes.length).toBeGreaterThan(0);
  });
});
