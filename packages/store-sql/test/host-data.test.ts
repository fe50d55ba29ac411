import { runHostDataContract } from "@pleroma-kit/testkit";
import { describePostgres, postgresHostData, sqliteHostData } from "./fixtures/databases.js";

runHostDataContract("sqlite", sqliteHostData);
describePostgres("postgres", () => runHostDataContract("postgres", postgresHostData));
