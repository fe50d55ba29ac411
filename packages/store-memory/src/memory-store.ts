import type { PleromaStore } from "@pleroma-kit/core";
import { memoryReactions } from "./memory-reactions.js";
import { memoryConversations } from "./memory-conversations.js";
import { memoryImports } from "./memory-imports.js";
import { memoryProfileMedia } from "./memory-profile-media.js";
import { memoryScrobbles } from "./memory-scrobbles.js";
import { memoryMfa } from "./memory-mfa.js";
import { memoryAttempts } from "./memory-attempts.js";
import { memoryCaptcha } from "./memory-captcha.js";
import { memoryAccountSettings } from "./memory-account-settings.js";
import { memoryBackups } from "./memory-backups.js";

/**
 * Every library port in memory: the reference semantics the contract suite pins. State lives in
 * this process only, so app instances cannot share it.
 */
export function createMemoryStore(): PleromaStore {
  return {
    persistent: false,
    reactions: memoryReactions(),
    health: { ping: async () => true },
    conversations: memoryConversations(),
    imports: memoryImports(),
    profileMedia: memoryProfileMedia(),
    scrobbles: memoryScrobbles(),
    mfa: memoryMfa(),
    attempts: memoryAttempts(),
    captcha: memoryCaptcha(),
    accountSettings: memoryAccountSettings(),
    backups: memoryBackups(),
  };
}
