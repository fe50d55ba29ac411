import { createMemoryHostData } from "../src/storage/memory/index.js";
import type { Clock } from "@pleroma-kit/core";
import { createReferenceHost } from "../src/index.js";

/** A cheap scrypt cost so tests stay fast; the real default is measured in core's tests. */
export const FAST_PASSWORDS = { ln: 4, r: 8, p: 1 } as const;

/** A settable clock starting at a fixed instant. */
export function testClock(start = Date.UTC(2024, 0, 1)): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

/** A reference host over fresh memory data. */
export function testHost() {
  const clock = testClock();
  const host = createReferenceHost(createMemoryHostData(), { baseUrl: "https://local.example", clock, passwordParams: FAST_PASSWORDS });
  const user = (nickname: string, extra: Partial<Parameters<typeof host.users.register>[0]> = {}) =>
    host.users.register({ nickname, email: `${nickname}@mail.example`, password: `${nickname}-pw`, ...extra });
  return { host, clock, user };
}
