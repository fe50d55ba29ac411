/**
 * Settings of the MFA, attempt-limit, captcha and account-security services, with Akkoma's
 * defaults where Akkoma has one. Given as `accountSecurity` to `createPleromaKit`.
 */
import type { CaptchaProvider } from "../../ports/captcha.js";

/** At most `limit` attempts per `windowSeconds` (sliding window). */
export interface AttemptLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface AccountSecurityOptions {
  /** Issuer shown by authenticator apps. Default: the host of `baseUrl`. */
  readonly totpIssuer?: string;
  /** Akkoma's `backup_codes.number` / `.length`: 5 codes of 16 hex characters. */
  readonly backupCodes?: { readonly number?: number; readonly length?: number };
  /** Failed password checks per account (Basic auth and password-checked endpoints). Default 10/hour. */
  readonly passwordAttempts?: AttemptLimit;
  /** Failed second-factor checks per account (confirm, login challenge). Default 10/hour (Mastodon). */
  readonly secondFactorAttempts?: AttemptLimit;
  /** Akkoma's `account_confirmation_resend` limiter per client address: 5 per 8,640 s. */
  readonly confirmationResend?: AttemptLimit;
  /** Lifetime of an `mfa_token` from the password grant. Default 300 s (Akkoma). */
  readonly challengeSeconds?: number;
  /**
   * Turns off the login-path guards (MFA refusal of HTTP Basic, attempt limits on Basic). Only for
   * hosts that enforce both themselves in front of pleroma-kit.
   */
  readonly disableGuards?: boolean;
  readonly captcha?: {
    /** Default true (Akkoma). When false, `GET /captcha` answers `{"type":"none"}`. */
    readonly enabled?: boolean;
    /**
     * The provider. Default: the native image provider keyed with `secret`. Instances that share a
     * store must share the secret (or the provider) for a captcha to verify on any of them.
     */
    readonly provider?: CaptchaProvider;
    /** Key material for the native provider (at least 32 bytes). Default: random per process. */
    readonly secret?: string | Uint8Array;
    /** Akkoma's `seconds_valid`, default 300. */
    readonly secondsValid?: number;
  };
}

/** The options with every default applied. */
export interface ResolvedAccountSecurityOptions {
  readonly totpIssuer: string;
  readonly backupCodeCount: number;
  readonly backupCodeLength: number;
  readonly passwordAttempts: AttemptLimit;
  readonly secondFactorAttempts: AttemptLimit;
  readonly confirmationResend: AttemptLimit;
  readonly challengeSeconds: number;
}

/** Applies defaults; throws once, at construction, on nonsense values. */
export function resolveAccountSecurityOptions(
  options: AccountSecurityOptions | undefined,
  localHost: string,
): ResolvedAccountSecurityOptions {
  const o = options ?? {};
  const resolved: ResolvedAccountSecurityOptions = {
    totpIssuer: o.totpIssuer ?? localHost,
    backupCodeCount: o.backupCodes?.number ?? 5,
    backupCodeLength: o.backupCodes?.length ?? 16,
    passwordAttempts: o.passwordAttempts ?? { limit: 10, windowSeconds: 3600 },
    secondFactorAttempts: o.secondFactorAttempts ?? { limit: 10, windowSeconds: 3600 },
    confirmationResend: o.confirmationResend ?? { limit: 5, windowSeconds: 8640 },
    challengeSeconds: o.challengeSeconds ?? 300,
  };
  const positive = (n: number) => Number.isInteger(n) && n > 0;
  for (const limit of [resolved.passwordAttempts, resolved.secondFactorAttempts, resolved.confirmationResend]) {
    if (!positive(limit.limit) || !positive(limit.windowSeconds)) {
      throw new TypeError("pleroma-kit: attempt limits need positive integer limit and windowSeconds");
    }
  }
  if (!positive(resolved.backupCodeCount) || !positive(resolved.backupCodeLength) || resolved.backupCodeLength < 12) {
    throw new TypeError("pleroma-kit: backup codes need a positive count and a length of at least 12");
  }
  if (!positive(resolved.challengeSeconds)) throw new TypeError("pleroma-kit: challengeSeconds must be positive");
  return resolved;
}
