/**
 * The second factor for the host's own login (web form, OAuth authorize page, any grant): plain
 * promises a login handler awaits, over the same MFA state, replay refusal and attempt limits as
 * the kit's endpoints. Storage failures reject (the host's login answers its own 500).
 */
import type { AppError } from "../../errors/index.js";
import type { Outcome } from "../../result.js";
import type { LoginChallengeService } from "./login-challenge.js";
import type { MfaService } from "./mfa-service.js";

/** A code the user typed: a TOTP code, or one of their backup codes (`recovery`). */
export interface SecondFactorCode {
  readonly type: "totp" | "recovery";
  readonly code: string;
}

/** `ok`, a wrong code (or one already used), or too many failures (nothing was checked). */
export type SecondFactorVerdict = "ok" | "invalid" | "throttled";

/**
 * @example
 * // In the host's login handler, after the password verified:
 * if (await kit.secondFactor.isEnabled(user.id)) {
 *   const challenge = await kit.secondFactor.start(user.id, { returnTo: "/oauth/authorize?..." });
 *   return renderCodeForm(challenge.mfaToken);
 * }
 * // In the handler of that form:
 * const done = await kit.secondFactor.finish(form.mfaToken, { type: "totp", code: form.code });
 * if (done.verdict !== "ok") return renderCodeForm(form.mfaToken, "Wrong code");
 * return signIn(done.userId, done.context.returnTo);
 */
export interface SecondFactor {
  /** True when the account has a confirmed TOTP secret. */
  isEnabled(userId: string): Promise<boolean>;
  /**
   * Checks and consumes a code for `userId` in one step: a TOTP step works once, a backup code is
   * removed. Failures count against the account's second-factor limit.
   */
  verify(userId: string, factor: SecondFactorCode): Promise<SecondFactorVerdict>;
  /**
   * Starts a challenge when MFA is on: an opaque token (only its hash is stored) valid for the
   * configured `challengeSeconds`, bound to `context`; null when the account has no second factor.
   */
  start(userId: string, context?: Record<string, unknown>): Promise<{ mfaToken: string } | null>;
  /**
   * Finishes a challenge: on `ok` the token is spent and the user and context come back; a wrong
   * code leaves the token usable until it expires or the limit is reached.
   */
  finish(
    mfaToken: string,
    factor: SecondFactorCode,
  ): Promise<{ verdict: "ok"; userId: string; context: Record<string, unknown> } | { verdict: "invalid" | "throttled" }>;
}

export function secondFactorService(mfa: MfaService, challenges: LoginChallengeService): SecondFactor {
  return {
    isEnabled: (userId) => settle(mfa.isEnabled(userId)),
    async verify(userId, factor) {
      const result = await mfa.verifySecondFactor(userId, factor);
      if (result.isOk()) return result.value ? "ok" : "invalid";
      return verdictOf(result.error);
    },
    async start(userId, context = {}) {
      const required = await settle(challenges.start(userId, context));
      return required ? { mfaToken: required.mfa_token } : null;
    },
    async finish(mfaToken, factor) {
      const result = await challenges.verify(mfaToken, factor);
      if (result.isOk()) return { verdict: "ok", ...result.value };
      return { verdict: verdictOf(result.error) };
    },
  };
}

function verdictOf(error: AppError): "invalid" | "throttled" {
  if (error.code === "THROTTLED") return "throttled";
  if (error.code === "MFA_INVALID_CODE") return "invalid";
  throw error.cause ?? new Error(error.message);
}

async function settle<T>(outcome: Outcome<T>): Promise<T> {
  const result = await outcome;
  if (result.isErr()) throw result.error.cause ?? new Error(result.error.message);
  return result.value;
}
