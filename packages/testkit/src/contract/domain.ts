/**
 * One domain's contract suite over a single store: a host that owns reactions (or MFA secrets, or
 * ...) itself runs `runDomainContract("reactions", ...)` on its own `ReactionStore`, with the same
 * tests the library's stores pass, without implementing the rest of `PleromaStore`.
 */
import type { PleromaStore } from "@pleroma-kit/core";
import { describe } from "vitest";
import { accountSettingsContract } from "./account-settings.js";
import { attemptsContract } from "./attempts.js";
import { backupContract } from "./backups.js";
import { captchaContract } from "./captcha.js";
import { conversationContract } from "./conversations.js";
import { importContract } from "./imports.js";
import { mfaContract } from "./mfa.js";
import { profileMediaContract } from "./profile-media.js";
import { reactionContract } from "./reactions.js";
import { scrobbleContract } from "./scrobbles.js";
import type { StoreFactory } from "./types.js";

/** The store of each domain that has a contract suite. */
export type DomainStores = Required<Omit<PleromaStore, "health" | "persistent">>;
export type StoreDomain = keyof DomainStores;

const CONTRACTS: Record<StoreDomain, (factory: StoreFactory) => void> = {
  reactions: reactionContract,
  mfa: mfaContract,
  attempts: attemptsContract,
  captcha: captchaContract,
  accountSettings: accountSettingsContract,
  backups: backupContract,
  conversations: conversationContract,
  imports: importContract,
  profileMedia: profileMediaContract,
  scrobbles: scrobbleContract,
};

/** A fresh, empty domain store per call, and how to release it. */
export type DomainStoreFactory<D extends StoreDomain> = () => Promise<{ readonly store: DomainStores[D]; close?(): Promise<void> }>;

/**
 * Runs the contract suite of `domain` against `factory`'s store.
 *
 * @example
 * runDomainContract("reactions", "my ReactionStore", async () => ({ store: myReactionStore(await freshDb()) }));
 */
export function runDomainContract<D extends StoreDomain>(domain: D, name: string, factory: DomainStoreFactory<D>): void {
  describe(`${domain} store contract: ${name}`, () => {
    CONTRACTS[domain](async () => {
      const fixture = await factory();
      return { store: onlyDomain(domain, fixture.store), ...(fixture.close ? { close: () => fixture.close!() } : {}) };
    });
  });
}

/** A `PleromaStore` holding one domain; touching another fails with a message that says so. */
function onlyDomain(domain: StoreDomain, store: unknown): PleromaStore {
  return new Proxy({ [domain]: store } as Record<string | symbol, unknown>, {
    get(target, key) {
      if (key in target || typeof key === "symbol" || key === "then" || key === "toJSON") return target[key];
      throw new Error(`the ${domain} contract suite touched store.${String(key)}: only store.${domain} was given`);
    },
  }) as unknown as PleromaStore;
}
