// Bench only: preloaded into the service (`node --import=./bench/mem-probe.mjs`), it writes the
// process's memory figures to $BENCH_MEMORY_FILE when sent SIGUSR2 (bench/why.ts reads them).
// The service itself exposes no memory figures; a signal handler does not keep it running.
import { writeFileSync } from "node:fs";
import { getHeapStatistics } from "node:v8";

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  process.on("SIGUSR2", () => {
    const heap = getHeapStatistics();
    writeFileSync(file, JSON.stringify({ ...process.memoryUsage(), mallocedMemory: heap.malloced_memory }));
  });
}
