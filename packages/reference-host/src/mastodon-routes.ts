/**
 * The Mastodon endpoints a demo server needs so megalodon, pleroma-fe and akkoma-fe can run
 * against the reference host (clients.md, last section). They run through core's pipeline
 * (`createPleromaKit({ extraRoutes: (s) => mastodonRoutes(host, s) })`), so auth, parsing and
 * errors behave exactly like the library's own routes, and every Status goes through
 * `services.statuses.render` (which adds `emoji_reactions`).
 */
import { conversationHooks } from "./conversations.js";
import { mfaBeforeTokenIssue } from "./account-security.js";
import { z } from "zod";
import {
  appError,
  defineRoute,
  errAsync,
  fromPort,
  okAsync,
  Reply,
  schema,
  type AppError,
  type Entity,
  type Outcome,
  type RouteDefinition,
  type Services,
  type Visibility,
} from "@pleroma-kit/core";
import { accountSecurityGuards, hasAnyScope, type AuthGuards } from "@pleroma-kit/core/internal";
import { UniqueViolation, type AppRow, type PageQuery, type StatusRow, type UserRow } from "./host-data.js";
import { linkHeader } from "./link-header.js";
import type { Marker, MarkerTimeline, ReferenceHost } from "./reference-host.js";
import { formatDate } from "./host-context.js";

const { booleanLike, idLike, intLike, list, text } = schema;

/** Where `in_reply_to_conversation_id` sends a post, as the conversations domain resolves it. */
export interface Addressing {
  /** Exactly these accounts are addressed; text mentions are not added. */
  readonly mentionIds: readonly string[];
  /** The thread the post joins when it has no parent. */
  readonly contextId?: string;
  /** Forced visibility (Akkoma forces `direct`). */
  readonly visibility?: Visibility;
}

/** Options of {@link mastodonRoutes}: the hooks other domains fill. */
export interface MastodonRoutesOptions {
  /**
   * Runs after a password grant verified the password and before a token is issued. Return an
   * alternative answer (e.g. MFA's `403 {"error":"mfa_required", "mfa_token": ...}` as a `Reply`)
   * or an AppError to stop issuing; null lets the token be issued.
   */
  readonly beforeTokenIssue?: (user: UserRow, grant: { app: AppRow; scopes: readonly string[] }) => Outcome<Reply | null>;
  /**
   * Resolves `in_reply_to_conversation_id` for `viewerId`. Null means "unknown: post normally";
   * an error (e.g. 404 for another user's conversation) refuses the post.
   */
  readonly resolveAddressing?: (input: { viewerId: string; conversationId: string; inReplyToId: string | null }) => Outcome<Addressing | null>;
  /**
   * Runs before a registration is accepted, with the submitted fields (including the captcha
   * fields `captcha_solution`, `captcha_token`, `captcha_answer_data`); an error refuses it.
   */
  readonly beforeRegister?: (input: { username: string; email: string | null; fields: Readonly<Record<string, string | undefined>>; clientAddress: string | null }) => Outcome<void>;
  /** Runs after a status is stored (e.g. to create conversation participations). */
  readonly afterPost?: (status: StatusRow) => Outcome<void>;
  /** Password attempt limits for the password grant (the same guards core applies to Basic auth). */
  readonly guards?: Partial<Pick<AuthGuards, "beforePasswordCheck" | "afterPasswordCheck">>;
  /** What `/api/v1/instance` and nodeinfo say about the instance. */
  readonly instance?: {
    readonly title?: string;
    readonly description?: string;
    readonly email?: string;
    /** Added to `pleroma.metadata.features`. */
    readonly features?: readonly string[];
    readonly registrations?: boolean;
  };
}

/** The API compatibility string clients parse: megalodon and the front ends look for "Pleroma". */
export const INSTANCE_VERSION = "2.7.2 (compatible; Pleroma 2.6.0+pleroma-kit)";
/** The largest status text accepted (Pleroma's default `limit`). */
export const MAX_STATUS_CHARS = 5000;
/** What the reference host supports, as `pleroma.metadata.features`. */
export const BASE_FEATURES = ["pleroma_api", "mastodon_api", "pleroma_emoji_reactions", "exposable_reactions", "pleroma:api/v1/notifications:include_types_filter"];

