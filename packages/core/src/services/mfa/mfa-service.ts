import { errAsync, okAsync } from "neverthrow";
import { appError } from "../../errors/index.js";
import type { Clock } from "../../ports/infrastructure.js";
import type { MfaRecord, MfaStore } from "../../ports/store.js";
import { fromPort, type Outcome } from "../../result.js";
import type { ResolvedAccountSecurityOptions } from "./account-security-options.js";
import { attemptKeys, type AttemptLimiter } from "./attempt-limiter.js";
import { generateBackupCodes, hashBackupCode, verifyBackupCode } from "./backup-codes.js";
import type { PasswordCheck } from "./password-check.js";
import { generateTotpSecret, matchTotp, provisioningUri } from "./totp.js";

/** Raw parameters of the MFA endpoints: Akkoma merges path, query and body without validation. */
export type RawParams = Readonly<Record<string, unknown>>;

/** A second factor offered at login. */
export type SecondFactor = { readonly type: "totp"; readonly code: string } | { readonly type: "recovery"; readonly code: string };

export interface MfaDeps {
  readonly store: MfaStore;
  readonly clock: Clock;
  readonly limiter: AttemptLimiter;
  readonly password: PasswordCheck;
  readonly options: ResolvedAccountSecurityOptions;
}

/**
 * TOTP and backup codes (accounts.md 8, security.md): a 160-bit secret, one step of drift, replay
 * of a consumed step refused, constant-time comparison, setup that never replaces a confirmed
 * secret until the new one is confirmed, backup codes hashed and single-use under concurrency.
 */
export class MfaService {
  constructor(private readonly deps: MfaDeps) {}

  /** True when the user must pass a second factor at login (a confirmed TOTP secret). */
  isEnabled(userId: string): Outcome<boolean> {
    return this.record(userId).map((r) => r.confirmedSecret !== null);
  }

  /** `GET /api/pleroma/accounts/mfa`. */
  settings(userId: string): Outcome<{ settings: { enabled: boolean; totp: boolean } }> {
    return this.record(userId).map((r) => ({
      settings: { enabled: r.confirmedSecret !== null, totp: r.confirmedSecret !== null },
    }));
  }

  /**
   * `GET .../mfa/setup/:method`: a new pending secret. A confirmed secret keeps working until the
   * new one is confirmed (Akkoma would replace it at once and lock TOTP users out).
   */
  setup(userId: string, nickname: string, method: string): Outcome<{ key: string; provisioning_uri: string }> {
    if (method !== "totp") return errAsync(appError("MFA_UNDEFINED_METHOD"));
    const secret = generateTotpSecret();
    return fromPort(() => this.deps.store.setPendingSecret(userId, secret)).map(() => ({
      key: secret,
      provisioning_uri: provisioningUri({ secret, issuer: this.deps.options.totpIssuer, account: nickname }),
    }));
  }

  /** `POST .../mfa/confirm/:method`: password first, then the code against the pending secret. */
  confirm(userId: string, params: RawParams): Outcome<Record<string, never>> {
    if (params.method !== "totp" || !("password" in params) || !("code" in params)) {
      return errAsync(appError("MFA_UNDEFINED_MFA_METHOD"));
    }
    return this.deps.password.verify(userId, params.password).andThen(() => {
      const code = params.code;
      if (typeof code !== "string") return errAsync(appError("MFA_INVALID_SECRET_AND_TOKEN"));
      return this.deps.limiter
        .guard(attemptKeys.secondFactor(userId), this.deps.options.secondFactorAttempts, () =>
          this.record(userId).andThen((r) => {
            if (r.pendingSecret === null) return okAsync(false);
            const step = matchTotp(r.pendingSecret, code, this.deps.clock.now());
            if (step === null) return okAsync(false);
            return fromPort(() => this.deps.store.confirmSecret(userId, r.pendingSecret!, step));
          }),
        )
        .andThen((ok) => (ok ? okAsync({}) : errAsync(appError("MFA_INVALID_TOKEN"))));
    });
  }

  /** `DELETE .../mfa/:method`: `totp` removes TOTP, `mfa` disables every method. Backup codes stay. */
  disable(userId: string, params: RawParams): Outcome<Record<string, never>> {
    if (params.method !== "totp" && params.method !== "mfa") return errAsync(appError("MFA_UNDEFINED_MFA_METHOD"));
    return this.deps.password
      .verify(userId, params.password)
      .andThen(() => fromPort(() => this.deps.store.disableTotp(userId)))
      .map(() => ({}));
  }

  /** `GET .../mfa/backup_codes`: a fresh set replacing the old; only hashes are kept. */
  regenerateBackupCodes(userId: string): Outcome<{ codes: string[] }> {
    const { backupCodeCount, backupCodeLength } = this.deps.options;
    const codes = generateBackupCodes(backupCodeCount, backupCodeLength);
    return fromPort(() => this.deps.store.replaceBackupCodes(userId, codes.map((c) => hashBackupCode(c)))).map(() => ({ codes }));
  }

  /**
   * Checks a second factor at login and consumes it: a TOTP step is usable once, a backup code is
   * removed. Requires MFA to be enabled. Failures count against the second-factor limit; past it
   * THROTTLED and nothing is consumed.
   */
  verifySecondFactor(userId: string, factor: SecondFactor): Outcome<boolean> {
    return this.deps.limiter.guard(attemptKeys.secondFactor(userId), this.deps.options.secondFactorAttempts, () =>
      this.record(userId).andThen((r) => {
        if (r.confirmedSecret === null) return okAsync(false);
        if (factor.type === "totp") {
          const step = matchTotp(r.confirmedSecret, factor.code, this.deps.clock.now());
          if (step === null) return okAsync(false);
          return fromPort(() => this.deps.store.consumeTotpStep(userId, step));
        }
        // Every stored hash is checked, so timing does not reveal the position of a match.
        let match: string | null = null;
        for (const hash of r.backupCodeHashes) {
          if (verifyBackupCode(factor.code, hash) && match === null) match = hash;
        }
        if (match === null) return okAsync(false);
        const won = match;
        return fromPort(() => this.deps.store.consumeBackupCode(userId, won));
      }),
    );
  }

  /** Forgets the user's MFA state (account deletion). */
  forget(userId: string): Outcome<void> {
    return fromPort(() => this.deps.store.deleteUser(userId));
  }

  private record(userId: string): Outcome<MfaRecord> {
    return fromPort(() => this.deps.store.get(userId)).map(
      (r) => r ?? { confirmedSecret: null, pendingSecret: null, lastUsedStep: null, backupCodeHashes: [] },
    );
  }
}
