import { runStoreContract } from "@pleroma-kit/testkit";
import { describePostgres, postgresStore, sqliteStore } from "./fixtures/databases.js";

runStoreContract("sqlite", sqliteStore);
describePostgres("postgres", () => runStoreContract("postgres", postgresStore));
