/**
 * The route table: every endpoint the library serves. Each domain's routes live in
 * `<domain>.ts` and are named `<domain>.<action>`; domains add their array here.
 */
import type { RouteDefinition } from "../route.js";
import { accountSecurityRoutes } from "./account-security.js";
import { adminRoutes } from "./admin.js";
import { backupRoutes } from "./backups.js";
import { conversationRoutes } from "./conversations.js";
import { emojiPackRoutes } from "./emoji-packs.js";
import { favouriteRoutes } from "./favourites.js";
import { importRoutes } from "./imports.js";
import { instanceRoutes } from "./instance.js";
import { mfaRoutes } from "./mfa.js";
import { notificationRoutes } from "./notifications.js";
import { profileMediaRoutes } from "./profile-media.js";
import { reactionRoutes } from "./reactions.js";
import { scrobbleRoutes } from "./scrobbles.js";
import { subscriptionRoutes } from "./subscriptions.js";

export const routes: readonly RouteDefinition[] = [
  ...reactionRoutes,
  ...instanceRoutes,
  ...notificationRoutes,
  ...backupRoutes,
  ...emojiPackRoutes,
  ...adminRoutes,
  ...conversationRoutes,
  ...favouriteRoutes,
  ...subscriptionRoutes,
  ...importRoutes,
  ...profileMediaRoutes,
  ...scrobbleRoutes,
  ...mfaRoutes,
  ...accountSecurityRoutes,
];
