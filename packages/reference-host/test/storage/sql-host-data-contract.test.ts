import { runHostDataContract } from "./host-data-contract.js";
import { describePostgres, postgresHostData, sqliteHostData } from "./databases.js";

runHostDataContract("sqlite", sqliteHostData);
describePostgres("postgres", () => runHostDataContract("postgres", postgresHostData));
