/** The table rows and the JSON object of one backend, from the figures of one run. */
import type { BackendFigures } from "./backend";
import { OTHERS_RATE } from "./flood";
import type { Row } from "./table";
import type { TimerFigures } from "./timer-runs";
import { type BotFigures, PACED_RATE } from "./track";

export interface RunContext {
  bare: BotFigures;
  bareStartMs: number;
  timers: TimerFigures;
}

/** The /track rows: throughput, latency, CPU, Redis and messages per update, beside the bare bot. */
function trackRows(b: BackendFigures, bare: BotFigures): Row[] {
  const pg = b.backend === "postgres";
  const t = b.track;
  return [
    {
      figure: "/track updates/s, 32 in flight",
      key: "trackThroughput",
      ours: t.throughput.perSecond,
      bare: bare.throughput.perSecond,
      target: { min: pg ? 0.5 : 0.35, onRatio: true },
    },
    {
      figure: "POST → last reply p99, 32 in flight",
      key: "trackInFlightP99Ms",
      ours: t.throughput.p99Ms,
      bare: bare.throughput.p99Ms,
      unit: " ms",
      digits: 1,
    },
    {
      figure: `paced ${PACED_RATE}/s, p99`,
      key: "trackP99Ms",
      ours: t.paced.p99Ms,
      bare: bare.paced.p99Ms,
      unit: " ms",
      digits: 1,
      target: { max: pg ? 30 : 100 },
    },
    {
      figure: `paced ${PACED_RATE}/s, rate sustained`,
      key: "trackPacedPerSecond",
      ours: t.paced.perSecond,
      bare: bare.paced.perSecond,
      unit: "/s",
      target: { min: PACED_RATE * 0.97 },
    },
    {
      figure: "service CPU per update",
      key: "cpuMsPerUpdate",
      ours: t.cpuMsPerUpdate,
      bare: bare.cpuMsPerUpdate,
      unit: " ms",
      digits: 2,
    },
    { figure: "Redis commands per update", ours: t.redis.commands, bare: bare.redis.commands, digits: 1 },
    {
      figure: "Redis round trips per update",
      key: "redisRoundTripsPerUpdate",
      ours: t.redis.roundTrips,
      bare: bare.redis.roundTrips,
      digits: 1,
      target: { max: 3 },
    },
    {
      figure: "messages sent per /track",
      ours: t.throughput.repliesPerUpdate,
      bare: bare.throughput.repliesPerUpdate,
      digits: 1,
    },
  ];
}

/** The timer rows (the same for each backend but the real handler's). */
function timerRows(b: BackendFigures, timers: TimerFigures): Row[] {
  const pg = b.backend === "postgres";
  const real = timers.realHandler[b.backend];
  return [
    {
      figure: `${timers.dense.count} timers due in 1 s, lateness p99 (no-op)`,
      key: "reminderLatenessP99Ms",
      ours: timers.dense.ours.p99,
      bare: timers.dense.bare.p99,
      unit: " ms",
      target: { max: 1.5, onRatio: true },
    },
    {
      figure: "  the same, real timer handler",
      key: "reminderLatenessRealHandlerP99Ms",
      ours: real?.p99,
      bare: timers.dense.bare.p99,
      unit: " ms",
      ...(pg ? { target: { max: 3, onRatio: true } } : {}),
    },
    {
      figure: `${timers.sparse.count} timers over ${timers.sparse.spreadMs / 1000} s, lateness p99`,
      key: "sparseReminderLatenessP99Ms",
      ours: timers.sparse.ours.p99,
      bare: timers.sparse.bare.p99,
      unit: " ms",
      target: { max: 1.1, onRatio: true },
    },
    {
      figure: "Redis bytes per pending timer",
      key: "redisBytesPerTimer",
      ours: timers.bytesPerTimer.ours,
      bare: timers.bytesPerTimer.bare,
      target: { max: 1.05, onRatio: true },
    },
  ];
}

