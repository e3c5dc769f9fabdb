import { StartupError, startApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { DataFileError } from "./data-file";
import { loadDirectory, loadPolicy } from "./data-files";
import { createLogger } from "./log";
import { RedisUnavailableError } from "./redis-server";

/**
 * `npm start`: the whole service in one process. Problems an operator can fix (a bad variable,
 * a bad policy or directory file, no Redis) end it with one line, not a stack trace.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const policy = loadPolicy(config.POLICY_FILE);
  const directory = loadDirectory(config.DIRECTORY_FILE);
  const log = createLogger(config.LOG_LEVEL);
  const app = await startApp({ config, policy, directory, log });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    const force = setTimeout(() => {
      log.error("did not stop within 20 s; exiting");
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await app.stop();
      log.info("stopped");
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, "error while stopping");
      process.exit(1);
    }
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

const OPERATOR_ERRORS = [ConfigError, DataFileError, RedisUnavailableError, StartupError];

main().catch((error: unknown) => {
  if (OPERATOR_ERRORS.some((kind) => error instanceof kind)) {
    console.error(`parcel-desk cannot start: ${(error as Error).message}`);
  } else {
    console.error("parcel-desk cannot start:", error);
  }
  process.exit(1);
});
