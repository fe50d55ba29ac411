/** The hooks and settings `mastodonRoutes` takes; other domains (conversations, MFA, captcha) fill them. */
import type { AuthGuards } from "@pleroma-kit/core/internal";
import type { Outcome, Reply, Visibility } from "@pleroma-kit/core";
import type { AppRow, StatusRow, UserRow } from "../host-data.js";

/** Where `in_reply_to_conversation_id` sends a post, as the conversations domain resolves it. */
export interface Addressing {
  /** Exactly these accounts are addressed; text mentions are not added. */
  readonly mentionIds: readonly string[];
  /** The thread the post joins when it has no parent. */
  readonly contextId?: string;
  /** Forced visibility (Akkoma forces `direct`). */
  readonly visibility?: Visibility;
}

/** Options of `mastodonRoutes`: the hooks other domains fill. */
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
