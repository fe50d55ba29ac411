import { randomBytes } from "node:crypto";
import { errAsync, okAsync } from "neverthrow";
import { z } from "zod";
import type { KitConfig } from "../../config.js";
import { appError } from "../../errors/index.js";
import type { FileStore } from "../../ports/files.js";
import type { HostBackupSource, HostPorts } from "../../ports/host.js";
import type { Clock, Logger } from "../../ports/infrastructure.js";
import type { JobContext, JobQueue, Mailer } from "../../ports/jobs.js";
import type { BackupRow, BackupStore } from "../../ports/store.js";
import { fromPort, type Outcome } from "../../result.js";
import { backupEntries } from "./backup-archive.js";
import { zipStream } from "../../archives/zip-stream.js";
import { keepLease, LEASE_MS, LEASE_OWNER, leaseAbandoned } from "../../jobs/job-lease.js";

const DAY = 24 * 60 * 60 * 1000;
/** With a durable queue, abandoned backups are left to its retries this long before recovery fails them. */
const TAKEOVER_GRACE_MS = 5 * 60_000;

/** The job type backups run under; a host's own queue routes it to the registered handler. */
export const BACKUP_JOB = "backup";

/** The path below the base URL where the library serves archives itself. */
export const BACKUP_DOWNLOAD_PATH = "/api/v1/pleroma/backups/download";

/** Akkoma's `Pleroma.User.Backup` and worker settings, with its defaults. */
export const backupOptionsSchema = z.object({
  /** Days before a user may export again (Akkoma's `limit_days`). */
  limitDays: z.number().int().positive().default(7),
  /** Days a finished archive is kept (Akkoma's `purge_after_days`). */
  purgeAfterDays: z.number().int().positive().default(30),
  /** A job running longer is aborted and marked failed (Akkoma's `workers.timeout.backup`). */
  timeoutMs: z.number().int().positive().default(900_000),
  /** Items read from the host per page: the memory bound of a running backup. */
  pageSize: z.number().int().min(1).max(10_000).default(500),
});

/** Backup settings as given to `createPleromaKit({ backups })`. */
export type BackupOptions = z.input<typeof backupOptionsSchema>;

/** A backup as rendered by the API (content.md 4.2), plus `state`. */
export interface BackupEntity {
  readonly id: number;
  readonly content_type: string;
  readonly url: string;
  readonly file_size: number;
  readonly processed: boolean;
  /** Items written so far (Akkoma's progress counter); kept by the process running the job, 0 elsewhere. */
  readonly processed_number: number;
  readonly inserted_at: string;
  readonly state: BackupRow["state"];
}

/** An archive ready to stream to a client. */
export interface BackupDownload {
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly body: ReadableStream<Uint8Array>;
}

export interface BackupsDeps {
  /** Absent when the store has no backup port: the endpoints then answer "Not implemented". */
  readonly store: BackupStore | undefined;
  readonly files: FileStore;
  readonly jobs: JobQueue;
  readonly mailer: Mailer;
  readonly host: HostPorts;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: KitConfig;
  readonly options?: BackupOptions;
}

// archive-<nickname>-<YYYYMMDDTHHMMSS>-<32 random bytes, base64url>.zip, as Akkoma names them.
const FILE_NAME = /^archive-[A-Za-z0-9_.-]{1,64}-\d{8}T\d{6}-[A-Za-z0-9_-]{43}\.zip$/;
const PREFIX = "backups/";

/**
 * Account backups (content.md 4): one per user per period, built by a background job into a zip
 * streamed to the file store, only the newest kept, purged after an expiry. A failure anywhere
 * leaves the row failed, no file, and the quota unused (unlike Akkoma, where a failed backup
 * still blocks the user for the whole period).
 */
export class BackupsService {
  private readonly options: z.output<typeof backupOptionsSchema>;

  /** Items processed per backup id by this process's jobs (rows of removed backups are dropped). */
  private readonly progress = new Map<number, number>();

