/**
 * Accounts: registration, the caller's own account (updates are in update-credentials.ts), any account by id or
 * nickname, and an account's statuses.
 */
import { z } from "zod";
import { appError, defineRoute, errAsync, fromPort, okAsync, Reply, schema, type RouteDefinition } from "@pleroma-kit/core";
import { hasAnyScope } from "@pleroma-kit/core/internal";
import { UniqueViolation, type UserRow } from "../host-data.js";
import { bearerOf } from "./credentials.js";
import type { MastodonRouteDeps } from "./deps.js";
import { invalid } from "./errors.js";
import { findAccount, renderAccount } from "./lookups.js";
import { oauthTokenJson } from "./oauth.js";
import { pageInput, pageOf, renderStatusList } from "./paging.js";

const { booleanLike, idLike, text } = schema;

export function accountRoutes({ host, services, options }: MastodonRouteDeps): RouteDefinition[] {
  const { baseUrl } = host.context;

  const register = defineRoute({
    name: "mastodon.register",
    method: "POST",
    paths: ["/api/v1/accounts"],
    auth: "none",
    input: z.object({
      username: text().min(1).max(64),
      email: text().max(320).optional(),
      password: text().min(1).max(4096),
      agreement: booleanLike().optional(),
      locale: text().optional(),
      reason: text().max(5000).optional(),
      fullname: text().max(100).optional(),
      access_token: text().optional(),
      captcha_solution: text().max(1000).optional(),
      captcha_token: text().max(1000).optional(),
      captcha_answer_data: text().max(10000).optional(),
    }),
    summary: "Registers a local account with an app token; answers a user token.",
    handler: ({ input, request, clientAddress }) => {
      if (options.instance?.registrations === false) return errAsync(appError("AUTH_REQUIRED", { message: "Registrations are closed" }));
      const { captcha_solution, captcha_token, captcha_answer_data } = input;
      // Order: the app token first (who may register at all), then the gate (captcha), then the fields.
      const appToken = fromPort(async () => {
        const bearer = bearerOf(request) ?? input.access_token ?? null;
        const token = bearer ? await host.tokens.find(bearer) : null;
        if (!token) throw appError("INVALID_CREDENTIALS");
        if (!hasAnyScope(token.scopes, ["write:accounts"])) {
          throw appError("INSUFFICIENT_SCOPES", { message: "Insufficient permissions: write:accounts." });
        }
        return token;
      });
      const gate = () =>
        options.beforeRegister
          ? options.beforeRegister({ username: input.username, email: input.email || null, fields: { captcha_solution, captcha_token, captcha_answer_data }, clientAddress })
          : okAsync(undefined);
      return appToken.andThen((token) => gate().map(() => token)).andThen((token) => fromPort(async () => {
        if (!/^[A-Za-z0-9_]+$/.test(input.username)) throw invalid(JSON.stringify({ nickname: ["has invalid format"] }));
        if (input.email !== undefined && input.email !== "" && !/^[^\s@]+@[^\s@]+$/.test(input.email)) {
          throw invalid(JSON.stringify({ email: ["has invalid format"] }));
        }
        let user: UserRow;
        try {
          user = await host.users.register({
            nickname: input.username,
            email: input.email || null,
            password: input.password,
            displayName: input.fullname ?? input.username,
          });
        } catch (error) {
          if (error instanceof UniqueViolation) {
            throw invalid(JSON.stringify({ [error.field === "email" ? "email" : "nickname"]: ["has already been taken"] }));
          }
          throw error;
        }
        return oauthTokenJson(host, await host.tokens.issueRow(user.id, token.appId, token.scopes), user);
      }));
    },
  });

  const verifyCredentials = defineRoute({
    name: "mastodon.verifyCredentials",
    method: "GET",
    paths: ["/api/v1/accounts/verify_credentials"],
    auth: "user",
    scopes: ["read:accounts"],
    summary: "The caller's own account, with `source`.",
    handler: ({ viewer }) => renderAccount(host, viewer!.id, viewer!.id),
  });

  const showAccount = defineRoute({
    name: "mastodon.showAccount",
    method: "GET",
    paths: ["/api/v1/accounts/:id"],
    auth: "optional",
    scopes: ["read:accounts"],
    softScopes: true,
    input: z.object({ id: idLike() }),
    summary: "An account by id or nickname.",
    handler: ({ viewer, input }) =>
      findAccount(host, input.id).andThen((user) => renderAccount(host, user.id, viewer?.id ?? null, "Can't find user")),
  });

  const accountStatuses = defineRoute({
    name: "mastodon.accountStatuses",
    method: "GET",
    paths: ["/api/v1/accounts/:id/statuses"],
    auth: "optional",
    scopes: ["read:statuses"],
    softScopes: true,
    input: z.object({
      id: idLike(),
      ...pageInput,
      exclude_replies: booleanLike().optional(),
      only_media: booleanLike().optional(),
      pinned: booleanLike().optional(),
    }),
    summary: "An account's statuses the caller may see, newest first.",
    handler: ({ viewer, input, request }) =>
      findAccount(host, input.id).andThen((user) => {
        // The reference host has neither media nor pins: those lists are empty.
        if (input.only_media || input.pinned) return okAsync(new Reply([]));
        return fromPort(() =>
          host.timelines.account(user.id, viewer?.id ?? null, pageOf(input), { excludeReplies: input.exclude_replies ?? false }),
        ).andThen((rows) => renderStatusList({ services, baseUrl }, rows, viewer?.id ?? null, request));
      }),
  });

  return [register, verifyCredentials, showAccount, accountStatuses];
}