const VISIBILITIES = ["public", "unlisted", "private", "direct", "local"] as const;

const pageInput = {
  max_id: idLike().optional(),
  since_id: idLike().optional(),
  min_id: idLike().optional(),
  limit: intLike().optional(),
};

function pageOf(input: { max_id?: string; since_id?: string; min_id?: string; limit?: number }, max = 40): PageQuery {
  return {
    ...(input.max_id !== undefined ? { maxId: input.max_id } : {}),
    ...(input.since_id !== undefined ? { sinceId: input.since_id } : {}),
    ...(input.min_id !== undefined ? { minId: input.min_id } : {}),
    limit: Math.min(Math.max(input.limit ?? 20, 1), max),
  };
}

const notFound = (message = "Record not found") => appError("NOT_FOUND", { message });
const invalid = (message: string, status = 400) => appError("VALIDATION_FAILED", { message, status });

/**
 * The Mastodon routes of the reference host, for `createPleromaKit({ extraRoutes })`. Also points
 * the host's own status rendering (notifications) at core's renderer.
 */
export function mastodonRoutes(host: ReferenceHost, services: Services, overrides: MastodonRoutesOptions = {}): RouteDefinition[] {
  // The library's hooks by default: conversation replies, MFA at login, password attempt limits.
  const options: MastodonRoutesOptions = {
    ...conversationHooks(services),
    beforeTokenIssue: mfaBeforeTokenIssue(services),
    guards: accountSecurityGuards(services, host.ports),
    ...overrides,
  };
  host.useNotificationSettings(async (userId) => {
    const settings = await services.accountSecurity.notificationSettings(userId);
    if (settings.isErr()) throw settings.error.cause ?? new Error(settings.error.message);
    return settings.value;
  });
  host.useStatusRenderer(async (ids, viewerId) => {
    const rendered = await services.statuses.render(ids, viewerId);
    if (rendered.isErr()) throw rendered.error.cause ?? new Error(rendered.error.message);
    return rendered.value;
  });
  const { baseUrl } = host.context;
  const data = host.data;

  const renderStatusList = (rows: readonly StatusRow[], viewerId: string | null, request: Request): Outcome<Reply> =>
    services.statuses.render(rows.map((r) => r.id), viewerId).map((map) => {
      const items = rows.flatMap((r) => {
        const e = map.get(r.id);
        return e ? [e] : [];
      });
      return new Reply(items, 200, linkHeader(baseUrl, request, rows.map((r) => r.id)));
    });

  const renderSelf = (userId: string): Outcome<Entity> =>
    fromPort(() => host.ports.accounts.render([userId], userId)).andThen((m) => {
      const e = m.get(userId);
      return e ? okAsync(e) : errAsync(notFound());
    });

  /** An active account by id (or nickname), else "Can't find user". */
  const findAccount = (id: string): Outcome<UserRow> =>
    fromPort(() => host.users.find(id)).andThen((u) => (u && u.isActive ? okAsync(u) : errAsync(notFound("Can't find user"))));

  const visibleStatus = (id: string, viewerId: string | null): Outcome<StatusRow> =>
    fromPort(async () => {
      const row = await data.statuses.byId(id);
      return row && (await host.statuses.visible([row], viewerId)).length === 1 ? row : null;
    }).andThen((row) => (row ? okAsync(row) : errAsync(notFound())));

  const tokenJson = (issued: IssuedToken, user: UserRow | null) => oauthTokenJson(host, issued, user);

  // ---- OAuth and apps ---------------------------------------------------------------------

  const createApp = defineRoute({
    method: "POST",
    paths: ["/api/v1/apps"],
    auth: "none",
    input: z.object({
      client_name: text().min(1).max(200),
      redirect_uris: text().max(2000).optional(),
      scopes: text().max(1000).optional(),
      website: text().max(2000).optional(),
    }),
    summary: "Registers an OAuth app; answers its client id and secret.",
    handler: ({ input }) =>
      fromPort(() =>
        host.apps.create({
          name: input.client_name,
          website: input.website ?? null,
          redirectUris: input.redirect_uris ?? "urn:ietf:wg:oauth:2.0:oob",
          scopes: splitScopes(input.scopes ?? "read"),
        }),
      ).map((app) => ({
        id: app.id,
        name: app.name,
        website: app.website,
        redirect_uri: app.redirectUris,
        client_id: app.clientId,
        client_secret: app.clientSecret,
        vapid_key: null,
      })),
  });

  const oauthToken = defineRoute({
    method: "POST",
    paths: ["/oauth/token"],
    auth: "none",
    input: z.object({
      grant_type: z.enum(["password", "client_credentials"], { error: "Unsupported grant type" }),
      client_id: text().max(200).optional(),
      client_secret: text().max(200).optional(),
      username: text().max(500).optional(),
      password: text().max(4096).optional(),
      scope: text().max(1000).optional(),
    }),
    summary: "Issues a token: the password grant (nickname or email) or client_credentials (app-only).",
    handler: ({ input, request }) => {
      const client = clientCredentials(request, input);
      if (!client) return errAsync(appError("INVALID_CREDENTIALS", { status: 400, message: "Invalid client" }));
      return fromPort(() => host.apps.verify(client.id, client.secret)).andThen((app) => {
        if (!app) return errAsync(appError("INVALID_CREDENTIALS", { status: 400, message: "Invalid client" }));
        const scopes = input.scope ? splitScopes(input.scope) : [...app.scopes];
        if (scopes.length === 0 || !scopes.every((s) => hasAnyScope(app.scopes, [s]))) {
          return errAsync(invalid("Invalid scopes"));
        }
        if (input.grant_type === "client_credentials") {
          return fromPort(() => host.tokens.issueRow(null, app.id, scopes)).map((issued) => tokenJson(issued, null));
        }
        if (!input.username || input.password === undefined) return errAsync(appError("INVALID_CREDENTIALS", { status: 400, message: "Invalid credentials" }));
        return passwordGrant(app, input.username, input.password, scopes);
      });
    },
  });

  function passwordGrant(app: AppRow, login: string, password: string, scopes: readonly string[]): Outcome<unknown> {
    return fromPort(async () => {
      const blocked = await options.guards?.beforePasswordCheck?.(login);
      if (blocked) throw blocked;
      const user = await host.users.verifyLogin(login, password);
      await options.guards?.afterPasswordCheck?.(login, user !== null, user?.id ?? null);
      if (!user) throw appError("INVALID_CREDENTIALS", { status: 400, message: "Invalid credentials" });
      return user;
    }).andThen((user) => {
      const hook = options.beforeTokenIssue?.(user, { app, scopes }) ?? okAsync(null);
      return hook.andThen((alternative) =>
        alternative ? okAsync<unknown, AppError>(alternative) : fromPort(() => host.tokens.issueRow(user.id, app.id, scopes)).map((issued) => tokenJson(issued, user)),
      );
    });
  }

  const oauthRevoke = defineRoute({
    method: "POST",
    paths: ["/oauth/revoke"],
    auth: "none",
    input: z.object({ token: text().min(1).max(500), client_id: text().optional(), client_secret: text().optional() }),
    summary: "Revokes a token (RFC 7009: answers {} whether or not it existed).",
    handler: ({ input, request }) =>
      fromPort(async () => {
        const row = await host.tokens.find(input.token);
        if (!row) return {};
        const client = clientCredentials(request, input);
        if (client) {
          const app = await host.apps.verify(client.id, client.secret);
          // Another app's client may not revoke this token.
          if (!app || app.id !== row.appId) return {};
        }
        await host.tokens.revoke(input.token);
        return {};
      }),
  });

  // ---- Accounts ---------------------------------------------------------------------------

  const register = defineRoute({
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
        return tokenJson(await host.tokens.issueRow(user.id, token.appId, token.scopes), user);
      }));
    },
  });

  const verifyCredentials = defineRoute({
    method: "GET",
    paths: ["/api/v1/accounts/verify_credentials"],
    auth: "user",
    scopes: ["read:accounts"],
    summary: "The caller's own account, with `source`.",
    handler: ({ viewer }) => renderSelf(viewer!.id),
  });

  const updateCredentials = defineRoute({
    method: "PATCH",
    paths: ["/api/v1/accounts/update_credentials"],
    auth: "user",
    scopes: ["write:accounts"],
    from: ["body"],
    input: z.object({
      display_name: text().max(100).optional(),
      note: text().max(5000).optional(),
      locked: booleanLike().optional(),
    }),
    summary: "Updates display name, note and locked; answers the own account.",
    handler: ({ viewer, input }) =>
      fromPort(() =>
        host.users.update(viewer!.id, {
          ...(input.display_name !== undefined ? { displayName: input.display_name } : {}),
          ...(input.note !== undefined ? { note: input.note } : {}),
          ...(input.locked !== undefined ? { isLocked: input.locked } : {}),
        }),
      ).andThen(() => renderSelf(viewer!.id)),
  });

  const relationships = defineRoute({
    method: "GET",
    paths: ["/api/v1/accounts/relationships"],
    auth: "user",
    scopes: ["read:follows"],
    input: z.object({ id: list(idLike()).refine((ids) => ids.length <= 100, "at most 100 ids").optional() }),
    summary: "Relationships from the caller to each `id[]`.",
    handler: ({ viewer, input }) => fromPort(() => host.relations.render(viewer!.id, input.id ?? [])),
  });

  const showAccount = defineRoute({
    method: "GET",
    paths: ["/api/v1/accounts/:id"],
    auth: "optional",
    scopes: ["read:accounts"],
    softScopes: true,
    input: z.object({ id: idLike() }),
    summary: "An account by id or nickname.",
    handler: ({ viewer, input }) =>
      findAccount(input.id).andThen((user) =>
        fromPort(() => host.ports.accounts.render([user.id], viewer?.id ?? null)).andThen((m) => {
          const e = m.get(user.id);
          return e ? okAsync(e) : errAsync(notFound("Can't find user"));
        }),
      ),
  });

  const accountStatuses = defineRoute({
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
      findAccount(input.id).andThen((user) => {
        // The reference host has neither media nor pins: those lists are empty.
        if (input.only_media || input.pinned) return okAsync(new Reply([]));
        return fromPort(() =>
          host.timelines.account(user.id, viewer?.id ?? null, pageOf(input), { excludeReplies: input.exclude_replies ?? false }),
        ).andThen((rows) => renderStatusList(rows, viewer?.id ?? null, request));
      }),
  });

  type RelationAction = "follow" | "unfollow" | "block" | "unblock" | "mute" | "unmute";
  const relationRoute = (action: RelationAction, scopes: string[], selfError: string | null) =>
    defineRoute({
      method: "POST",
      paths: [`/api/v1/accounts/:id/${action}`],
      auth: "user",
      scopes,
      input: z.object({ id: idLike(), notify: booleanLike().optional(), reblogs: booleanLike().optional() }),
      summary: `${action[0]!.toUpperCase()}${action.slice(1)}s an account; answers the Relationship.`,
      handler: ({ viewer, input }) =>
        findAccount(input.id).andThen((target) => {
          if (target.id === viewer!.id && selfError) return errAsync(invalid(selfError));
          return fromPort(async () => {
            const me = viewer!.id;
            if (action === "follow") await host.relations.follow(me, target.id, input.notify === undefined ? {} : { notify: input.notify });
            else await host.relations[action](me, target.id);
            const [relationship] = await host.relations.render(me, [target.id]);
            return relationship;
          });
        }),
    });

  // ---- Statuses ---------------------------------------------------------------------------

  const postStatus = defineRoute({
    method: "POST",
    paths: ["/api/v1/statuses"],
    auth: "user",
    scopes: ["write:statuses"],
    from: ["body"],
    input: z.object({
      status: text().optional(),
      visibility: z.enum(VISIBILITIES).optional(),
      in_reply_to_id: idLike().optional().nullable(),
      in_reply_to_conversation_id: idLike().optional().nullable(),
      spoiler_text: text().max(MAX_STATUS_CHARS).optional(),
      sensitive: booleanLike().optional(),
      media_ids: list(idLike()).optional(),
      content_type: text().optional(),
      language: text().optional().nullable(),
    }),
    summary: "Posts a status (all visibilities, replies, @mentions, conversation replies).",
    handler: ({ viewer, input }) => {
      const body = input.status ?? "";
      if (body.trim() === "") return errAsync(invalid("Cannot post an empty status without attachments", 422));
      if ([...body].length > MAX_STATUS_CHARS) return errAsync(invalid("The status is over the character limit", 422));
      if ((input.media_ids?.length ?? 0) > 0) return errAsync(invalid("Media attachments are not supported by the reference host", 422));
      const viewerId = viewer!.id;
      const parent: Outcome<StatusRow | null> = input.in_reply_to_id ? visibleStatus(input.in_reply_to_id, viewerId) : okAsync(null);
      return parent.andThen((parentRow) => {
        const addressing: Outcome<Addressing | null> =
          input.in_reply_to_conversation_id && options.resolveAddressing
            ? options.resolveAddressing({ viewerId, conversationId: input.in_reply_to_conversation_id, inReplyToId: parentRow?.id ?? null })
            : okAsync(null);
        return addressing.andThen((addr) => {
          const visibility: Visibility = addr?.visibility ?? input.visibility ?? inheritVisibility(parentRow);
          return fromPort(() =>
            host.statuses.post({
              authorId: viewerId,
              content: body,
              visibility,
              inReplyToId: parentRow?.id ?? null,
              spoilerText: input.spoiler_text ?? "",
              sensitive: input.sensitive ?? false,
              ...(addr ? { addressOnly: addr.mentionIds, ...(addr.contextId ? { contextId: addr.contextId } : {}) } : {}),
            }),
          )
            .andThen((row) => (options.afterPost ? options.afterPost(row).map(() => row) : okAsync(row)))
            .andThen((row) => renderSingle(row.id, viewerId));
        });
      });
    },
  });

  /**
   * A single-status response (post, show, delete): carries the viewer's participation id for the
   * status's thread as `pleroma.direct_conversation_id` (content.md 3.1); lists leave it null.
   */
  const renderSingle = (id: string, viewerId: string | null): Outcome<Entity> =>
    services.statuses.renderOne(id, viewerId).andThen((entity) => {
      if (!viewerId) return okAsync(entity);
      return fromPort(() => host.data.statuses.byId(id)).andThen((row) =>
        row
          ? services.conversations.directConversationId(viewerId, row.contextId).map((participationId) => ({
              ...entity,
              pleroma: { ...((entity.pleroma ?? {}) as Entity), direct_conversation_id: participationId },
            }))
          : okAsync(entity),
      );
    });

  const showStatus = defineRoute({
    method: "GET",
    paths: ["/api/v1/statuses/:id"],
    auth: "optional",
    scopes: ["read:statuses"],
    softScopes: true,
    input: z.object({ id: idLike() }),
    summary: "A status the caller may see.",
    handler: ({ viewer, input }) => renderSingle(input.id, viewer?.id ?? null),
  });

  const deleteStatus = defineRoute({
    method: "DELETE",
    paths: ["/api/v1/statuses/:id"],
    auth: "user",
    scopes: ["write:statuses"],
    from: ["path"],
    input: z.object({ id: idLike() }),
    summary: "Deletes your status (staff: any); answers it with its source `text` for redrafting.",
    handler: ({ viewer, input }) =>
      renderSingle(input.id, viewer!.id).andThen((entity) =>
        fromPort(() => host.statuses.delete(input.id, viewer!.id)).andThen((row) =>
          row ? okAsync({ ...entity, text: row.content }) : errAsync(notFound()),
        ),
      ),
  });

  const favouriteRoute = (action: "favourite" | "unfavourite") =>
    defineRoute({
      method: "POST",
      paths: [`/api/v1/statuses/:id/${action}`],
      auth: "user",
      scopes: ["write:favourites"],
      from: ["path"],
      input: z.object({ id: idLike() }),
      summary: `${action === "favourite" ? "Favourites" : "Unfavourites"} a status you can see; answers the Status.`,
      handler: ({ viewer, input }) =>
        visibleStatus(input.id, viewer!.id).andThen((row) =>
          fromPort(() => host.statuses[action](viewer!.id, row.id)).andThen(() => services.statuses.renderOne(row.id, viewer!.id)),
        ),
    });

  // ---- Timelines, notifications, markers --------------------------------------------------

  const homeTimeline = defineRoute({
    method: "GET",
    paths: ["/api/v1/timelines/home"],
    auth: "user",
    scopes: ["read:statuses"],
    input: z.object({ ...pageInput }),
    summary: "Your and followed accounts' statuses, newest first.",
    handler: ({ viewer, input, request }) =>
      fromPort(() => host.timelines.home(viewer!.id, pageOf(input))).andThen((rows) => renderStatusList(rows, viewer!.id, request)),
  });

  const publicTimeline = defineRoute({
    method: "GET",
    paths: ["/api/v1/timelines/public"],
    auth: "optional",
    scopes: ["read:statuses"],
    softScopes: true,
    input: z.object({ ...pageInput, local: booleanLike().optional(), only_media: booleanLike().optional(), remote: booleanLike().optional() }),
    summary: "Public statuses, newest first (`local=true`: this instance's only).",
    handler: ({ viewer, input, request }) => {
      if (input.only_media || input.remote) return okAsync(new Reply([]));
      return fromPort(() => host.timelines.public(viewer?.id ?? null, pageOf(input), { localOnly: input.local ?? false })).andThen((rows) =>
        renderStatusList(rows, viewer?.id ?? null, request),
      );
    },
  });

  const notifications = defineRoute({
    method: "GET",
    paths: ["/api/v1/notifications"],
    auth: "user",
    scopes: ["read:notifications"],
    input: z.object({
      ...pageInput,
      types: list(text()).optional(),
      include_types: list(text()).optional(),
      exclude_types: list(text()).optional(),
    }),
    summary: "Your notifications, newest first, without those of blocked or muted accounts.",
    handler: ({ viewer, input, request }) => {
      const types = input.types ?? input.include_types;
      return fromPort(() =>
        host.notifications.list(viewer!.id, pageOf(input, 80), {
          ...(types ? { types } : {}),
          ...(input.exclude_types ? { excludeTypes: input.exclude_types } : {}),
        }),
      ).map(({ entities, rows }) => new Reply(entities, 200, linkHeader(baseUrl, request, rows.map((r) => r.id))));
    },
  });

  const markerTimeline = z.enum(["home", "notifications"]);
  const getMarkers = defineRoute({
    method: "GET",
    paths: ["/api/v1/markers"],
    auth: "user",
    scopes: ["read:statuses"],
    input: z.object({ timeline: list(markerTimeline).optional() }),
    summary: "Your read markers (`notifications` adds Pleroma's `unread_count`).",
    handler: ({ viewer, input }) =>
      fromPort(async () => {
        const out: Record<string, Entity> = {};
        for (const timeline of input.timeline ?? ["home", "notifications"]) {
          const marker = host.markers.get(viewer!.id, timeline);
          if (marker) out[timeline] = await renderMarker(viewer!.id, timeline, marker);
        }
        return out;
      }),
  });

  const markerBody = z.object({ last_read_id: idLike() }).optional();
  const postMarkers = defineRoute({
    method: "POST",
    paths: ["/api/v1/markers"],
    auth: "user",
    scopes: ["write:statuses"],
    from: ["body"],
    input: z.preprocess(nestFormKeys, z.object({ home: markerBody, notifications: markerBody })),
    summary: "Sets read markers; answers the markers set.",
    handler: ({ viewer, input }) =>
      fromPort(async () => {
        const out: Record<string, Entity> = {};
        for (const timeline of ["home", "notifications"] as const) {
          const given = input[timeline];
          if (!given) continue;
          out[timeline] = await renderMarker(viewer!.id, timeline, host.markers.set(viewer!.id, timeline, given.last_read_id));
        }
        return out;
      }),
  });

  /** Mastodon's Marker entity; the notifications marker carries Pleroma's unread count. */
  async function renderMarker(userId: string, timeline: MarkerTimeline, marker: Marker): Promise<Entity> {
    return {
      last_read_id: marker.lastReadId,
      version: marker.version,
      updated_at: formatDate(marker.updatedAt),
      ...(timeline === "notifications" ? { pleroma: { unread_count: await unreadCount(userId) } } : {}),
    };
  }

  async function unreadCount(userId: string): Promise<number> {
    const rows = await data.notifications.list(userId, { limit: 1000 });
    return rows.filter((r) => !r.seen).length;
  }

  // ---- Instance -----------------------------------------------------------------------------

  const customEmojis = defineRoute({
    method: "GET",
    paths: ["/api/v1/custom_emojis"],
    auth: "none",
    summary: "Mastodon's custom emoji list (an array).",
    handler: ({ services: s }) => s.customEmoji.mastodonList(),
  });

  const features = [...BASE_FEATURES, ...(options.instance?.features ?? [])];
  const title = options.instance?.title ?? "pleroma-kit";
  const description = options.instance?.description ?? "A pleroma-kit demo instance";

  const instance = defineRoute({
    method: "GET",
    paths: ["/api/v1/instance"],
    auth: "none",
    summary: "Instance metadata with Pleroma's `pleroma.metadata.features`.",
    handler: ({ config }) =>
      fromPort(() => data.users.count()).map((userCount) => ({
        uri: host.context.localHost,
        title,
        short_description: description,
        description,
        email: options.instance?.email ?? "",
        version: INSTANCE_VERSION,
        urls: { streaming_api: baseUrl.replace(/^http/, "ws") },
        stats: { user_count: userCount, status_count: 0, domain_count: 0 },
        thumbnail: `${baseUrl}/instance/thumbnail.jpeg`,
        languages: ["en"],
        registrations: options.instance?.registrations ?? true,
        approval_required: false,
        invites_enabled: false,
        max_toot_chars: MAX_STATUS_CHARS,
        max_media_attachments: 0,
        poll_limits: { max_options: 20, max_option_chars: 200, min_expiration: 0, max_expiration: 31536000 },
        upload_limit: config.instance.uploadLimit,
        avatar_upload_limit: 2_000_000,
        background_upload_limit: 4_000_000,
        banner_upload_limit: 4_000_000,
        background_image: `${baseUrl}/images/city.jpg`,
        rules: [],
        configuration: {
          statuses: { max_characters: MAX_STATUS_CHARS, max_media_attachments: 0 },
          polls: { max_options: 20, max_characters_per_option: 200, min_expiration: 0, max_expiration: 31536000 },
        },
        pleroma: {
          metadata: {
            account_activation_required: false,
            birthday_required: false,
            features,
            federation: { enabled: false },
            fields_limits: { max_fields: 10, max_remote_fields: 20, name_length: 512, value_length: 2048 },
            post_formats: ["text/plain"],
            privileged_staff: false,
          },
          stats: { mau: 0 },
          vapid_public_key: null,
        },
      })),
  });

  const wellKnownNodeinfo = defineRoute({
    method: "GET",
    paths: ["/.well-known/nodeinfo"],
    auth: "none",
    summary: "Links to nodeinfo 2.0 (megalodon detects Pleroma from it).",
    handler: () =>
      okAsync({ links: [{ rel: "http://nodeinfo.diaspora.software/ns/schema/2.0", href: `${baseUrl}/nodeinfo/2.0.json` }] }),
  });

  const nodeinfo = defineRoute({
    method: "GET",
    paths: ["/nodeinfo/2.0.json"],
    auth: "none",
    summary: "Nodeinfo 2.0: software `pleroma`, so clients use the Pleroma API.",
    handler: () =>
      fromPort(() => data.users.count()).map((users) => ({
        version: "2.0",
        software: { name: "pleroma", version: "2.6.0+pleroma-kit" },
        protocols: ["activitypub"],
        services: { inbound: [], outbound: [] },
        openRegistrations: options.instance?.registrations ?? true,
        usage: { users: { total: users }, localPosts: 0 },
        metadata: { nodeName: title, nodeDescription: description, features, federation: { enabled: false }, postFormats: ["text/plain"] },
      })),
  });

  return [
    createApp,
    oauthToken,
    oauthRevoke,
    register,
    verifyCredentials,
    updateCredentials,
    relationships,
    showAccount,
    accountStatuses,
    relationRoute("follow", ["follow", "write:follows"], "Can not follow yourself"),
    relationRoute("unfollow", ["follow", "write:follows"], "Can not unfollow yourself"),
    relationRoute("block", ["follow", "write:blocks"], "Can not block yourself"),
    relationRoute("unblock", ["follow", "write:blocks"], null),
    relationRoute("mute", ["follow", "write:mutes"], "Can not mute yourself"),
    relationRoute("unmute", ["follow", "write:mutes"], null),
    postStatus,
    showStatus,
    deleteStatus,
    favouriteRoute("favourite"),
    favouriteRoute("unfavourite"),
    homeTimeline,
    publicTimeline,
    notifications,
    getMarkers,
    postMarkers,
    customEmojis,
    instance,
    wellKnownNodeinfo,
    nodeinfo,
  ];
}

