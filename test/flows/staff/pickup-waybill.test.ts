import { describe, expect, it } from "vitest";
import { ingestScans } from "../../../src/domain/ingest/ingest-scans";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";
import type { Transcript } from "../../support/transcript";

/**
 * Issue 17 §1: a customer who booked a pickup follows its parcel. The courier enters the waybill
 * number of the collected pickup from /jobs; the customer gets the number in one message (with the
 * button to stop), and from then on hears of the parcel as any follower does.
 */
describe("issue 17: the waybill of a collected pickup, followed by its customer", () => {
  const h = useDeskHarness("pickup-waybill");
  let house = 500;

  async function collectedPickup(): Promise<{ customer: Transcript; id: string; road: string }> {
    house += 1;
    const road = `文昌路 ${house} 号`;
    const customer = h.customer();
    await customer.play([
      { say: "/pickup" },
      { say: `扬州市${road} 2 栋 202 室` },
      { say: "13812345678" },
      { say: "南京" },
      { say: "衣服" },
      { press: "否" },
      { press: "现付(寄件人付)" },
      { press: "今天(11月27日) 15:00 以后" },
      { press: "确认提交", expect: "已登记" },
    ]);
    const [pickup] = await h.desk.myPickups(customer.who.chat);
    if (!pickup) throw new Error("no pickup booked");
    await h.desk.assignPickup("sun", pickup.id, "zhang");
    await h.desk.acceptPickup("zhang", pickup.id);
    return { customer, id: pickup.id, road };
  }

  const waybillNotices = (customer: Transcript) =>
    h.notifier.toChat(customer.who.chat).filter((n) => n.key === "notice.pickup.waybill");

  it("the courier enters the number after collecting: the customer is told once and follows the parcel", async () => {
    const { customer, id, road } = await collectedPickup();
    const no = freshTrackingNo();
    const zhang = h.staff("zhang");
    await zhang.play([{ say: "/jobs" }, { press: road }, { press: "已取件", expect: "已登记取件" }]);
    expect(zhang.buttons()).toContain("录入运单号");
    await zhang.press("录入运单号");
    zhang.expectReply("请发送这单快件的运单号");
    await zhang.say("YT12"); // a typing mistake: asked again, nothing stored
    zhang.expectReply("这不是有效的运单号");
    expect(waybillNotices(customer)).toHaveLength(0);
    await zhang.say(no);
    zhang.expectReply(`已录入运单号 ${no}`);
    expect(zhang.received().perTurn.at(-1)).toBe(1);

    const told = waybillNotices(customer);
    expect(told).toHaveLength(1);
    expect(told[0]?.params).toMatchObject({ trackingNo: no });
    expect(told[0]?.actions?.map((a) => a.labelKey)).toEqual(["follow.button.stop"]);
    expect(await h.store.subscriptions.get(no, customer.who.chat)).toBeDefined();
    const audit = await h.store.audit.list({ subject: `parcel/${no}` });
    expect(audit.filter((e) => e.action === "pickup.waybill").map((e) => e.data)).toEqual([{ pickupId: id }]);

    // From now on the customer hears of the parcel like any follower.
    const deps = { ...h, store: h.store, scheduler: h.scheduler, notifier: h.notifier };
    await ingestScans(deps, [scan(no, "out_for_delivery", shanghai("16:00"), "南京城东")]);
    const due = await h.store.following.takeDue(shanghai("23:59"), 10);
    expect(due.map((p) => [p.trackingNo, p.kind])).toEqual([[no, "out_for_delivery"]]);
  });

  it("the same number again changes nothing; another number is refused; a pickup not collected cannot take one", async () => {
    const { customer, id, road } = await collectedPickup();
    const no = freshTrackingNo();
    expect(await h.desk.recordPickupWaybill("zhang", id, no)).toMatchObject({
      ok: false,
      reason: "not_collected",
    });
    const zhang = h.staff("zhang");
    await zhang.play([{ say: "/jobs" }, { press: road }, { press: "已取件" }]);
    await zhang.say(`运单号是 ${no}`); // typed straight on the collected pickup, in a sentence
    zhang.expectReply(`已录入运单号 ${no}`);
    expect(await h.desk.recordPickupWaybill("zhang", id, no)).toMatchObject({ ok: true, already: true });
    expect(await h.desk.recordPickupWaybill("zhang", id, freshTrackingNo())).toMatchObject({
      ok: false,
      reason: "other_waybill",
    });
    expect(await h.desk.recordPickupWaybill("liu", id, no)).toMatchObject({ ok: false, reason: "not_yours" });
    expect(waybillNotices(customer)).toHaveLength(1);
  });

  it("a number another parcel has (scanned before the booking, or entered on another pickup) is refused", async () => {
    const older = freshTrackingNo();
    await h.ingest([scan(older, "delivered", shanghai("08:00"), "北京朝阳")]); // before the booking
    const first = await collectedPickup();
    const second = await collectedPickup();
    const zhang = h.staff("zhang");
    await zhang.play([{ say: "/jobs" }, { press: first.road }, { press: "已取件" }]);
    await zhang.say(older);
    zhang.expectReply("已经是另一件快件的");
    expect(await h.store.subscriptions.get(older, first.customer.who.chat)).toBeUndefined();

    const fresh = freshTrackingNo();
    expect(await h.desk.recordPickupWaybill("zhang", first.id, fresh)).toMatchObject({ ok: true });
    await h.desk.collectPickup("zhang", second.id);
    expect(await h.desk.recordPickupWaybill("zhang", second.id, fresh)).toMatchObject({
      ok: false,
      reason: "used_elsewhere",
    });
    expect(waybillNotices(second.customer)).toHaveLength(0);
    expect(await h.store.subscriptions.get(fresh, second.customer.who.chat)).toBeUndefined();
  });
});
