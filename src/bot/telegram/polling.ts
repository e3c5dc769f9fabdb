import { setTimeout as sleep } from "node:timers/promises";
import { createRunner, createSource, createUpdateFetcher, type RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../../log";
import { handleLater } from "./update-pipeline";

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 15_000;

/**
 * Long polling that loses no update to an outage (issue 16 §1). Telegram forgets an update once a
 * getUpdates asks for a later offset; grammY runner's own run() asks for the next batch while the
 * last one is still being handled, so an update that fails because Redis or the database is down
 * would be confirmed all the same. Here the next getUpdates (which confirms a batch) is sent only
 * when every update of the batch is handled (concurrently, one chat in order: the pipeline's
 * sequentialize). An update that fails because a server is unreachable is tried again, with
 * backoff, until it succeeds; if the process stops meanwhile, its offset was never confirmed and
 * Telegram hands it out again at the next start. Any other failure is the error boundary's (it
 * answered the user politely) and the update counts as handled.
 */
export function startPolling(
  bot: Bot,
  log: Logger,
  allowedUpdates: readonly string[],
): { runner: RunnerHandle; stop(): Promise<void> } {
  const stopping = new AbortController();
  const fetchUpdates = createUpdateFetcher(bot, {
    fetch: { allowed_updates: allowedUpdates as never },
    silent: true,
    retryInterval: "exponential",
  });
  const source = createSource({ supply: (batchSize, signal) => fetchUpdates(batchSize, signal) });
  let inHand = 0;
  const handleOne = async (update: Update): Promise<void> => {
    let wait = FIRST_RETRY_MS;
    for (;;) {
      try {
        await bot.handleUpdate(update);
        return;
      } catch (error) {
        if (!handleLater(error)) {
          await Promise.resolve(bot.errorHandler(error as never)).catch((e: unknown) =>
            log.error({ err: e, update_id: update.update_id }, "telegram: unhandled error"),
          );
          return;
        }
        if (stopping.signal.aborted) return; // not confirmed: Telegram hands it out again
        log.warn(
          { update_id: update.update_id, retryInMs: wait },
          "telegram: update kept, to be tried again",
        );
        await sleep(wait, undefined, { signal: stopping.signal }).catch(() => {});
        wait = Math.min(wait * 2, LAST_RETRY_MS);
      }
    }
  };
  const runner = createRunner(source, {
    async handle(updates: Update[]) {
      inHand += updates.length;
      try {
        await Promise.all(updates.map(handleOne));
      } finally {
        inHand -= updates.length;
      }
      return Number.POSITIVE_INFINITY;
    },
    size: () => inHand,
    snapshot: () => [],
  });
  runner.start();
  runner.task()?.catch((error: unknown) => log.error({ err: error }, "telegram: long polling stopped"));
  return {
    runner,
    async stop() {
      stopping.abort();
      if (runner.isRunning()) await runner.stop();
    },
  };
}
