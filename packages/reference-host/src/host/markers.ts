/** Mastodon read markers, kept in memory per host (they are cheap to lose). */
import type { Clock } from "@pleroma-kit/core";

/** A timeline Mastodon markers track. */
export type MarkerTimeline = "home" | "notifications";

/** One stored marker. */
export interface Marker {
  readonly lastReadId: string;
  readonly version: number;
  readonly updatedAt: Date;
}

/** The host's `markers`. */
export interface HostMarkers {
  get(userId: string, timeline: MarkerTimeline): Marker | null;
  /** Sets a marker (Mastodon lets it move backwards too); bumps its version. */
  set(userId: string, timeline: MarkerTimeline, lastReadId: string): Marker;
}

/** The markers plus `advance`, which the notification port uses when notifications are read. */
export interface MarkerStore extends HostMarkers {
  /** Moves a marker forward to `lastReadId`; never backwards. */
  advance(userId: string, timeline: MarkerTimeline, lastReadId: string): void;
}

export function createMarkers(clock: Clock): MarkerStore {
  const markers = new Map<string, Marker>();
  const key = (userId: string, timeline: MarkerTimeline) => `${userId}\u0000${timeline}`;
  const set = (userId: string, timeline: MarkerTimeline, lastReadId: string): Marker => {
    const old = markers.get(key(userId, timeline));
    const marker = { lastReadId, version: (old?.version ?? 0) + 1, updatedAt: clock.now() };
    markers.set(key(userId, timeline), marker);
    return marker;
  };
  return {
    get: (userId, timeline) => markers.get(key(userId, timeline)) ?? null,
    set,
    advance(userId, timeline, lastReadId) {
      const old = markers.get(key(userId, timeline));
      if (old && old.lastReadId >= lastReadId) return;
      set(userId, timeline, lastReadId);
    },
  };
}
