import { createMemoryHostData } from "../../src/storage/memory/index.js";
import { runHostDataContract } from "./host-data-contract.js";
import { runHostDataLookupsContract } from "./host-data-lookups-contract.js";

runHostDataContract("memory", async () => ({ data: createMemoryHostData() }));
runHostDataLookupsContract("memory", async () => ({ data: createMemoryHostData() }));
