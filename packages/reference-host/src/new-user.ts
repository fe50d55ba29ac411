import type { NewUser } from "./host-data.js";

/**
 * A {@link NewUser} with the defaults of a local, active, confirmed, unlocked account; pass the
 * fields that differ. The one place those defaults live (registration, seeding, tests).
 *
 * @example
 * await data.users.create(newUser({ id: ids.next(), nickname: "alice", passwordHash }));
 */
export function newUser(fields: Pick<NewUser, "id" | "nickname"> & Partial<NewUser>): NewUser {
  return {
    email: null,
    passwordHash: "",
    displayName: fields.nickname,
    note: "",
    isAdmin: false,
    isModerator: false,
    isActive: true,
    isConfirmed: true,
    isLocked: false,
    domain: null,
    avatarUrl: null,
    headerUrl: null,
    hideFavorites: true,
    allowFollowingMove: true,
    ...fields,
  };
}
