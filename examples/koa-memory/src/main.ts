/** `npm start -w @pleroma-kit/example-koa-memory`: reads the environment and starts the server. */
import { start } from "./server.js";

const port = Number(process.env.PORT ?? 4003);
const running = await start({ port, baseUrl: process.env.PLEROMA_KIT_BASE_URL ?? `http://127.0.0.1:${port}` });
process.stdout.write(`listening on ${running.url}\n`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void running.close().then(() => process.exit(0)));
}
