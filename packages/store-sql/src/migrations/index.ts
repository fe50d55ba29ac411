/**
 * Versioned migrations as code, applied in order by `migrate(db)`. Add a file per change and one
 * line here; never edit a migration that has shipped.
 *
 * The name `002-host` is taken for good: up to 0.1.0 it created the reference host's tables here.
 * Those tables now belong to `@pleroma-kit/reference-host/sql`, whose own migrator reads this
 * history to learn that an existing database already has them; databases migrated before keep the
 * `002-host` row, which this list ignores.
 */
import type { Migration } from "./migration.js";
import { reactions001 } from "./001-reactions.js";
import { mfa010 } from "./010-mfa.js";
import { attempts011 } from "./011-attempts.js";
import { captcha012 } from "./012-captcha.js";
import { accountSettings013 } from "./013-account-settings.js";
import { backups030 } from "./030-backups.js";
import { conversations040 } from "./040-conversations.js";
import { imports041 } from "./041-imports.js";
import { profileMedia042 } from "./042-profile-media.js";
import { scrobbles043 } from "./043-scrobbles.js";
import { jobLeases050 } from "./050-job-leases.js";

export type { Migration } from "./migration.js";

export const migrations: readonly Migration[] = [
  reactions001,
  mfa010,
  attempts011,
  captcha012,
  accountSettings013,
  backups030,
  conversations040,
  imports041,
  profileMedia042,
  scrobbles043,
  jobLeases050,
];
