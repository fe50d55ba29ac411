/** `npm start -w @pleroma-kit/example-fastify-postgres`: reads the environment and starts the server. */
import { start } from "./server.js";

const port = Number(process.env.PORT ?? 4002);
const running = await start({
  port,
  databaseUrl: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  filesDir: process.env.FILES_DIR ?? "./data/files",
  ...(process.env.ADMIN ? { admin: process.env.ADMIN } : {}),
  baseUrl: process.env.PLEROMA_KIT_BASE_URL ?? `http://127.0.0.1:${port}`,
});
process.stdout.write(`listening on ${running.url}\n`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void running.close().then(() => process.exit(0)));
}
