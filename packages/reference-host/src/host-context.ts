import type { Clock, HostPorts, IdGenerator } from "@pleroma-kit/core";
import type { HostData } from "./host-data.js";

/** What the reference host's parts share: its data, its public URL, time and ids. */
export interface HostContext {
  readonly data: HostData;
  /** The instance's public base URL without a trailing slash. */
  readonly baseUrl: string;
  /** Host (and port) of `baseUrl`, for `fqn` and local `acct`s. */
  readonly localHost: string;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Renders statuses for a viewer: the host's own renderer, or core's once the kit exists. */
export type StatusRenderFn = HostPorts["statuses"]["render"];

/** Akkoma's date format: `YYYY-MM-DDTHH:MM:SS.000Z` (fraction always `.000`). */
export function formatDate(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, ".000Z");
}
