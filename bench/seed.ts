/**
 * Parcels for the bench: 1 000 through the ingest API (as a scanner would send them, in batches of
 * 500 events), and the many more of "how cost grows" straight into the database in one statement
 * (the ingest path is measured on its own; this only fills the tables).
 */
import { sql } from "kysely";
import { openDatabase } from "../src/store";
import { INGEST_TOKEN } from "./service";

const KINDS = ["collected", "departed", "arrived"] as const;

export function trackingNo(i: number): string {
  return `BN${String(i).padStart(10, "0")}`;
}

/** `parcels` parcels with three scans each, over the ingest API; scans per second. */
export async function ingestOverHttp(baseUrl: string, parcels: number): Promise<number> {
  const start = Date.now() - 2 * 86_400_000;
  const events = [];
  for (let step = 0; step < KINDS.length; step++) {
    for (let p = 0; p < parcels; p++) {
      events.push({
        trackingNo: trackingNo(p),
        at: new Date(start + step * 3_600_000 + p * 1000).toISOString(),
        kind: KINDS[step],
        location: `网点 ${p % 31}`,
        ...(step === 0 ? { originBranch: "苏州分公司" } : {}),
      });
    }
  }
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += 500) {
    const response = await fetch(`${baseUrl}/api/scans`, {
      method: "POST",
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(events.slice(i, i + 500)),
    });
    if (!response.ok) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
  }
  return events.length / ((performance.now() - t0) / 1000);
}

/** Fills the store up to `total` parcels (numbers after the ingested ones), three scans each. */
export async function fillParcels(
  open: { dataDir?: string; databaseUrl?: string },
  from: number,
  total: number,
): Promise<void> {
  if (total <= from) return;
  const db = await openDatabase(open);
  try {
    const chunk = 200_000;
    for (let lo = from; lo < total; lo += chunk) {
      const hi = Math.min(total, lo + chunk) - 1;
      await sql`insert into parcels (tracking_no, first_seen_at)
        select 'BN' || lpad(g::text, 10, '0'), now() - interval '2 days'
        from generate_series(${lo}::int, ${hi}::int) g on conflict do nothing`.execute(db);
      await sql`insert into scans (tracking_no, at, kind, location, origin_branch, received_at)
        select 'BN' || lpad(g::text, 10, '0'), now() - interval '2 days' + k * interval '1 hour',
          (array['collected','departed','arrived'])[k], '网点 ' || (g % 31),
          case when k = 1 then '苏州分公司' end, now()
        from generate_series(${lo}::int, ${hi}::int) g, generate_series(1, 3) k
        on conflict do nothing`.execute(db);
    }
    await sql`analyze`.execute(db);
  } finally {
    await db.destroy();
  }
}
