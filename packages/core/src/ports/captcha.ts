/**
 * Captcha providers (accounts.md 5). A provider issues challenges and verifies answers without
 * storing anything; core records single use in the `CaptchaStore`, so a provider never needs
 * state and a token works once even across instances sharing a store.
 */

/** A challenge as `GET /api/v1/pleroma/captcha` renders it. */
export interface CaptchaChallenge {
  /** The `type` field, e.g. `native`. */
  readonly type: string;
  readonly token: string;
  /** The image: a `data:` URL or a provider URL. */
  readonly url: string;
  /** Opaque, tamper-evident data that lets `check` verify the answer statelessly. */
  readonly answerData: string;
  readonly secondsValid: number;
}

/** The outcome of checking an answer, before single use is applied. */
export type CaptchaCheck =
  | { readonly status: "valid"; readonly expiresAt: Date }
  | { readonly status: "wrong"; readonly expiresAt: Date }
  | { readonly status: "invalid_data" }
  | { readonly status: "expired" };

/**
 * Issues captcha challenges and checks answers statelessly (the answer travels, sealed, in
 * `answerData`); core records single use in the `CaptchaStore`. Safe to call concurrently. The
 * default is the native image provider, keyed by `accountSecurity.captcha.secret`.
 */
export interface CaptchaProvider {
  /** Issues a new challenge. */
  issue(): Promise<CaptchaChallenge>;
  /** Checks `solution` for the challenge `token` with its `answerData`, at `now`. */
  check(answer: { token: string; solution: string; answerData: string }, now: Date): Promise<CaptchaCheck>;
}
