import { describe, it, expect } from "vitest";
import { reactionContract } from "./reactions.js";
import { conversationContract } from "./conversations.js";
import { importContract } from "./imports.js";
import { profileMediaContract } from "./profile-media.js";
import { scrobbleContract } from "./scrobbles.js";
import { mfaContract } from "./mfa.js";
import { attemptsContract } from "./attempts.js";
import { captchaContract } from "./captcha.js";
import { accountSettingsContract } from "./account-settings.js";
import { backupContract } from "./backups.js";
import { jobLeaseContract } from "./job-leases.js";
import { hostileInputContract } from "./hostile-input.js";
import type { StoreFactory } from "./types.js";
import { useStore } from "./use-store.js";

export type { StoreFactory, StoreFixture } from "./types.js";
export { useStore } from "./use-store.js";
export { mfaContract } from "./mfa.js";
export { attemptsContract } from "./attempts.js";
export { captchaContract } from "./captcha.js";
export { accountSettingsContract } from "./account-settings.js";
export { backupContract } from "./backups.js";
export { jobLeaseContract } from "./job-leases.js";
export { hostileInputContract, HOSTILE_VALID_TEXT } from "./hostile-input.js";

/**
 * The store contract suite: every store (memory, SQLite, PostgreSQL, a host's own) runs it and must
 * pass it whole. Domains add their `xContract(factory)` call here.
 */
export function runStoreContract(name: string, factory: StoreFactory): void {
  describe(`store contract: ${name}`, () => {
    describe("health", () => {
      const get = useStore(factory);
      it("pings healthy", async () => {
        expect(await get().health.ping()).toBe(true);
      });
    });
    reactionContract(factory);
    conversationContract(factory);
    importContract(factory);
    profileMediaContract(factory);
    scrobbleContract(factory);
    mfaContract(factory);
    attemptsContract(factory);
    captchaContract(factory);
    accountSettingsContract(factory);
    backupContract(factory);
    jobLeaseContract(factory);
    hostileInputContract(factory);
  });
}
export { conversationContract } from "./conversations.js";
export { importContract } from "./imports.js";
export { profileMediaContract } from "./profile-media.js";
export { scrobbleContract } from "./scrobbles.js";
export { reactionContract } from "./reactions.js";
export { runDomainContract, type DomainStoreFactory, type DomainStores, type StoreDomain } from "./domain.js";
