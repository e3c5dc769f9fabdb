/**
 * Issue 15: for each figure whose target is not met, why, from a profile taken in the same run,
 * printed under the table and kept in latest.json (`why`, keyed by the figure's key):
 *   /track (throughput, paced p99 and rate): the service again with --cpu-prof for a short extra
 *     load on the same data, its CPU by owner per update beside the bare bot's, and the Redis
 *     commands per update counted during the measured run;
 *   timers: bench/timer-profile.ts (its SQL and Redis counts per timer, and its profile by owner);
 *   RSS: the memory read from the service after the measured load (bench/memory.ts);
 *   start-up: a profiled start at LOG_LEVEL=debug, its log lines' times and its CPU by owner.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { BackendFigures } from "./backend";
import { type CpuSummary, monotonicUs, type Share, summarizeProfile } from "./cpu-owners";
import { createDatabase } from "./env";
import type { FakeBotApi } from "./fake-bot-api";
import { closedLoop } from "./load";
import { describeMemory } from "./memory";
import { ROOT } from "./proc";
import { type Bot, startService } from "./service";
import { fmt, type Row, targetText } from "./table";
import type { TimerFigures } from "./timer-runs";
import { type BotFigures, IN_FLIGHT, PACED_RATE, parcelNumbers, target } from "./track";

export interface WhyRun {
  api: FakeBotApi;
  redisUrl: string;
  tempDir: string;
  postgresUrl?: string | undefined;
  quick: boolean;
  bare: BotFigures;
  timers: TimerFigures;
}

export interface Explained {
  lines: string[];
  json: Record<string, unknown>;
}

interface Probe {
  headline: string;
  detail: string[];
  json: Record<string, unknown>;
}

const PROFILES = join(ROOT, "bench/results/profiles");
const TRACK = ["trackThroughput", "trackP99Ms", "trackPacedPerSecond", "redisRoundTripsPerUpdate"];
const MEMORY = ["rssMb", "peakRssMb"];
const START = ["firstStartMs", "startMs"];
const TIMERS = ["reminderLatenessRealHandlerP99Ms", "reminderLatenessP99Ms"];
const r2 = (n: number) => Math.round(n * 100) / 100;

/** The profile of a service stopped (--cpu-prof writes it as the process exits). */
function profileOf(bot: Bot, name: string, from: number, to: number): CpuSummary {
  const file = join(PROFILES, name);
  if (!existsSync(file)) {
    const { exitCode, signalCode } = bot.child.process;
    throw new Error(`no profile written: the service ended with ${signalCode ?? `exit code ${exitCode}`}`);
  }
  return summarizeProfile(file, from, to);
}

const cpuProf = (name: string) => ["--cpu-prof", `--cpu-prof-dir=${PROFILES}`, `--cpu-prof-name=${name}`];
const pct = (s: Share) => `${s.name} ${s.pct.toFixed(1)} %`;

/**
 * The owners by share of the main thread's sampled time, the small ones summed; with `per`, each
 * share of the process's CPU per update (or timer), else the main thread's ms.
 */
function ownerLines(cpu: CpuSummary, per?: { cpuMs: number; unit: string }): string[] {
  const shown = cpu.owners.filter((o, i) => o.pct >= 1.5 && i < 12);
  const rest = cpu.owners.slice(shown.length).reduce((a, o) => a + o.ms, 0);
  const rows = [...shown, { name: "the rest", ms: rest, pct: (100 * rest) / Math.max(1, cpu.sampledMs) }];
  const width = Math.max(...rows.map((o) => o.name.length));
  const lines = rows.map(
    (o) =>
      `      ${o.name.padEnd(width)} ${o.pct.toFixed(1).padStart(5)} %` +
      (per ? `  ${((o.pct / 100) * per.cpuMs).toFixed(3)} CPU ms/${per.unit}` : `  ${o.ms.toFixed(0)} ms`),
  );
  if (cpu.writesBy.length > 0) lines.push(`    socket writes by writer: ${cpu.writesBy.map(pct).join(", ")}`);
  lines.push(`    top functions (self): ${cpu.functions.map(pct).join("; ")}`);
  return lines;
}

