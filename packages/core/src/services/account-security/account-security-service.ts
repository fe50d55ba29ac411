import { errAsync, okAsync } from "neverthrow";
import type { KitConfig } from "../../config.js";
import { appError } from "../../errors/index.js";
import type { HostPorts } from "../../ports/host.js";
import type { IdGenerator, Logger } from "../../ports/infrastructure.js";
import type { JobQueue, Mailer } from "../../ports/jobs.js";
import type { AccountSettingsStore, NotificationSettings } from "../../ports/store.js";
import { fromPort, type Outcome } from "../../result.js";
import type { ResolvedAccountSecurityOptions } from "../mfa/account-security-options.js";
import { attemptKeys, type AttemptLimiter } from "../mfa/attempt-limiter.js";
import type { MfaService } from "../mfa/mfa-service.js";
import type { PasswordCheck } from "../mfa/password-check.js";
import { followersOf } from "../shared/audience.js";
import { isValidEmail } from "./email-format.js";
import { hostMethod } from "../shared/host-method.js";
import { activityId } from "../shared/activity-id.js";

/** Akkoma's success body of the util endpoints. */
export interface Success {
  readonly status: "success";
}
const success: Success = { status: "success" };

/** The job that re-points local followers after a Move. */
export const MOVE_FOLLOWERS_JOB = "pleroma-kit.move_followers";

export interface AccountSecurityDeps {
  readonly host: HostPorts;
  readonly settings: AccountSettingsStore;
  readonly password: PasswordCheck;
  readonly mfa: MfaService;
  readonly limiter: AttemptLimiter;
  readonly mailer: Mailer;
  readonly jobs: JobQueue;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly config: KitConfig;
  readonly options: ResolvedAccountSecurityOptions;
}

/**
 * The password-checked account actions and the library-owned account settings (accounts.md 6, 7,
 * 12, 14, 16-18). Every password-checked action changes nothing on a wrong or missing password.
 */
export class AccountSecurityService {
  /** Users with a move under way in this process: a concurrent second move is refused (409). */
  private readonly moving = new Set<string>();

  constructor(private readonly deps: AccountSecurityDeps) {
    deps.jobs.register(MOVE_FOLLOWERS_JOB, async (payload) => {
      const { originId, targetId } = payload as { originId: string; targetId: string };
      await deps.host.accountSecurity?.moveFollowers?.(originId, targetId);
    });
  }

  /** `POST /api/pleroma/delete_account`: the host purges the account; the library forgets its state. */
  deleteAccount(userId: string, password: unknown): Outcome<Success> {
    return this.checked(userId, password, (host) =>
      fromPort(() => hostMethod(host, "deleteAccount")(userId))
        .andThen(() => this.deps.mfa.forget(userId))
        .andThen(() => fromPort(() => this.deps.settings.deleteUser(userId))),
    );
  }

  /** `POST /api/pleroma/disable_account`. */
  disableAccount(userId: string, password: unknown): Outcome<Success> {
    return this.checked(userId, password, (host) => fromPort(() => hostMethod(host, "disableAccount")(userId)));
  }

  /** `POST /api/pleroma/change_email`: Akkoma's format rule here, uniqueness and blank at the host. */
  changeEmail(userId: string, email: string, password: unknown): Outcome<Success> {
    return this.checked(userId, password, (host) => {
      if (email !== "" && !isValidEmail(email)) return errAsync(appError("EMAIL_INVALID_FORMAT"));
      return fromPort(() => hostMethod(host, "changeEmail")(userId, email)).andThen((refusal) =>
        refusal === "taken"
          ? errAsync(appError("EMAIL_TAKEN"))
          : refusal === "blank"
            ? errAsync(appError("EMAIL_BLANK"))
            : okAsync(undefined),
      );
    });
  }

  /**
   * `POST /api/pleroma/move_account`: the target (fetched fresh when remote) must list this account
   * in `alsoKnownAs`; then a Move is federated to the followers and local followers that allow it
   * follow the target (a background job).
   */
  moveAccount(userId: string, nickname: string, password: unknown, target: string): Outcome<Success> {
    // Serialised per user: of concurrent moves one runs, the others are refused at once.
    if (this.moving.has(userId)) return errAsync(appError("MOVE_IN_PROGRESS"));
    this.moving.add(userId);
    const release = () => this.moving.delete(userId);
    const outcome = this.move(userId, nickname, password, target);
    return outcome.map((v) => (release(), v)).mapErr((e) => (release(), e));
  }

  private move(userId: string, nickname: string, password: unknown, target: string): Outcome<Success> {
    return this.checked(userId, password, (host) =>
      fromPort(async () => {
        const resolveAccount = hostMethod(host, "resolveAccount");
        const [origin, to] = await Promise.all([
          resolveAccount(nickname, { refresh: false }),
          resolveAccount(target.replace(/^@/, ""), { refresh: true }),
        ]);
        return { origin, to };
      }).andThen(({ origin, to }) => {
        if (!to || !origin) return errAsync(appError("MOVE_TARGET_NOT_FOUND"));
        if (to.id === userId) return errAsync(appError("MOVE_SELF"));
        const aliased = to.isLocal
          ? fromPort(() => this.deps.settings.aliases(to.id)).map((ids) => ids.includes(userId))
          : okAsync(to.alsoKnownAs.includes(origin.actorUri));
        return aliased.andThen((ok) => {
          if (!ok) return errAsync(appError("MOVE_TARGET_NOT_ALIASED"));
          const { config, ids } = this.deps;
          return fromPort(async () => {
            await this.deps.host.federation.publish({
              type: "Move",
              id: activityId(this.deps.host.federation, config, "Move", ids.next()),
              actorId: userId,
              object: origin.actorUri,
              target: to.actorUri,
              to: [followersOf(userId)],
              cc: [],
            });
            await this.deps.jobs.enqueue(MOVE_FOLLOWERS_JOB, { originId: userId, targetId: to.id });
          });
        });
      }),
    );
  }

