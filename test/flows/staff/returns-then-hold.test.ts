import { describe, expect, it } from "vitest";
import { handleTimer } from "../../../src/domain/desk/timers";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

/**
 * The outside trial of the staff features (fixer F1): a parcel marked for return first (SOP-52,
 * /return) is never put on self-pickup nor handed out afterwards (SOP-51/52); one tap in /hold is
 * one message (SOP-50, SOP-51); the /return confirmation leaves out "0 customers told".
 */
describe("returns then holds (SOP-50..SOP-52)", () => {
  const h = useDeskHarness("staff-returns-then-hold");

  const deps = () => h.useCaseDeps();

  /** A parcel from 成都分公司, out for delivery in the east zone (SOP-43's delivery scan). */
  async function parcel(): Promise<string> {
    const no = freshTrackingNo();
    await h.ingest([
      scan(no, "arrived", shanghai("07:00"), "扬州分公司", { originBranch: "成都分公司" }),
      scan(no, "out_for_delivery", shanghai("08:00"), "城东"),
    ]);
    return no;
  }

  /** The trial's steps: agent wang records the origin's return request, courier zhang has the parcel. */
  async function markedForReturn(no: string) {
    const wang = h.staff("wang");
    await wang.say(`/return ${no}`);
    await wang.say("6.2");
    await wang.say("四川");
    await wang.press("张伟 105");
    await wang.press("确认退回");
    return wang;
  }

  it("SOP-52: /return with no follower leaves out the customers line; the courier is told once", async () => {
    const no = await parcel();
    h.notifier.clear();
    const wang = await markedForReturn(no);
    wang.expectReply(`已登记退回:${no},今天标注“退回 成都分公司”并扫描发出。已通知 张伟`);
    wang.expectNoReply("位关注此件的客户");
    wang.expectNoReply("0 位");
    expect(wang.received().perTurn).toEqual([1, 1, 1, 1, 1]);
    expect(h.notifier.toPerson("zhang").map((n) => n.key)).toEqual(["notice.return.bringBack"]);
  });

  it("SOP-52: with a follower, the customers line is said (one message)", async () => {
    const no = await parcel();
    const customer = h.customer();
    await h.desk.subscribe(customer.who.chat, "zh", no);
    const wang = await markedForReturn(no);
    wang.expectReply("1 位关注此件的客户已收到退回通知");
    expect(wang.received().perTurn).toEqual([1, 1, 1, 1, 1]);
  });

  it("SOP-52: a parcel marked for return cannot be put on hold: the courier is told to bring it back, nothing stored", async () => {
    const no = await parcel();
    await markedForReturn(no);
    h.notifier.clear();
    const zhang = h.staff("zhang");
    await zhang.say(`/hold ${no}`);
    zhang.expectReply(`${no} 已登记退回,不能自提,也不能交给客户:请今天标注“退回 成都分公司”并扫描发出`);
    // Not asked the SOP-53 question nor a place: nothing to hold.
    expect(zhang.buttons()).not.toContain("已联系上客户");
    expect(zhang.buttons()).not.toContain("东关分点");
    expect(zhang.received().perTurn).toEqual([1]);
    expect(await h.store.holds.openForParcel(no)).toBeUndefined();
    expect(h.scheduler.pending.size).toBe(0);
    expect(h.notifier.sent).toEqual([]);
  });

  it("SOP-37, SOP-52: a self-pickup note on a parcel marked for return is recorded, but starts no hold", async () => {
    const no = await parcel();
    await markedForReturn(no);
    const noted = await h.desk.recordProblem("zhang", no, {
      category: "self_pickup",
      details: { reason: "customer_asked", pickupAt: "2026-11-28 10:00", place: "head_office" },
    });
    expect(noted).toMatchObject({ ok: true, note: { category: "self_pickup" } });
    expect(noted.ok && noted.hold).toBeFalsy();
    expect(noted.ok && noted.markedForReturn?.marking).toBe("退回 成都分公司");
    expect(await h.store.holds.openForParcel(no)).toBeUndefined();
  });

  it("SOP-37, SOP-52: through /problem, the courier is told in the same reply that the parcel goes back", async () => {
    const no = await parcel();
    await markedForReturn(no);
    const zhang = h.staff("zhang");
    await zhang.play([
      { say: `/problem ${no}` },
      { press: "自取件" },
      { press: "客户要求自取" },
      { say: "11-28 10:00" },
      { press: "总公司" },
      { press: "确认" },
    ]);
    zhang.expectReply("已登记:");
    zhang.expectReply("不能自提,也不能交给客户");
    zhang.expectReply("退回 成都分公司");
    expect(zhang.received().perTurn.at(-1)).toBe(1);
    expect(await h.store.holds.openForParcel(no)).toBeUndefined();
  });

  it("SOP-52: the desk refuses the hold too (a button pressed before the return was recorded)", async () => {
    const no = await parcel();
    const zhang = h.staff("zhang");
    await zhang.say(`/hold ${no}`);
    await zhang.press("已联系上客户"); // SOP-53
    expect(zhang.buttons()).toContain("东关分点");
    await markedForReturn(no); // meanwhile, the origin asked it back
    await zhang.press("东关分点");
    zhang.expectReply("不能自提");
    zhang.expectReply("退回 成都分公司");
    zhang.expectNoReply("已登记:");
    expect(await h.store.holds.openForParcel(no)).toBeUndefined();
    expect(await h.desk.markHeld("chen", no, "东关分点")).toEqual({
      ok: false,
      reason: "marked_for_return",
      rule: "SOP-52",
      marking: "退回 成都分公司",
    });
    expect(await h.store.holds.openForParcel(no)).toBeUndefined();
  });

  it("SOP-52: a hold left open after the return is not handed out, and its origin is not messaged", async () => {
    const no = await parcel();
    await markedForReturn(no);
    // The state the trial left behind (a hold stored after the return, markedForReturnAt null),
    // as the old /hold, or a pickup opened by another path, wrote it.
    await h.store.holds.insert({
      id: "trial-hold",
      trackingNo: no,
      place: "东关分点",
      originBranch: "成都分公司",
      heldAt: h.clock.now(),
      originMessagedAt: null,
      originRepliedAt: null,
      markedForReturnAt: null,
      closedAt: null,
      closeReason: null,
    });
    const hold = await h.store.holds.openForParcel(no);
    if (!hold) throw new Error("no hold stored");

    const zhang = h.staff("zhang");
    await zhang.say(`/hold ${no}`);
    zhang.expectReply("不能自提,也不能交给客户");
    expect(zhang.buttons()).not.toContain("已取件");
    expect(await h.desk.markCollected("zhang", no)).toEqual({
      ok: false,
      reason: "not_held",
      rule: "SOP-52",
    });
    expect((await h.store.holds.get(hold.id))?.closedAt).toBeNull();

    // SOP-50's timer, three days on: the parcel goes back, the origin is not asked about its pickup.
    h.notifier.clear();
    h.clock.set(shanghai("10:00", "2026-11-30"));
    expect(await handleTimer(deps(), { kind: "hold-origin", subjectId: hold.id })).toBe("skipped");
    expect(h.notifier.withKey("notice.hold.messageOrigin")).toEqual([]);
  });

  it("SOP-50, SOP-51: one tap on 已留言对方公司 is one message, with the 对方公司已回复 button", async () => {
    const no = await parcel();
    const held = await h.desk.markHeld("wang", no, "东关分点", "reached");
    if (!held.ok) throw new Error("hold refused");
    h.clock.set(shanghai("10:30", "2026-11-30"));
    h.notifier.clear();
    const wang = h.staff("wang");
    await wang.say(`/hold ${no}`);
    await wang.press("已留言对方公司");
    wang.expectReply(`已记录留言对方公司:${no}。对方回复后请点“对方公司已回复”`);
    expect(wang.buttons()).toContain("对方公司已回复");
    expect(h.notifier.toPerson("wang")).toEqual([]);
    await wang.press("对方公司已回复");
    wang.expectReply("已记录对方公司回复");
    expect(wang.received().perTurn).toEqual([1, 1, 1]);
    expect(h.notifier.toPerson("wang")).toEqual([]);
    expect((await h.store.holds.get(held.hold.id))?.originRepliedAt).not.toBeNull();
  });

  it("SOP-50: the notice's 已留言对方公司 button is one message too, and its reply button works", async () => {
    const no = await parcel();
    const held = await h.desk.markHeld("wang", no, "东关分点", "reached");
    if (!held.ok) throw new Error("hold refused");
    h.notifier.clear();
    const wang = h.staff("wang");
    await wang.pressPayload(`a.ho.${held.hold.id}`);
    wang.expectReply(`已记录留言对方公司:${no}`);
    expect(wang.buttons()).toContain("对方公司已回复");
    expect(h.notifier.sent).toEqual([]);
    await wang.press("对方公司已回复");
    wang.expectReply("已记录对方公司回复");
    expect(wang.received().perTurn).toEqual([1, 1]);
  });
});
