import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Receipt, UndeliveredParcel } from "../../src/domain/ports/deliveries";
import { freshTrackingNo, scan } from "../support/parcels";
import { BACKENDS, openTestStore, type TestStore } from "../support/store-backends";

/**
 * The deliveries' repository (SOP-44's undelivered parcels, SOP-73/SOP-74's receipts) on every
 * backend: the memory store of the domain and flow tests must answer as the SQL one does. The
 * windows of the scan reads are each test's own day, so tests sharing a store do not meet.
 */
const t = (iso: string) => new Date(iso);
let days = 0;
/** A day of its own per test (UTC), from 2030-01-01 on. */
function freshDay(): { day: string; at: (time: string) => Date; from: Date; to: Date } {
  days += 1;
  const d = new Date(Date.UTC(2030, 0, days));
  const day = d.toISOString().slice(0, 10);
  return {
    day,
    at: (time) => t(`${day}T${time}:00Z`),
    from: t(`${day}T00:00:00Z`),
    to: new Date(d.getTime() + 24 * 3600 * 1000),
  };
}

function row(
  day: string,
  trackingNo: string,
  outAt: Date,
  originBranch: string | null = "南京分公司",
): UndeliveredParcel {
  return { day, trackingNo, outAt, originBranch, listedAt: outAt, handledAt: null, handledBy: null };
}

