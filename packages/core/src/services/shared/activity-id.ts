import type { KitConfig } from "../../config.js";
import type { HostFederation } from "../../ports/host.js";

/**
 * The id of an activity the kit publishes: the host's (`federation.activityId`) when it serves
 * activities under its own URLs, else `${baseUrl}/activities/<localId>`.
 */
export function activityId(federation: HostFederation, config: KitConfig, type: string, localId: string): string {
  return federation.activityId?.(type, localId) ?? `${config.baseUrl}/activities/${localId}`;
}
