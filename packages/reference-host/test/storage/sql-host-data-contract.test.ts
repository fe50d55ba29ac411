import { runHostDataContract } from "./host-data-contract.js";
import { runHostDataLookupsContract } from "./host-data-lookups-contract.js";
import { describePostgres, postgresHostData, sqliteHostData } from "./databases.js";

runHostDataContract("sqlite", sqliteHostData);
describePostgres("postgres", () => runHostDataContract("postgres", postgresHostData));
runHostDataLookupsContract("sqlite", sqliteHostData);
describePostgres("postgres lookups", () => runHostDataLookupsContract("postgres", postgresHostData));
