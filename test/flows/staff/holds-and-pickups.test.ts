import { describe, expect, it } from "vitest";
import type { ChatRef } from "../../../src/domain/kernel/chat";
import { t } from "../../../src/domain/messages";
import type { PickupDraft } from "../../../src/domain/pickups/rules";
import type { PickupRequest } from "../../../src/domain/ports/records";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

describe("self-pickup holds (SOP-37, SOP-50..SOP-52)", () => {
  const h = useDeskHarness("staff-holds");

  async function parcel(): Promise<string> {
    const no = freshTrackingNo();
    await h.ingest([scan(no, "arrived", shanghai("07:00"), "扬州分公司", { originBranch: "南京分公司" })]);
    return no;
  }

  it("SOP-37, SOP-50: /hold puts a parcel on hold at a branch point and says when the origin is due a message", async () => {
    const no = await parcel();
    const zhang = h.staff("zhang");
    await zhang.say("/hold");
    await zhang.say(no);
    await zhang.press("已联系上客户"); // SOP-53: asked first
    expect(zhang.buttons()).toEqual(["东关分点", "总公司", "取消"]);
    await zhang.press("东关分点");
    zhang.expectReply(`已登记:${no} 在 东关分点 自提。11-30 10:00 前未取,需留言对方公司`);
    expect(await h.store.holds.openForParcel(no)).toMatchObject({ place: "东关分点", closedAt: null });
  });

  it("a tracking number typed at the buttons moves on to that parcel (a pile of parcels, one after another)", async () => {
    const first = await parcel();
    const second = await parcel();
    const zhang = h.staff("zhang");
    await zhang.say(`/hold ${first}`);
    await zhang.press("已联系上客户"); // SOP-53
    zhang.expectReply(`${first} 暂存在哪里自提?`);
    await zhang.say(second);
    await zhang.press("打了,没打通"); // SOP-53, asked again for the next parcel
    zhang.expectReply(`${second} 暂存在哪里自提?`);
    await zhang.press("东关分点");
    expect(await h.store.holds.openForParcel(first)).toBeUndefined();
    expect((await h.store.holds.openForParcel(second))?.place).toBe("东关分点");
  });

  it("SOP-37: head office (总公司) is a place too", async () => {
    const no = await parcel();
    const wang = h.staff("wang");
    await wang.say(`/hold ${no}`);
    await wang.press("已联系上客户"); // SOP-53
    await wang.press("总公司");
    expect((await h.store.holds.openForParcel(no))?.place).toBe("总公司");
  });

  it("a held parcel shows its state and is marked collected with one tap", async () => {
    const no = await parcel();
    await h.desk.markHeld("wang", no, "东关分点");
    const zhang = h.staff("zhang");
    await zhang.say(`/hold ${no}`);
    zhang.expectReply(`${no} 在 东关分点 自提,10:00 起`);
    zhang.expectReply("等待取件;11-30 10:00 未取需留言对方公司");
    await zhang.press("已取件");
    zhang.expectReply(`已登记:${no} 已取件,自提结束`);
    expect(await h.store.holds.openForParcel(no)).toBeUndefined();
  });

  it("SOP-52: a parcel marked for return while the collected button was on screen is not handed out", async () => {
    const no = await parcel();
    const held = await h.desk.markHeld("wang", no, "东关分点");
    if (!held.ok) throw new Error("hold refused");
    const zhang = h.staff("zhang");
    await zhang.say(`/hold ${no}`);
    expect(zhang.buttons()).toContain("已取件");
    // Meanwhile the hold is marked for return (SOP-51's timer, or the origin asked for it back).
    await h.store.holds.updateOpen(held.hold.id, { markedForReturnAt: h.clock.now() });
    await zhang.press("已取件");
    zhang.expectReply(`${no} 已标记退回对方公司,不能交给客户`);
    zhang.expectNoReply("不在自提中");
    expect((await h.store.holds.get(held.hold.id))?.closedAt).toBeNull();
  });

  it("SOP-50, SOP-51: the origin messaged, then its reply, each recorded on the parcel's hold", async () => {
    const no = await parcel();
    const held = await h.desk.markHeld("wang", no, "东关分点");
    if (!held.ok) throw new Error("hold refused");
    h.clock.set(shanghai("10:30", "2026-11-30")); // 3 days on: the message is due

    const wang = h.staff("wang");
    await wang.say(`/hold ${no}`);
    wang.expectReply("⚠ 已满期限未取:请留言对方公司");
    await wang.press("已留言对方公司");
    wang.expectReply(
      `已记录留言对方公司:${no}。对方回复后请点“对方公司已回复”;12-05 10:30 前无回复将直接退回`,
    );
    expect((await h.store.holds.get(held.hold.id))?.originMessagedAt).toEqual(
      shanghai("10:30", "2026-11-30"),
    );

    await wang.say(`/hold ${no}`);
    expect(wang.buttons()).toEqual(["已取件", "对方公司已回复", "对方公司要求退回", "取消"]);
    await wang.press("对方公司已回复");
    wang.expectReply("已记录对方公司回复");
    expect((await h.store.holds.get(held.hold.id))?.originRepliedAt).not.toBeNull();
  });

  it("SOP-50: the notice button ho records the message; pressed again it is answered politely", async () => {
    const no = await parcel();
    const held = await h.desk.markHeld("wang", no, "东关分点");
    if (!held.ok) throw new Error("hold refused");
    const wang = h.staff("wang");
    await wang.pressPayload(`a.ho.${held.hold.id}`);
    wang.expectReply(`已记录留言对方公司:${no}`);
    await wang.pressPayload(`a.ho.${held.hold.id}`);
    wang.expectReply("已经记录过留言");
    await wang.pressPayload(`a.hr.${held.hold.id}`);
    wang.expectReply("已记录对方公司回复");
    await wang.pressPayload("a.hr.nonexistent");
    wang.expectReply("找不到这个自提件");
  });

  it("a customer pressing a hold's staff button changes nothing", async () => {
    const no = await parcel();
    const held = await h.desk.markHeld("wang", no, "东关分点");
    if (!held.ok) throw new Error("hold refused");
    const customer = h.customer();
    await customer.pressPayload(`a.ho.${held.hold.id}`);
    customer.expectNoReply("已记录");
    expect((await h.store.holds.get(held.hold.id))?.originMessagedAt).toBeNull();
  });
});

