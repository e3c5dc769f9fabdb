import { describe, expect, it } from "vitest";
import { timerId } from "../../../src/domain/ports";
import type { SelfPickupHold } from "../../../src/domain/ports/records";
import { freshTrackingNo, scan } from "../../support/parcels";
import {
  AuditDown,
  at,
  auditOf,
  customerChat,
  fileStore,
  storeWithFailingAudit,
  testId,
  type World,
  withStaleHold,
  world,
} from "../../support/use-case-harness";

const DAY = 24 * 60 * 60_000;

const store = await fileStore();

async function held(w: World, no = freshTrackingNo(), place = "东关分点"): Promise<SelfPickupHold> {
  const r = await w.desk.markHeld("wang", no, place);
  if (!r.ok) throw new Error(r.reason);
  return r.hold;
}

describe("markHeld (SOP-37, SOP-50)", () => {
  it("opens a hold with the origin branch from the scans, and its audit row", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    await store.parcels.addScans(
      [scan(no, "arrived", "2026-11-26T02:00:00Z", "扬州转运中心", { originBranch: "苏州分公司" })],
      at("2026-11-26T02:00:00Z"),
    );
    const hold = await held(w, no);
    expect(await store.holds.openForParcel(no)).toMatchObject({
      id: hold.id,
      place: "东关分点",
      originBranch: "苏州分公司",
      heldAt: at("2026-11-27T02:00:00Z"),
    });
    expect(await auditOf(store, `hold/${hold.id}`)).toMatchObject([{ action: "hold.opened" }]);
  });

  it("SOP-50: schedules hold-origin three calendar days later", async () => {
    const w = world(store);
    const hold = await held(w);
    expect(w.scheduler.pending.get(timerId("hold-origin", hold.id))?.dueAt).toEqual(
      at("2026-11-30T02:00:00Z"),
    );
  });

  it("tells followers where to collect it, the branch point's phone and the collect-by date", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    const chat = customerChat(testId());
    await w.desk.subscribe(chat, "zh", no);
    await held(w, no);
    expect(w.notifier.sent).toEqual([
      {
        to: { kind: "chat", chat, language: "zh" },
        key: "notice.hold.ready",
        params: { trackingNo: no, place: "东关分点", phone: "0514-8000001", collectBy: "2026-11-30" },
      },
    ]);
  });

  it("head office (no branch point of that name) gives the branch hotline", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    await w.desk.subscribe(customerChat(testId()), "zh", no);
    await held(w, no, "总公司");
    expect(w.notifier.sent[0]?.params.phone).toBe("0514-8000000");
  });

  it("refuses a parcel already held", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    await held(w, no);
    expect(await w.desk.markHeld("chen", no, "总公司")).toMatchObject({ ok: false, reason: "already_held" });
  });

  it("is one transaction: a failed audit row opens no hold", async () => {
    const w = world(storeWithFailingAudit(store));
    const no = freshTrackingNo();
    await expect(w.desk.markHeld("wang", no, "东关分点")).rejects.toThrow(AuditDown);
    expect(await store.holds.openForParcel(no)).toBeUndefined();
    expect(w.scheduler.scheduled).toEqual([]);
  });

  it("trackParcel then shows the parcel held for pickup, with where and by when", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    await store.parcels.addScans(
      [scan(no, "arrived", "2026-11-27T01:00:00Z", "东关分点")],
      at("2026-11-27T01:00:00Z"),
    );
    await held(w, no);
    expect(await w.desk.trackParcel(no)).toMatchObject({
      status: "held_for_pickup",
      hold: { place: "东关分点", collectBy: at("2026-11-30T02:00:00Z") },
    });
  });
});

describe("markCollected", () => {
  it("closes the hold as collected and cancels its timers", async () => {
    const w = world(store);
    const hold = await held(w);
    const r = await w.desk.markCollected("wang", hold.trackingNo);
    expect(r).toMatchObject({ ok: true, hold: { closeReason: "collected" } });
    expect(await store.holds.openForParcel(hold.trackingNo)).toBeUndefined();
    expect(w.scheduler.pending.has(timerId("hold-origin", hold.id))).toBe(false);
    expect((await auditOf(store, `hold/${hold.id}`)).at(-1)?.action).toBe("hold.collected");
  });

  it("refuses a parcel not held", async () => {
    const w = world(store);
    expect(await w.desk.markCollected("wang", freshTrackingNo())).toMatchObject({
      ok: false,
      reason: "not_held",
    });
  });

  it("SOP-52: a parcel marked for return is no longer the customer's to collect", async () => {
    const w = world(store);
    const hold = await held(w);
    await store.holds.updateOpen(hold.id, {
      originMessagedAt: at("2026-11-27T03:00:00Z"),
      markedForReturnAt: at("2026-11-27T04:00:00Z"),
    });
    w.clock.set("2026-11-27T05:00:00Z");
    expect(await w.desk.markCollected("wang", hold.trackingNo)).toEqual({
      ok: false,
      reason: "not_held",
      rule: "SOP-52",
    });
  });
});

