import { DELIVERY_CLOSING_KINDS } from "../../../src/domain/deliveries/closing-scans";
import type {
  DeliveryRepository,
  OpenDelivery,
  Receipt,
  UndeliveredParcel,
  UnsignedDelivery,
} from "../../../src/domain/ports/deliveries";
import type { StoredScan } from "../../../src/domain/ports/records";
import { DEFAULT_LIST_LIMIT } from "../../../src/store/db";
import type { MemoryDb } from "./parcel-repositories";
import { check, copy, limited, missingReference, sorted } from "./tables";

/** The memory store's undelivered parcels (SOP-44) and receipts (SOP-73, SOP-74), as src/store/delivery-repository.ts. */

const CLOSING_KINDS: readonly string[] = DELIVERY_CLOSING_KINDS;
const undeliveredKey = (day: string, trackingNo: string) => `${day}\u0000${trackingNo}`;
const characters = (text: string | null) => (text === null ? 0 : [...text].length);
const newest = { by: (s: StoredScan) => s.at.getTime(), desc: true };
const newestId = { by: (s: StoredScan) => Number(s.id), desc: true };

/** Each parcel's scans, newest first (at desc, id desc). */
function scansByParcel(db: MemoryDb): Map<string, StoredScan[]> {
  const byParcel = new Map<string, StoredScan[]>();
  for (const s of db.draft.read("scans").values()) {
    const list = byParcel.get(s.trackingNo) ?? [];
    list.push(s);
    byParcel.set(s.trackingNo, list);
  }
  for (const [no, list] of byParcel) byParcel.set(no, sorted(list, newest, newestId));
  return byParcel;
}

const inWindow = (s: StoredScan, from: Date, to: Date) =>
  s.at.getTime() >= from.getTime() && s.at.getTime() < to.getTime();

const byTime = (rows: UndeliveredParcel[]) =>
  sorted(rows, { by: (r) => r.outAt.getTime() }, { by: (r) => r.trackingNo });

export function deliveryRepository(db: MemoryDb): DeliveryRepository {
  return {
    async openDeliveries(from, to, limit = DEFAULT_LIST_LIMIT) {
      const out: OpenDelivery[] = [];
      for (const [trackingNo, scans] of scansByParcel(db)) {
        const o = scans.find((s) => s.kind === "out_for_delivery" && inWindow(s, from, to));
        if (!o) continue;
        if (scans.some((s) => CLOSING_KINDS.includes(s.kind) && s.at.getTime() >= o.at.getTime())) continue;
        out.push({
          trackingNo,
          outAt: new Date(o.at),
          location: o.location,
          note: o.note ?? null,
          originBranch: scans.find((s) => s.originBranch !== undefined)?.originBranch ?? null,
        });
      }
      return limited(sorted(out, { by: (d) => d.outAt.getTime() }, { by: (d) => d.trackingNo }), limit);
    },

    async addUndelivered(rows) {
      const table = db.draft.read("undelivered");
      const added: UndeliveredParcel[] = [];
      for (const row of rows) {
        if (!db.draft.read("parcels").has(row.trackingNo))
          throw missingReference(
            "undelivered_parcels",
            "undelivered_parcels_tracking_no_fkey",
            row.trackingNo,
          );
        check(
          characters(row.originBranch) <= 100,
          "undelivered_parcels",
          "undelivered_parcels_origin_branch_check",
        );
        if (table.has(undeliveredKey(row.day, row.trackingNo))) continue;
        db.draft.write("undelivered").set(undeliveredKey(row.day, row.trackingNo), copy(row));
        added.push(copy(row));
      }
      return added;
    },

    async undeliveredOfDay(day) {
      return byTime([...db.draft.read("undelivered").values()].filter((r) => r.day === day)).map(copy);
    },

    async openUndelivered(day, limit = DEFAULT_LIST_LIMIT) {
      const open = [...db.draft.read("undelivered").values()].filter(
        (r) => r.day <= day && r.handledAt === null,
      );
      const ordered = sorted(
        open,
        { by: (r) => r.day },
        { by: (r) => r.outAt.getTime() },
        { by: (r) => r.trackingNo },
      );
      return limited(ordered, limit).map(copy);
    },

    async markHandled(day, trackingNo, at, by) {
      const changed: UndeliveredParcel[] = [];
      for (const [key, row] of db.draft.read("undelivered")) {
        if (row.day !== day || row.handledAt !== null) continue;
        if (trackingNo !== undefined && row.trackingNo !== trackingNo) continue;
        const next = { ...row, handledAt: new Date(at), handledBy: by };
        db.draft.write("undelivered").set(key, next);
        changed.push(copy(next));
      }
      return byTime(changed);
    },

    async unsignedDeliveries(from, to, limit = DEFAULT_LIST_LIMIT) {
      const receipts = db.draft.read("receipts");
      const out: UnsignedDelivery[] = [];
      for (const [trackingNo, scans] of scansByParcel(db)) {
        const d = scans.find((s) => s.kind === "delivered" && inWindow(s, from, to));
        if (!d) continue;
        const receipt = receipts.get(trackingNo);
        if (receipt && receipt.deliveredAt.getTime() >= d.at.getTime()) continue;
        const o = scans.find((s) => s.kind === "out_for_delivery" && s.at.getTime() <= d.at.getTime());
        out.push({
          trackingNo,
          deliveredAt: new Date(d.at),
          location: d.location,
          note: d.note ?? null,
          outLocation: o?.location ?? null,
          outNote: o ? (o.note ?? null) : null,
        });
      }
      return limited(sorted(out, { by: (d) => d.deliveredAt.getTime() }, { by: (d) => d.trackingNo }), limit);
    },

    async getReceipt(trackingNo) {
      const r = db.draft.read("receipts").get(trackingNo);
      return r === undefined ? undefined : copy(r);
    },

    async putReceipt(receipt: Receipt) {
      if (!db.draft.read("parcels").has(receipt.trackingNo))
        throw missingReference("receipts", "receipts_tracking_no_fkey", receipt.trackingNo);
      const signer = characters(receipt.signer);
      check(signer >= 1 && signer <= 40, "receipts", "receipts_signer_check");
      check(receipt.codFen === null || receipt.codFen > 0, "receipts", "receipts_cod_fen_check");
      const previous = db.draft.read("receipts").get(receipt.trackingNo);
      db.draft.write("receipts").set(receipt.trackingNo, copy(receipt));
      return previous === undefined ? undefined : copy(previous);
    },
  };
}
