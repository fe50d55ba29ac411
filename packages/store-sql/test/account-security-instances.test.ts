/**
 * Account security across app instances: two kits, each with its own PostgreSQL pool, on one
 * database. A captcha works once, a backup code logs in once, and failed password attempts on
 * one instance count on the other (security.md: the limiter is shared through the store).
 */
import { createFakeHost } from "@pleroma-kit/testkit";
import { createPleromaKit, memoryFileStore, silentLogger, type HostPorts } from "@pleroma-kit/core";
import { hashBackupCode, nativeCaptcha } from "@pleroma-kit/core/internal";
import { expect, it } from "vitest";
import { createSqlStore, openSqlDatabase } from "../src/index.js";
import { describePostgres, postgresDb, postgresUrl } from "./fixtures/databases.js";

const now = new Date(Date.UTC(2026, 2, 1, 12, 0, 0));
const clock = { now: () => now };
const secret = "a shared captcha secret for both app instances";

/** Only what these services touch: the password check. */
const host: HostPorts = {
  ...createFakeHost().ports,
  accountSecurity: { checkPassword: async (_userId: string, password: string) => password === "right" },
};

function kitOn(db: Parameters<typeof createSqlStore>[0], options: Parameters<typeof createSqlStore>[1]) {
  return createPleromaKit({
    baseUrl: "https://local.example",
    store: createSqlStore(db, options),
    files: memoryFileStore(), // these tests keep no files
    host,
    clock,
    logger: silentLogger,
    accountSecurity: {
      passwordAttempts: { limit: 4, windowSeconds: 600 },
      secondFactorAttempts: { limit: 100, windowSeconds: 600 },
      captcha: { provider: nativeCaptcha({ secret, clock, answer: () => "246810" }) },
    },
  });
}

describePostgres("account security across two app instances", () => {
  it("accepts one captcha answer once, a backup code once, and shares attempt counts", async () => {
    const t = await postgresDb({ poolMax: 10 });
    const other = await openSqlDatabase(postgresUrl, { poolMax: 10 });
    try {
      const a = kitOn(t.db, t.options);
      const b = kitOn(other.db, t.options);

      const c = (await a.services.captcha.issue())._unsafeUnwrap() as { token: string; answer_data: string };
      const params = { captcha_token: c.token, captcha_solution: "246810", captcha_answer_data: c.answer_data };
      const captchas = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).services.captcha.validate(params)));
      expect(captchas.filter((r) => r.isOk())).toHaveLength(1);

      const store = createSqlStore(t.db, t.options);
      await store.mfa.setPendingSecret("u1", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
      await store.mfa.confirmSecret("u1", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", 1);
      await store.mfa.replaceBackupCodes("u1", [hashBackupCode("0123456789abcdef")]);
      const uses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).services.mfa.verifySecondFactor("u1", { type: "recovery", code: "0123456789abcdef" })),
      );
      expect(uses.filter((r) => r.isOk() && r.value)).toHaveLength(1);

      for (let i = 0; i < 4; i++) {
        const r = await (i % 2 ? a : b).services.passwordCheck.verify("u2", "wrong");
        expect(r._unsafeUnwrapErr().code).toBe("INVALID_PASSWORD");
      }
      expect((await a.services.passwordCheck.verify("u2", "right"))._unsafeUnwrapErr().code).toBe("THROTTLED");
      expect((await b.services.passwordCheck.verify("u2", "right"))._unsafeUnwrapErr().code).toBe("THROTTLED");
      expect((await b.services.passwordCheck.verify("u3", "right")).isOk()).toBe(true);
    } finally {
      await other.close();
      await t.close();
    }
  });
});
