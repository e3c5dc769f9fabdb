import { Presets, SingleBar } from "cli-progress";
import type { ImportProgress } from "./scan-csv";

/**
 * How an import shows its progress: a bar on a terminal (cli-progress, by bytes of the file),
 * plain lines otherwise (a log, a CI job), one every PLAIN_EVERY_LINES lines and one at the end.
 */

const PLAIN_EVERY_LINES = 10_000;

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

export interface ProgressReporter {
  update(progress: ImportProgress): void;
  stop(): void;
}

const counts = (p: ImportProgress) =>
  `${p.lines} 行 lines · 新存 stored ${p.stored} · 重复 duplicates ${p.duplicates} · 拒收 rejected ${p.rejected}`;

export function progressReporter(output: ProgressOutput, totalBytes: number): ProgressReporter {
  return output.isTTY ? barReporter(output, totalBytes) : plainReporter(output);
}

function barReporter(output: ProgressOutput, totalBytes: number): ProgressReporter {
  const bar = new SingleBar(
    {
      stream: output as NodeJS.WritableStream,
      format: "导入 Import |{bar}| {percentage}% | {counts}",
      hideCursor: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  const empty = { bytes: 0, lines: 0, stored: 0, duplicates: 0, rejected: 0 };
  bar.start(Math.max(1, totalBytes), 0, { counts: counts(empty) });
  return {
    update: (p) => bar.update(Math.min(p.bytes, totalBytes), { counts: counts(p) }),
    stop: () => bar.stop(),
  };
}

function plainReporter(output: ProgressOutput): ProgressReporter {
  let next = PLAIN_EVERY_LINES;
  let last: ImportProgress | undefined;
  let lastWritten = "";
  const write = (p: ImportProgress) => {
    const line = `导入中 importing: ${counts(p)}\n`;
    if (line !== lastWritten) output.write(line);
    lastWritten = line;
  };
  return {
    update(p) {
      last = p;
      if (p.lines < next) return;
      next = (Math.floor(p.lines / PLAIN_EVERY_LINES) + 1) * PLAIN_EVERY_LINES;
      write(p);
    },
    stop() {
      if (last) write(last);
    },
  };
}