function cpuJson(cpu: CpuSummary, cpuMsPer?: number): Record<string, unknown> {
  const share = (s: Share) => ({
    name: s.name,
    pct: r2(s.pct),
    ...(cpuMsPer ? { cpuMsPer: Math.round(10 * s.pct * cpuMsPer) / 1000 } : { ms: Math.round(s.ms) }),
  });
  return {
    sampledMs: Math.round(cpu.sampledMs),
    owners: cpu.owners.filter((o) => o.pct >= 0.5).map(share),
    socketWritesBy: cpu.writesBy.map(share),
    topFunctions: cpu.functions.map(share),
  };
}

/** The service on the same data with --cpu-prof, `updates` more /track; its profile over them. */
async function profileTrack(b: BackendFigures, run: WhyRun, updates: number, name: string) {
  await rm(join(PROFILES, name), { force: true });
  const bot = await startService({
    apiRoot: run.api.url,
    redisUrl: run.redisUrl,
    ...b.where,
    nodeArgs: cpuProf(name),
  });
  let cpuMs = 0;
  let window: [number, number] = [0, 0];
  try {
    const to = target(bot, run.api);
    await closedLoop(to, parcelNumbers(1000), 100, IN_FLIGHT);
    const cpu0 = bot.cpuMs();
    const from = monotonicUs();
    await closedLoop(to, parcelNumbers(1000), updates, IN_FLIGHT);
    window = [from, monotonicUs()];
    cpuMs = (bot.cpuMs() - cpu0) / updates;
  } finally {
    await bot.stop();
  }
  return { cpuMs, cpu: profileOf(bot, name, ...window) };
}

const perName = (m: Record<string, number>) =>
  Object.entries(m)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");

async function trackWhy(b: BackendFigures, run: WhyRun): Promise<Probe> {
  const updates = run.quick ? 500 : 3000;
  const name = `why-track-${b.backend}.cpuprofile`;
  const { cpuMs, cpu } = await profileTrack(b, run, updates, name);
  const t = b.track;
  const busy = cpu.sampledMs / updates;
  const redis = t.redis;
  const capacity = t.throughput.perSecond;
  return {
    headline:
      `in the measured run the service used ${t.cpuMsPerUpdate.toFixed(2)} ms of CPU per update, bare grammY` +
      ` ${run.bare.cpuMsPerUpdate.toFixed(2)} ms (${(t.cpuMsPerUpdate / run.bare.cpuMsPerUpdate).toFixed(1)}×); at ${IN_FLIGHT}` +
      ` in flight it answered ${capacity.toFixed(0)}/s (the paced run posts ${PACED_RATE}/s).` +
      ` Profiled again (${updates} updates, process CPU ${cpuMs.toFixed(2)} ms/update, main thread busy` +
      ` ${busy.toFixed(2)} ms/update; ${relative(ROOT, join(PROFILES, name))}), the main thread by owner:`,
    detail: [
      ...ownerLines(cpu, { cpuMs, unit: "update" }),
      `    Redis per update (measured run): ${redis.commands.toFixed(1)} commands in ${redis.roundTrips.toFixed(1)} round trips` +
        ` (${perName(redis.byName)}); ${redis.scripted.toFixed(1)} more inside Lua scripts on the database` +
        ` (${perName(redis.scriptedByName)})`,
    ],
    json: {
      profile: relative(ROOT, join(PROFILES, name)),
      updates,
      cpuMsPerUpdate: r2(t.cpuMsPerUpdate),
      bareCpuMsPerUpdate: r2(run.bare.cpuMsPerUpdate),
      profiledCpuMsPerUpdate: r2(cpuMs),
      profiledMainThreadMsPerUpdate: r2(busy),
      ...cpuJson(cpu, cpuMs),
      redis,
    },
  };
}

function memoryWhy(b: BackendFigures): Probe {
  return { headline: describeMemory(b.memory), detail: [], json: { ...b.memory } };
}

interface LogTimeline {
  lines: { msg: string; ms: number }[];
  /** The service's own start-up marks, when it logs them ("start-up phases": name → [ms, CPU ms]). */
  phases?: Record<string, [number, number]>;
}

