import { describe, expect, it } from "vitest";
import { freshTrackingNo, scan } from "../../support/parcels";
import {
  AuditDown,
  at,
  auditOf,
  customerChat,
  fileStore,
  storeWithFailingAudit,
  testId,
  world,
} from "../../support/use-case-harness";

const store = await fileStore();

describe("trackParcel", () => {
  it("derives the status from the newest scan and masks other people's data in the history", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    await store.parcels.addScans(
      [
        scan(no, "arrived", "2026-11-26T02:00:00Z", "扬州转运中心"),
        scan(no, "out_for_delivery", "2026-11-27T01:00:00Z", "城东", { note: "派件员 张伟 13800000003" }),
      ],
      at("2026-11-27T01:00:00Z"),
    );
    const view = await w.desk.trackParcel(no);
    expect(view).toMatchObject({
      trackingNo: no,
      status: "out_for_delivery",
      latest: { kind: "out_for_delivery", location: "城东", note: "派件员 张伟 138****0003" },
    });
    expect(view?.history.map((h) => h.kind)).toEqual(["out_for_delivery", "arrived"]);
  });

  it("shows at most ten scans", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    const scans = Array.from({ length: 12 }, (_, i) =>
      scan(no, "departed", new Date(Date.UTC(2026, 10, 20, i)), `站点${i}`),
    );
    await store.parcels.addScans(scans, at("2026-11-27T01:00:00Z"));
    expect((await w.desk.trackParcel(no))?.history).toHaveLength(10);
  });

  it("an unknown parcel is undefined", async () => {
    expect(await world(store).desk.trackParcel(freshTrackingNo())).toBeUndefined();
  });
});

describe("subscribe", () => {
  it("the chat follows the parcel (once, the newer language winning), with an audit row", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    const chat = customerChat(testId());
    await w.desk.subscribe(chat, "zh", no);
    await w.desk.subscribe(chat, "en", no);
    expect(await store.subscriptions.subscribers(no)).toMatchObject([{ chat, language: "en" }]);
    expect((await auditOf(store, `parcel/${no}`)).map((a) => a.action)).toEqual([
      "parcel.subscribed",
      "parcel.subscribed",
    ]);
  });

  it("is one transaction: a failed audit row subscribes nobody", async () => {
    const w = world(storeWithFailingAudit(store));
    const no = freshTrackingNo();
    await expect(w.desk.subscribe(customerChat(testId()), "zh", no)).rejects.toThrow(AuditDown);
    expect(await store.subscriptions.subscribers(no)).toEqual([]);
  });
});
