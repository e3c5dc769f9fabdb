/**
 * The service's memory after load, read from its process: /proc/<pid>/status (anonymous,
 * file-backed, shared) and, through bench/mem-probe.mjs preloaded into it, V8's own figures (heap
 * used and total, external — where PGlite's WASM memory counts — and array buffers).
 */
import { readFile, rm } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { statusMb } from "./proc";

/** The node flag that preloads the probe (a SIGUSR2 handler; nothing else). */
export const MEMORY_PROBE = "--import=./bench/mem-probe.mjs";

export interface MemoryDetail {
  rssMb: number;
  peakMb: number;
  anonMb: number;
  fileMb: number;
  shmemMb: number;
  /** V8's figures; absent when the probe did not answer. */
  heapUsedMb?: number;
  heapTotalMb?: number;
  externalMb?: number;
  arrayBuffersMb?: number;
  mallocedMb?: number;
}

const MB = 1024 * 1024;
const round = (n: number) => Math.round(n * 10) / 10;

/** Reads the process's memory; `file` is the probe's BENCH_MEMORY_FILE. */
export async function memoryDetail(pid: number, file: string): Promise<MemoryDetail> {
  const proc = statusMb(pid, ["VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem"]);
  const detail: MemoryDetail = {
    rssMb: round(proc.VmRSS ?? Number.NaN),
    peakMb: round(proc.VmHWM ?? Number.NaN),
    anonMb: round(proc.RssAnon ?? Number.NaN),
    fileMb: round(proc.RssFile ?? Number.NaN),
    shmemMb: round(proc.RssShmem ?? Number.NaN),
  };
  await rm(file, { force: true });
  process.kill(pid, "SIGUSR2");
  for (let i = 0; i < 100; i++) {
    await sleep(20);
    const v8 = await readFile(file, "utf8").then(
      (text) => JSON.parse(text) as Record<string, number>,
      () => undefined,
    );
    if (!v8) continue;
    const mb = (name: string) => round((v8[name] ?? Number.NaN) / MB);
    return {
      ...detail,
      heapUsedMb: mb("heapUsed"),
      heapTotalMb: mb("heapTotal"),
      externalMb: mb("external"),
      arrayBuffersMb: mb("arrayBuffers"),
      mallocedMb: mb("mallocedMemory"),
    };
  }
  return detail;
}

/** One line: what the resident memory is made of. */
export function describeMemory(m: MemoryDetail): string {
  const proc = `RSS ${m.rssMb.toFixed(0)} MB (peak ${m.peakMb.toFixed(0)}) = anonymous ${m.anonMb.toFixed(0)} + file-backed ${m.fileMb.toFixed(0)} + shared ${m.shmemMb.toFixed(0)} MB`;
  if (m.heapTotalMb === undefined) return `${proc}; V8's figures not read (no probe)`;
  const rest = m.rssMb - m.heapTotalMb - (m.externalMb ?? 0) - m.fileMb;
  return (
    `${proc}; V8 heap ${m.heapUsedMb?.toFixed(0)} MB used of ${m.heapTotalMb.toFixed(0)}, external ${m.externalMb?.toFixed(0)} MB` +
    ` (PGlite's WASM memory counts here; array buffers ${m.arrayBuffersMb?.toFixed(0)} MB), malloc'd by V8 ${m.mallocedMb?.toFixed(0)} MB` +
    (rest >= 1 ? `; the other ${rest.toFixed(0)} MB: code, stacks, native allocations` : "")
  );
}