/** The service's JSON log lines up to "is serving", each with its time since the spawn. */
function logTimeline(output: string, spawnedAt: number): LogTimeline {
  const timeline: LogTimeline = { lines: [] };
  for (const line of output.split("\n")) {
    let entry: { time?: number; msg?: string; phases?: LogTimeline["phases"] };
    try {
      entry = JSON.parse(line);
    } catch {
      continue; // not a log line
    }
    if (entry.phases) timeline.phases = entry.phases;
    const serving = timeline.lines.some((l) => l.msg.includes("is serving"));
    if (typeof entry.time === "number" && entry.msg !== "request" && !serving) {
      timeline.lines.push({ msg: entry.msg ?? "", ms: entry.time - spawnedAt });
    }
  }
  return timeline;
}

async function startWhy(b: BackendFigures, fresh: boolean, run: WhyRun): Promise<Probe> {
  const name = `why-${fresh ? "fresh-start" : "restart"}-${b.backend}.cpuprofile`;
  await rm(join(PROFILES, name), { force: true });
  const pg = b.backend === "postgres";
  const databaseUrl =
    pg && fresh
      ? await createDatabase(run.postgresUrl ?? "", `bench_${process.pid}_why`)
      : b.where.databaseUrl;
  const dataDir = fresh ? join(run.tempDir, `why-fresh-${b.backend}`) : b.where.dataDir;
  const spawnedAt = Date.now();
  const from = monotonicUs();
  const bot = await startService({
    apiRoot: run.api.url,
    redisUrl: run.redisUrl,
    dataDir,
    databaseUrl,
    nodeArgs: cpuProf(name),
    env: { LOG_LEVEL: "debug" },
  });
  const to = monotonicUs();
  // /healthz answers before the service handles SIGTERM (its channels start after listen):
  // a stop before it says it is serving would kill it with no profile written.
  for (let i = 0; i < 1500 && !bot.child.output().includes("is serving"); i++) await sleep(20);
  await sleep(100);
  const log = logTimeline(bot.child.output(), spawnedAt);
  const timeline = [...log.lines, { msg: "/healthz answers", ms: bot.startMs }].sort((x, y) => x.ms - y.ms);
  const phases = Object.entries(log.phases ?? {}).map(([name, [ms, cpu]]) => `${name} ${ms} ms (CPU ${cpu})`);
  await bot.stop();
  const cpu = profileOf(bot, name, from, to);
  const steps = timeline.map((l) => `${l.ms.toFixed(0)} ms ${l.msg}`);
  return {
    headline:
      (b.rebuilt[fresh ? "firstStartMs" : "startMs"]
        ? "the measured start built src/main.ts anew first (a source had changed since the last start); "
        : "") +
      `a profiled ${fresh ? "fresh start" : "restart"} reached /healthz in ${bot.startMs.toFixed(0)} ms, its main thread` +
      ` busy ${cpu.sampledMs.toFixed(0)} ms of it. Profile ${relative(ROOT, join(PROFILES, name))}; CPU by owner:`,
    detail: [
      ...ownerLines(cpu),
      `    log lines after the spawn (LOG_LEVEL=debug): ${steps.join("; ")}`,
      ...(phases.length > 0
        ? [`    its start-up phases (ms since its process began): ${phases.join("; ")}`]
        : []),
    ],
    json: {
      profile: relative(ROOT, join(PROFILES, name)),
      measuredStartRebuilt: b.rebuilt[fresh ? "firstStartMs" : "startMs"],
      profiledStartMs: Math.round(bot.startMs),
      log: timeline.map((l) => ({ msg: l.msg, ms: Math.round(l.ms) })),
      ...(log.phases ? { phases: log.phases } : {}),
      ...cpuJson(cpu),
    },
  };
}

/** Runs a bench script (node scripts/start.mjs …) to its end; its standard output. */
function runScript(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/start.mjs", ...args], { cwd: ROOT });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${args[0]}: ${out.slice(-500)}`)),
    );
  });
}

/** The no-op timers' figure is the same for both backends: profiled once. */
let noopTimers: Promise<Probe> | undefined;

