/**
 * Two-factor authentication (accounts.md 2): TOTP setup, confirm and disable, backup codes, and
 * the login challenge a password grant answers with when MFA is on. The MFA endpoints read raw
 * parameters, merged without validation as Akkoma does (accounts.md 2.2).
 */
import { z } from "zod";
import type { OAuthClientCredentials } from "../../ports/host.js";
import { defineRoute, pleromaPaths } from "../route.js";

type Raw = Record<string, unknown>;

const mfaSettings = defineRoute({
  name: "mfa.settings",
  method: "GET",
  paths: pleromaPaths("/accounts/mfa"),
  auth: "user",
  scopes: ["read:security"],
  summary: "MFA settings: `{settings: {enabled, totp}}`.",
  response: z.object({ settings: z.object({ enabled: z.boolean(), totp: z.boolean() }) }),
  errors: ["ACCOUNT_SECURITY_UNAVAILABLE"],
  calls: ["mfa.settings"],
  handler: ({ viewer, services }) => services.mfa.settings(viewer!.id),
});

const mfaSetup = defineRoute({
  name: "mfa.setup",
  method: "GET",
  paths: pleromaPaths("/accounts/mfa/setup/:method"),
  auth: "user",
  scopes: ["write:security"],
  from: ["path"],
  summary: "A new, unconfirmed TOTP secret and its provisioning URI; a confirmed secret stays until the new one is confirmed.",
  response: z.object({ key: z.string(), provisioning_uri: z.string() }),
  errors: ["MFA_UNDEFINED_METHOD", "ACCOUNT_SECURITY_UNAVAILABLE"],
  calls: ["mfa.setup"],
  handler: ({ input, viewer, services }) => services.mfa.setup(viewer!.id, viewer!.nickname, String((input as Raw).method)),
});

const mfaConfirm = defineRoute({
  name: "mfa.confirm",
  method: "POST",
  paths: pleromaPaths("/accounts/mfa/confirm/:method"),
  auth: "user",
  scopes: ["write:security"],
  // Raw parameters, merged without validation (accounts.md 2.2); path wins over body over query.
  from: ["query", "body", "path"],
  summary: "Confirm TOTP with `password` and a `code` from the authenticator; enables MFA.",
  response: z.object({}),
  errors: ["INVALID_PASSWORD", "MFA_UNDEFINED_METHOD", "MFA_INVALID_TOKEN", "MFA_INVALID_SECRET_AND_TOKEN", "ACCOUNT_SECURITY_UNAVAILABLE", "THROTTLED"],
  calls: ["mfa.confirm"],
  handler: ({ input, viewer, services }) => services.mfa.confirm(viewer!.id, input as Raw),
});

const mfaDisable = defineRoute({
  name: "mfa.disable",
  method: "DELETE",
  paths: pleromaPaths("/accounts/mfa/:method"),
  auth: "user",
  scopes: ["write:security"],
  from: ["query", "body", "path"],
  summary: "Disable TOTP (`totp`) or every method (`mfa`) with `password`; backup codes stay.",
  response: z.object({}),
  errors: ["INVALID_PASSWORD", "MFA_UNDEFINED_MFA_METHOD", "ACCOUNT_SECURITY_UNAVAILABLE", "THROTTLED"],
  calls: ["mfa.disable"],
  handler: ({ input, viewer, services }) => services.mfa.disable(viewer!.id, input as Raw),
});

const mfaBackupCodes = defineRoute({
  name: "mfa.backupCodes",
  method: "GET",
  paths: pleromaPaths("/accounts/mfa/backup_codes"),
  auth: "user",
  sideEffects: true,
  scopes: ["write:security"],
  summary: "A fresh set of backup codes (shown once) replacing the old ones.",
  response: z.object({ codes: z.array(z.string()) }),
  errors: ["ACCOUNT_SECURITY_UNAVAILABLE"],
  calls: ["mfa.regenerateBackupCodes"],
  handler: ({ viewer, services }) => services.mfa.regenerateBackupCodes(viewer!.id),
});

const mfaChallenge = defineRoute({
  name: "mfa.challenge",
  method: "POST",
  paths: ["/oauth/mfa/challenge"],
  auth: "none",
  from: ["query", "body"],
  summary: "Answer the login challenge (`mfa_token`, `challenge_type` totp|recovery, `code`, client credentials); issues the token.",
  errors: ["MFA_INVALID_CODE", "THROTTLED"],
  calls: ["loginChallenge.answer"],
  handler: ({ input, request, services }) => {
    const raw = input as Raw;
    const str = (v: unknown) => (typeof v === "string" ? v : "");
    return services.loginChallenge.answer({
      mfaToken: str(raw.mfa_token),
      challengeType: str(raw.challenge_type),
      code: str(raw.code),
      client: clientCredentials(raw, request),
    });
  },
});

/** Client credentials from `client_id`/`client_secret` or HTTP Basic (RFC 6749 2.3.1). */
function clientCredentials(raw: Raw, request: Request): OAuthClientCredentials | null {
  if (typeof raw.client_id === "string" && typeof raw.client_secret === "string") {
    return { clientId: raw.client_id, clientSecret: raw.client_secret };
  }
  const m = /^\s*basic\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i <= 0) return null;
  const unescape = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, " "));
    } catch {
      return s;
    }
  };
  return { clientId: unescape(decoded.slice(0, i)), clientSecret: unescape(decoded.slice(i + 1)) };
}

export const mfaRoutes = [mfaSettings, mfaSetup, mfaConfirm, mfaDisable, mfaBackupCodes, mfaChallenge];
