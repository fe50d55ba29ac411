/**
 * The library's own state: one port file per domain under `store/`, each named like its
 * implementations (store-memory's `memory-<domain>.ts`, store-sql's `sql-<domain>.ts`) and its
 * contract suite (testkit's `contract/<domain>.ts`). This barrel keeps `ports/store.js` imports
 * working. Every method states its concurrency promise, and the contract suite checks it with
 * parallel calls. Stores return null for "not found" and throw only on infrastructure failure.
 */
export type * from "./store/pleroma-store.js";
export type * from "./store/reactions.js";
export type * from "./store/mfa.js";
export type * from "./store/attempts.js";
export type * from "./store/captcha.js";
export type * from "./store/account-settings.js";
export type * from "./store/backups.js";
export type * from "./store/conversations.js";
export type * from "./store/imports.js";
export type * from "./store/profile-media.js";
export type * from "./store/scrobbles.js";
