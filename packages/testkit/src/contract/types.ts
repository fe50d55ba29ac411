import type { PleromaStore } from "@pleroma-kit/core";

/** What a store under test provides to the contract suite. A fresh, empty store per call. */
export interface StoreFixture {
  readonly store: PleromaStore;
  /** Releases connections; called after each test. */
  close?(): Promise<void>;
}

export type StoreFactory = () => Promise<StoreFixture>;
