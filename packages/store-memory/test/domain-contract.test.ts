/**
 * Each domain's contract runs on that domain's store alone (issue 13): what a host that owns
 * reactions or MFA secrets itself runs on its own store. A suite touching another domain fails.
 */
import { runDomainContract } from "@pleroma-kit/testkit";
import { createMemoryStore } from "../src/index.js";

runDomainContract("reactions", "memory reactions alone", async () => ({ store: createMemoryStore().reactions }));
runDomainContract("mfa", "memory MFA alone", async () => ({ store: createMemoryStore().mfa }));
runDomainContract("conversations", "memory conversations alone", async () => ({ store: createMemoryStore().conversations }));
