/** The route table: every endpoint the library serves. Domains add their array here. */
import type { RouteDefinition } from "../route.js";
import { instanceRoutes } from "./instance.js";
import { reactionRoutes } from "./reactions.js";
import { backupRoutes } from "./backups.js";
import { conversationRoutes } from "./conversations.js";
import { favouriteRoutes } from "./favourites.js";
import { importRoutes } from "./imports.js";
import { profileMediaRoutes } from "./profile-media.js";
import { scrobbleRoutes } from "./scrobbles.js";

export const routes: readonly RouteDefinition[] = [...reactionRoutes, ...instanceRoutes, ...backupRoutes];

// Conversations, favourites, subscriptions, imports, profile media, scrobbles: appended in place so
// other slices' additions merge without touching the line above.
(routes as RouteDefinition[]).push(...conversationRoutes, ...favouriteRoutes, ...importRoutes, ...profileMediaRoutes, ...scrobbleRoutes);