  constructor(private readonly deps: BackupsDeps) {
    const parsed = backupOptionsSchema.safeParse(deps.options ?? {});
    if (!parsed.success) throw new TypeError(`pleroma-kit: invalid backups options: ${z.prettifyError(parsed.error)}`);
    this.options = parsed.data;
    deps.jobs.register(BACKUP_JOB, (payload, context) => this.run(payload, context));
  }

  /** The user's backups, newest first; expired ones are gone even before the purge runs. */
  list(userId: string): Outcome<BackupEntity[]> {
    const store = this.deps.store;
    if (!this.deps.host.backupSource || !store) return errAsync(appError("BACKUPS_UNAVAILABLE"));
    const now = this.deps.clock.now();
    return fromPort(() => store.listByUser(userId)).map((rows) =>
      rows.filter((row) => !isExpired(row, now)).map((row) => this.render(row)),
    );
  }

  /**
   * Creates a backup and queues its job; answers the full list (new entry first). Refused with
   * Akkoma's text while a backup that did not fail is younger than the period.
   */
  create(userId: string, nickname: string): Outcome<BackupEntity[]> {
    const { store, jobs, clock, host } = this.deps;
    if (!host.backupSource || !store) return errAsync(appError("BACKUPS_UNAVAILABLE"));
    const now = clock.now();
    // Jobs whose process died never finish: past the timeout they stop counting (and their files go).
    const staleBefore = new Date(now.getTime() - this.options.timeoutMs - 60_000);
    return fromPort(() => store.failStale(userId, staleBefore))
      .andThen((stale) => fromPort(() => Promise.all(stale.map((row) => this.deleteFile(row)))))
      // A backup whose process died no longer counts against the period: the user may retry at once.
      .andThen(() => fromPort(() => this.recoverRows((row) => row.userId === userId, 0)))
      .andThen(() =>
        fromPort(() =>
          store.createIfAllowed(
            { userId, fileKey: `${PREFIX}${archiveName(nickname, now)}`, contentType: "application/zip", insertedAt: now },
            (this.options.limitDays + 1) * DAY,
          ),
        ),
      )
      .andThen((row) => (row ? okAsync(row) : errAsync(appError("BACKUP_RATE_LIMITED", { message: rateLimitMessage(this.options.limitDays) }))))
      .andThen((row) =>
        fromPort(() => jobs.enqueue(BACKUP_JOB, { backupId: row.id })).orElse((error) =>
          // Never queued: give the quota back.
          fromPort(() => store.fail(row.id)).andThen(() => errAsync(error)),
        ),
      )
      .andThen(() => this.list(userId));
  }

  /**
   * A finished archive by its file name (the capability in its URL). Anything else, including
   * malformed names, expired or unfinished backups, is "not found".
   */
  download(fileName: string): Outcome<BackupDownload> {
    const notFound = appError("BACKUP_NOT_FOUND");
    if (!FILE_NAME.test(fileName)) return errAsync(notFound);
    const { store, files, clock } = this.deps;
    if (!store) return errAsync(notFound);
    return fromPort(() => store.byFileKey(`${PREFIX}${fileName}`)).andThen((row) => {
      if (!row || row.state !== "done" || isExpired(row, clock.now())) return errAsync(notFound);
      return fromPort(() => files.read(row.fileKey)).andThen((body) =>
        body ? okAsync({ fileName, contentType: row.contentType, size: row.fileSize, body }) : errAsync(notFound),
      );
    });
  }

  /**
   * Deletes expired archives and their rows (at most `limit`); returns how many went. Runs after
   * every finished backup; a host may also call it on a timer.
   */
  purgeExpired(limit = 100): Outcome<number> {
    const store = this.deps.store;
    if (!store) return okAsync(0);
    return fromPort(async () => {
      const rows = await store.expired(this.deps.clock.now(), limit);
      for (const row of rows) await this.remove(row);
      return rows.length;
    });
  }

