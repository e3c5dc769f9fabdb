import { relative } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that take longest (a real process, PGlite's initdb, a browser, BullMQ's real delays),
 * longest first. Vitest starts the files that took longest last time first, but a fresh clone
 * (CI) has no such record and would start them by size, some of these last, leaving one worker
 * busy long after the others are done. Prefixes of paths from the project's root.
 */
const LONGEST_FIRST = [
  "test/import/", // a real `npm run import` of 100 000 lines: the longest by far
  "test/faults/backup",
  // Waits on Redis restarts (its tests at once); a service stopped after one can take 20 s more
  // (BullMQ's workers' close): early, so that it never ends the run.
  "test/faults/redis-restart",
  "test/faults/second-process",
  "test/bot/slack/e2e",
  "test/web/chat-signin",
  "test/jobs/following", // waits for quiet hours to end (real seconds; its other tests meanwhile)
  "test/web/chat-browser",
  "test/web/dashboard-counts",
  "test/faults/flood",
  "test/web/desk.test",
  "test/store/open-store",
  "test/jobs/timers",
  "test/jobs/claims-timers",
  "test/store/crash",
  "test/store/contract",
  "test/jobs/deliveries",
  "test/jobs/send",
  "test/jobs/seat-and-branch-ask-timers",
  "test/faults/secrets",
  "test/jobs/desk-timers",
  "test/bot/slack/both-channels",
  "test/bot/telegram/e2e",
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const path = relative(this.ctx.config.root, file.moduleId);
      const at = LONGEST_FIRST.findIndex((prefix) => path.startsWith(prefix));
      return at === -1 ? LONGEST_FIRST.length : at;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((file, order) => ({ file, order, rank: rank(file) }))
      .sort((a, b) => a.rank - b.rank || a.order - b.order)
      .map(({ file }) => file);
  }
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // On 2 cores the suite's CPU went mostly to loading modules: with isolation every test file
    // imports (and transforms) src, grammY, BullMQ, Kysely… anew. Worker threads that keep their
    // module cache from file to file load them once per worker (half the suite's CPU). Test files
    // therefore must not rely on module state of their own: counters and caches in test/support
    // only hand out unique ids, and no file mocks modules (vi.mock) or stubs globals.
    pool: "threads",
    isolate: false,
    // Much of the rest waits on real timers (BullMQ delays, TTLs), Redis and child processes:
    // 3 workers overlap those waits on 2 cores; a 4th made the CPU-bound files (a child process
    // importing a file, PGlite, a browser) fight for the cores and the whole run longer.
    maxWorkers: 3,
    sequence: { sequencer: LongestFirst },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