describe("dispatch and couriers (SOP-20, SOP-24)", () => {
  const h = useDeskHarness("staff-dispatch");

  let customers = 0;
  /** A pickup request at a house number no other test uses (buttons are found by the address). */
  async function request(street = "文昌路", more: Partial<PickupDraft> = {}): Promise<PickupRequest> {
    customers += 1;
    const address = `扬州市${street} ${100 + customers} 号`;
    const customer: ChatRef = { channel: "web", chatId: `dispatch-customer-${customers}` };
    const made = await h.desk.requestPickup({
      customer,
      language: "zh",
      contactName: "周先生",
      draft: { address, phone: "13900000000", goods: "衣服", payment: "cod", ...more },
    });
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    return made.pickup;
  }

  it("SOP-20: a dispatcher assigns a pickup (zone courier first) and the courier accepts with the notice button", async () => {
    const pickup = await request();
    const sun = h.staff("sun");
    await sun.say("/pickups");
    sun.expectReply("待派取件");
    await sun.press(pickup.address);
    sun.expectReply(`地址:${pickup.address}(片区:城东)`);
    sun.expectReply("联系人:周先生 13900000000");
    sun.expectNoReply("元"); // SOP-21: no price anywhere
    expect(sun.buttons().slice(0, 2)).toEqual(["★ 张伟(105) 本片区", "刘洋(106)"]);
    await sun.press("★ 张伟(105) 本片区");
    sun.expectReply("已派给 张伟(105),等待接单");
    expect(await h.store.pickups.get(pickup.id)).toMatchObject({ status: "assigned", courierId: "zhang" });

    const zhang = h.staff("zhang");
    await zhang.pressPayload(`a.pa.${pickup.id}`);
    zhang.expectReply("已接单");
    expect(zhang.buttons()).toEqual(["已取件", "货已备好,通知司机", "返回"]);
    expect(await h.store.pickups.get(pickup.id)).toMatchObject({ status: "accepted", courierId: "zhang" });
  });

  it("SOP-24: goods ready notifies the zone's driver at once", async () => {
    const pickup = await request();
    await h.desk.assignPickup("sun", pickup.id, "zhang");
    const zhang = h.staff("zhang");
    await zhang.say("/jobs");
    await zhang.press(pickup.address);
    await zhang.press("接单");
    await zhang.press("已取件");
    zhang.expectReply("已登记取件");
    expect((await h.store.pickups.get(pickup.id))?.status).toBe("collected");
    const before = h.notifier.toPerson("zhao").length;
    await zhang.press("货已备好,通知司机");
    zhang.expectReply("已通知司机 赵刚(201)");
    const toDriver = h.notifier.toPerson("zhao").slice(before);
    expect(toDriver.map((n) => n.key)).toEqual(["notice.pickup.goodsReady"]);
    expect(toDriver[0]?.params).toMatchObject({ courier: "张伟", address: pickup.address });
  });

  it("SOP-24: a zone with no driver is told to dispatch instead", async () => {
    const pickup = await request("扬子江路");
    await h.desk.assignPickup("sun", pickup.id, "liu");
    await h.desk.acceptPickup("liu", pickup.id);
    const liu = h.staff("liu");
    await liu.say("/jobs");
    await liu.press(pickup.address);
    await liu.press("货已备好,通知司机");
    liu.expectReply("本片区没有配司机,请告诉调度");
    await h.desk.collectPickup("liu", pickup.id); // off liu's list for the tests below
  });

  it("a courier declines with the notice button: one tap names the reason, the pickup goes back to dispatch with it", async () => {
    const pickup = await request();
    await h.desk.assignPickup("sun", pickup.id, "zhang");
    const zhang = h.staff("zhang");
    await zhang.pressPayload(`a.pd.${pickup.id}`);
    zhang.expectReply("为什么拒单?");
    expect(zhang.buttons()).toEqual(["今天排不开", "不顺路/太远", "物品不能收", "其他原因", "返回"]);
    // Nothing is declined before the reason is tapped.
    expect((await h.store.pickups.get(pickup.id))?.status).toBe("assigned");
    const before = h.notifier.sent.length;
    await zhang.press("今天排不开");
    zhang.expectReply("已拒单,退回调度重新派单(原因:今天排不开)");
    expect(await h.store.pickups.get(pickup.id)).toMatchObject({ status: "requested", courierId: null });
    expect((await h.store.pickups.events(pickup.id)).at(-1)).toMatchObject({
      event: "declined",
      note: "busy",
    });
    // The dispatcher reads who declined and why, with the pickup to place again.
    const toDispatch = h.notifier.sent.slice(before).filter((n) => n.to.kind === "dispatch");
    expect(toDispatch.map((n) => [n.key, n.params.courier, n.params.reason])).toEqual([
      ["notice.pickup.declined", "张伟(105)", "今天排不开"],
    ]);
  });

  it("declining from /jobs asks the reason too (English courier words)", async () => {
    const pickup = await request();
    await h.desk.assignPickup("sun", pickup.id, "zhang");
    const zhang = h.staff("zhang");
    await zhang.say("/lang en");
    await zhang.say("/jobs");
    await zhang.press(pickup.address);
    await zhang.press("Decline");
    zhang.expectReply("why decline?");
    await zhang.send({ kind: "photo", fileRef: "photo-1" }); // no reason: asked again with the buttons
    zhang.expectReply("why decline?");
    await zhang.press("Out of my way");
    zhang.expectReply("reason: Out of my way");
    expect((await h.store.pickups.events(pickup.id)).at(-1)).toMatchObject({
      event: "declined",
      note: "far",
    });
    await zhang.say("/lang zh");
  });

  it("SOP-20: a courier types the reason instead of tapping: it is the reason, and dispatch reads the words", async () => {
    const pickup = await request();
    await h.desk.assignPickup("sun", pickup.id, "zhang");
    const zhang = h.staff("zhang");
    await zhang.pressPayload(`a.pd.${pickup.id}`);
    zhang.expectReply("为什么拒单?");
    const before = h.notifier.sent.length;
    await zhang.say("车坏了,下午去不了");
    zhang.expectReply("已拒单,退回调度重新派单(原因:“车坏了,下午去不了”)");
    zhang.expectNoReply("请按下面的按钮选择");
    expect(await h.store.pickups.get(pickup.id)).toMatchObject({ status: "requested", courierId: null });
    expect((await h.store.pickups.events(pickup.id)).at(-1)).toMatchObject({
      event: "declined",
      note: "other:车坏了,下午去不了",
    });
    const toDispatch = h.notifier.sent.slice(before).filter((n) => n.to.kind === "dispatch");
    expect(toDispatch.map((n) => [n.key, n.params.courier, n.params.reason])).toEqual([
      ["notice.pickup.declined", "张伟(105)", "“车坏了,下午去不了”"],
    ]);
    const sun = h.staff("sun");
    await sun.say("/pickups");
    await sun.press(pickup.address);
    sun.expectReply("上次拒单:张伟(105),原因:“车坏了,下午去不了”");
    await h.desk.cancelPickup(pickup.customer, pickup.id); // off the list for the tests below
  });

  it("SOP-20: 'other reason' asks for a few words, one line, or skip (Chinese and English)", async () => {
    const typed = await request();
    await h.desk.assignPickup("sun", typed.id, "zhang");
    const zhang = h.staff("zhang");
    await zhang.play([
      { say: "/jobs" },
      { press: typed.address },
      { press: "不接", expect: "为什么拒单?" },
      { press: "其他原因", expect: ["请用一句话说明原因", "[跳过]"], absent: "已拒单" },
    ]);
    expect((await h.store.pickups.get(typed.id))?.status).toBe("assigned"); // nothing declined yet
    await zhang.say("客户电话一直打不通\n第二行不要");
    zhang.expectReply("原因:“客户电话一直打不通”");
    expect((await h.store.pickups.events(typed.id)).at(-1)?.note).toBe("other:客户电话一直打不通");

    const skipped = await request();
    await h.desk.assignPickup("sun", skipped.id, "liu");
    const liu = h.staff("liu");
    await liu.play([
      { say: "/lang en" },
      { say: "/jobs" },
      { press: skipped.address },
      { press: "Decline" },
      { press: "Other reason", expect: ["say why in a few words", "[Skip]"] },
      { press: "Skip", expect: "reason: Other reason" },
      { say: "/lang zh" },
    ]);
    expect((await h.store.pickups.events(skipped.id)).at(-1)).toMatchObject({
      event: "declined",
      note: "other",
    });

    const english = await request();
    await h.desk.assignPickup("sun", english.id, "liu");
    await liu.say("/lang en");
    await liu.pressPayload(`a.pd.${english.id}`);
    await liu.say("flat tyre, can't make it today");
    liu.expectReply("reason: “flat tyre, can't make it today”");
    await liu.say("/lang zh");
    for (const p of [typed, skipped, english]) await h.desk.cancelPickup(p.customer, p.id);
  });

  it("a card and a ping with no contact name show the phone alone: no dash, no stray space", async () => {
    const made = await h.desk.requestPickup({
      customer: { channel: "web", chatId: "dispatch-customer-noname" },
      language: "zh",
      draft: { address: "扬州市东关街 99 号", phone: "13812345678", goods: "书", payment: "cod" },
    });
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    const ping = h.notifier.sent.findLast((n) => n.key === "notice.pickup.new" && n.to.kind === "dispatch");
    // The ping masks the phone until a courier accepts (issue 10 §3); /pickups shows it to dispatch.
    expect(t("zh", "notice.pickup.new", ping?.params ?? {})).toContain("\n联系人:138****5678\n");
    expect(t("en", "notice.pickup.new", ping?.params ?? {})).toContain("\nContact: 138****5678\n");
    const sun = h.staff("sun");
    await sun.say("/pickups");
    await sun.press(made.pickup.address);
    sun.expectReply("\n联系人:13812345678\n");
    sun.expectNoReply("联系人:—");
    await h.desk.cancelPickup(made.pickup.customer, made.pickup.id);
  });

  it("SOP-20: after a decline with its reason, the dispatcher's /pickups card shows who declined, why and when", async () => {
    const pickup = await request();
    await h.desk.assignPickup("sun", pickup.id, "zhang");
    const sun = h.staff("sun");
    await sun.say("/pickups");
    await sun.press(pickup.address);
    sun.expectNoReply("上次拒单"); // nobody has declined it yet

    h.clock.set(shanghai("10:20"));
    const zhang = h.staff("zhang");
    await zhang.pressPayload(`a.pd.${pickup.id}`);
    await zhang.press("物品不能收");
    zhang.expectReply("已拒单");

    h.clock.set(shanghai("10:35"));
    await sun.say("/pickups");
    await sun.press(pickup.address);
    sun.expectReply("状态:待派单\n上次拒单:张伟(105),原因:物品不能收(10:20)");
    sun.expectReply("派给哪位业务员?");

    // A second courier declines it too: the card shows the last decline only.
    await h.desk.assignPickup("sun", pickup.id, "liu");
    h.clock.set(shanghai("10:50"));
    const liu = h.staff("liu");
    await liu.say("/jobs");
    await liu.press(pickup.address);
    await liu.press("不接");
    await liu.press("不顺路/太远");
    await sun.say("/pickups");
    await sun.press(pickup.address);
    sun.expectReply("上次拒单:刘洋(106),原因:不顺路/太远(10:50)");
    sun.expectNoReply("物品不能收");

    // An English-reading dispatcher reads it in English; the next day, with its date.
    await sun.say("/lang en");
    await sun.say("/pickups");
    await sun.press(pickup.address);
    sun.expectReply("Status: not yet assigned\nLast declined by 刘洋(106): Out of my way (10:50)");
    h.clock.set(shanghai("09:00", "2026-11-28"));
    await sun.say("/pickups");
    await sun.press(pickup.address);
    sun.expectReply("Last declined by 刘洋(106): Out of my way (11-27 10:50)");
    await sun.say("/lang zh");
    await h.desk.cancelPickup(pickup.customer, pickup.id); // off the list for the tests below
  });

  it("a courier accepting in private: the dispatch group is told who took the ping", async () => {
    const pickup = await request();
    const before = h.notifier.sent.length;
    const zhang = h.staff("zhang");
    await zhang.pressPayload(`a.pa.${pickup.id}`); // the private copy of the ping
    zhang.expectReply("已接单");
    const taken = h.notifier.sent.slice(before).filter((n) => n.key === "notice.pickup.taken");
    expect(taken).toMatchObject([
      { to: { kind: "dispatch" }, params: { address: pickup.address, courier: "张伟(105)" } },
    ]);
  });

  it("the customer is told when the courier collects; the group when a customer cancels", async () => {
    const pickup = await request();
    await h.desk.acceptPickup("zhang", pickup.id);
    const zhang = h.staff("zhang");
    await zhang.say("/jobs");
    await zhang.press(pickup.address);
    await zhang.press("已取件");
    expect(h.notifier.toChat(pickup.customer).map((n) => n.key)).toContain("notice.pickup.collected");

    const other = await request();
    await h.desk.cancelPickup(other.customer, other.id);
    expect(h.notifier.withKey("notice.pickup.cancelledForDispatch").at(-1)?.params).toMatchObject({
      address: other.address,
    });
  });

  it("another courier's accept button is refused politely and changes nothing", async () => {
    const pickup = await request();
    await h.desk.assignPickup("sun", pickup.id, "zhang");
    const liu = h.staff("liu");
    await liu.pressPayload(`a.pa.${pickup.id}`);
    liu.expectReply("这单已由其他业务员接了");
    expect(await h.store.pickups.get(pickup.id)).toMatchObject({ status: "assigned", courierId: "zhang" });
  });

  it("forged pickup buttons are answered politely; a customer's press has no staff effect", async () => {
    const zhang = h.staff("zhang");
    await zhang.pressPayload("a.pa.nonexistent");
    zhang.expectReply("找不到这个取件预约");
    await zhang.pressPayload("a.pd.nonexistent");
    zhang.expectReply("找不到这个取件预约");

    const pickup = await request();
    await h.desk.assignPickup("sun", pickup.id, "zhang");
    const customer = h.customer();
    await customer.pressPayload(`a.pa.${pickup.id}`);
    customer.expectNoReply("已接单");
    expect((await h.store.pickups.get(pickup.id))?.status).toBe("assigned");
  });

  it("SOP-23: a morning pickup shows the same times in the ping and on the dispatcher's card", async () => {
    const pickup = await request("文昌路", { morning: true });
    const ping = h.notifier.withKey("notice.pickup.new").find((n) => n.params.address === pickup.address);
    expect(ping?.params.when).toBe("今天(11月27日)上午 10:00–12:00,业务员与客户电话约定");
    const sun = h.staff("sun");
    await sun.say("/pickups");
    await sun.press(pickup.address);
    sun.expectReply(`取件:${ping?.params.when}`);
    sun.expectNoReply("15:00");
    // The list button names the same morning, shortly.
    await sun.say("/pickups");
    expect(sun.buttons()).toContain(`今天(11月27日)上午 · ${pickup.address} · 待派单`);
  });

  it("SOP-26: air transport reaches the ping, the courier's notice and the card", async () => {
    const pickup = await request("文昌路", { byAir: true, goods: "文件" });
    const pings = h.notifier.withKey("notice.pickup.new").filter((n) => n.params.address === pickup.address);
    expect(pings.map((n) => n.params.transport)).toEqual(["航空", "航空"]); // dispatch and the zone courier
    await h.desk.assignPickup("sun", pickup.id, "zhang");
    expect(h.notifier.withKey("notice.pickup.assigned").at(-1)?.params.transport).toBe("航空");
    const zhang = h.staff("zhang");
    await zhang.say("/jobs");
    // The courier's job list marks air in the same word.
    expect(zhang.buttons()).toContain(`今天(11月27日) 15:00 以后 · 航空 · ${pickup.address} · 已派单,待接单`);
    await zhang.press(pickup.address);
    zhang.expectReply("运输方式:航空");
    await h.desk.declinePickup("zhang", pickup.id, "busy"); // off zhang's list
  });

  it("/jobs with nothing assigned says so", async () => {
    const liu = h.staff("liu");
    await liu.say("/jobs");
    liu.expectReply("暂时没有取件任务");
  });
});

