import { createMemoryHostData } from "../../src/storage/memory/index.js";
import { runHostDataContract } from "./host-data-contract.js";

runHostDataContract("memory", async () => ({ data: createMemoryHostData() }));
