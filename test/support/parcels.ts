import type { ScanEvent, ScanKind } from "../../src/domain/kernel/scan";

let counter = 0;
let batches = 0;

/** A tracking number no other test of this process uses (the network's pattern: letters, 12 digits). */
export function freshTrackingNo(prefix = "YT"): string {
  counter += 1;
  return `${prefix}9${String(counter).padStart(11, "0")}`;
}

export function scan(
  trackingNo: string,
  kind: ScanKind,
  at: string | Date,
  location = "扬州转运中心",
  extra: Partial<Pick<ScanEvent, "note" | "originBranch">> = {},
): ScanEvent {
  return { trackingNo, kind, at: new Date(at), location, ...extra };
}

/** `count` distinct scans over `parcels` parcels, as an ingest client would post them (JSON). */
export function scanBatchJson(count: number, opts: { parcels?: number; start?: Date; prefix?: string } = {}) {
  const parcels = opts.parcels ?? Math.max(1, Math.floor(count / 5));
  const start = opts.start ?? new Date("2024-05-01T00:00:00Z");
  batches += 1;
  const base = `${opts.prefix ?? "ZT"}${String(batches).padStart(4, "0")}`;
  const kinds: ScanKind[] = ["collected", "departed", "arrived", "out_for_delivery", "problem"];
  return Array.from({ length: count }, (_, i) => ({
    trackingNo: `${base}${String(i % parcels).padStart(8, "0")}`,
    at: new Date(start.getTime() + i * 1000).toISOString(),
    kind: kinds[i % kinds.length] as ScanKind,
    location: `网点 ${i % 17}`,
  }));
}
