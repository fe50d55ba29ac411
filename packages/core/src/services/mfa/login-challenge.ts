import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, randomBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { errAsync, okAsync } from "neverthrow";
import { appError } from "../../errors/index.js";
import type { Entity, HostAccountSecurity, OAuthClientCredentials } from "../../ports/host.js";
import type { Clock } from "../../ports/infrastructure.js";
import type { MfaStore } from "../../ports/store.js";
import { fromPort, type Outcome } from "../../result.js";
import type { ResolvedAccountSecurityOptions } from "./account-security-options.js";
import type { MfaService, SecondFactor } from "./mfa-service.js";
import { constantTimeEqual } from "./constant-time.js";
import { hostMethod } from "../shared/host-method.js";

/** What the password grant answers when a second factor is required (accounts.md 8.8). */
export interface MfaRequired {
  readonly error: "mfa_required";
  readonly mfa_token: string;
  /** Comma-joined confirmed methods; Akkoma never lists `recovery`, though it accepts it. */
  readonly supported_challenge_types: string;
}

export interface LoginChallengeDeps {
  readonly store: MfaStore;
  readonly clock: Clock;
  readonly mfa: MfaService;
  readonly host: HostAccountSecurity | undefined;
  readonly options: ResolvedAccountSecurityOptions;
}

/**
 * The login challenge: MFA means nothing unless login asks for it. After a password login a host
 * calls {@link LoginChallengeService.start}; the client then answers `POST /oauth/mfa/challenge`.
 *
 * The `mfa_token` is 32 CSPRNG bytes (base64url); only its SHA-256 is stored. It expires after
 * `challengeSeconds` (300), survives wrong codes, and yields at most one login.
 *
 * @example
 * // In the host's POST /oauth/token (password grant), after the password verified:
 * const required = await kit.services.loginChallenge.start(user.id, { clientId: app.clientId, scopes });
 * if (required.isOk() && required.value) return Response.json(required.value, { status: 403 });
 */
export class LoginChallengeService {
  constructor(private readonly deps: LoginChallengeDeps) {}

  /**
   * When the user has MFA enabled, issues an `mfa_token` bound to `context` (client id, scopes: the
   * host's business) and answers Akkoma's `mfa_required` body; null when no second factor is needed.
   */
  start(userId: string, context: Record<string, unknown> = {}): Outcome<MfaRequired | null> {
    return this.deps.mfa.isEnabled(userId).andThen((enabled) => {
      if (!enabled) return okAsync(null);
      const token = Buffer.from(randomBytes(32)).toString("base64url");
      const expiresAt = new Date(this.deps.clock.now().getTime() + this.deps.options.challengeSeconds * 1000);
      return fromPort(() => this.deps.store.putChallenge(hashToken(token), { userId, context, expiresAt })).map(
        (): MfaRequired => ({ error: "mfa_required", mfa_token: token, supported_challenge_types: "totp" }),
      );
    });
  }

  /**
   * Verifies a second factor for `mfaToken` and consumes the token: the user id and the context the
   * token was started with. Every failure is MFA_INVALID_CODE (THROTTLED past the attempt limit);
   * a wrong code leaves the token usable.
   */
  verify(mfaToken: string, factor: SecondFactor): Outcome<{ userId: string; context: Record<string, unknown> }> {
    const invalid = appError("MFA_INVALID_CODE");
    const tokenHash = hashToken(mfaToken);
    return fromPort(() => this.deps.store.findChallenge(tokenHash, this.deps.clock.now())).andThen((challenge) => {
      if (!challenge || factor.code === "") return errAsync(invalid);
      return this.deps.mfa
        .verifySecondFactor(challenge.userId, factor)
        .andThen((ok) => (ok ? fromPort(() => this.deps.store.consumeChallenge(tokenHash, this.deps.clock.now())) : okAsync(false)))
        .andThen((won) => (won ? okAsync({ userId: challenge.userId, context: challenge.context }) : errAsync(invalid)));
    });
  }

  /**
   * `POST /oauth/mfa/challenge`: checks that the client is the one the token was started for,
   * verifies the factor, and asks the host to issue the access token.
   */
  answer(params: {
    mfaToken: string;
    challengeType: string;
    code: string;
    client: OAuthClientCredentials | null;
  }): Outcome<Entity> {
    const invalid = appError("MFA_INVALID_CODE");
    const host = this.deps.host;
    if (!host) return errAsync(appError("ACCOUNT_SECURITY_UNAVAILABLE"));
    if (!params.client || (params.challengeType !== "totp" && params.challengeType !== "recovery")) return errAsync(invalid);
    const client = params.client;
    return fromPort(() => this.deps.store.findChallenge(hashToken(params.mfaToken), this.deps.clock.now()))
      .andThen((challenge) => {
        const bound = challenge?.context.clientId;
        if (!challenge || (typeof bound === "string" && !constantTimeEqual(bound, client.clientId))) return errAsync(invalid);
        return this.verify(params.mfaToken, { type: params.challengeType as "totp" | "recovery", code: params.code });
      })
      .andThen(({ userId, context }) => fromPort(() => hostMethod(host, "issueLoginToken")(userId, client, context)))
      .andThen((token) => (token ? okAsync(token) : errAsync(invalid)));
  }
}

function hashToken(token: string): string {
  return bytesToHex(sha256(utf8ToBytes(token)));
}
