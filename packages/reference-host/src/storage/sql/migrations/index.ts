/**
 * The reference host's migrations, applied by `migrateReferenceHost` and recorded in
 * `<prefix>reference_host_migrations`, apart from the library's history. Add a file per change
 * and one line here; never edit a migration that has shipped.
 */
import type { Migration } from "@pleroma-kit/store-sql/extend";
import { host002 } from "./002-host.js";
import { host003 } from "./003-pleroma-fe.js";

export const referenceHostMigrations: readonly Migration[] = [host002, host003];
