/**
 * The reference host's account-security port over `HostData`: password checks, account deletion
 * and deactivation, email changes, confirmation mail, account resolution for aliases and moves,
 * follower moves, and token issuing after the login challenge. The worked example for a real
 * server's `HostPorts.accountSecurity`.
 */
import { TOKEN_EXPIRES_IN_SECONDS } from "./host/apps-tokens.js";
import { timingSafeEqual } from "node:crypto";
import {
  flakeIds,
  Reply,
  systemClock,
  verifyPassword as coreVerifyPassword,
  type Clock,
  type Entity,
  type HostAccountSecurity,
  type HostResolvedAccount,
  type IdGenerator,
  type Outcome,
  type Services,
} from "@pleroma-kit/core";
import { UniqueViolation, type HostData, type UserRow } from "./host-data.js";

/** A freshly fetched remote actor (WebFinger + actor document). */
export interface FetchedActor {
  readonly actorUri: string;
  readonly alsoKnownAs: readonly string[];
}

/** Options of {@link createAccountSecurity}. */
export interface AccountSecurityHostOptions {
  /** The instance's public base URL, e.g. `https://social.example`. */
  readonly baseUrl: string;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Akkoma's `instance.account_activation_required`: blank emails refused, confirmation mail due. */
  readonly activationRequired?: boolean;
  /** Checks a password against a stored hash. Default: core's `verifyPassword` (scrypt and Pleroma's PBKDF2). */
  readonly verifyPassword?: (password: string, hash: string) => Promise<boolean>;
  /**
   * Issues an access token for `userId` through `appId` with `scopes` (the reference host's
   * `tokens.issueRow`), for `POST /oauth/mfa/challenge`.
   */
  readonly issueToken: (
    userId: string,
    appId: string,
    scopes: readonly string[],
  ) => Promise<{ bearer: string; refresh?: string; row: { id: string; scopes: readonly string[]; createdAt: Date } }>;
  /**
   * Fetches a remote account afresh, as Akkoma does for move targets. Without it a known remote
   * account resolves with an empty `alsoKnownAs`, so a move to it is refused rather than trusted.
   */
  readonly fetchRemoteActor?: (handle: string) => Promise<FetchedActor | null>;
}

