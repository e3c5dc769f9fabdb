import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Redis } from "ioredis";
import { pino } from "pino";
import { loadDirectory, loadPolicy } from "../branch-files";
import { ConfigError, loadConfig } from "../config";
import { DataFileError } from "../data-file-reader";
import { DirectoryIndex } from "../domain/config/directory";
import { createBusinessCalendar } from "../domain/kernel/calendar";
import { systemClock } from "../domain/kernel/clock";
import type { Store } from "../domain/ports";
import { type Jobs, startJobs } from "../jobs";
import { ensureRedis, type RedisHandle, RedisUnavailableError, redactUrl } from "../redis-server";
import { openStore } from "../store";
import { DataDirBusyError } from "../store/data-dir-lock";
import { redisPresence } from "../store/redis-presence";
import { type ProgressOutput, progressReporter } from "./progress";
import { type ImportSummary, importScanCsv, ScanFileError } from "./scan-csv";

/**
 * `npm run import -- FILE.csv`: scan events into the configured store (DATABASE_URL, or PGlite
 * under DATA_DIR, whose lock keeps it from running beside a live `npm start`: store/data-dir-lock.ts).
 * The timers of the holds it opens go on the job queues in Redis for the workers to run.
 * Progress on stderr, the summary on stdout. Exit 0: every line stored or already known;
 * 1: some lines rejected (the others are stored); 2: the import stopped (before storing anything,
 * or at a line the CSV reader cannot get past, with the batches before it stored: ScanFileError).
 */

const USAGE =
  "usage: npm run import -- FILE.csv   (columns: trackingNo,at,kind,location[,note][,originBranch])";
const REJECTED_PRINTED = 100;
const OPERATOR_ERRORS = [ConfigError, DataFileError, RedisUnavailableError, DataDirBusyError, ScanFileError];

class UsageError extends Error {}

/** What the command reads and writes: the process's own, or a test's (which runs it in-process). */
export interface ImportIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  /** Progress and error lines, and the log (a test's in-process run keeps them apart from its own). */
  stderr: ProgressOutput;
  /** BullMQ's key prefix for the queues the timers go on (default: the service's). */
  queuePrefix?: string;
}

const processIo: ImportIo = { env: process.env, stdout: process.stdout, stderr: process.stderr };

async function fileSize(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(`${path}: no such file`);
  return info.size;
}

function formatSummary(file: string, s: ImportSummary, stopped = false): string {
  const lines = [
    stopped ? `导入中止 Import stopped: ${file}` : `导入完成 Import finished: ${file}`,
    `  读取行数 lines read:            ${s.lines}`,
    `  新存储 stored:                  ${s.stored}`,
    `  已有(重复) duplicates:         ${s.duplicates}`,
    `  拒收 rejected:                  ${s.rejected}`,
    `  自提件 holds opened / closed:   ${s.holdsOpened} / ${s.holdsClosed}`,
  ];
  if (s.timerFailures > 0)
    lines.push(`  未排定的提醒 timers not scheduled: ${s.timerFailures} (see the log)`);
  if (s.rejected > 0) {
    lines.push("拒收的行(未存储)Rejected lines (nothing of them stored):");
    for (const r of s.rejectedLines.slice(0, REJECTED_PRINTED)) {
      lines.push(`  第 ${r.line} 行 line ${r.line}: ${r.reasons.join("; ")}`);
    }
    const more = s.rejected - Math.min(REJECTED_PRINTED, s.rejectedLines.length);
    if (more > 0) lines.push(`  … 另有 ${more} 行 and ${more} more`);
  }
  return `${lines.join("\n")}\n`;
}

async function main(file: string, io: ImportIo): Promise<number> {
  const size = await fileSize(file);
  const config = loadConfig(io.env);
  const policy = loadPolicy(config.POLICY_FILE);
  const directory = new DirectoryIndex(loadDirectory(config.DIRECTORY_FILE));
  // Logs on stderr, so that stdout holds the summary alone.
  // Warnings only unless LOG_LEVEL asks for more: the progress and the summary say the rest.
  const level = io.env.LOG_LEVEL ? config.LOG_LEVEL : "warn";
  const logTo = io === processIo ? pino.destination(2) : { write: (line: string) => io.stderr.write(line) };
  const log = pino({ name: "parcel-desk-import", level }, logTo);

  let store: Store | undefined;
  let redisHandle: RedisHandle | undefined;
  let redis: Redis | undefined;
  let jobs: Jobs | undefined;
  try {
    // The store first: a busy embedded database stops the import before anything starts.
    store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, log });
    redisHandle = await ensureRedis(config.REDIS_URL, config.DATA_DIR);
    redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 });
    redis.on("error", (error) => log.warn({ err: error }, "redis connection error"));
    const calendar = createBusinessCalendar(policy);
    const presence = redisPresence(redis);
    // Producers only: the timers and notices are run by the service's workers.
    jobs = await startJobs({
      connection: redis,
      ...(io.queuePrefix ? { prefix: io.queuePrefix } : {}),
      workers: false,
      store,
      policy,
      calendar,
      directory,
      presence,
      log,
    });
    const progress = progressReporter(io.stderr, size);
    const summary = await importScanCsv(
      createReadStream(file),
      {
        store,
        scheduler: jobs.scheduler,
        notifier: jobs.notifier,
        directory,
        policy,
        calendar,
        clock: systemClock,
        log,
      },
      { onProgress: (p) => progress.update(p) },
    ).finally(() => progress.stop());
    io.stdout.write(formatSummary(file, summary));
    log.info(
      { file, redis: redactUrl(config.REDIS_URL), ...summary, rejectedLines: undefined },
      "import finished",
    );
    return summary.rejected > 0 ? 1 : 0;
  } finally {
    await jobs?.close();
    await redis?.quit().catch(() => redis?.disconnect());
    await redisHandle?.stop();
    await store?.close();
  }
}

/**
 * The command: `args` are what follows the entry (FILE, an npm `--` dropped); resolves to the exit
 * code, having written the summary and any error to `io`. Tests run it in-process.
 */
export async function importCommand(args: string[], io: ImportIo = processIo): Promise<number> {
  const [file, ...extra] = args.filter((a) => a !== "--");
  try {
    if (extra.length > 0 || !file || file.startsWith("-")) throw new UsageError(USAGE);
    return await main(file, io);
  } catch (error: unknown) {
    const known = error instanceof UsageError || OPERATOR_ERRORS.some((kind) => error instanceof kind);
    // Stopped mid-file: what was read and stored before the bad line, then why it stopped.
    if (error instanceof ScanFileError && error.summary) {
      io.stdout.write(formatSummary(file ?? "", error.summary, true));
    }
    if (known) io.stderr.write(`import: ${(error as Error).message}\n`);
    else
      io.stderr.write(
        `import failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    return 2;
  }
}

// Run as the entry (`node scripts/start.mjs src/import/cli.ts FILE`, `tsx src/import/cli.ts FILE`),
// not when a test imports it.
const self = process.argv.slice(1, 3).findIndex((a) => /import[/\\]cli\.ts$/.test(a));
if (self !== -1) {
  importCommand(process.argv.slice(self + 2)).then((code) => process.exit(code));
}
