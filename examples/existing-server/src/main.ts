/** `npm start -w @pleroma-kit/example-existing-server`: reads the environment and starts the server. */
import { mkdirSync } from "node:fs";
import { start } from "./server.js";

const port = Number(process.env.PORT ?? 4004);
mkdirSync("./data", { recursive: true });
const running = await start({
  port,
  databaseFile: process.env.DATABASE_FILE ?? "./data/server.sqlite",
  filesDir: process.env.FILES_DIR ?? "./data/files",
  baseUrl: process.env.BASE_URL ?? `http://127.0.0.1:${port}`,
});
process.stdout.write(`listening on ${running.url}\n`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void running.close().then(() => process.exit(0)));
}
