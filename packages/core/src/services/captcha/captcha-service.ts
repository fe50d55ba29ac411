import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { errAsync, okAsync } from "neverthrow";
import { appError, type AppError } from "../../errors/index.js";
import type { CaptchaProvider } from "../../ports/captcha.js";
import type { Clock } from "../../ports/infrastructure.js";
import type { CaptchaStore } from "../../ports/store.js";
import { fromPort, type Outcome } from "../../result.js";
import { attemptKeys, type AttemptLimiter } from "../mfa/attempt-limiter.js";

/** The `GET /api/v1/pleroma/captcha` body. */
export type CaptchaBody =
  | { type: "none" }
  | { type: string; token: string; url: string; answer_data: string; seconds_valid: number };

/** Answers checked per captcha token; later ones are refused even when right. */
const ANSWERS_PER_TOKEN = 5;

export interface CaptchaDeps {
  readonly provider: CaptchaProvider | null;
  readonly store: CaptchaStore;
  readonly clock: Clock;
  readonly limiter: AttemptLimiter;
}

/**
 * Captcha (accounts.md 5): issues challenges from the pluggable provider and validates answers at
 * registration with Akkoma's messages. A correct answer consumes the token in the shared store, so
 * it works once even across instances. Unlike Akkoma, a token accepts at most five answers,
 * so a short answer cannot be brute-forced within its validity.
 */
export class CaptchaService {
  constructor(private readonly deps: CaptchaDeps) {}

  /** A new challenge, or `{"type":"none"}` when captcha is disabled. */
  issue(): Outcome<CaptchaBody> {
    const provider = this.deps.provider;
    if (!provider) return okAsync({ type: "none" });
    return fromPort(() => provider.issue()).map((c) => ({
      type: c.type,
      token: c.token,
      url: c.url,
      answer_data: c.answerData,
      seconds_valid: c.secondsValid,
    }));
  }

  /** True when registration must carry a captcha answer. */
  get enabled(): boolean {
    return this.deps.provider !== null;
  }

  /**
   * Validates registration params `captcha_token`, `captcha_solution`, `captcha_answer_data`;
   * on success the token is used up. Errors are 400 `{"error": "{\"captcha\":[...]}"}`.
   */
  validate(params: Readonly<Record<string, unknown>>): Outcome<void> {
    const provider = this.deps.provider;
    if (!provider) return okAsync(undefined);
    for (const name of ["captcha_solution", "captcha_token", "captcha_answer_data"]) {
      if (typeof params[name] !== "string") return errAsync(captchaError(`Invalid CAPTCHA (Missing parameter: ${name})`));
    }
    const token = params.captcha_token as string;
    const solution = params.captcha_solution as string;
    const answerData = params.captcha_answer_data as string;
    const now = this.deps.clock.now();
    const tokenHash = bytesToHex(sha256(utf8ToBytes(token)));
    return fromPort(() => provider.check({ token, solution, answerData }, now)).andThen((check) => {
      if (check.status === "invalid_data") return errAsync(captchaError("Invalid answer data"));
      if (check.status === "expired") return errAsync(captchaError("CAPTCHA expired"));
      const expiresAt = check.expiresAt;
      return fromPort(() => this.deps.store.isUsed(tokenHash, now)).andThen((used) => {
        if (used) return errAsync(captchaError("CAPTCHA already used"));
        return this.deps.limiter
          .attempt(attemptKeys.captcha(tokenHash), { limit: ANSWERS_PER_TOKEN, windowSeconds: 3600 })
          .mapErr(() => captchaError("Invalid CAPTCHA"))
          .andThen(() => {
            if (check.status === "wrong") return errAsync(captchaError("Invalid CAPTCHA"));
            return fromPort(() => this.deps.store.consume(tokenHash, expiresAt, now)).andThen((won) =>
              won ? okAsync(undefined) : errAsync(captchaError("CAPTCHA already used")),
            );
          });
      });
    });
  }
}

function captchaError(message: string): AppError {
  return appError("CAPTCHA_INVALID", { message: JSON.stringify({ captcha: [message] }) });
}
