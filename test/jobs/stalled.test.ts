import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { timer } from "../../src/domain/ports";
import type { JobsDomain } from "../../src/jobs/domain-port";
import { stalledNotice } from "./fixtures/stalled-notice";
import {
  domainDouble,
  RecordingSender,
  RunningClock,
  redisForFile,
  startTestJobs,
  type TestJobs,
  waitFor,
} from "./support";

/**
 * A worker process killed with SIGKILL in the middle of a timer job (after it had sent the
 * timer's notice): the job stalls, another worker takes it over and runs it again, and the
 * notice still goes out once, because the send job's id comes from the notice's dedupe key.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const children: ChildProcess[] = [];
let producer: TestJobs;
const { prefix } = redisForFile(
  "stalled",
  () => producer?.close(),
  async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  },
);

function startChild(): { child: ChildProcess; lines: string[]; exited: Promise<unknown> } {
  const child = spawn(process.execPath, ["scripts/start.mjs", "test/jobs/fixtures/stalled-child.ts"], {
    cwd: root,
    env: { ...process.env, PREFIX: prefix },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const lines: string[] = [];
  let buffer = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts);
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  exited.then(() => {
    if (stderr.trim()) lines.push(`stderr: ${stderr.trim()}`);
  });
  return { child, lines, exited };
}

const clock = new RunningClock("2026-11-27T02:00:00Z");
let worker: ReturnType<typeof startChild>;

beforeAll(async () => {
  // This process only schedules at first, so that the child is the one that takes the job.
  producer = await startTestJobs({ prefix, domain: domainDouble({}), clock, workers: false });
  worker = startChild();
  // The child is built (scripts/start.mjs) and loaded on start: slow on a busy machine, so outside
  // the test's own time.
  await waitFor(
    "the child worker",
    () => worker.lines.slice(),
    (l) => l.includes("ready"),
    45_000,
  );
}, 60_000);

describe("a worker that dies mid-job", () => {
  it("has its timer taken over by another worker, and the timer's notice is sent once, not twice", async () => {
    const { child, lines, exited } = worker;
    const telegram = new RecordingSender();
    let survivor: TestJobs | undefined;
    try {
      const t = timer("query-warn", "killed-mid-job", new Date(clock.now().getTime() + 100));
      await producer.scheduler.schedule(t);
      await waitFor(
        "the child's notice",
        () => lines.slice(),
        (l) => l.includes("notified killed-mid-job"),
      );
      expect(await producer.queues.timers.getJobState(t.id)).toBe("active");
      expect(await producer.queues.send.telegram.getJobCounts("waiting")).toMatchObject({ waiting: 1 });

      child.kill("SIGKILL");
      await exited;

      const reruns: string[] = [];
      const handleTimer: JobsDomain["handleTimer"] = async (deps, { subjectId }) => {
        reruns.push(subjectId);
        await deps.notifier.notify(stalledNotice(subjectId));
        return "done";
      };
      survivor = await startTestJobs({
        prefix,
        domain: domainDouble({ handleTimer }),
        clock,
        senders: { telegram },
        workers: ["timers", "send"],
        tuning: { lockDurationMs: 1000, stalledIntervalMs: 250 },
      });
      await waitFor(
        "the take-over",
        () => producer.queues.timers.getJobState(t.id),
        (s) => s === "completed",
        10_000,
      );
      expect(reruns).toEqual(["killed-mid-job"]);

      await waitFor(
        "the notice",
        () => telegram.sent.length,
        (n) => n >= 1,
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(telegram.sent.map((m) => [m.chatId, m.text])).toEqual([
        ["2001", "消息太长了(最多 killed-mid-job 字),请简短一些。"],
      ]);
      expect(await producer.queues.send.telegram.getJobCounts("completed", "waiting", "delayed")).toEqual({
        completed: 1,
        waiting: 0,
        delayed: 0,
      });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await survivor?.close();
    }
  });
});
