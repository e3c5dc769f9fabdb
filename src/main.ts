import { startApp } from "./app";
import { loadDirectory, loadPolicy } from "./branch-files";
import { loadConfig } from "./config";
import { createLogger, secretsOf } from "./log";
import { exitOnStartupError, stopOnSignals } from "./process";

/**
 * `npm start`: the whole service in one process. Problems an operator can fix (a bad variable,
 * a bad policy or directory file, no Redis) end it with one line, not a stack trace.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const policy = loadPolicy(config.POLICY_FILE);
  const directory = loadDirectory(config.DIRECTORY_FILE);
  const log = createLogger(config.LOG_LEVEL, undefined, secretsOf(config));
  const app = await startApp({ config, policy, directory, log });
  stopOnSignals(log, app.stop);
}

main().catch(exitOnStartupError("parcel-desk"));
