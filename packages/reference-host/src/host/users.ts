/** Local accounts: registration, the admin account, login checks, lookups and deactivation. */
import { hashPassword, type ScryptParams } from "@pleroma-kit/core";
import type { HostContext } from "../host-context.js";
import type { UserPatch, UserRow } from "../host-data.js";
import { newUser } from "../new-user.js";
import type { Logins } from "./credentials.js";

/** What `users.register` takes. */
export interface Registration {
  readonly nickname: string;
  readonly email?: string | null;
  readonly password: string;
  readonly isAdmin?: boolean;
  readonly isModerator?: boolean;
  readonly displayName?: string;
  readonly isLocked?: boolean;
}

/** The host's `users`. */
export interface HostUsers {
  /** Creates a local account. Throws `UniqueViolation` when the nickname or email is taken. */
  register(input: Registration): Promise<UserRow>;
  /** The admin account `nickname`, created if missing; its password and admin flag are set either way. */
  ensureAdmin(nickname: string, password: string): Promise<UserRow>;
  /** Finds the user by nickname or email and checks the password; upgrades old hashes. */
  verifyLogin(login: string, password: string): Promise<UserRow | null>;
  byId(id: string): Promise<UserRow | null>;
  /** An account by id, or by nickname as Pleroma also accepts. */
  find(idOrNickname: string): Promise<UserRow | null>;
  update(id: string, patch: UserPatch): Promise<UserRow | null>;
  /** Sets a new password (hashed with the host's parameters). */
  setPassword(id: string, password: string): Promise<void>;
  /** Deactivates an account and revokes its tokens. */
  deactivate(id: string): Promise<void>;
}

export function createUsers(deps: Pick<HostContext, "data" | "clock" | "ids"> & {
  verifyLogin: Logins["verifyLogin"];
  passwordParams: ScryptParams | undefined;
}): HostUsers {
  const { data, clock, ids, passwordParams } = deps;
  const register = async (input: Registration): Promise<UserRow> =>
    data.users.create(
      newUser({
        id: ids.next(),
        nickname: input.nickname,
        email: input.email ?? null,
        passwordHash: await hashPassword(input.password, passwordParams),
        displayName: input.displayName ?? input.nickname,
        isAdmin: input.isAdmin ?? false,
        isModerator: input.isModerator ?? false,
        isLocked: input.isLocked ?? false,
        createdAt: clock.now(),
      }),
    );
  return {
    register,
    async ensureAdmin(nickname, password) {
      const existing = await data.users.byNickname(nickname);
      if (!existing) return register({ nickname, password, isAdmin: true });
      const updated = await data.users.update(existing.id, {
        isAdmin: true,
        isActive: true,
        passwordHash: await hashPassword(password, passwordParams),
      });
      return updated ?? existing;
    },
    verifyLogin: deps.verifyLogin,
    byId: (id) => data.users.byId(id),
    async find(idOrNickname) {
      return (await data.users.byId(idOrNickname)) ?? (await data.users.byNickname(idOrNickname));
    },
    update: (id, patch) => data.users.update(id, patch),
    async setPassword(id, password) {
      await data.users.update(id, { passwordHash: await hashPassword(password, passwordParams) });
    },
    async deactivate(id) {
      await data.users.update(id, { isActive: false });
      await data.tokens.revokeForUser(id);
    },
  };
}
