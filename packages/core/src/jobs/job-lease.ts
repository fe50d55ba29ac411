/**
 * Leases on running jobs (issue 15): the process running a backup or an import writes who it is
 * and until when it is known alive, and renews that while it runs. Recovery reads the leases: an
 * ended lease, or an owner known dead, means the work was abandoned.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

/** How long a lease lasts without renewal; renewed every third of it. */
export const LEASE_MS = 30_000;

const host = hostname();
const boot = randomUUID();

/** This process as a lease owner: `host:pid:boot` (the boot id tells a restarted process with a reused pid apart). */
export const LEASE_OWNER = `${host}:${process.pid}:${boot}`;

/**
 * True when `owner` is certainly dead: it ran on this host and its pid is gone, or it is this
 * pid from an earlier boot (a restarted container often reuses pid 1). Owners on other hosts are
 * never "certainly dead": their lease has to end.
 */
export function leaseOwnerDead(owner: string): boolean {
  const [ownerHost, pidText, ownerBoot] = owner.split(":");
  const pid = Number(pidText);
  if (ownerHost !== host || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return ownerBoot !== boot;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** True when a running row's lease is over: ended before `now`, held by a dead owner, or never written. */
export function leaseAbandoned(row: { leaseOwner?: string | null; leaseUntil?: Date | null }, now: Date, graceMs = 0): boolean {
  if (!row.leaseOwner || !row.leaseUntil) return true;
  return row.leaseUntil.getTime() + graceMs < now.getTime() || leaseOwnerDead(row.leaseOwner);
}

/**
 * Renews a lease every third of {@link LEASE_MS} until stopped; when a renewal finds the lease
 * gone (recovery failed the row, or another instance took it over), `lost` is called once.
 */
export function keepLease(renew: () => Promise<boolean>, lost: () => void, onError: (error: unknown) => void): () => void {
  let done = false;
  const timer = setInterval(() => {
    renew().then(
      (held) => {
        if (!held && !done) {
          done = true;
          clearInterval(timer);
          lost();
        }
      },
      onError,
    );
  }, LEASE_MS / 3);
  timer.unref();
  return () => {
    done = true;
    clearInterval(timer);
  };
}