  /**
   * The password check every password-checked endpoint shares (attempt limits, `Invalid password.`),
   * for a host's own password-checked endpoints such as `POST /api/pleroma/change_password`.
   */
  verifyPassword(userId: string, password: unknown): Outcome<void> {
    return this.deps.password.hostPort().andThen(() => this.deps.password.verify(userId, password));
  }

  /** `GET /api/pleroma/aliases`: `nick@host` of every alias the host still knows. */
  aliases(userId: string): Outcome<{ aliases: string[] }> {
    return fromPort(async () => {
      const ids = await this.deps.settings.aliases(userId);
      const accounts = await Promise.all(ids.map((id) => this.deps.host.accounts.get(id)));
      const aliases = accounts.flatMap((a) => {
        if (!a) return [];
        return [a.nickname.includes("@") ? a.nickname : `${a.nickname}@${this.deps.config.localHost}`];
      });
      return { aliases };
    });
  }

  /** `PUT /api/pleroma/aliases`. Adding one twice is a success without change. */
  addAlias(userId: string, alias: string): Outcome<Success> {
    return this.resolve(alias, "ALIAS_TARGET_NOT_FOUND")
      .andThen((id) => (id === userId ? errAsync(appError("ALIAS_SELF")) : okAsync(id)))
      .andThen((id) => fromPort(() => this.deps.settings.addAlias(userId, id)))
      .map(() => success);
  }

  /** `DELETE /api/pleroma/aliases`. Unresolvable is 404 too (Akkoma crashes with 500). */
  removeAlias(userId: string, alias: string): Outcome<Success> {
    return this.resolve(alias, "ALIAS_NOT_FOUND")
      .andThen((id) => fromPort(() => this.deps.settings.removeAlias(userId, id)))
      .andThen((removed) => (removed ? okAsync(success) : errAsync(appError("ALIAS_NOT_FOUND"))));
  }

  /** The alias account ids, for a host rendering the actor's `alsoKnownAs`. */
  aliasIds(userId: string): Outcome<string[]> {
    return fromPort(() => this.deps.settings.aliases(userId));
  }

  /** `PUT /api/pleroma/notification_settings`: a partial update. */
  updateNotificationSettings(userId: string, patch: Partial<NotificationSettings>): Outcome<Success> {
    return fromPort(() => this.deps.settings.updateNotificationSettings(userId, patch)).map(() => success);
  }

  /**
   * The user's notification settings, for the host's notification pipeline: with
   * `blockFromStrangers`, skip notifications from accounts the user does not follow; with
   * `hideNotificationContents`, send Web Push without content.
   */
  notificationSettings(userId: string): Outcome<NotificationSettings> {
    return fromPort(() => this.deps.settings.notificationSettings(userId));
  }

  /**
   * `POST /api/v1/pleroma/accounts/confirmation_resend`: limited per client address (every request
   * counts, as Akkoma). Answers the same for unknown accounts, so it does not reveal which exist.
   */
  resendConfirmation(clientAddress: string | null, login: string | undefined): Outcome<void> {
    const { limiter, options } = this.deps;
    return limiter.attempt(attemptKeys.confirmationResend(clientAddress ?? "unknown"), options.confirmationResend).andThen(() => {
      const host = this.deps.host.accountSecurity;
      if (!host?.findByLogin || !host.confirmationMail || !login) return okAsync(undefined);
      return fromPort(async () => {
        const account = await hostMethod(host, "findByLogin")(login);
        if (!account) return;
        const mail = await hostMethod(host, "confirmationMail")(account.id);
        if (mail) await this.deps.mailer.send(mail);
      });
    });
  }

  private resolve(alias: string, notFound: "ALIAS_TARGET_NOT_FOUND" | "ALIAS_NOT_FOUND"): Outcome<string> {
    const host = this.deps.host.accountSecurity;
    if (!host) return errAsync(appError("ACCOUNT_SECURITY_UNAVAILABLE"));
    return fromPort(() => hostMethod(host, "resolveAccount")(alias.replace(/^@/, ""), { refresh: false })).andThen((a) =>
      a ? okAsync(a.id) : errAsync(appError(notFound)),
    );
  }

  private checked(
    userId: string,
    password: unknown,
    action: (host: NonNullable<HostPorts["accountSecurity"]>) => Outcome<unknown>,
  ): Outcome<Success> {
    return this.deps.password
      .hostPort()
      .andThen((host) => this.deps.password.verify(userId, password).andThen(() => action(host)))
      .map(() => success);
  }
}
