import type { DirectoryIndex, Person } from "../config/directory";
import { auditEntry, personActor, requirePerson, type UseCaseDeps } from "../desk/context";
import type { Done, Refused } from "../desk/desk";
import { addDuration } from "../kernel/duration";
import type { Receipt } from "../ports/deliveries";
import type { StoredScan } from "../ports/records";
import { scanMarksCod } from "./cod";
import type { Signer } from "./signer";

/**
 * SOP-73, SOP-74: signed receipts (签收回单). The courier enters each delivery's signer as written
 * (signer.ts), with the amount collected on a COD delivery; an agent (for the customer or another
 * branch) reads it back within receipts.keepFor (180 days) of the parcel's arrival, after which the
 * answer is that it is past keeping.
 *
 * Who "the courier" of a delivery is (for the reminders): the scans say it first — a work number in
 * the note of the delivered or out_for_delivery scan ("业务员 105") that is a courier's in the
 * directory; else the zone whose name or an address keyword is in the scan's location gives its
 * courier (the directory); else nobody is known, and the dispatchers are reminded instead.
 */

/** Enough of a parcel's history to find its last delivery and the arrival before it. */
const HISTORY = 200;

export interface Delivery {
  trackingNo: string;
  delivered: StoredScan;
  /** The out_for_delivery scan before it, if any. */
  out: StoredScan | undefined;
  /** SOP-73: arrival at the delivering branch (the last arrived scan before the delivery), else the first scan. */
  arrivedAt: Date;
  /** SOP-74: the scans mark it as a COD (代收货款) delivery. */
  cod: boolean;
}

interface DeliveryTexts {
  location: string;
  note: string | null;
  outLocation: string | null;
  outNote: string | null;
}

const WORK_NO = /(?:业务员|快递员|派件员|courier)\s*[:：#]?\s*([A-Za-z0-9]{1,10})/iu;

/** The courier of a delivery: a courier's work number in the scans' notes, else the zone by location. */
export function courierOfDelivery(directory: DirectoryIndex, d: DeliveryTexts): Person | undefined {
  for (const note of [d.note, d.outNote]) {
    const workNo = note ? WORK_NO.exec(note.normalize("NFKC"))?.[1] : undefined;
    if (!workNo) continue;
    const courier = directory.byWorkNo(workNo, "courier");
    if (courier) return courier;
  }
  for (const location of [d.location, d.outLocation]) {
    if (!location) continue;
    const zone =
      directory.data.zones.find((z) => location.includes(z.name)) ?? directory.zoneForAddress(location);
    const courier = zone ? directory.courierOf(zone) : undefined;
    if (courier) return courier;
  }
  return undefined;
}

/** The parcel's last delivery, or why there is none to sign for. */
export async function deliveryOf(
  deps: UseCaseDeps,
  trackingNo: string,
): Promise<{ ok: true; delivery: Delivery } | { ok: false; reason: "unknown_parcel" | "not_delivered" }> {
  const parcel = await deps.store.parcels.get(trackingNo, HISTORY);
  if (!parcel) return { ok: false, reason: "unknown_parcel" };
  const newestFirst = parcel.scans;
  const index = newestFirst.findIndex((s) => s.kind === "delivered");
  const delivered = newestFirst[index];
  if (!delivered) return { ok: false, reason: "not_delivered" };
  const before = newestFirst.slice(index + 1);
  const out = before.find((s) => s.kind === "out_for_delivery");
  const arrived = before.find((s) => s.kind === "arrived");
  const oldest = newestFirst[newestFirst.length - 1];
  return {
    ok: true,
    delivery: {
      trackingNo,
      delivered,
      out,
      arrivedAt: arrived?.at ?? oldest?.at ?? parcel.firstSeenAt,
      cod: scanMarksCod([delivered.note, out?.note]),
    },
  };
}

export type EnterRefusal = "unknown_parcel" | "not_delivered" | "cod_amount_missing";

/**
 * SOP-74: the courier enters who signed (already validated: signer.ts) and, for a COD delivery,
 * the amount collected (required when the scans mark it COD). One transaction: the receipt and its
 * audit row; an entry again replaces the earlier one, and its audit row keeps what it replaced.
 */
export async function enterReceipt(
  deps: UseCaseDeps,
  personId: string,
  input: { trackingNo: string; signer: Signer; codFen: number | null },
): Promise<Done<{ receipt: Receipt; replaced?: Receipt; delivery: Delivery }> | Refused<EnterRefusal>> {
  requirePerson(deps, personId, "courier", "supervisor");
  const found = await deliveryOf(deps, input.trackingNo);
  if (!found.ok) return { ok: false, reason: found.reason, rule: "SOP-74" };
  const { delivery } = found;
  if (delivery.cod && input.codFen === null)
    return { ok: false, reason: "cod_amount_missing", rule: "SOP-74" };
  const now = deps.clock.now();
  const receipt: Receipt = {
    trackingNo: input.trackingNo,
    deliveredAt: delivery.delivered.at,
    signerKind: input.signer.kind,
    signer: input.signer.text,
    codFen: input.codFen,
    enteredBy: personId,
    enteredAt: now,
  };
  const replaced = await deps.store.transaction(async (tx) => {
    const previous = await tx.deliveries.putReceipt(receipt);
    await tx.audit.append(
      auditEntry(
        now,
        personActor(personId),
        previous ? "receipt.corrected" : "receipt.entered",
        `parcel/${input.trackingNo}`,
        {
          rule: "SOP-74",
          signerKind: receipt.signerKind,
          signer: receipt.signer,
          codFen: receipt.codFen,
          ...(previous
            ? { previous: { signer: previous.signer, codFen: previous.codFen, by: previous.enteredBy } }
            : {}),
        },
      ),
    );
    return previous;
  });
  return { ok: true, receipt, delivery, ...(replaced ? { replaced } : {}) };
}

export type ReceiptAnswer =
  | { status: "unknown_parcel" | "not_delivered" }
  | { status: "past_keeping"; arrivedAt: Date; keptUntil: Date }
  | { status: "not_entered"; delivery: Delivery; keptUntil: Date; courier: Person | undefined }
  | { status: "signed"; receipt: Receipt; delivery: Delivery; keptUntil: Date };

/** SOP-73: a parcel's receipt as asked by an agent or another branch, within the keeping time. */
export async function receiptFor(deps: UseCaseDeps, trackingNo: string): Promise<ReceiptAnswer> {
  const found = await deliveryOf(deps, trackingNo);
  if (!found.ok) return { status: found.reason };
  const { delivery } = found;
  const keptUntil = addDuration(delivery.arrivedAt, deps.policy.receipts.keepFor, deps.policy.timezone);
  if (deps.clock.now().getTime() >= keptUntil.getTime()) {
    return { status: "past_keeping", arrivedAt: delivery.arrivedAt, keptUntil };
  }
  const receipt = await deps.store.deliveries.getReceipt(trackingNo);
  // A receipt of an earlier delivery (the parcel went out again) is not this delivery's.
  if (!receipt || receipt.deliveredAt.getTime() < delivery.delivered.at.getTime()) {
    const courier = courierOfDelivery(deps.directory, {
      location: delivery.delivered.location,
      note: delivery.delivered.note ?? null,
      outLocation: delivery.out?.location ?? null,
      outNote: delivery.out?.note ?? null,
    });
    return { status: "not_entered", delivery, keptUntil, courier };
  }
  return { status: "signed", receipt, delivery, keptUntil };
}
