import type { Readable } from "node:stream";
import { type CsvError, parse } from "csv-parse";

/**
 * The CSV reader of `npm run import` (csv-parse, streamed). A line the reader cannot get past (an
 * unclosed quote, a record over MAX_LINE_BYTES, a stray quote) ends the records there: every record
 * before it is still yielded, in order, and then the reading stops with a CsvStop naming the line
 * where the bad record *started* (csv-parse's own `lines` is where it gave up: for an unclosed quote,
 * the end of the file) and a reason, zh first.
 */

/** A line (a record, quoted newlines and all) longer than this stops the import: no scan is that long. */
export const MAX_LINE_BYTES = 64 * 1024;

export interface CsvRecord {
  cells: string[];
  /** The line the record ends on (1-based; the header is line 1). */
  line: number;
  /** Bytes of the input read so far. */
  bytes: number;
}

export class CsvStop extends Error {
  override name = "CsvStop";
  constructor(
    /** The line the bad record starts on. */
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** Why the reader stopped, zh first, for each csv-parse error code an import can meet. */
function csvStopReason(error: Pick<CsvError, "code">): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "引号没有闭合,这条记录一直读到文件末尾 a quote opened on this line is never closed: the record runs to the end of the file";
    case "CSV_MAX_RECORD_SIZE":
      return `这条记录超过 ${MAX_LINE_BYTES / 1024} KiB(常因引号没有闭合)the record is over ${MAX_LINE_BYTES / 1024} KiB (often a quote that is never closed)`;
    case "INVALID_OPENING_QUOTE":
      return '没加引号的字段中间有引号 a quote inside an unquoted field (quote the whole field and double the quote: "a ""b"" c")';
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return "引号闭合后还有别的字符 characters after a closing quote (the quote must end the field)";
    default:
      return `CSV 格式无法读取 the CSV cannot be read here (${error.code})`;
  }
}

interface Position {
  lines: number;
  empty_lines: number;
  records: number;
}

export async function* csvRecords(input: Readable): AsyncGenerator<CsvRecord> {
  // Where the last good record ended: the bad one starts on the next line that is not empty.
  let last: Position = { lines: 0, empty_lines: 0, records: 0 };
  let stop: { error: CsvStop; records: number } | undefined;
  const parser = parse({
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    // Errors come to on_skip, so that the records read before one are not dropped with the stream.
    skip_records_with_error: true,
    max_record_size: MAX_LINE_BYTES,
    on_record: (record, info) => {
      last = { lines: info.lines, empty_lines: info.empty_lines, records: info.records };
      return record;
    },
    on_skip: (error) => {
      if (!error || stop) return undefined;
      const line = last.lines + 1 + Math.max(0, Number(error.empty_lines ?? 0) - last.empty_lines);
      stop = { error: new CsvStop(line, csvStopReason(error)), records: last.records };
      // Read nothing past it: what follows a bad quote is not what the file meant.
      input.unpipe(parser);
      input.destroy();
      parser.end();
      return undefined;
    },
  });
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number; bytes: number; records: number };
  }>) {
    if (stop && info.records > stop.records) break;
    yield { cells: record, line: info.lines, bytes: info.bytes };
  }
  if (stop) throw stop.error;
}
