/**
 * Federation, reference-host style: every activity is recorded in `published` instead of being
 * delivered, so tests and the demo can see what a real server would send.
 */
import type { Activity, IdGenerator } from "@pleroma-kit/core";
import type { StatusRow } from "../host-data.js";

/** The audience marker for "everyone" in published activities. */
export const PUBLIC_AUDIENCE = "https://www.w3.org/ns/activitystreams#Public";

/** Records activities and mints their ids. */
export interface Publisher {
  /** Every activity published, oldest first. */
  readonly published: Activity[];
  publish(activity: Activity): Promise<void>;
  /** A new activity id under the instance's base URL. */
  activityId(): string;
}

export function createPublisher(deps: { baseUrl: string; ids: IdGenerator }): Publisher {
  const published: Activity[] = [];
  return {
    published,
    async publish(activity) {
      published.push(activity);
    },
    activityId: () => `${deps.baseUrl}/activities/${deps.ids.next()}`,
  };
}

/** `to`/`cc` of a status's activities, by visibility (followers as `followers:<id>`, as core's reactions do). */
export function audience(row: StatusRow): { to: string[]; cc: string[] } {
  const followers = `followers:${row.authorId}`;
  switch (row.visibility) {
    case "public":
      return { to: [PUBLIC_AUDIENCE, ...row.mentionIds], cc: [followers] };
    case "unlisted":
      return { to: [followers, ...row.mentionIds], cc: [PUBLIC_AUDIENCE] };
    case "private":
      return { to: [followers, ...row.mentionIds], cc: [] };
    default:
      return { to: [...row.mentionIds], cc: [] };
  }
}
