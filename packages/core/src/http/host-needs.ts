/**
 * Which host-port methods each service method needs: the one table from which the kit decides
 * which endpoints it can serve (a route needs what its `calls` need, plus its own `needs`), what
 * `kit.endpoints()` reports, and what `createPleromaKit` checks at start-up.
 */
import type { HostPorts } from "../ports/host.js";
import type { ServiceMethod } from "./route.js";

type MethodNames<T> = { [K in keyof T & string]-?: NonNullable<T[K]> extends (...args: never[]) => unknown ? K : never }[keyof T & string];

/** A host-port method as `port.method` (`"accountSecurity.checkPassword"`). */
export type HostMethod = { [P in keyof HostPorts & string]-?: `${P}.${MethodNames<NonNullable<HostPorts[P]>>}` }[keyof HostPorts & string];

/**
 * Methods every host must have: without one of them no endpoint works, so `createPleromaKit`
 * refuses to start (a plain JavaScript host gets the port and method named).
 */
export const REQUIRED_HOST_METHODS: readonly HostMethod[] = [
  "auth.authenticateToken",
  "accounts.get",
  "accounts.activeAmong",
  "accounts.findByNickname",
  "accounts.render",
  "statuses.getVisible",
  "statuses.render",
  "relationships.hiddenFor",
  "notifications.create",
  "federation.publish",
];

const PASSWORD: HostMethod = "accountSecurity.checkPassword";
const BACKUP_SOURCE: readonly HostMethod[] = [
  "backupSource.actor",
  "backupSource.outbox",
  "backupSource.likes",
  "backupSource.bookmarks",
  "backupSource.relations",
];

/** Optional host methods a service method calls; service methods not listed need only required ones. */
export const SERVICE_HOST_NEEDS: Partial<Record<ServiceMethod, readonly HostMethod[]>> = {
  "accountSecurity.deleteAccount": [PASSWORD, "accountSecurity.deleteAccount"],
  "accountSecurity.disableAccount": [PASSWORD, "accountSecurity.disableAccount"],
  "accountSecurity.changeEmail": [PASSWORD, "accountSecurity.changeEmail"],
  "accountSecurity.moveAccount": [PASSWORD, "accountSecurity.resolveAccount", "accountSecurity.moveFollowers"],
  "accountSecurity.addAlias": ["accountSecurity.resolveAccount"],
  "accountSecurity.removeAlias": ["accountSecurity.resolveAccount"],
  "accountSecurity.resendConfirmation": ["accountSecurity.findByLogin", "accountSecurity.confirmationMail"],
  "mfa.confirm": [PASSWORD],
  "mfa.disable": [PASSWORD],
  "loginChallenge.answer": ["accountSecurity.issueLoginToken"],
  "backups.create": BACKUP_SOURCE,
  "backups.list": BACKUP_SOURCE,
  "backups.download": BACKUP_SOURCE,
  "favourites.list": ["favourites.favouritedStatusIds", "favourites.hidesFavourites"],
  "subscriptions.subscribe": ["subscriptions.subscribe", "subscriptions.relationship"],
  "subscriptions.unsubscribe": ["subscriptions.unsubscribe", "subscriptions.relationship"],
  "imports.start": ["relationImports.apply"],
  "notifications.markOne": ["notifications.markOneRead"],
  "notifications.markUpTo": ["notifications.markReadUpTo"],
};

/** True when the host has `port.method` as a function. */
export function hostHas(host: HostPorts, method: HostMethod): boolean {
  const [port, name] = method.split(".") as [keyof HostPorts, string];
  const target = host[port] as Record<string, unknown> | undefined;
  return typeof target?.[name] === "function";
}

/** The required methods the host lacks (for a plain JavaScript host the types did not check). */
export function missingRequired(host: HostPorts): HostMethod[] {
  return REQUIRED_HOST_METHODS.filter((m) => !hostHas(host, m));
}

/** The host methods a route needs: its calls' needs and its own `needs`, without duplicates. */
export function routeNeeds(route: { readonly calls?: readonly ServiceMethod[]; readonly needs?: readonly HostMethod[] }): HostMethod[] {
  const needs = new Set<HostMethod>(route.needs ?? []);
  for (const call of route.calls ?? []) for (const m of SERVICE_HOST_NEEDS[call] ?? []) needs.add(m);
  return [...needs];
}
