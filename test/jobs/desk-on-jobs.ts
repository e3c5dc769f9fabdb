import { beforeAll } from "vitest";
import { DirectoryIndex, parseDirectory } from "../../src/domain/config/directory";
import type { Policy } from "../../src/domain/config/policy";
import { createDesk } from "../../src/domain/desk";
import type { Desk } from "../../src/domain/desk/desk";
import { ingestScans } from "../../src/domain/ingest/ingest-scans";
import { createBusinessCalendar } from "../../src/domain/kernel/calendar";
import type { Clock } from "../../src/domain/kernel/clock";
import type { ScanEvent } from "../../src/domain/kernel/scan";
import type { StaffPresence, Store } from "../../src/domain/ports";
import { deskJobsDomain } from "../../src/jobs";
import { silentLogger } from "../../src/log";
import { openMemoryStore } from "../support/memory/store";
import { RecordingSender, redisForFile, startTestJobs, TEST_DIRECTORY, type TestJobs } from "./support";

export interface DeskOnJobs {
  store: Store;
  desk: Desk;
  jobs: TestJobs;
  /** Every message the jobs sent, as Telegram would have received them. */
  telegram: RecordingSender;
  /** Stores scans as the ingest API does, its timers and notices going through the jobs. */
  ingest(events: ScanEvent[]): ReturnType<typeof ingestScans>;
}

export interface DeskOnJobsOptions {
  policy: Policy;
  clock: Clock;
  presence: StaffPresence;
  directory?: DirectoryIndex;
}

/**
 * The desk's timers end to end, as the timer job tests need them: the real Desk on the memory store
 * (it passes the Store contract), its Scheduler and Notifier the real BullMQ jobs under a prefix of
 * this file's own, and the notices sent to a RecordingSender without the chat limits' waits. The
 * fields are filled in beforeAll and everything is closed after the file (redisForFile).
 */
export function deskOnJobs(label: string, options: DeskOnJobsOptions): DeskOnJobs {
  const set = { telegram: new RecordingSender() } as DeskOnJobs;
  const { prefix } = redisForFile(
    label,
    () => set.jobs?.close(),
    () => set.store?.close(),
  );
  const directory = options.directory ?? new DirectoryIndex(parseDirectory(TEST_DIRECTORY));
  const calendar = createBusinessCalendar(options.policy);
  /** What ingest and the desk both take; read when called, after beforeAll has opened them. */
  const shared = () => ({
    store: set.store,
    scheduler: set.jobs.scheduler,
    notifier: set.jobs.notifier,
    policy: options.policy,
    calendar,
    directory,
    clock: options.clock,
  });
  set.ingest = (events) => ingestScans(shared(), events);
  beforeAll(async () => {
    set.store = openMemoryStore();
    set.jobs = await startTestJobs({
      prefix,
      domain: deskJobsDomain,
      store: set.store,
      clock: options.clock,
      presence: options.presence,
      policy: options.policy,
      directory,
      senders: { telegram: set.telegram },
      tuning: { limits: { telegram: { privateChatMs: 0, groupChatMs: 0 } } },
    });
    set.desk = createDesk({ ...shared(), presence: options.presence, log: silentLogger });
  });
  return set;
}