function timerWhy(backend: string, noop: boolean, run: WhyRun): Promise<Probe> {
  if (!noop) return profileTimers(backend, false, run);
  noopTimers ??= profileTimers("pglite", true, run);
  return noopTimers;
}

async function profileTimers(backend: string, noop: boolean, run: WhyRun): Promise<Probe> {
  const count = run.quick ? 500 : 2000;
  const file = join(PROFILES, `why-timers-${backend}${noop ? "-noop" : ""}.cpuprofile`);
  const args = ["bench/timer-profile.ts", backend, String(count), "--open", `--prof=${file}`];
  const out = await runScript(noop ? [...args, "--noop"] : args);
  const cpu = summarizeProfile(file);
  const counts = out.split("\n").filter((l) => /per timer|timers, p50/.test(l));
  // timer-profile's first line ends "wall … ms, CPU … ms" (the timed part, this whole process).
  const cpuMs = Number(/CPU (\d+) ms$/m.exec(out)?.[1] ?? cpu.sampledMs) / count;
  const measured = noop ? run.timers.dense.ours : run.timers.realHandler[backend as "pglite"];
  const dense = run.timers.dense;
  const work = ((measured?.cpuMsPerTimer ?? Number.NaN) * dense.count) / 1000;
  return {
    headline:
      `in the measured run each timer cost ${measured?.cpuMsPerTimer?.toFixed(2)} ms of CPU (bare BullMQ` +
      ` ${dense.bare.cpuMsPerTimer?.toFixed(2)} ms): ${dense.count} timers due within 1 s are ${work.toFixed(1)} s of one` +
      ` thread's work, so the last ones start late. Profiled again by bench/timer-profile.ts (${count} timers,` +
      ` ${noop ? "no-op" : "real"} handler, CPU ${cpuMs.toFixed(2)} ms per timer; ${relative(ROOT, file)}), by owner:`,
    detail: [...ownerLines(cpu, { cpuMs, unit: "timer" }), ...counts.map((l) => `    ${l}`)],
    json: {
      profile: relative(ROOT, file),
      timers: count,
      cpuMsPerTimer: r2(measured?.cpuMsPerTimer ?? Number.NaN),
      bareCpuMsPerTimer: r2(dense.bare.cpuMsPerTimer ?? Number.NaN),
      profiledCpuMsPerTimer: r2(cpuMs),
      counts,
      ...cpuJson(cpu, cpuMs),
    },
  };
}

const shown = (r: Row) => `${r.figure.trim()} ${fmt(r.ours, r.digits, r.unit)} (target ${targetText(r)})`;

/** The why of each row not met, in `lines` under the table and in `json` by the figure's key. */
export async function explain(b: BackendFigures, unmet: readonly Row[], run: WhyRun): Promise<Explained> {
  const out: Explained = { lines: [], json: {} };
  await mkdir(PROFILES, { recursive: true });
  const of = (keys: string[]) => unmet.filter((r) => keys.includes(r.key ?? ""));
  const note = async (rows: Row[], probe: () => Promise<Probe> | Probe) => {
    if (rows.length === 0) return;
    try {
      const p = await probe();
      out.lines.push(`- ${rows.map(shown).join("; ")}: ${p.headline}`, ...p.detail);
      for (const r of rows) out.json[r.key ?? r.figure] = p.json;
    } catch (error) {
      out.lines.push(`- ${rows.map(shown).join("; ")}: the profile failed: ${(error as Error).message}`);
    }
  };
  await note(of(TRACK), () => trackWhy(b, run));
  for (const r of of(MEMORY)) await note([r], () => memoryWhy(b));
  for (const r of of(START)) await note([r], () => startWhy(b, r.key === "firstStartMs", run));
  for (const r of of(TIMERS)) {
    await note([r], () => timerWhy(b.backend, r.key === "reminderLatenessP99Ms", run));
  }
  const known = [...TRACK, ...MEMORY, ...START, ...TIMERS];
  for (const r of unmet.filter((row) => !known.includes(row.key ?? ""))) {
    out.lines.push(`- ${shown(r)}: no profile for this figure in the bench`);
  }
  return out;
}
