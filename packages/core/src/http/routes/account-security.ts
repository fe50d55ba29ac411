/**
 * MFA, the login challenge, captcha and the password-checked account endpoints (accounts.md 5-8,
 * 12, 14, 16-18). The util endpoints answer business failures with HTTP 200 and `{"error"}`, as
 * Akkoma does and the front ends expect; THROTTLED stays 429.
 */
import { okAsync } from "neverthrow";
import { z } from "zod";
import type { AppError } from "../../errors/index.js";
import type { OAuthClientCredentials } from "../../ports/host.js";
import { booleanLike, text } from "../schema.js";
import { defineRoute, pleromaPaths, Reply } from "../route.js";

type Raw = Record<string, unknown>;

const UTIL_200 = new Set([
  "INVALID_PASSWORD",
  "EMAIL_INVALID_FORMAT",
  "EMAIL_TAKEN",
  "EMAIL_BLANK",
  "MOVE_TARGET_NOT_ALIASED",
]);
/** Akkoma's util family: 200 with `{"error": ...}` for a wrong password and validation failures. */
const utilStatus = (error: AppError) => (UTIL_200.has(error.code) ? 200 : undefined);

const mfaSettings = defineRoute({
  method: "GET",
  paths: pleromaPaths("/accounts/mfa"),
  auth: "user",
  scopes: ["read:security"],
  summary: "MFA settings: `{settings: {enabled, totp}}`.",
  response: z.object({ settings: z.object({ enabled: z.boolean(), totp: z.boolean() }) }),
  errors: ["ACCOUNT_SECURITY_UNAVAILABLE"],
  handler: ({ viewer, services }) => services.mfa.settings(viewer!.id),
});

const mfaSetup = defineRoute({
  method: "GET",
  paths: pleromaPaths("/accounts/mfa/setup/:method"),
  auth: "user",
  scopes: ["write:security"],
  from: ["path"],
  summary: "A new, unconfirmed TOTP secret and its provisioning URI; a confirmed secret stays until the new one is confirmed.",
  response: z.object({ key: z.string(), provisioning_uri: z.string() }),
  errors: ["MFA_UNDEFINED_METHOD", "ACCOUNT_SECURITY_UNAVAILABLE"],
  handler: ({ input, viewer, services }) => services.mfa.setup(viewer!.id, viewer!.nickname, String((input as Raw).method)),
});

const mfaConfirm = defineRoute({
  method: "POST",
  paths: pleromaPaths("/accounts/mfa/confirm/:method"),
  auth: "user",
  scopes: ["write:security"],
  // Raw parameters, merged without validation (accounts.md 2.2); path wins over body over query.
  from: ["query", "body", "path"],
  summary: "Confirm TOTP with `password` and a `code` from the authenticator; enables MFA.",
  response: z.object({}),
  errors: ["INVALID_PASSWORD", "MFA_UNDEFINED_METHOD", "MFA_INVALID_TOKEN", "MFA_INVALID_SECRET_AND_TOKEN", "ACCOUNT_SECURITY_UNAVAILABLE", "THROTTLED"],
  handler: ({ input, viewer, services }) => services.mfa.confirm(viewer!.id, input as Raw),
});

const mfaDisable = defineRoute({
  method: "DELETE",
  paths: pleromaPaths("/accounts/mfa/:method"),
  auth: "user",
  scopes: ["write:security"],
  from: ["query", "body", "path"],
  summary: "Disable TOTP (`totp`) or every method (`mfa`) with `password`; backup codes stay.",
  response: z.object({}),
  errors: ["INVALID_PASSWORD", "MFA_UNDEFINED_MFA_METHOD", "ACCOUNT_SECURITY_UNAVAILABLE", "THROTTLED"],
  handler: ({ input, viewer, services }) => services.mfa.disable(viewer!.id, input as Raw),
});

