/** The route table: every endpoint the library serves. Domains add their array here. */
import type { RouteDefinition } from "../route.js";
import { instanceRoutes } from "./instance.js";
import { reactionRoutes } from "./reactions.js";
import { accountSecurityRoutes } from "./account-security.js";
import { backupRoutes } from "./backups.js";

export const routes: readonly RouteDefinition[] = [...reactionRoutes, ...instanceRoutes, ...backupRoutes, ...accountSecurityRoutes];
