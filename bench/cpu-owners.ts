/**
 * Where a process's CPU went, from a V8 `.cpuprofile`: self time grouped by owner (our src/ by
 * area, PGlite's wasm, pg, ioredis, grammY, fastify, pino, zod, date-fns/tz, node's socket writes,
 * GC, …) over a window of the profile. The service runs from an esbuild build (scripts/start.mjs),
 * so frames in the build are mapped back to their source (src/… or an inlined package) through the
 * build's source maps. Native frames without a script (a RegExp, compileFunction) count for their
 * caller's owner.
 */
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT } from "./proc";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  ms: number;
  pct: number;
}

export interface CpuSummary {
  /** Main-thread time sampled in the window, idle excluded. */
  sampledMs: number;
  owners: Share[];
  /** Socket writes (the natives), by the owner that wrote. */
  writesBy: Share[];
  /** The functions with the most self time, with their source file and line. */
  functions: Share[];
}

/** µs on the clock V8's profiler stamps samples with (CLOCK_MONOTONIC, as process.hrtime). */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

const PACKAGES: [RegExp, string][] = [
  [/^@electric-sql\//, "PGlite (JS)"],
  [/^(pg|pg-.*|pgpass|postgres-.*)$/, "pg"],
  [/^kysely$/, "kysely"],
  [
    /^(ioredis|@ioredis\/.*|redis-parser|redis-errors|denque|cluster-key-slot|standard-as-callback)$/,
    "ioredis",
  ],
  [/^(bullmq|msgpackr|cron-parser|luxon)$/, "BullMQ"],
  [/^(grammy|@grammyjs\/.*|node-fetch|whatwg-url|tr46|webidl-conversions|abort-controller)$/, "grammY"],
  [
    /^(fastify|@fastify\/.*|find-my-way|avvio|light-my-request|fast-json-stringify|fast-querystring|fast-content-type-parse|secure-json-parse|toad-cache|ret|safe-regex2|rfdc|fastq|reusify|fast-uri)$/,
    "fastify",
  ],
  [
    /^(pino|pino-.*|sonic-boom|thread-stream|fast-redact|quick-format-unescaped|safe-stable-stringify)$/,
    "pino",
  ],
  [/^zod$/, "zod"],
  [/^(date-fns|@date-fns\/tz)$/, "date-fns/tz"],
  [/^(esbuild|tsx|get-tsconfig)$/, "start-up build check (esbuild)"],
];
const NODE: [RegExp, string][] = [
  [/^node:(net|stream|internal\/streams\/|internal\/stream_base_commons|internal\/net)/, "node: net/streams"],
  [/^node:(_http_|http|https)/, "node: http"],
  [/^node:internal\/deps\/undici/, "node: fetch (undici)"],
  [/^node:internal\/(modules|bootstrap|deps\/cjs-module-lexer|source_map)/, "node: module loading"],
  [
    /^node:(internal\/process\/(task_queues|promises)|async_hooks|internal\/async_hooks|timers|internal\/timers)/,
    "node: promises/async hooks/timers",
  ],
  [/^node:(fs|internal\/fs)/, "node: fs"],
];
const SOCKET_WRITES =
  /^(writev|writeBuffer|writeUtf8String|writeLatin1String|writeAsciiString|writeUcs2String)$/;
export const WRITES = "node: socket writes (syscalls)";

function packageOwner(path: string): string {
  const parts = path.split("/");
  const name = parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? "?");
  return PACKAGES.find(([re]) => re.test(name))?.[1] ?? `package ${name}`;
}

/** The owner of a source path relative to the project (src/…, node_modules/…, bench/…). */
function pathOwner(path: string): string {
  if (path.includes("node_modules/.cache/")) return "build glue (unmapped)";
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) return packageOwner(path.slice(nm + "node_modules/".length));
  const parts = path.split("/");
  if (parts[0] !== "src") return parts[0] === "bench" ? "bench" : path;
  if (parts.length === 2) return `src/${parts[1]}`;
  return parts[1] === "bot" && parts.length > 3 ? `src/bot/${parts[2]}` : `src/${parts[1]}`;
}

const maps = new Map<string, SourceMap | undefined>();

/** The original source (relative to the project) and line of a frame in a built file. */
function original(frame: CallFrame): { path: string; line: number } {
  const file = fileURLToPath(frame.url);
  const fallback = { path: relative(ROOT, file), line: frame.lineNumber + 1 };
  if (!file.includes("/.cache/parcel-desk-build/")) return fallback;
  if (!maps.has(file)) {
    const map = `${file}.map`;
    maps.set(file, existsSync(map) ? new SourceMap(JSON.parse(readFileSync(map, "utf8"))) : undefined);
  }
  const entry = maps.get(file)?.findEntry(frame.lineNumber, frame.columnNumber) as
    | { originalSource?: string; originalLine?: number }
    | undefined;
  if (!entry?.originalSource) return fallback;
  const source = entry.originalSource.startsWith("file:")
    ? fileURLToPath(entry.originalSource)
    : resolve(dirname(file), entry.originalSource);
  return { path: relative(ROOT, source), line: (entry.originalLine ?? 0) + 1 };
}

/** The owner of one frame; undefined when it belongs to its caller. */
function frameOwner(frame: CallFrame): string | undefined {
  const { url, functionName } = frame;
  if (url.startsWith("wasm://")) return "PGlite (wasm)";
  if (url.startsWith("node:")) return NODE.find(([re]) => re.test(url))?.[1] ?? "node: other internals";
  if (url.startsWith("file:")) return pathOwner(original(frame).path);
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(program)") return "V8/native (program)";
  if (SOCKET_WRITES.test(functionName)) return WRITES;
  return url ? url : undefined;
}

function shares(map: Map<string, number>, total: number, top = Number.POSITIVE_INFINITY): Share[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, ms: us / 1000, pct: (100 * us) / Math.max(1, total) }));
}

const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);

/** Self time by owner within [fromUs, toUs] (monotonicUs clock); the whole profile without them. */
export function summarizeProfile(file: string, fromUs = 0, toUs = Number.POSITIVE_INFINITY): CpuSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const owners = new Map<number, string>();
  const ownerOf = (id: number): string => {
    const known = owners.get(id);
    if (known) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const own = node ? frameOwner(node.callFrame) : undefined;
    const owner = own ?? (up === undefined ? "(root)" : ownerOf(up));
    owners.set(id, owner);
    return owner;
  };
  /** The first owner above a socket write that is not node's own. */
  const writer = (id: number): string => {
    let up = parent.get(id);
    while (up !== undefined && /^node:|^\(/.test(ownerOf(up))) up = parent.get(up);
    return up === undefined ? "node" : ownerOf(up);
  };
  const byOwner = new Map<string, number>();
  const writesBy = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const us = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(id);
    if (at < fromUs || at > toUs || !node || node.callFrame.functionName === "(idle)") return;
    total += us;
    const owner = ownerOf(id);
    add(byOwner, owner, us);
    if (owner === WRITES) add(writesBy, writer(id), us);
    const f = node.callFrame;
    const where = f.url.startsWith("file:") ? original(f) : { path: f.url, line: f.lineNumber + 1 };
    add(
      byFunction,
      `${f.functionName || "(anonymous)"}${where.path ? ` ${where.path}:${where.line}` : ""}`,
      us,
    );
  });
  return {
    sampledMs: total / 1000,
    owners: shares(byOwner, total),
    writesBy: shares(writesBy, total, 4),
    functions: shares(byFunction, total, 6),
  };
}
