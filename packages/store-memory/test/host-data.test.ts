import { runHostDataContract } from "@pleroma-kit/testkit";
import { createMemoryHostData } from "../src/index.js";

runHostDataContract("memory", async () => ({ data: createMemoryHostData() }));
