import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELIVERY_CLOSING_KINDS } from "../../src/domain/deliveries/closing-scans";
import { SCAN_KINDS } from "../../src/domain/kernel/scan";
import type { ParcelReturn } from "../../src/domain/ports/returns-records";
import { SCANNED_OUT_KINDS } from "../../src/domain/returns/scanned-out";
import { freshTrackingNo, scan } from "../support/parcels";
import { BACKENDS, openTestStore, type TestStore } from "../support/store-backends";

/**
 * The scan kinds that are domain rules, read by both stores from the domain's one list: SOP-44's
 * kinds that close a delivery attempt (domain/deliveries/closing-scans.ts) and SOP-52's kinds that
 * take a return out of the branch (domain/returns/scanned-out.ts). Every kind is tried on every
 * backend, so a store with a list of its own is caught.
 */
const at = (time: string) => new Date(`2031-03-04T${time}:00Z`);
const closing: readonly string[] = DELIVERY_CLOSING_KINDS;
const scannedOut: readonly string[] = SCANNED_OUT_KINDS;

describe("the SOP-44 and SOP-52 lists of scan kinds", () => {
  it("are the rules' kinds", () => {
    expect([...DELIVERY_CLOSING_KINDS].sort()).toEqual([
      "delivered",
      "held_for_pickup",
      "problem",
      "returned",
    ]);
    expect([...SCANNED_OUT_KINDS].sort()).toEqual(["departed", "returned"]);
  });
});

describe.each(BACKENDS)("scan kinds as domain rules on %s", (backend) => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await openTestStore(backend, "scan_kinds");
  });
  afterAll(async () => {
    await ts.dispose();
  });

  it("SOP-44: a delivery is still open after a later scan of each kind unless the domain says it closes it", async () => {
    const parcels = SCAN_KINDS.map((kind) => ({ kind, no: freshTrackingNo("SK") }));
    await ts.store.parcels.addScans(
      parcels.flatMap(({ kind, no }) => [
        scan(no, "out_for_delivery", at("08:00"), "扬州城东"),
        scan(no, kind, at("10:00"), "扬州城东"),
      ]),
      at("10:00"),
    );
    const open = new Set(
      (await ts.store.deliveries.openDeliveries(at("00:00"), at("23:59"), 10_000)).map((d) => d.trackingNo),
    );
    for (const { kind, no } of parcels) expect(open.has(no), kind).toBe(!closing.includes(kind));
  });

  it("SOP-52: a return is scanned out by a later scan of each kind only when the domain says so", async () => {
    const parcels = SCAN_KINDS.map((kind) => ({ kind, no: freshTrackingNo("SR") }));
    for (const { no } of parcels) await ts.store.returns.insert(parcelReturn(no));
    await ts.store.parcels.addScans(
      parcels.map(({ kind, no }) => scan(no, kind, at("12:00"))),
      at("12:00"),
    );
    const waiting = new Set((await ts.store.returns.listNotScannedOut(10_000)).map((r) => r.trackingNo));
    for (const { kind, no } of parcels) expect(waiting.has(no), kind).toBe(!scannedOut.includes(kind));
  });
});

function parcelReturn(trackingNo: string): ParcelReturn {
  return {
    id: `sk-${trackingNo}`,
    trackingNo,
    holdId: null,
    originBranch: "南京分公司",
    marking: "退回 南京分公司",
    rule: "SOP-52",
    markedAt: at("11:00"),
    markedBy: "wang",
    destination: "黑龙江",
    weightKg: 7,
    feeYuan: 14,
    heldBy: "zhang",
  };
}
