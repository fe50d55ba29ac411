import { errAsync, okAsync } from "neverthrow";
import { appError } from "../../errors/index.js";
import type { HostAccountSecurity } from "../../ports/host.js";
import { fromPort, type Outcome } from "../../result.js";
import type { ResolvedAccountSecurityOptions } from "./account-security-options.js";
import { attemptKeys, type AttemptLimiter } from "./attempt-limiter.js";
import { hostMethod } from "../shared/host-method.js";

/**
 * The password check every password-protected action shares: a wrong or missing password is
 * INVALID_PASSWORD and changes nothing; failures count against the account's attempt limit and
 * past it the check is not even run (THROTTLED).
 */
export class PasswordCheck {
  constructor(
    private readonly host: HostAccountSecurity | undefined,
    private readonly limiter: AttemptLimiter,
    private readonly options: ResolvedAccountSecurityOptions,
  ) {}

  /** The resolved limits, for the Basic-auth guard that shares the password counter. */
  get limits(): ResolvedAccountSecurityOptions {
    return this.options;
  }

  /** The host port, or ACCOUNT_SECURITY_UNAVAILABLE when the host did not plug it in. */
  hostPort(): Outcome<HostAccountSecurity> {
    return this.host ? okAsync(this.host) : errAsync(appError("ACCOUNT_SECURITY_UNAVAILABLE"));
  }

  /** Succeeds when `password` is the user's; anything but a non-empty string is a wrong password. */
  verify(userId: string, password: unknown): Outcome<void> {
    return this.hostPort().andThen((host) => {
      if (typeof password !== "string" || password === "") return errAsync(appError("INVALID_PASSWORD"));
      return this.limiter
        .guard(attemptKeys.password(userId), this.options.passwordAttempts, () =>
          fromPort(() => hostMethod(host, "checkPassword")(userId, password)),
        )
        .andThen((ok) => (ok ? okAsync(undefined) : errAsync(appError("INVALID_PASSWORD"))));
    });
  }
}
