import { loadDirectory, loadPolicy } from "./branch-files";
import { loadConfig } from "./config";
import { createLogger, secretsOf } from "./log";
import { startEarly } from "./startup";
import { phase } from "./startup-phases";

/**
 * `npm start`: the whole service in one process. Problems an operator can fix (a bad variable,
 * a bad policy or directory file, no Redis) end it with one line, not a stack trace.
 *
 * Redis and the store begin opening (startEarly) before the rest of the service is loaded: the
 * embedded database waits on files and on WebAssembly compiled off the main thread, Redis and
 * Postgres on the network, while the desk's modules load (issue 15, start-up time).
 */
async function main(): Promise<void> {
  phase("modules loaded");
  const config = loadConfig();
  const policy = loadPolicy(config.POLICY_FILE);
  const directory = loadDirectory(config.DIRECTORY_FILE);
  const log = createLogger(config.LOG_LEVEL, undefined, secretsOf(config));
  phase("config read");
  const early = startEarly(config, log);
  const starting = (async () => {
    const { startApp } = await import("./app");
    phase("app loaded");
    return startApp({ config, policy, directory, log, early });
  })();
  starting.catch(() => undefined); // awaited below, after ./process is loaded
  // From here on Ctrl-C and SIGTERM stop gracefully: one that comes while the service is still
  // starting waits for the start (the data-dir lock, the store, the jobs), then stops it. A start
  // that fails meanwhile has undone itself and is said in one line, as without the signal.
  const { exitOnStartupError, stopOnSignals } = await import("./process");
  stopOnSignals(log, async () => (await starting.catch(exitOnStartupError(SERVICE))).stop());
  await starting;
}

const SERVICE = "parcel-desk";

main().catch(async (error: unknown) => {
  const { exitOnStartupError } = await import("./process");
  exitOnStartupError(SERVICE)(error);
});