describe("dispatch: two dispatchers on one pickup (SOP-20)", () => {
  const h = useDeskHarness("staff-dispatch-race", {
    desk: (real) => ({
      ...real,
      // A colleague placed the pickup with liu a moment before this dispatcher's tap arrived.
      assignPickup: async (dispatcherId, pickupId, courierId) => {
        await real.assignPickup("sun", pickupId, "liu");
        const mine = await real.assignPickup(dispatcherId, pickupId, courierId);
        return mine.ok ? { ok: false, reason: "taken" } : mine;
      },
    }),
  });

  it("a pickup assigned by someone else meanwhile is said so, and the list shows it as it stands", async () => {
    const customer: ChatRef = { channel: "web", chatId: "dispatch-race-customer" };
    const made = await h.desk.requestPickup({
      customer,
      language: "zh",
      draft: { address: "扬州市文昌路 300 号", phone: "13900000000", goods: "衣服", payment: "cod" },
    });
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    const sun = h.staff("sun");
    await sun.say("/pickups");
    await sun.press("文昌路 300 号");
    sun.expectReply("付款:到付(收件人付)"); // the one payment label, as customers chose it
    await sun.press("★ 张伟(105) 本片区");
    sun.expectReply("这个预约刚被改派过");
    sun.expectNoReply("已派给 张伟(105),等待接单");
    expect(sun.buttons().some((b) => b.includes("文昌路 300 号") && b.includes("已派单,待接单"))).toBe(true);
  });
});
