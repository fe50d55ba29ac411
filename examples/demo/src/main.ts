/**
 * `npm start`: the demo server. Prints `listening on http://HOST:PORT` once ready; stops cleanly
 * on SIGINT/SIGTERM.
 */
import { configFromEnv } from "./config.js";
import { startDemoServer } from "./server.js";

async function main(): Promise<void> {
  const config = configFromEnv();
  const server = await startDemoServer(config);
  process.stdout.write(`listening on ${server.url}\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: shutting down\n`);
    await server.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`demo server failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
