/**
 * Host ports: what the host server owns (users, statuses, follows, notifications, federation)
 * and the library needs to read or trigger. One file per area under `host/`; this barrel keeps
 * `ports/host.js` imports working. `HostPorts` (host/host-ports.ts) gathers them.
 */
export type * from "./host/host-ports.js";
export type * from "./host/entity.js";
export type * from "./host/auth.js";
export type * from "./host/accounts.js";
export type * from "./host/statuses.js";
export type * from "./host/relationships.js";
export type * from "./host/notifications.js";
export type * from "./host/federation.js";
export type * from "./host/account-security.js";
export type * from "./host/backup-source.js";
export type * from "./host/favourites.js";
export type * from "./host/subscriptions.js";
export type * from "./host/relation-imports.js";
export type * from "./host/profile-images.js";
// Paging is shared with the store ports; services import `IdPage` from here.
export type * from "./paging.js";
