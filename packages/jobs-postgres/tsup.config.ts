import { packageBuild } from "../../tsup.base.ts";

// Entries match the exports map in package.json.
export default packageBuild(["src/index.ts"]);
