import { ConfigError } from "./config";
import { DataFileError } from "./data-file-reader";
import type { Logger } from "./log";
import { RedisUnavailableError } from "./redis-server";
import { StartupError } from "./startup";

/** Problems an operator can fix: printed as one line, never a stack trace. */
const OPERATOR_ERRORS = [ConfigError, DataFileError, RedisUnavailableError, StartupError];

/** Ends the process on a start-up failure, with one line for an operator's mistake. */
export function exitOnStartupError(what: string): (error: unknown) => never {
  return (error) => {
    if (OPERATOR_ERRORS.some((kind) => error instanceof kind)) {
      console.error(`${what} cannot start: ${(error as Error).message}`);
    } else {
      console.error(`${what} cannot start:`, error);
    }
    process.exit(1);
  };
}

/**
 * Stops gracefully on Ctrl-C or SIGTERM: stop() finishes what is in hand; a stop that takes
 * longer than `graceMs` (the channels drain for 10 s, the job workers finish for 15 s) exits hard.
 */
export function stopOnSignals(log: Logger, stop: () => Promise<void>, graceMs = 40_000): void {
  let stopping = false;
  const onSignal = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing the work in hand");
    const force = setTimeout(() => {
      log.error(`did not stop within ${graceMs / 1000} s; exiting`);
      process.exit(1);
    }, graceMs);
    force.unref();
    try {
      await stop();
      log.info("stopped");
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, "error while stopping");
      process.exit(1);
    }
  };
  process.once("SIGINT", () => void onSignal("SIGINT"));
  process.once("SIGTERM", () => void onSignal("SIGTERM"));
}