  /**
   * Fails running backups whose process died (its lease ended, or it ran on this host and its pid
   * is gone) and deletes what they wrote. Call at start-up and periodically (`kit.recoverJobs`).
   * With a durable queue, a backup is left to the queue's retry until its lease is 5 min over.
   */
  async recover(): Promise<number> {
    return this.recoverRows(() => true, this.deps.jobs.durable ? TAKEOVER_GRACE_MS : 0);
  }

  private async recoverRows(which: (row: BackupRow) => boolean, graceMs: number): Promise<number> {
    const { store, clock, logger } = this.deps;
    if (!store) return 0;
    const now = clock.now();
    let count = 0;
    for (const row of await store.running(1000)) {
      if (!which(row)) continue;
      const abandoned = graceMs === 0 ? leaseAbandoned(row, now) : !row.leaseUntil || row.leaseUntil.getTime() + graceMs < now.getTime();
      if (!abandoned) continue;
      const failed = row.leaseOwner ? await store.failLeased(row.id, row.leaseOwner) : await store.fail(row.id);
      if (!failed) continue;
      logger.warn("backup abandoned by a stopped process: marked failed", { backupId: row.id, owner: row.leaseOwner ?? null });
      await this.deleteFile(row);
      count++;
    }
    return count;
  }

  /** The job: pending -> running (under a lease) -> done, or failed with nothing left behind. */
  private async run(payload: unknown, context: JobContext): Promise<void> {
    const { store, files, host, clock, logger } = this.deps;
    if (!store) throw new Error("backup job without a backup store");
    const id = (payload as { backupId?: unknown } | null)?.backupId;
    if (typeof id !== "number") throw new TypeError("backup job without a backupId");
    const row = await store.get(id);
    if (!row || (row.state !== "pending" && row.state !== "running")) return;
    const now = clock.now();
    // A retry of a backup another process was running: take it over only once that process is gone.
    if (row.state === "running" && !leaseAbandoned(row, now)) throw new Error(`backup ${id} is running in another process`);
    const claimNow = row.leaseUntil && row.leaseUntil >= now ? new Date(row.leaseUntil.getTime() + 1) : now;
    try {
      if (!(await store.start(id, { owner: LEASE_OWNER, until: new Date(now.getTime() + LEASE_MS), now: claimNow }))) return;
    } catch (error) {
      // Never started: give the quota back (a failing store may refuse this too; the lease rules then apply).
      await store.fail(id).catch(() => {});
      throw error;
    }
    const lost = new AbortController();
    const stopLease = keepLease(
      () => store.renewLease(id, LEASE_OWNER, new Date(clock.now().getTime() + LEASE_MS)),
      () => lost.abort(new Error(`backup ${id} lease lost`)),
      (error) => logger.warn("renewing a backup lease failed", { backupId: id, error: String(error) }),
    );
    try {
      const signal = AbortSignal.any([context.signal, lost.signal, AbortSignal.timeout(this.options.timeoutMs)]);
      const source: HostBackupSource | undefined = host.backupSource;
      if (!source) throw new Error("the host has no backup source");
      const actor = await source.actor(row.userId);
      if (!actor) throw new Error(`backup of an unknown user ${row.userId}`);
      this.progress.set(id, 0);
      const entries = backupEntries(source, row.userId, actor, { pageSize: this.options.pageSize, signal }, (n) =>
        this.progress.set(id, (this.progress.get(id) ?? 0) + n),
      );
      const stat = await files.write(row.fileKey, zipStream(entries, { signal, modifiedAt: row.insertedAt }), { signal });
      signal.throwIfAborted();
      const expiresAt = new Date(row.insertedAt.getTime() + this.options.purgeAfterDays * DAY);
      // False when a recovery pass failed the row meanwhile: the archive must not outlive it.
      if (!(await store.complete(id, { fileSize: stat.size, expiresAt }))) throw new Error(`backup ${id} was failed while running`);
    } catch (error) {
      // A lost lease means recovery or another process owns the row (and the file) now.
      if (!lost.signal.aborted) await this.discard(row);
      throw error;
    } finally {
      stopLease();
    }
    await this.afterDone(row);
  }

