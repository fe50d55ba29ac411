/**
 * Captcha and the password-checked account endpoints (accounts.md 5-8, 12, 14, 16-18); MFA and
 * the login challenge are in mfa.ts. The util endpoints answer business failures with HTTP 200
 * and `{"error"}`, as Akkoma does and the front ends expect; THROTTLED stays 429.
 */
import { okAsync } from "neverthrow";
import { z } from "zod";
import type { AppError } from "../../errors/index.js";
import { booleanLike, text } from "../schema.js";
import { defineRoute, pleromaPaths, Reply } from "../route.js";

const UTIL_200 = new Set([
  "INVALID_PASSWORD",
  "EMAIL_INVALID_FORMAT",
  "EMAIL_TAKEN",
  "EMAIL_BLANK",
  "MOVE_TARGET_NOT_ALIASED",
]);
/** Akkoma's util family: 200 with `{"error": ...}` for a wrong password and validation failures. */
const utilStatus = (error: AppError) => (UTIL_200.has(error.code) ? 200 : undefined);

const captcha = defineRoute({
  name: "accountSecurity.captcha",
  method: "GET",
  paths: pleromaPaths("/captcha"),
  auth: "none",
  summary: "A new captcha challenge, or `{type: none}` when disabled.",
  response: z.looseObject({ type: z.string() }),
  calls: ["captcha.issue"],
  handler: ({ services }) => services.captcha.issue(),
});

const passwordField = z.object({ password: text().optional() });

const deleteAccount = defineRoute({
  name: "accountSecurity.deleteAccount",
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
  calls: ["accountSecurity.deleteAccount"],
  handler: ({ input, viewer, services }) => services.accountSecurity.deleteAccount(viewer!.id, input.password),
});

const disableAccount = defineRoute({
  name: "accountSecurity.disableAccount",
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
  calls: ["accountSecurity.disableAccount"],
  handler: ({ input, viewer, services }) => services.accountSecurity.disableAccount(viewer!.id, input.password),
});

const changeEmail = defineRoute({
  name: "accountSecurity.changeEmail",
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
  calls: ["accountSecurity.changeEmail"],
  handler: ({ input, viewer, services }) => services.accountSecurity.changeEmail(viewer!.id, input.email, input.password),
});

const moveAccount = defineRoute({
  name: "accountSecurity.moveAccount",
  method: "POST",
  paths: pleromaPaths("/move_account"),
  auth: "user",
  scopes: ["write:accounts"],
  from: ["body"],
  input: z.object({ password: text(), target_account: text() }),
  errorStatus: utilStatus,
  summary: "Move your followers to `target_account`, which must list you in `alsoKnownAs`.",
  response: z.object({ status: z.literal("success") }),
  errors: ["INVALID_PASSWORD", "MOVE_TARGET_NOT_FOUND", "MOVE_TARGET_NOT_ALIASED", "MOVE_SELF", "MOVE_IN_PROGRESS", "ACCOUNT_SECURITY_UNAVAILABLE", "THROTTLED"],
  calls: ["accountSecurity.moveAccount"],
  handler: ({ input, viewer, services }) =>
    services.accountSecurity.moveAccount(viewer!.id, viewer!.nickname, input.password, input.target_account),
});

const listAliases = defineRoute({
  name: "accountSecurity.listAliases",
  method: "GET",
  paths: pleromaPaths("/aliases"),
  auth: "user",
  scopes: ["read:accounts"],
  summary: "Your aliases as `nick@host`.",
  response: z.object({ aliases: z.array(z.string()) }),
  errors: ["ACCOUNT_SECURITY_UNAVAILABLE"],
  calls: ["accountSecurity.aliases"],
  handler: ({ viewer, services }) => services.accountSecurity.aliases(viewer!.id),
});

const addAlias = defineRoute({
  name: "accountSecurity.addAlias",
  method: "PUT",
  paths: pleromaPaths("/aliases"),
  auth: "user",
  scopes: ["write:accounts"],
  from: ["body"],
  input: z.object({ alias: text() }),
  summary: "Add an alias (an account that may be the origin of a Move to you).",
  response: z.object({ status: z.literal("success") }),
  errors: ["ALIAS_TARGET_NOT_FOUND", "ALIAS_SELF", "ACCOUNT_SECURITY_UNAVAILABLE"],
  calls: ["accountSecurity.addAlias"],
  handler: ({ input, viewer, services }) => services.accountSecurity.addAlias(viewer!.id, input.alias),
});

const removeAlias = defineRoute({
  name: "accountSecurity.removeAlias",
  method: "DELETE",
  paths: pleromaPaths("/aliases"),
  auth: "user",
  scopes: ["write:accounts"],
  from: ["body"],
  input: z.object({ alias: text() }),
  summary: "Remove an alias.",
  response: z.object({ status: z.literal("success") }),
  errors: ["ALIAS_NOT_FOUND", "ACCOUNT_SECURITY_UNAVAILABLE"],
  calls: ["accountSecurity.removeAlias"],
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
  name: "accountSecurity.notificationSettings",
  method: "PUT",
  paths: pleromaPaths("/notification_settings"),
  auth: "user",
  scopes: ["write:accounts"],
  from: ["body"],
  input: z.object({ block_from_strangers: strictBoolean().optional(), hide_notification_contents: strictBoolean().optional() }),
  summary: "Set `block_from_strangers` and `hide_notification_contents` (query and/or body; body wins).",
  response: z.object({ status: z.literal("success") }),
  errors: ["ACCOUNT_SECURITY_UNAVAILABLE"],
  calls: ["accountSecurity.updateNotificationSettings"],
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
  name: "accountSecurity.resendConfirmation",
  method: "POST",
  paths: pleromaPaths("/accounts/confirmation_resend"),
  auth: "none",
  from: ["query"],
  input: z.object({ email: z.string().optional(), nickname: z.string().optional() }),
  summary: "Send the confirmation mail again (`email` or `nickname` in the query); 204, limited per client address.",
  calls: ["accountSecurity.resendConfirmation"],
  handler: ({ input, clientAddress, services }) =>
    services.accountSecurity
      .resendConfirmation(clientAddress, input.email || input.nickname || undefined)
      .andThen(() => okAsync(new Reply(null, 204))),
});

export const accountSecurityRoutes = [
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