/** Builds `HostPorts.accountSecurity` over the reference host's data. */
export function createAccountSecurity(data: HostData, options: AccountSecurityHostOptions): HostAccountSecurity {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const localHost = new URL(baseUrl).host;
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? flakeIds(clock);
  const verify = options.verifyPassword ?? coreVerifyPassword;
  const actorUri = (user: UserRow) =>
    user.domain !== null ? `https://${user.domain}/users/${user.nickname.split("@")[0]}` : `${baseUrl}/users/${user.nickname}`;

  const findLocal = async (login: string): Promise<UserRow | null> => {
    const byNick = await data.users.byNickname(login);
    if (byNick) return byNick.domain === null ? byNick : null;
    const byMail = login.includes("@") ? await data.users.byEmail(login) : null;
    return byMail && byMail.domain === null ? byMail : null;
  };

  return {
    async checkPassword(userId, password) {
      const user = await data.users.byId(userId);
      if (!user || user.domain !== null || !user.isActive || user.passwordHash === "") return false;
      return verify(password, user.passwordHash);
    },

    async findByLogin(login) {
      const user = await findLocal(login);
      return user ? { id: user.id, nickname: user.nickname, email: user.email } : null;
    },

    async deleteAccount(userId) {
      // One write is the commit point: the profile is purged and the account inactive together,
      // so its tokens stop working at once. Relations are cleaned up afterwards; a failure there
      // leaves a deleted account with stale follow rows, never a half-deleted profile.
      await data.users.update(userId, {
        isActive: false,
        email: null,
        passwordHash: "",
        displayName: "",
        note: "",
        avatarUrl: null,
        headerUrl: null,
        isAdmin: false,
        isModerator: false,
        isLocked: false,
      });
      await data.tokens.revokeForUser(userId);
      for (const kind of ["follow", "follow_request"] as const) {
        for (const other of await data.relations.allFrom(kind, userId)) await data.relations.remove(kind, userId, other);
        for (const other of await data.relations.allTowards(kind, userId)) await data.relations.remove(kind, other, userId);
      }
    },

    async disableAccount(userId) {
      await data.users.update(userId, { isActive: false });
    },

    async changeEmail(userId, email) {
      if (email === "") {
        if (options.activationRequired) return "blank";
        await data.users.update(userId, { email: null });
        return null;
      }
      const owner = await data.users.byEmail(email);
      if (owner && owner.id !== userId) return "taken";
      try {
        await data.users.update(userId, { email });
      } catch (error) {
        if (error instanceof UniqueViolation) return "taken";
        throw error;
      }
      return null;
    },

    async confirmationMail(userId) {
      const user = await data.users.byId(userId);
      if (!user || user.isConfirmed || !user.email || !options.activationRequired) return null;
      return {
        to: user.email,
        subject: `Confirm your account on ${localHost}`,
        text: `Hello ${user.nickname},\n\nplease confirm your account on ${baseUrl}.\n`,
      };
    },

    async resolveAccount(handle, { refresh }): Promise<HostResolvedAccount | null> {
      let name = handle.replace(/^@/, "");
      if (name.toLowerCase().endsWith(`@${localHost.toLowerCase()}`)) name = name.slice(0, -(localHost.length + 1));
      const user = await data.users.byNickname(name);
      if (!user) return null;
      if (user.domain === null) return { id: user.id, actorUri: actorUri(user), isLocal: true, alsoKnownAs: [] };
      if (refresh && options.fetchRemoteActor) {
        const fresh = await options.fetchRemoteActor(user.nickname);
        return fresh ? { id: user.id, actorUri: fresh.actorUri, isLocal: false, alsoKnownAs: fresh.alsoKnownAs } : null;
      }
      return { id: user.id, actorUri: actorUri(user), isLocal: false, alsoKnownAs: [] };
    },

    async moveFollowers(originId, targetId) {
      const followers = await data.users.byIds(await data.relations.allTowards("follow", originId));
      for (const follower of followers) {
        if (follower.domain !== null) continue; // remote followers decide for themselves
        await data.notifications.create({
          id: ids.next(),
          userId: follower.id,
          type: "move",
          actorId: originId,
          statusId: null,
          emoji: null,
          emojiUrl: null,
          targetId,
          seen: false,
          createdAt: clock.now(),
        });
        if (!follower.allowFollowingMove || follower.id === targetId) continue;
        await data.relations.add("follow", follower.id, targetId);
        await data.relations.remove("follow", follower.id, originId);
      }
    },

    async issueLoginToken(userId, client, context): Promise<Entity | null> {
      const app = await data.apps.byClientId(client.clientId);
      if (!app || !safeEqual(app.clientSecret, client.clientSecret)) return null;
      const user = await data.users.byId(userId);
      if (!user || !user.isActive) return null;
      const asked = Array.isArray(context.scopes) ? context.scopes.filter((s): s is string => typeof s === "string") : [];
      const issued = await options.issueToken(userId, app.id, asked.length > 0 ? asked : app.scopes);
      return {
        access_token: issued.bearer,
        token_type: "Bearer",
        scope: issued.row.scopes.join(" "),
        created_at: Math.floor(issued.row.createdAt.getTime() / 1000),
        // As the password grant answers (mastodon/oauth.ts).
        expires_in: TOKEN_EXPIRES_IN_SECONDS,
        ...(issued.refresh ? { refresh_token: issued.refresh } : {}),
        id: issued.row.id,
        me: actorUri(user),
      };
    },
  };
}

/**
 * The password grant's MFA step, for `mastodonRoutes(host, services, { beforeTokenIssue })`: when
 * the user has MFA enabled, answer Akkoma's `403 {"error":"mfa_required","mfa_token":...,
 * "supported_challenge_types":"totp"}` instead of a token; the client then calls
 * `POST /oauth/mfa/challenge`, which issues the token through {@link createAccountSecurity}.
 */
export function mfaBeforeTokenIssue(services: Services) {
  return (user: { id: string }, grant: { app: { clientId: string }; scopes: readonly string[] }): Outcome<Reply | null> =>
    services.loginChallenge
      .start(user.id, { clientId: grant.app.clientId, scopes: [...grant.scopes] })
      .map((required) => (required ? new Reply(required, 403) : null));
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