  /** Best-effort cleanup after success: older backups go, expired ones go, the user is told. */
  private async afterDone(row: BackupRow): Promise<void> {
    const { store, logger } = this.deps;
    try {
      if (!store) return;
      for (const older of await store.listByUser(row.userId)) {
        if (older.id < row.id) await this.remove(older);
      }
      await this.purgeExpired().match(
        () => {},
        (error) => logger.warn("backup purge failed", { error: String(error.cause ?? error.message) }),
      );
    } catch (error) {
      logger.warn("removing older backups failed", { backupId: row.id, error: String(error) });
    }
    try {
      await this.notify(row);
    } catch (error) {
      logger.warn("backup mail failed", { backupId: row.id, error: String(error) });
    }
  }

  private async notify(row: BackupRow): Promise<void> {
    const account = await this.deps.host.accounts.get(row.userId);
    if (!account?.email) return;
    await this.deps.mailer.send({
      to: account.email,
      subject: "Your account archive is ready",
      text: `The archive of your account is ready. Download it here:\n\n${this.urlOf(row)}\n\nThe link stays valid for ${this.options.purgeAfterDays} days.`,
    });
  }

  /** Marks the row failed and deletes whatever was written. Errors are logged: the job's own error wins. */
  private async discard(row: BackupRow): Promise<void> {
    const { store, logger } = this.deps;
    const failed = await store?.failLeased(row.id, LEASE_OWNER).catch((error) => {
      logger.error("marking a backup failed failed", { backupId: row.id, error: String(error) });
      return false;
    });
    if (!failed) return;
    await this.deleteFile(row).catch((error) => logger.error("deleting a failed backup's file failed", { backupId: row.id, error: String(error) }));
  }

  /** File first, then row: a failure in between leaves a row without a file, never an orphan file. */
  private async remove(row: BackupRow): Promise<void> {
    this.progress.delete(row.id);
    await this.deleteFile(row);
    await this.deps.store?.delete(row.id);
  }

  private async deleteFile(row: BackupRow): Promise<void> {
    await this.deps.files.delete(row.fileKey);
  }

  private render(row: BackupRow): BackupEntity {
    return {
      id: row.id,
      content_type: row.contentType,
      url: this.urlOf(row),
      file_size: row.fileSize,
      processed: row.state === "done",
      processed_number: this.progress.get(row.id) ?? 0,
      inserted_at: akkomaDate(row.insertedAt),
      state: row.state,
    };
  }

  private urlOf(row: BackupRow): string {
    return this.deps.files.publicUrl(row.fileKey) ?? `${this.deps.config.baseUrl}${BACKUP_DOWNLOAD_PATH}/${row.fileKey.slice(PREFIX.length)}`;
  }
}

/** Akkoma's text for the configured period. */
export function rateLimitMessage(limitDays: number): string {
  return limitDays === 1 ? "Last export was less than a day ago" : `Last export was less than ${limitDays} days ago`;
}

/** `archive-<nickname>-<YYYYMMDDTHHMMSS>-<43 chars>.zip`: 256 random bits make the URL unguessable. */
export function archiveName(nickname: string, at: Date): string {
  const nick = nickname.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 64) || "user";
  const stamp = at.toISOString().replace(/[-:]/g, "").slice(0, 15);
  return `archive-${nick}-${stamp}-${randomBytes(32).toString("base64url")}.zip`;
}

function isExpired(row: BackupRow, now: Date): boolean {
  return row.expiresAt !== null && row.expiresAt <= now;
}

/** `YYYY-MM-DDTHH:MM:SS.000Z` (content.md 0.3). */
function akkomaDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}.000Z`;
}
