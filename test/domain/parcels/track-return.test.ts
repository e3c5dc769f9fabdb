import { describe, expect, it } from "vitest";
import { notifySubscribers } from "../../../src/domain/parcels/use-cases";
import { freshTrackingNo, scan } from "../../support/parcels";
import { at, customerChat, fileStore, testId, world } from "../../support/use-case-harness";

/**
 * Issue 17: a parcel the desk marked for return reads so in /track, with or without a hold; the
 * notices to a parcel's followers reach customers only.
 */
const store = await fileStore();

describe("trackParcel: a return the desk marked", () => {
  it("SOP-52: a return recorded without a hold makes /track say it is going back to the sender", async () => {
    const no = freshTrackingNo();
    await store.parcels.addScans(
      [
        scan(no, "arrived", "2026-11-27T00:00:00Z", "扬州分公司", { originBranch: "南京分公司" }),
        scan(no, "out_for_delivery", "2026-11-27T01:00:00Z", "城东"),
      ],
      at("2026-11-27T01:00:00Z"),
    );
    const w = world(store);
    expect(await w.desk.trackParcel(no)).toMatchObject({ status: "out_for_delivery" });
    const marked = await w.desk.markOriginReturn("wang", {
      trackingNo: no,
      weightKg: 7,
      destination: "黑龙江",
      heldBy: null,
    });
    expect(marked.ok).toBe(true);
    expect((await store.returns.forParcel(no))?.holdId).toBeNull();
    const view = await w.desk.trackParcel(no);
    expect(view).toMatchObject({ status: "marked_for_return" });
    expect(view?.hold).toBeUndefined();
  });
});

describe("notifySubscribers", () => {
  it("issue 17 §5: a staff member's chat that follows a parcel is never told as a customer", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    const customer = customerChat(testId());
    const staff = { channel: "telegram" as const, chatId: "2001", userId: "2001" }; // wang
    await w.desk.subscribe(customer, "zh", no);
    await w.desk.subscribe(staff, "zh", no);
    const noon = new Date("2026-11-27T04:00:00Z"); // 12:00 in Shanghai
    const told = await notifySubscribers(
      w.deps,
      no,
      "notice.hold.returning",
      () => ({ trackingNo: no }),
      noon,
    );
    expect(told).toBe(1);
    expect(w.notifier.sent.map((n) => n.to)).toEqual([{ kind: "chat", chat: customer, language: "zh" }]);
    expect(w.notifier.sent[0]?.notBefore).toBeUndefined(); // outside quiet hours: at once
  });

  it("issue 17 §3: inside the customers' quiet hours (21:00–08:00) a notice waits for the morning", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    await w.desk.subscribe(customerChat(testId()), "zh", no);
    const night = new Date("2026-11-27T14:30:00Z"); // 22:30 in Shanghai
    await notifySubscribers(w.deps, no, "notice.hold.returning", () => ({ trackingNo: no }), night);
    expect(w.notifier.sent.map((n) => n.notBefore?.toISOString())).toEqual(["2026-11-28T00:00:00.000Z"]);
  });
});