export function rowsOf(b: BackendFigures, { bare, bareStartMs, timers }: RunContext): Row[] {
  const pg = b.backend === "postgres";
  const t = b.track;
  const rows: Row[] = [
    ...trackRows(b, bare),
    ...timerRows(b, timers),
    {
      figure: "RSS after load",
      key: "rssMb",
      ours: t.rssMb,
      bare: bare.rssMb,
      unit: " MB",
      target: pg ? { max: 2, onRatio: true } : { max: 300 },
    },
    {
      figure: "RSS peak",
      key: "peakRssMb",
      ours: t.peakRssMb,
      bare: bare.peakRssMb,
      unit: " MB",
      ...(pg ? {} : { target: { max: 400 } }),
    },
    {
      figure: pg ? "start → /healthz, new database" : "start → /healthz, fresh data dir",
      key: "firstStartMs",
      ours: b.firstStartMs,
      bare: bareStartMs,
      unit: " ms",
      ...(pg ? {} : { target: { max: 2500 } }),
    },
    {
      figure: pg ? "start → /healthz (migrated)" : "restart → /healthz",
      key: "startMs",
      ours: b.restartMs,
      bare: bareStartMs,
      unit: " ms",
      target: { max: pg ? 1000 : 1500 },
    },
    { figure: "ingest over HTTP, 500-event batches", ours: b.ingestScansPerSecond, unit: " scans/s" },
    {
      // Issue 16 §4: one chat at 50 messages/s beside the others' paced /track (bench/flood.ts).
      figure: `others' p99 beside a flooding chat, × quiet (${OTHERS_RATE}/s)`,
      key: "floodP99Ratio",
      ours: b.flood.p99Ratio,
      digits: 2,
      target: { max: 2 },
    },
  ];
  for (const g of b.growth) {
    rows.push({
      figure: `/track with ${g.parcels.toLocaleString("en-US")} parcels: CPU per update`,
      ours: g.cpuMsPerUpdate,
      unit: " ms",
      digits: 2,
    });
  }
  for (const s of timers.scheduling) {
    rows.push({
      figure: `schedule() with ${s.pending.toLocaleString("en-US")} timers pending`,
      ours: s.scheduleMs,
      unit: " ms",
      digits: 2,
    });
  }
  return rows;
}

export function jsonOf(
  b: BackendFigures,
  { bare, bareStartMs, timers }: RunContext,
): Record<string, unknown> {
  const t = b.track;
  return {
    trackThroughput: Math.round(t.throughput.perSecond),
    bareGrammyThroughput: Math.round(bare.throughput.perSecond),
    trackThroughputRatio: round(t.throughput.perSecond / bare.throughput.perSecond, 3),
    trackP99Ms: round(t.paced.p99Ms, 1),
    floodQuietP99Ms: round(b.flood.quiet.p99Ms, 1),
    floodOthersP99Ms: round(b.flood.flooded.p99Ms, 1),
    floodP99Ratio: round(b.flood.p99Ratio, 2),
    bareTrackP99Ms: round(bare.paced.p99Ms, 1),
    trackPacedPerSecond: round(t.paced.perSecond, 0),
    trackInFlightP99Ms: round(t.throughput.p99Ms, 1),
    cpuMsPerUpdate: round(t.cpuMsPerUpdate, 3),
    bareCpuMsPerUpdate: round(bare.cpuMsPerUpdate, 3),
    redisCommandsPerUpdate: round(t.redis.commands, 2),
    redisRoundTripsPerUpdate: round(t.redis.roundTrips, 2),
    bareRedisCommandsPerUpdate: round(bare.redis.commands, 2),
    messagesPerTrack: round(t.throughput.repliesPerUpdate, 2),
    reminderLatenessP99Ms: Math.round(timers.dense.ours.p99),
    bareBullmqLatenessP99Ms: Math.round(timers.dense.bare.p99),
    reminderLatenessRealHandlerP99Ms: round(timers.realHandler[b.backend]?.p99 ?? Number.NaN, 0),
    sparseReminderLatenessP99Ms: Math.round(timers.sparse.ours.p99),
    bareSparseLatenessP99Ms: Math.round(timers.sparse.bare.p99),
    redisBytesPerTimer: Math.round(timers.bytesPerTimer.ours),
    bareBullmqBytesPerTimer: Math.round(timers.bytesPerTimer.bare),
    rssMb: Math.round(t.rssMb),
    peakRssMb: Math.round(t.peakRssMb),
    bareRssMb: Math.round(bare.rssMb),
    startMs: Math.round(b.restartMs),
    firstStartMs: Math.round(b.firstStartMs),
    bareStartMs: Math.round(bareStartMs),
    ingestScansPerSecond: Math.round(b.ingestScansPerSecond),
    growth: b.growth.map((g) => ({ ...g, cpuMsPerUpdate: round(g.cpuMsPerUpdate, 3) })),
    scheduling: timers.scheduling,
  };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
