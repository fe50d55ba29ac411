import { runStoreContract } from "@pleroma-kit/testkit";
import { createMemoryStore } from "../src/index.js";

runStoreContract("memory", async () => ({ store: createMemoryStore() }));
