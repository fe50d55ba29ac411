/**
 * Two app instances on one SQLite file: separate processes, separate connections. WAL and the
 * busy timeout set by openSqlDatabase let them write in turn instead of failing with SQLITE_BUSY,
 * and the unique key still lets exactly one of them win a shared add.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { createSqlStore, migrate, openSqlDatabase } from "../src/index.js";

const run = promisify(execFile);
const writer = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "sqlite-writer.ts");
const PER_PROCESS = 150;
const PROCESSES = 3;

it(`keeps every write of ${PROCESSES} processes sharing one SQLite file, and one winner of a shared add`, async () => {
  const dir = mkdtempSync(join(tmpdir(), "pk-sqlite-proc-"));
  const file = join(dir, "shared.sqlite");
  try {
    const setup = await openSqlDatabase(`sqlite:${file}`);
    await migrate(setup.db, { dialect: "sqlite" });
    await setup.close();
    const outputs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, w) =>
        run(process.execPath, ["--conditions=@pleroma-kit/source", "--import", "tsx", writer, file, String(w), String(PER_PROCESS)], { timeout: 60_000 }),
      ),
    );
    const won = outputs.map((o) => (JSON.parse(o.stdout) as { won: number }).won);
    expect(won.reduce((a, b) => a + b, 0)).toBe(1);
    const check = await openSqlDatabase(`sqlite:${file}`);
    const groups = await createSqlStore(check.db, { dialect: "sqlite" }).reactions.groupsFor(["s1", "s2"]);
    expect(groups.get("s1")?.[0]?.userIds).toHaveLength(PROCESSES * PER_PROCESS);
    expect(groups.get("s2")?.[0]?.userIds).toEqual(["shared"]);
    await check.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
