/**
 * Marks a step of start-up: its time since the process began and the process's CPU time so far
 * (scripts/start.mjs marks its own). Once the service serves, they are logged at debug level
 * ("start-up phases") to show where start-up goes.
 */
export function phase(name: string): void {
  performance.mark(name, { detail: cpuMs() });
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}

/** Each mark so far, in order: [ms since the process started, CPU ms used by then]. */
export function phases(): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const mark of performance.getEntriesByType("mark") as {
    name: string;
    startTime: number;
    detail?: unknown;
  }[]) {
    out[mark.name] = [Math.round(mark.startTime), typeof mark.detail === "number" ? mark.detail : -1];
  }
  return out;
}