describe("recordOriginMessaged (SOP-50) and recordOriginReply (SOP-51)", () => {
  it("SOP-51: messaging the origin schedules hold-return five days later and drops hold-origin", async () => {
    const w = world(store);
    const hold = await held(w);
    w.clock.advance(3 * DAY);
    const r = await w.desk.recordOriginMessaged("chen", hold.id);
    expect(r).toMatchObject({ ok: true, hold: { originMessagedAt: at("2026-11-30T02:00:00Z") } });
    expect(w.scheduler.pending.has(timerId("hold-origin", hold.id))).toBe(false);
    expect(w.scheduler.pending.get(timerId("hold-return", hold.id))?.dueAt).toEqual(
      at("2026-12-05T02:00:00Z"),
    );
    expect((await auditOf(store, `hold/${hold.id}`)).at(-1)).toMatchObject({
      action: "hold.origin_messaged",
      actor: { kind: "person", personId: "chen" },
    });
  });

  it("SOP-51: recording the message sends no notice: the one who pressed is answered by the flow alone", async () => {
    const w = world(store);
    const hold = await held(w);
    w.clock.advance(3 * DAY);
    w.notifier.clear();
    const r = await w.desk.recordOriginMessaged("chen", hold.id);
    expect(r).toMatchObject({ ok: true });
    expect(w.notifier.sent).toEqual([]);
    // A second tap records nothing and sends nothing.
    await w.desk.recordOriginMessaged("chen", hold.id);
    expect(w.notifier.sent).toEqual([]);
  });

  it("messaging twice is out of order; unknown and closed holds are refused", async () => {
    const w = world(store);
    expect(await w.desk.recordOriginMessaged("chen", "nope")).toEqual({ ok: false, reason: "not_found" });
    const hold = await held(w);
    await w.desk.recordOriginMessaged("chen", hold.id);
    expect(await w.desk.recordOriginMessaged("chen", hold.id)).toMatchObject({
      ok: false,
      reason: "out_of_order",
    });
    await w.desk.markCollected("wang", hold.trackingNo);
    expect(await w.desk.recordOriginMessaged("chen", hold.id)).toMatchObject({ ok: false, reason: "closed" });
    expect(await w.desk.recordOriginReply("chen", hold.id)).toMatchObject({ ok: false, reason: "closed" });
  });

  it("SOP-51: the origin's reply stops the return", async () => {
    const w = world(store);
    const hold = await held(w);
    await w.desk.recordOriginMessaged("chen", hold.id);
    w.clock.advance(DAY);
    const r = await w.desk.recordOriginReply("chen", hold.id);
    expect(r).toMatchObject({
      ok: true,
      hold: { originRepliedAt: at("2026-11-28T02:00:00Z"), closedAt: null },
    });
    expect(w.scheduler.pending.has(timerId("hold-return", hold.id))).toBe(false);
    expect((await auditOf(store, `hold/${hold.id}`)).at(-1)?.action).toBe("hold.origin_replied");
  });

  it("a reply before any message is out of order", async () => {
    const w = world(store);
    const hold = await held(w);
    expect(await w.desk.recordOriginReply("chen", hold.id)).toMatchObject({
      ok: false,
      reason: "out_of_order",
    });
    expect(await w.desk.recordOriginReply("chen", "nope")).toEqual({ ok: false, reason: "not_found" });
  });

  it("SOP-50: a double tap on 'origin messaged' records one message (compare and set)", async () => {
    const w = world(store);
    const hold = await held(w);
    // The second tap was read before the first one's write.
    const secondTap = world(withStaleHold(store, hold));
    expect(await w.desk.recordOriginMessaged("chen", hold.id)).toMatchObject({ ok: true });
    expect(await secondTap.desk.recordOriginMessaged("chen", hold.id)).toMatchObject({
      ok: false,
      reason: "out_of_order",
    });
    const rows = await auditOf(store, `hold/${hold.id}`);
    expect(rows.filter((r) => r.action === "hold.origin_messaged")).toHaveLength(1);
    expect(secondTap.scheduler.scheduled).toEqual([]);
  });

  it("SOP-51: an origin reply read before the return timer marked the parcel is refused (compare and set)", async () => {
    const w = world(store);
    const hold = await held(w);
    const messaged = await w.desk.recordOriginMessaged("chen", hold.id);
    if (!messaged.ok) throw new Error(messaged.reason);
    const seen = world(withStaleHold(store, messaged.hold));
    await store.holds.updateOpen(hold.id, { markedForReturnAt: at("2026-12-02T02:00:00Z") });
    expect(await seen.desk.recordOriginReply("chen", hold.id)).toMatchObject({
      ok: false,
      reason: "out_of_order",
    });
    expect((await store.holds.get(hold.id))?.originRepliedAt).toBeNull();
  });

  it("SOP-52: collecting a parcel the return timer marked meanwhile is refused (compare and set)", async () => {
    const w = world(store);
    const hold = await held(w);
    const seen = world(withStaleHold(store, hold));
    await store.holds.updateOpen(hold.id, {
      originMessagedAt: at("2026-11-27T03:00:00Z"),
      markedForReturnAt: at("2026-11-27T04:00:00Z"),
    });
    expect(await seen.desk.markCollected("wang", hold.trackingNo)).toMatchObject({
      ok: false,
      reason: "not_held",
    });
    expect(await store.holds.get(hold.id)).toMatchObject({ closedAt: null, closeReason: null });
  });

  it("openHolds lists the open holds", async () => {
    const w = world(store);
    const open = await held(w);
    const closed = await held(w);
    await w.desk.markCollected("wang", closed.trackingNo);
    const ids = (await w.desk.openHolds()).map((h) => h.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(closed.id);
  });
});

describe("holdFor", () => {
  it("is the parcel's open hold, and nothing once it is collected", async () => {
    const w = world(store);
    const hold = await held(w);
    expect(await w.desk.holdFor(hold.trackingNo)).toEqual(hold);
    expect(await w.desk.holdFor(freshTrackingNo())).toBeUndefined();
    await w.desk.markCollected("wang", hold.trackingNo);
    expect(await w.desk.holdFor(hold.trackingNo)).toBeUndefined();
  });
});