const mfaBackupCodes = defineRoute({
  method: "GET",
  paths: pleromaPaths("/accounts/mfa/backup_codes"),
  auth: "user",
  scopes: ["write:security"],
  summary: "A fresh set of backup codes (shown once) replacing the old ones.",
  response: z.object({ codes: z.array(z.string()) }),
  errors: ["ACCOUNT_SECURITY_UNAVAILABLE"],
  handler: ({ viewer, services }) => services.mfa.regenerateBackupCodes(viewer!.id),
});

const mfaChallenge = defineRoute({
  method: "POST",
  paths: ["/oauth/mfa/challenge"],
  auth: "none",
  from: ["query", "body"],
  summary: "Answer the login challenge (`mfa_token`, `challenge_type` totp|recovery, `code`, client credentials); issues the token.",
  errors: ["MFA_INVALID_CODE", "THROTTLED"],
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

const captcha = defineRoute({
  method: "GET",
  paths: pleromaPaths("/captcha"),
  auth: "none",
  summary: "A new captcha challenge, or `{type: none}` when disabled.",
  response: z.looseObject({ type: z.string() }),
  handler: ({ services }) => services.captcha.issue(),
});

const passwordField = z.object({ password: text().optional() });

const deleteAccount = defineRoute({
  method: "POST",
  paths: pleromaPaths("/delete_account"),
  auth: "user",
  scopes: ["write:accounts"],
  from: ["query", "body"],
  input: passwordField,
  errorStatus: utilStatus,
  summary: "Delete your account (password from body or query).",
  response: z.object({ status: z.literal("success") }),
  errors: ["INVALID_PASSWORD", "ACCOUNT_SECURITY_UNAVAILABLE", "THROTTLED"],
  handler: ({ input, viewer, services }) => services.accountSecurity.deleteAccount(viewer!.id, input.password),
});

const disableAccount = defineRoute({
  method: "POST",
  paths: pleromaPaths("/disable_account"),
  auth: "user",
  scopes: ["write:accounts"],
  from: ["query"],
  input: passwordField,
  errorStatus: utilStatus,
  summary: "Deactivate your account (password in the query string only).",
  response: z.object({ status: z.literal("success") }),
  errors: ["INVALID_PASSWORD", "ACCOUNT_SECURITY_UNAVAILABLE", "THROTTLED"],
  handler: ({ input, viewer, services }) => services.accountSecurity.disableAccount(viewer!.id, input.password),
});

const changeEmail = defineRoute({
  method: "POST",
  paths: pleromaPaths("/change_email"),
  auth: "user",
  scopes: ["write:accounts"],
  from: ["body"],
  input: z.object({ email: text(), password: text() }),
  errorStatus: utilStatus,
  summary: "Change your email (`\"\"` clears it when activation is not required).",
  response: z.object({ status: z.literal("success") }),
  errors: ["INVALID_PASSWORD", "EMAIL_INVALID_FORMAT", "EMAIL_TAKEN", "EMAIL_BLANK", "ACCOUNT_SECURITY_UNAVAILABLE", "THROTTLED"],
  handler: ({ input, viewer, services }) => services.accountSecurity.changeEmail(viewer!.id, input.email, input.password),
});

const moveAccount = defineRoute({
  method: "POST",
  paths: pleromaPaths("/move_account"),
  auth: "user",
  scopes: ["write:accounts"],
  from: ["body"],
  input: z.object({ password: text(), target_account: text() }),
  errorStatus: utilStatus,
  summary: "Move your followers to `target_account`, which must list you in `alsoKnownAs`.",
  response: z.object({ status: z.literal("success") }),
  errors: ["INVALID_PASSWORD", "MOVE_TARGET_NOT_FOUND", "MOVE_TARGET_NOT_ALIASED", "ACCOUNT_SECURITY_UNAVAILABLE", "THROTTLED"],
  handler: ({ input, viewer, services }) =>
    services.accountSecurity.moveAccount(viewer!.id, viewer!.nickname, input.password, input.target_account),
});

const listAliases = defineRoute({
  method: "GET",
  paths: pleromaPaths("/aliases"),
  auth: "user",
  scopes: ["read:accounts"],
  summary: "Your aliases as `nick@host`.",
  response: z.object({ aliases: z.array(z.string()) }),
  errors: ["ACCOUNT_SECURITY_UNAVAILABLE"],
  handler: ({ viewer, services }) => services.accountSecurity.aliases(viewer!.id),
});

const addAlias = defineRoute({
  method: "PUT",
  paths: pleromaPaths("/aliases"),
  auth: "user",
  scopes: ["write:accounts"],
  from: ["body"],
  input: z.object({ alias: text() }),
  summary: "Add an alias (an account that may be the origin of a Move to you).",
  response: z.object({ status: z.literal("success") }),
  errors: ["ALIAS_TARGET_NOT_FOUND", "ACCOUNT_SECURITY_UNAVAILABLE"],
  handler: ({ input, viewer, services }) => services.accountSecurity.addAlias(viewer!.id, input.alias),
});

const removeAlias = defineRoute({
  method: "DELETE",
  paths: pleromaPaths("/aliases"),
  auth: "user",
  scopes: ["write:accounts"],
  from: ["body"],
  input: z.object({ alias: text() }),
  summary: "Remove an alias.",
  response: z.object({ status: z.literal("success") }),
  errors: ["ALIAS_NOT_FOUND", "ACCOUNT_SECURITY_UNAVAILABLE"],
  handler: ({ input, viewer, services }) => services.accountSecurity.removeAlias(viewer!.id, input.alias),
});

/** Body booleans are strict (`true`/`false` or their strings); query values are BooleanLike. */
const strictBoolean = () =>
  z.preprocess(
    (v) => (v === "true" ? true : v === "false" ? false : v),
    z.boolean({
      error: (iss) =>
        iss.input === null ? "null value where boolean expected" : `Invalid boolean. Got: ${typeof iss.input === "number" ? "integer" : typeof iss.input}`,
    }),
  );
const SETTINGS = ["block_from_strangers", "hide_notification_contents"] as const;

const notificationSettings = defineRoute({
  method: "PUT",
  paths: pleromaPaths("/notification_settings"),
  auth: "user",
  scopes: ["write:accounts"],
  from: ["body"],
  input: z.object({ block_from_strangers: strictBoolean().optional(), hide_notification_contents: strictBoolean().optional() }),
  summary: "Set `block_from_strangers` and `hide_notification_contents` (query and/or body; body wins).",
  response: z.object({ status: z.literal("success") }),
  errors: ["ACCOUNT_SECURITY_UNAVAILABLE"],
  handler: ({ input, request, viewer, services }) => {
    const query = new URL(request.url).searchParams;
    const merged: Partial<Record<(typeof SETTINGS)[number], boolean>> = {};
    for (const name of SETTINGS) {
      if (query.has(name)) merged[name] = booleanLike().parse(query.get(name));
      if (input[name] !== undefined) merged[name] = input[name];
    }
    return services.accountSecurity.updateNotificationSettings(viewer!.id, {
      ...(merged.block_from_strangers !== undefined ? { blockFromStrangers: merged.block_from_strangers } : {}),
      ...(merged.hide_notification_contents !== undefined ? { hideNotificationContents: merged.hide_notification_contents } : {}),
    });
  },
});

const confirmationResend = defineRoute({
  method: "POST",
  paths: pleromaPaths("/accounts/confirmation_resend"),
  auth: "none",
  from: ["query"],
  input: z.object({ email: z.string().optional(), nickname: z.string().optional() }),
  summary: "Send the confirmation mail again (`email` or `nickname` in the query); 204, limited per client address.",
  handler: ({ input, clientAddress, services }) =>
    services.accountSecurity
      .resendConfirmation(clientAddress, input.email || input.nickname || undefined)
      .andThen(() => okAsync(new Reply(null, 204))),
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

export const accountSecurityRoutes = [
  mfaSettings,
  mfaSetup,
  mfaConfirm,
  mfaDisable,
  mfaBackupCodes,
  mfaChallenge,
  captcha,
  deleteAccount,
  disableAccount,
  changeEmail,
  moveAccount,
  listAliases,
  addAlias,
  removeAlias,
  notificationSettings,
  confirmationResend,
];
