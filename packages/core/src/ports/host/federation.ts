/** Federation is the host's: the library hands it activities to deliver. */

/** An ActivityStreams activity to deliver. */
export interface Activity {
  readonly type: string;
  readonly actorId: string;
  readonly object: unknown;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly [key: string]: unknown;
}

/**
 * Delivers the library's activities (`EmojiReact`, its `Undo`, `Listen` for scrobbles, `Move`).
 * `to`/`cc` use the status's audience; followers are written as `followers:<accountId>`, which
 * the host maps to the author's followers collection. A host that does not federate passes
 * `{ publish: async () => {} }`.
 */
export interface HostFederation {
  /** Queues an activity for delivery. Must not throw for delivery failures (retry is the host's job). */
  publish(activity: Activity): Promise<void>;
  /**
   * Optional: the id (a URL the host serves) for an activity the kit is about to publish, given
   * its type (`EmojiReact`, `Undo`, `Move`, `Listen`) and the kit's own id for it. Without it the
   * id is `${baseUrl}/activities/<localId>`, which the host must then serve or rewrite.
   */
  activityId?(type: string, localId: string): string;
}