describe.each(BACKENDS)("deliveries repository on %s", (backend) => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await openTestStore(backend, "deliveries");
  });
  afterAll(async () => {
    await ts.dispose();
  });

  it("SOP-44: open deliveries are the day's out_for_delivery scans with no closing scan since, with their origin", async () => {
    const { at, from, to } = freshDay();
    const open = freshTrackingNo("UD");
    const delivered = freshTrackingNo("UD");
    const problem = freshTrackingNo("UD");
    const heldBefore = freshTrackingNo("UD");
    const outAgain = freshTrackingNo("UD");
    const yesterday = freshTrackingNo("UD");
    await ts.store.parcels.addScans(
      [
        scan(open, "departed", at("01:00"), "南京转运中心", { originBranch: "南京分公司" }),
        scan(open, "out_for_delivery", at("08:00"), "扬州城东", { note: "业务员 105" }),
        scan(delivered, "out_for_delivery", at("08:00"), "扬州城东"),
        scan(delivered, "delivered", at("10:00"), "扬州城东"),
        scan(problem, "out_for_delivery", at("08:10"), "扬州城西"),
        scan(problem, "problem", at("11:00"), "扬州城西"),
        // Held in the morning, out again in the afternoon: the later out scan counts.
        scan(heldBefore, "held_for_pickup", at("07:00"), "东关分点"),
        scan(heldBefore, "out_for_delivery", at("09:00"), "扬州城东"),
        scan(outAgain, "out_for_delivery", at("08:00"), "扬州城东", { originBranch: "苏州分公司" }),
        scan(outAgain, "returned", at("09:00"), "扬州城东"),
        scan(outAgain, "out_for_delivery", at("14:00"), "扬州城东"),
        scan(yesterday, "out_for_delivery", new Date(from.getTime() - 3600_000), "扬州城东"),
      ],
      from,
    );
    const found = await ts.store.deliveries.openDeliveries(from, to);
    expect(found).toEqual([
      {
        trackingNo: open,
        outAt: at("08:00"),
        location: "扬州城东",
        note: "业务员 105",
        originBranch: "南京分公司",
      },
      { trackingNo: heldBefore, outAt: at("09:00"), location: "扬州城东", note: null, originBranch: null },
      {
        trackingNo: outAgain,
        outAt: at("14:00"),
        location: "扬州城东",
        note: null,
        originBranch: "苏州分公司",
      },
    ]);
    expect(await ts.store.deliveries.openDeliveries(from, to, 1)).toHaveLength(1);
  });

  it("SOP-44: a listed parcel is stored once per day; handled one by one or all at once, each once", async () => {
    const { day, at } = freshDay();
    const [a, b, c] = [freshTrackingNo("UL"), freshTrackingNo("UL"), freshTrackingNo("UL")];
    await ts.store.parcels.addScans(
      [a, b, c].map((no) => scan(no, "out_for_delivery", at("08:00"))),
      at("08:00"),
    );
    const first = await ts.store.deliveries.addUndelivered([
      row(day, a, at("08:00")),
      row(day, b, at("09:00"), null),
    ]);
    expect(first.map((r) => r.trackingNo)).toEqual([a, b]);
    const again = await ts.store.deliveries.addUndelivered([
      row(day, a, at("08:00")),
      row(day, c, at("07:00")),
    ]);
    expect(again.map((r) => r.trackingNo)).toEqual([c]);
    expect((await ts.store.deliveries.undeliveredOfDay(day)).map((r) => r.trackingNo)).toEqual([c, a, b]);
    expect((await ts.store.deliveries.openUndelivered(day)).filter((r) => r.day === day)).toHaveLength(3);

    const one = await ts.store.deliveries.markHandled(day, a, at("17:40"), "wang");
    expect(one).toEqual([{ ...row(day, a, at("08:00")), handledAt: at("17:40"), handledBy: "wang" }]);
    expect(await ts.store.deliveries.markHandled(day, a, at("17:41"), "chen")).toEqual([]);
    const rest = await ts.store.deliveries.markHandled(day, undefined, at("17:45"), "chen");
    expect(rest.map((r) => [r.trackingNo, r.handledBy])).toEqual([
      [c, "chen"],
      [b, "chen"],
    ]);
    expect((await ts.store.deliveries.openUndelivered(day)).filter((r) => r.day === day)).toEqual([]);
    expect((await ts.store.deliveries.undeliveredOfDay(day)).find((r) => r.trackingNo === a)?.handledBy).toBe(
      "wang",
    );
  });

  it("SOP-44: a later day's list does not show in an earlier day's open parcels", async () => {
    const early = freshDay();
    const late = freshDay();
    const no = freshTrackingNo("UO");
    await ts.store.parcels.addScans([scan(no, "out_for_delivery", late.at("08:00"))], late.at("08:00"));
    await ts.store.deliveries.addUndelivered([row(late.day, no, late.at("08:00"))]);
    expect((await ts.store.deliveries.openUndelivered(early.day)).some((r) => r.trackingNo === no)).toBe(
      false,
    );
    expect((await ts.store.deliveries.openUndelivered(late.day)).some((r) => r.trackingNo === no)).toBe(true);
  });

  it("SOP-74: unsigned deliveries are the window's delivered scans without a receipt of that delivery, with the out scan before", async () => {
    const { at, from, to } = freshDay();
    const plain = freshTrackingNo("US");
    const signed = freshTrackingNo("US");
    const resent = freshTrackingNo("US");
    const later = freshTrackingNo("US");
    await ts.store.parcels.addScans(
      [
        scan(plain, "out_for_delivery", at("08:00"), "扬州城东", { note: "业务员 105" }),
        scan(plain, "delivered", at("11:05"), "扬州城东", { note: "代收货款" }),
        scan(signed, "delivered", at("09:00"), "扬州城西"),
        scan(resent, "delivered", at("09:30"), "扬州城西"),
        scan(later, "delivered", new Date(to.getTime() + 1000), "扬州城西"),
      ],
      from,
    );
    const receipt = (trackingNo: string, deliveredAt: Date): Receipt => ({
      trackingNo,
      deliveredAt,
      signerKind: "full_name",
      signer: "王小明",
      codFen: null,
      enteredBy: "zhang",
      enteredAt: at("12:00"),
    });
    await ts.store.deliveries.putReceipt(receipt(signed, at("09:00")));
    // A receipt of an earlier delivery of the parcel is not this delivery's.
    await ts.store.deliveries.putReceipt(receipt(resent, at("06:00")));
    const unsigned = await ts.store.deliveries.unsignedDeliveries(from, to);
    expect(unsigned).toEqual([
      {
        trackingNo: resent,
        deliveredAt: at("09:30"),
        location: "扬州城西",
        note: null,
        outLocation: null,
        outNote: null,
      },
      {
        trackingNo: plain,
        deliveredAt: at("11:05"),
        location: "扬州城东",
        note: "代收货款",
        outLocation: "扬州城东",
        outNote: "业务员 105",
      },
    ]);
  });

  it("SOP-74: a receipt is stored, read back, and replaced by a correction that returns the one it replaced", async () => {
    const { at } = freshDay();
    const no = freshTrackingNo("UR");
    await ts.store.parcels.addScans([scan(no, "delivered", at("11:00"))], at("11:00"));
    expect(await ts.store.deliveries.getReceipt(no)).toBeUndefined();
    const first: Receipt = {
      trackingNo: no,
      deliveredAt: at("11:00"),
      signerKind: "surname_only",
      signer: "王,,",
      codFen: 5850,
      enteredBy: "zhang",
      enteredAt: at("12:00"),
    };
    expect(await ts.store.deliveries.putReceipt(first)).toBeUndefined();
    expect(await ts.store.deliveries.getReceipt(no)).toEqual(first);
    const second: Receipt = {
      ...first,
      signerKind: "stamp",
      signer: "扬州某某有限公司",
      codFen: null,
      enteredBy: "li",
    };
    expect(await ts.store.deliveries.putReceipt(second)).toEqual(first);
    expect(await ts.store.deliveries.getReceipt(no)).toEqual(second);
  });

  it("refuses a receipt for a parcel it does not know, and a COD amount that is not positive", async () => {
    const { at } = freshDay();
    const base: Receipt = {
      trackingNo: freshTrackingNo("UX"),
      deliveredAt: at("11:00"),
      signerKind: "full_name",
      signer: "王小明",
      codFen: null,
      enteredBy: "zhang",
      enteredAt: at("12:00"),
    };
    await expect(ts.store.deliveries.putReceipt(base)).rejects.toThrow();
    const no = freshTrackingNo("UX");
    await ts.store.parcels.addScans([scan(no, "delivered", at("11:00"))], at("11:00"));
    await expect(ts.store.deliveries.putReceipt({ ...base, trackingNo: no, codFen: 0 })).rejects.toThrow();
    expect(await ts.store.deliveries.getReceipt(no)).toBeUndefined();
  });
});
