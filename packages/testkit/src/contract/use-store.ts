import type { PleromaStore } from "@pleroma-kit/core";
import { afterEach, beforeEach } from "vitest";
import type { StoreFactory, StoreFixture } from "./types.js";

/** A fresh store for each test of the enclosing describe, closed afterwards. */
export function useStore(factory: StoreFactory): () => PleromaStore {
  let fixture: StoreFixture | null = null;
  beforeEach(async () => {
    fixture = await factory();
  });
  afterEach(async () => {
    await fixture?.close?.();
    fixture = null;
  });
  return () => {
    if (!fixture) throw new Error("store fixture used outside a test");
    return fixture.store;
  };
}
