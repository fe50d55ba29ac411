import type { MfaChallengeRow, MfaRecord, MfaStore } from "@pleroma-kit/core";

interface MutableRecord {
  confirmedSecret: string | null;
  pendingSecret: string | null;
  lastUsedStep: number | null;
  backupCodeHashes: string[];
}

/**
 * MFA state in memory. Each method runs without an `await` between its read and its write, so
 * JavaScript's single thread makes every conditional write atomic.
 */
export function memoryMfa(): MfaStore {
  const users = new Map<string, MutableRecord>();
  const challenges = new Map<string, MfaChallengeRow>();
  const record = (userId: string): MutableRecord => {
    let r = users.get(userId);
    if (!r) users.set(userId, (r = { confirmedSecret: null, pendingSecret: null, lastUsedStep: null, backupCodeHashes: [] }));
    return r;
  };

  return {
    async get(userId): Promise<MfaRecord | null> {
      const r = users.get(userId);
      return r ? { ...r, backupCodeHashes: [...r.backupCodeHashes] } : null;
    },
    async setPendingSecret(userId, secret) {
      record(userId).pendingSecret = secret;
    },
    async confirmSecret(userId, secret, step) {
      const r = users.get(userId);
      if (!r || r.pendingSecret !== secret) return false;
      r.confirmedSecret = secret;
      r.pendingSecret = null;
      r.lastUsedStep = Math.max(step, r.lastUsedStep ?? step);
      return true;
    },
    async consumeTotpStep(userId, step) {
      const r = users.get(userId);
      if (!r || r.confirmedSecret === null || (r.lastUsedStep !== null && step <= r.lastUsedStep)) return false;
      r.lastUsedStep = step;
      return true;
    },
    async disableTotp(userId) {
      const r = users.get(userId);
      if (!r) return;
      r.confirmedSecret = null;
      r.pendingSecret = null;
      r.lastUsedStep = null;
    },
    async replaceBackupCodes(userId, hashes) {
      record(userId).backupCodeHashes = [...hashes];
    },
    async consumeBackupCode(userId, hash) {
      const r = users.get(userId);
      const i = r ? r.backupCodeHashes.indexOf(hash) : -1;
      if (!r || i < 0) return false;
      r.backupCodeHashes.splice(i, 1);
      return true;
    },
    async deleteUser(userId) {
      users.delete(userId);
      for (const [hash, c] of challenges) if (c.userId === userId) challenges.delete(hash);
    },
    async putChallenge(tokenHash, row) {
      challenges.set(tokenHash, { ...row, context: { ...row.context } });
    },
    async findChallenge(tokenHash, now) {
      const c = challenges.get(tokenHash);
      return c && c.expiresAt.getTime() > now.getTime() ? { ...c, context: { ...c.context } } : null;
    },
    async consumeChallenge(tokenHash, now) {
      for (const [hash, c] of challenges) if (c.expiresAt.getTime() <= now.getTime()) challenges.delete(hash);
      return challenges.delete(tokenHash);
    },
  };
}
