import { z } from "zod";
import { SCAN_KINDS, type ScanKind } from "../domain/kernel/scan";
import type { ParcelRecord, StoredScan } from "../domain/ports/records";
import { channel, chatColumns, parseRow, scanRow } from "./rows";

/**
 * The rows of the parcel read (parcel-repository.ts get), the read every tracking answer makes
 * (issue 15): its scans checked by hand, its followers.
 */

/**
 * The scans: each row checked by hand for what scanRow checks; a row that does not plainly fit
 * goes through scanRow, which names what is wrong (StoreRowError). The same records as scanRow's,
 * without zod's cost on the hot read.
 */
export function parseScanRows(rows: readonly unknown[]): StoredScan[] {
  return rows.map((row) => plainScan(row) ?? parseRow(scanRow, "scans", row));
}

const SCAN_KIND_SET: ReadonlySet<unknown> = new Set(SCAN_KINDS);
const DIGITS = /^\d+$/;
/** A timestamp as Postgres writes it into json (ISO 8601 with an offset). */
const JSON_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

function plainTime(value: unknown): Date | undefined {
  const at =
    value instanceof Date
      ? value
      : typeof value === "string" && JSON_TIMESTAMP.test(value)
        ? new Date(value)
        : undefined;
  return at && !Number.isNaN(at.getTime()) ? at : undefined;
}

const isText = (value: unknown): value is string => typeof value === "string";
const isNullableText = (value: unknown): value is string | null =>
  value === null || typeof value === "string";

function plainScan(row: unknown): StoredScan | undefined {
  if (typeof row !== "object" || row === null) return undefined;
  const r = row as Record<string, unknown>;
  const { id, tracking_no, kind, location, note, origin_branch } = r;
  const at = plainTime(r.at);
  const receivedAt = plainTime(r.received_at);
  if (!at || !receivedAt || !isText(id) || !DIGITS.test(id) || !SCAN_KIND_SET.has(kind)) return undefined;
  if (!isText(tracking_no) || tracking_no === "" || !isText(location) || location === "") return undefined;
  if (!isNullableText(note) || !isNullableText(origin_branch)) return undefined;
  const scan: StoredScan = { id, trackingNo: tracking_no, at, kind: kind as ScanKind, location, receivedAt };
  if (note !== null) scan.note = note;
  if (origin_branch !== null) scan.originBranch = origin_branch;
  return scan;
}

/** The parcel's followers, as the read aggregates them: [channel, chat id, every scan] (issue 17). */
const followerTuple = z.tuple([channel, chatColumns.chatId, z.boolean()]);

export function parseFollowers(rows: readonly unknown[]): NonNullable<ParcelRecord["followers"]> {
  return rows.map((row) => {
    const [channelValue, chatId, everyScan] = parseRow(followerTuple, "subscriptions", row);
    return { channel: channelValue, chatId, everyScan };
  });
}
