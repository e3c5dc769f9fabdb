import type { Readable } from "node:stream";
import type { z } from "zod";
import { type IngestDeps, ingestScans, scanBatchSchema } from "../domain/ingest/ingest-scans";
import type { ScanEvent } from "../domain/kernel/scan";
import { CsvStop, csvRecords } from "./csv-records";

/**
 * `npm run import -- scans.csv` (issue 11 §3): scan events from a file a branch's scanning system
 * exports, one per line, with the ingest API's fields as columns. Each line is checked with the
 * ingest API's own event schema (scanBatchSchema) and the good ones stored in batches through its
 * use case (ingestScans): the same rules, the same idempotence (a scan seen before counts as a
 * duplicate, so importing a file twice stores it once), the holds it opens get their timers. The
 * file is streamed, never read whole; a rejected line is reported by its number and never stored.
 */

const SCAN_COLUMNS = ["trackingNo", "at", "kind", "location", "note", "originBranch"] as const;
type ScanColumn = (typeof SCAN_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly ScanColumn[] = ["trackingNo", "at", "kind", "location"];
const IMPORT_BATCH_SIZE = 500;
/** Rejected lines kept for the summary (all are counted). */
const REJECTED_KEPT = 1000;

export { MAX_LINE_BYTES } from "./csv-records";

/**
 * The file cannot be imported, or not past a line: no header, unknown or missing columns, or CSV
 * the reader cannot get past (an unclosed quote, a line over MAX_LINE_BYTES). Batches stored
 * before such a line stay stored; the message says how many scans.
 */
export class ScanFileError extends Error {
  override name = "ScanFileError";
  constructor(
    message: string,
    /** What was read and stored before the import stopped mid-file (undefined: it stopped before starting). */
    readonly summary?: ImportSummary,
  ) {
    super(message);
  }
}

export interface RejectedLine {
  line: number;
  reasons: string[];
}

export interface ImportProgress {
  /** Bytes of the file read so far. */
  bytes: number;
  /** Data lines read (the header not counted). */
  lines: number;
  stored: number;
  duplicates: number;
  rejected: number;
}

export interface ImportSummary extends ImportProgress {
  holdsOpened: number;
  holdsClosed: number;
  /** Timers not scheduled after a commit (the scans are stored all the same; logged). */
  timerFailures: number;
  /** The first REJECTED_KEPT rejected lines, in file order. */
  rejectedLines: RejectedLine[];
}

export interface ImportOptions {
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

type EventSchema = z.ZodType<ScanEvent, unknown>;

/** The header names the columns: every required one, nothing unknown, none twice. */
function checkHeader(names: readonly string[]): ScanColumn[] {
  const header = names.map((n) => n.trim());
  const unknown = header.filter((n) => !(SCAN_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new ScanFileError(
      `line 1: unknown column ${unknown.map((n) => `"${n}"`).join(", ")}; the columns are ${SCAN_COLUMNS.join(", ")}`,
    );
  }
  const missing = REQUIRED_COLUMNS.filter((n) => !header.includes(n));
  if (missing.length > 0) throw new ScanFileError(`line 1: missing column ${missing.join(", ")}`);
  const twice = header.filter((n, i) => header.indexOf(n) !== i);
  if (twice.length > 0) throw new ScanFileError(`line 1: column ${twice[0]} appears twice`);
  return header as ScanColumn[];
}

/** One line as the API's event: an empty optional cell is an absent field; an empty required one stays, to be refused. */
function lineEvent(header: readonly ScanColumn[], cells: readonly string[]): Record<string, string> {
  const event: Record<string, string> = {};
  header.forEach((name, i) => {
    const cell = cells[i] ?? "";
    if (cell !== "" || REQUIRED_COLUMNS.includes(name)) event[name] = cell;
  });
  return event;
}

function reasonsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.map(String).join(".") || "line"}: ${issue.message}`);
}

export async function importScanCsv(
  input: Readable,
  deps: IngestDeps,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const eventSchema = scanBatchSchema(deps.policy).element as unknown as EventSchema;
  const summary: ImportSummary = {
    bytes: 0,
    lines: 0,
    stored: 0,
    duplicates: 0,
    rejected: 0,
    holdsOpened: 0,
    holdsClosed: 0,
    timerFailures: 0,
    rejectedLines: [],
  };
  const reject = (line: number, reasons: string[]) => {
    summary.rejected += 1;
    if (summary.rejectedLines.length < REJECTED_KEPT) summary.rejectedLines.push({ line, reasons });
  };
  let batch: ScanEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const outcome = await ingestScans(deps, batch);
    batch = [];
    summary.stored += outcome.stored;
    summary.duplicates += outcome.duplicates;
    summary.holdsOpened += outcome.holdsOpened;
    summary.holdsClosed += outcome.holdsClosed;
    summary.timerFailures += outcome.timerFailures.length;
    for (const failure of outcome.timerFailures) {
      deps.log?.warn({ err: failure.error, timerId: failure.timerId }, "timer not scheduled after import");
    }
    options.onProgress?.({ ...summary });
  };

  let header: ScanColumn[] | undefined;
  try {
    for await (const { cells, line, bytes } of csvRecords(input)) {
      summary.bytes = bytes;
      if (!header) {
        header = checkHeader(cells);
        continue;
      }
      summary.lines += 1;
      if (cells.length !== header.length) {
        reject(line, [`has ${cells.length} fields; the header names ${header.length}`]);
        continue;
      }
      const parsed = eventSchema.safeParse(lineEvent(header, cells));
      if (!parsed.success) reject(line, reasonsOf(parsed.error));
      else batch.push(parsed.data);
      if (batch.length >= batchSize) await flush();
    }
  } catch (error) {
    if (!(error instanceof CsvStop)) throw error;
    // Every good line before the bad one is stored; the message says how many scans that is.
    await flush();
    throw new ScanFileError(stoppedAt(error, summary), { ...summary });
  }
  if (!header) throw new ScanFileError("the file is empty: its first line must name the columns");
  await flush();
  options.onProgress?.({ ...summary });
  return summary;
}

function stoppedAt(stop: CsvStop, s: ImportSummary): string {
  const kept = s.stored + s.duplicates;
  const after =
    kept > 0
      ? `导入在此停止,此前的 ${kept} 条扫描已存储 the import stopped there; the ${kept} scans before it are stored (importing the fixed file again counts them as duplicates)`
      : "导入在此停止,没有存储任何扫描 the import stopped there; nothing was stored";
  return `第 ${stop.line} 行 line ${stop.line}: ${stop.reason}. ${after}`;
}
