/** The route table: every endpoint the library serves. Domains add their array here. */
import type { RouteDefinition } from "../route.js";
import { accountSecurityRoutes } from "./account-security.js";
import { backupRoutes } from "./backups.js";
import { conversationRoutes } from "./conversations.js";
import { emojiPackRoutes } from "./emoji-packs.js";
import { favouriteRoutes } from "./favourites.js";
import { importRoutes } from "./imports.js";
import { instanceRoutes } from "./instance.js";
import { profileMediaRoutes } from "./profile-media.js";
import { reactionRoutes } from "./reactions.js";
import { scrobbleRoutes } from "./scrobbles.js";

export const routes: readonly RouteDefinition[] = [
  ...reactionRoutes,
  ...instanceRoutes,
  ...backupRoutes,
  ...emojiPackRoutes,
  ...conversationRoutes,
  ...favouriteRoutes,
  ...importRoutes,
  ...profileMediaRoutes,
  ...scrobbleRoutes,
  ...accountSecurityRoutes,
];