/** A token as `tokens.issueRow` answers it. */
export interface IssuedToken {
  readonly bearer: string;
  readonly row: { readonly id: string; readonly scopes: readonly string[]; readonly createdAt: Date };
}

/**
 * Mastodon's token response (`POST /oauth/token`, registration). Exported so other login paths
 * (the MFA challenge) answer exactly the same JSON.
 */
export function oauthTokenJson(host: ReferenceHost, issued: IssuedToken, user: UserRow | null): Record<string, unknown> {
  return {
    access_token: issued.bearer,
    token_type: "Bearer",
    scope: issued.row.scopes.join(" "),
    created_at: Math.floor(issued.row.createdAt.getTime() / 1000),
    id: issued.row.id,
    ...(user ? { me: host.accountUrl(user) } : {}),
  };
}

/** A reply inherits a direct or private parent's visibility; anything else defaults to public. */
function inheritVisibility(parent: StatusRow | null): Visibility {
  if (parent && (parent.visibility === "direct" || parent.visibility === "private")) return parent.visibility;
  return "public";
}

/** OAuth scopes are space-separated (some clients use `+` or commas). */
function splitScopes(value: string): string[] {
  return [...new Set(value.split(/[\s+,]+/).filter(Boolean))];
}

/** Client credentials from the body or from HTTP Basic (RFC 6749 2.3.1). */
function clientCredentials(request: Request, body: { client_id?: string; client_secret?: string }): { id: string; secret: string } | null {
  if (body.client_id && body.client_secret) return { id: body.client_id, secret: body.client_secret };
  const header = request.headers.get("authorization");
  const m = header ? /^\s*basic\s+(\S+)\s*$/i.exec(header) : null;
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i <= 0) return null;
  return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
}

/** The bearer token of a request, if any. */
function bearerOf(request: Request): string | null {
  const header = request.headers.get("authorization");
  const m = header ? /^\s*bearer:?\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1]! : null;
}

/** Form bodies carry `notifications[last_read_id]`; JSON carries nested objects. Both become nested. */
function nestFormKeys(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const m = /^(home|notifications)\[(last_read_id)\]$/.exec(key);
    if (!m) continue;
    out[m[1]!] = { ...((out[m[1]!] as Record<string, unknown> | undefined) ?? {}), [m[2]!]: v };
    delete out[key];
  }
  return out;
}

