/**
 * Secrets of the reference host: bearer tokens are stored only as SHA-256 hashes, client secrets
 * are compared in constant time, and a login that names no user still costs one password check.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { hashPassword, passwordNeedsRehash, verifyPassword, type AuthUser, type Clock, type Principal, type ScryptParams } from "@pleroma-kit/core";
import type { HostData, UserRow } from "../host-data.js";

/** The stored form of a bearer token: hex SHA-256, so a leaked table grants nothing. */
export function tokenHash(bearer: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(bearer)));
}

/** A fresh random token or client secret. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The user as core's `Principal` names it. */
export function authUser(user: UserRow): AuthUser {
  return { id: user.id, nickname: user.nickname, isAdmin: user.isAdmin, isModerator: user.isModerator };
}

/** Password logins and bearer-token lookups over the host's data. */
export interface Logins {
  /** Finds the user by nickname or email and checks the password; upgrades old hashes. */
  verifyLogin(login: string, password: string): Promise<UserRow | null>;
  /** The principal a bearer token (or session cookie) stands for, or null. */
  principalFor(bearer: string, via: "token" | "cookie"): Promise<Principal | null>;
}

/** {@link Logins} over `data`; `passwordParams` is the scrypt cost for rehashed passwords. */
export function createLogins(deps: { data: HostData; clock: Clock; passwordParams: ScryptParams | undefined }): Logins {
  const { data, clock, passwordParams } = deps;
  // A stored hash to check against when a login names no user, so a miss costs as much as a hit.
  let decoyHash: Promise<string> | null = null;
  return {
    async verifyLogin(login, password) {
      const user = (await data.users.byNickname(login)) ?? (login.includes("@") ? await data.users.byEmail(login) : null);
      if (!user) {
        decoyHash ??= hashPassword(randomBytes(16).toString("hex"), passwordParams);
        await verifyPassword(password, await decoyHash);
        return null;
      }
      if (!(await verifyPassword(password, user.passwordHash))) return null;
      if (!user.isActive) return null;
      if (passwordNeedsRehash(user.passwordHash, passwordParams)) {
        await data.users.update(user.id, { passwordHash: await hashPassword(password, passwordParams) });
      }
      return user;
    },
    async principalFor(bearer, via) {
      // One look-up for the token and its user: every signed-in request starts here.
      const found = await data.tokens.byHashWithUser(tokenHash(bearer));
      if (!found) return null;
      const { token, user } = found;
      if (token.expiresAt && token.expiresAt.getTime() <= clock.now().getTime()) return null;
      if (token.userId === null) return { user: null, scopes: token.scopes, via, tokenId: token.id };
      if (!user || !user.isActive) return null;
      return { user: authUser(user), scopes: token.scopes, via, tokenId: token.id };
    },
  };
}
