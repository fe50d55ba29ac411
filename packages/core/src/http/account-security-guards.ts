/**
 * The login-path guards built from the MFA and attempt-limit services (security.md): HTTP Basic is
 * refused on user routes for users with MFA enabled, and Basic password checks count against the
 * same per-account limit as the password-checked endpoints (429 past it, password not checked).
 */
import type { HostPorts } from "../ports/host.js";
import type { Services } from "../services/index.js";
import { attemptKeys } from "../services/mfa/attempt-limiter.js";
import type { AuthGuards } from "./authenticate.js";

export function accountSecurityGuards(services: Services, host: HostPorts): AuthGuards {
  // The limiter key is the account id when the login resolves, so nickname and email share one
  // counter; an unknown login gets its own (attempts on it are still limited).
  const keyFor = async (login: string): Promise<string> => {
    const account = await host.accountSecurity?.findByLogin?.(login);
    return attemptKeys.password(account ? account.id : `login:${login.toLowerCase()}`);
  };
  const limit = () => services.passwordCheck.limits.passwordAttempts;
  return {
    async isMfaEnabled(userId) {
      const enabled = await services.mfa.isEnabled(userId);
      if (enabled.isErr()) throw enabled.error.cause ?? new Error(enabled.error.message);
      return enabled.value;
    },
    async beforePasswordCheck(login) {
      const result = await services.attempts.attempt(await keyFor(login), limit());
      return result.isErr() ? result.error : null;
    },
    async afterPasswordCheck(login, success, userId) {
      if (!success) return;
      await services.attempts.succeeded(await keyFor(login));
      if (userId) await services.attempts.succeeded(attemptKeys.password(userId));
    },
  };
}
