import { describe, expect, it } from "vitest";
import { morningList, shiftHandover } from "../../../src/domain/desk";
import { handleTimer } from "../../../src/domain/desk/timers";
import type { Notice } from "../../../src/domain/ports";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

/**
 * Issue 12 §1, through the engine: the origin asks a parcel back (SOP-52) and the return is marked,
 * told and listed until scanned out; SOP-43 before SOP-51's automatic return; SOP-50's message
 * repeated and escalated; SOP-38's message a tracked task; SOP-53 asked before a hold.
 */
describe("returns (SOP-43, SOP-50..SOP-53, SOP-60, SOP-38)", () => {
  const h = useDeskHarness("staff-returns");

  const deps = () => h.useCaseDeps();

  /** A parcel from 南京分公司, out for delivery in the east zone (SOP-43's delivery scan). */
  async function parcel(opts: { deliveryScan?: boolean } = {}): Promise<string> {
    const no = freshTrackingNo();
    await h.ingest([
      scan(no, "arrived", shanghai("07:00"), "扬州分公司", { originBranch: "南京分公司" }),
      ...(opts.deliveryScan === false ? [] : [scan(no, "out_for_delivery", shanghai("08:00"), "城东")]),
    ]);
    return no;
  }

  /** Two customers follow the parcel. */
  async function followers(no: string) {
    const a = h.customer();
    const b = h.customer();
    await h.desk.subscribe(a.who.chat, "zh", no);
    await h.desk.subscribe(b.who.chat, "en", no);
    return [a.who.chat, b.who.chat] as const;
  }

  const digestFor = (notices: Notice[], personId: string) =>
    String(notices.find((n) => n.to.kind === "person" && n.to.personId === personId)?.params.extra ?? "");

  it("SOP-52, SOP-60: /return marks the parcel for return, tells the courier once and each follower once with the fee", async () => {
    const no = await parcel();
    const [zh, en] = await followers(no);
    h.notifier.clear();
    const wang = h.staff("wang");
    await wang.play([
      { say: `/return ${no}`, expect: ["退回 南京分公司", "重量多少公斤"] },
      { say: "七公斤", expect: "请输入重量公斤数" },
      { say: "7 kg", expect: "退回到哪个省" },
      { say: "火星", expect: "没有认出省份" },
      { say: "黑龙江哈尔滨", expect: "快件现在在哪里" },
      { press: "张伟 105", expect: ["14 元(网络班车,按 7 公斤计)", "通知:张伟", "航空退回可能另有费用"] },
    ]);
    expect(await h.store.returns.forParcel(no)).toBeUndefined(); // nothing before the confirmation
    await wang.press("确认退回");
    wang.expectReply(`已登记退回:${no},今天标注“退回 南京分公司”并扫描发出`);
    wang.expectReply("2 位关注此件的客户");
    expect(wang.received().perTurn).toEqual([1, 1, 1, 1, 1, 1, 1]);

    expect(await h.store.returns.forParcel(no)).toMatchObject({
      rule: "SOP-52",
      marking: "退回 南京分公司",
      weightKg: 7,
      destination: "黑龙江哈尔滨",
      feeYuan: 14,
      heldBy: "zhang",
      markedBy: "wang",
    });
    const r = await h.store.returns.forParcel(no);
    expect((await h.store.audit.list({ subject: `return/${r?.id}` })).map((a) => a.action)).toEqual([
      "return.marked",
    ]);
    // The courier who has it: one message; the warehouse (dispatch) none.
    expect(h.notifier.toPerson("zhang").map((n) => n.key)).toEqual(["notice.return.bringBack"]);
    expect(h.notifier.recipients("notice.return.warehouse")).toEqual([]);
    // Each follower: one message, in their language, with the fee; no rule ids.
    const toZh = h.notifier.toChat(zh);
    const toEn = h.notifier.toChat(en);
    expect(toZh.map((n) => n.key)).toEqual(["notice.return.requested"]);
    expect(toEn.map((n) => n.key)).toEqual(["notice.return.requested"]);
    expect(toZh[0]?.params.fee).toBe("退回费用:14 元(按 7 公斤计)。航空退回可能另有费用。");
    expect(toEn[0]?.params.fee).toBe("Return fee: 14 yuan (for 7 kg). A return by air may cost extra. ");
    expect(JSON.stringify([toZh, toEn])).not.toContain("SOP-");

    // Recorded again (a second agent, or the same one twice): refused before any question.
    const chen = h.staff("chen");
    await chen.say(`/return ${no}`);
    chen.expectReply(`${no} is already marked for return.`); // chen reads English
    expect(chen.received().perTurn).toEqual([1]);
    expect((await h.store.audit.list({ subject: `return/${r?.id}` })).length).toBe(1);
  });

  it("SOP-60: the fee the agent confirms and the follower reads: Xinjiang with no shuttle, Tibet at its own rate", async () => {
    const cases = [
      {
        where: "新疆乌鲁木齐",
        staff: "35 元(无网络班车,按 7 公斤计)",
        customer: "退回费用:35 元(按 7 公斤计)。",
      },
      { where: "Tibet", staff: "56 元(西藏,按 7 公斤计)", customer: "退回费用:56 元(按 7 公斤计)。" },
    ];
    for (const c of cases) {
      const no = await parcel();
      const [zh] = await followers(no);
      const wang = h.staff("wang");
      await wang.play([
        { say: `/return ${no}` },
        { say: "7" },
        { say: c.where },
        { press: "在网点仓库", expect: c.staff },
        { press: "确认退回", expect: "已登记退回" },
      ]);
      expect(wang.received().perTurn.slice(-5)).toEqual([1, 1, 1, 1, 1]);
      const told = h.notifier.toChat(zh);
      expect(told.map((n) => n.key)).toEqual(["notice.return.requested"]);
      expect(String(told[0]?.params.fee)).toContain(c.customer);
    }
  });

  it("SOP-52: a return not scanned out is in the handover and the next morning's list, until a departed scan", async () => {
    const no = await parcel();
    const wang = h.staff("wang");
    await wang.play([{ say: `/return ${no}` }, { say: "3" }, { say: "江苏南京" }, { press: "在网点仓库" }]);
    wang.expectReply("免费(江浙沪皖鲁西南)");
    await wang.press("确认退回");
    // The warehouse: the dispatch chat is told, once.
    expect(
      h.notifier.withKey("notice.return.warehouse").filter((n) => n.params.trackingNo === no),
    ).toHaveLength(1);

    h.clock.set(shanghai("18:30")); // closing: the handover
    const handover = digestFor(await shiftHandover(deps()), "wang");
    expect(handover).toContain(`• ${no}:2026-11-27 标记“退回 南京分公司”`);
    expect(handover).not.toContain(`${no}:2026-11-27 标记“退回 南京分公司”,当天未扫描发出`);

    h.clock.set(shanghai("08:00", "2026-11-28")); // the next desk morning
    const morning = digestFor(await morningList(deps()), "li");
    expect(morning).toContain(`• ${no}:2026-11-27 标记“退回 南京分公司”,当天未扫描发出`);

    await h.ingest([scan(no, "departed", shanghai("08:30", "2026-11-28"), "扬州分公司")]);
    h.clock.set(shanghai("18:30", "2026-11-28"));
    expect(digestFor(await shiftHandover(deps()), "wang")).not.toContain(no);
  });

  it("SOP-52 from /hold: the origin asks back a held parcel: the hold is marked, its timers cancelled, the warehouse told", async () => {
    const no = await parcel();
    const held = await h.desk.markHeld("wang", no, "东关分点", "reached");
    if (!held.ok) throw new Error("hold refused");
    await h.desk.recordOriginMessaged("wang", held.hold.id);
    h.notifier.clear();
    const wang = h.staff("wang");
    await wang.say(`/hold ${no}`);
    await wang.press("对方公司要求退回");
    wang.expectReply("重量多少公斤");
    await wang.say("12");
    await wang.say("Xinjiang");
    // Held: it is at the warehouse, so the "where is it" question is skipped.
    wang.expectReply("60 元(无网络班车,按 12 公斤计)");
    await wang.press("确认退回");
    expect(await h.store.holds.get(held.hold.id)).toMatchObject({ closedAt: null });
    const hold = await h.store.holds.get(held.hold.id);
    expect(hold?.markedForReturnAt).not.toBeNull();
    expect(hold?.originRepliedAt).not.toBeNull(); // the origin's answer to the SOP-50 message
    expect(h.scheduler.pending.has(`hold-return-${held.hold.id}`)).toBe(false);
    expect(h.notifier.withKey("notice.return.warehouse")).toMatchObject([
      { to: { kind: "dispatch" }, params: { trackingNo: no, place: "东关分点", marking: "退回 南京分公司" } },
    ]);
    expect(await h.desk.trackParcel(no)).toMatchObject({ status: "marked_for_return" });
  });

  it("SOP-43: /return on a parcel without a delivery scan is refused before any question and stores nothing", async () => {
    const no = await parcel({ deliveryScan: false });
    const wang = h.staff("wang");
    await wang.say(`/return ${no}`);
    wang.expectReply(`${no} 还没有派件扫描:请先做派件扫描,再登记退回。未保存。`);
    expect(await h.store.returns.forParcel(no)).toBeUndefined();
  });

  it("SOP-43, SOP-51: the automatic return waits for the delivery scan; the agents are told, and their button returns it once scanned", async () => {
    const no = await parcel({ deliveryScan: false });
    const held = await h.desk.markHeld("wang", no, "东关分点", "not_reached");
    if (!held.ok) throw new Error("hold refused");
    await h.desk.recordOriginMessaged("wang", held.hold.id);
    h.notifier.clear();
    h.clock.set(shanghai("10:00", "2026-12-02")); // five days after the message
    const id = held.hold.id;
    expect(await handleTimer(deps(), { kind: "hold-return", subjectId: id })).toEqual({
      deferUntil: shanghai("08:00", "2026-12-03"),
    });
    expect((await h.store.holds.get(id))?.markedForReturnAt).toBeNull();
    expect(await h.store.returns.forParcel(no)).toBeUndefined();
    const told = h.notifier.withKey("notice.return.needsDeliveryScan");
    expect(told.map((n) => n.to)).toEqual([
      { kind: "person", personId: "wang" },
      { kind: "person", personId: "chen" },
    ]);
    const button = `a.${told[0]?.actions?.[0]?.action}`;

    // Pressed before the scan: still refused.
    const wang = h.staff("wang");
    await wang.pressPayload(button);
    wang.expectReply("还没有派件扫描");
    await h.ingest([scan(no, "out_for_delivery", shanghai("10:30", "2026-12-02"), "城东")]);
    await wang.pressPayload(button);
    wang.expectReply(`已标记退回:${no}`);
    expect(await h.store.returns.forParcel(no)).toMatchObject({
      rule: "SOP-51",
      holdId: id,
      markedBy: "wang",
    });
    // Pressed again (or by chen): nothing more.
    await h.staff("chen").pressPayload(button);
    expect(
      (await h.store.audit.list({ subject: `hold/${id}` })).filter(
        (a) => a.action === "hold.marked_for_return",
      ),
    ).toHaveLength(1);
    expect(await handleTimer(deps(), { kind: "hold-return", subjectId: id })).toBe("skipped");
  });

  it("SOP-50: an origin message nobody records is repeated each desk morning and goes to the supervisors after a day", async () => {
    const no = await parcel();
    const held = await h.desk.markHeld("zhang", no, "东关分点", "reached");
    if (!held.ok) throw new Error("hold refused");
    const id = held.hold.id;
    h.notifier.clear();
    const run = async (at: Date) => {
      h.clock.set(at);
      return handleTimer(deps(), { kind: "hold-origin", subjectId: id });
    };
    // Monday 10:00 (three days): the task, and the customer reminded once.
    expect(await run(shanghai("10:00", "2026-11-30"))).toEqual({
      deferUntil: shanghai("08:00", "2026-12-01"),
    });
    expect(h.notifier.recipients("notice.hold.messageOrigin")).toEqual(["person:wang", "person:chen"]);
    // Tuesday's morning: again, not yet the supervisors.
    expect(await run(shanghai("08:00", "2026-12-01"))).toEqual({
      deferUntil: shanghai("10:00", "2026-12-01"),
    });
    expect(h.notifier.recipients("notice.hold.originRepeat")).toEqual(["person:wang", "person:chen"]);
    expect(h.notifier.toPerson("li")).toEqual([]);
    // A day after it fell due: the supervisors too.
    expect(await run(shanghai("10:00", "2026-12-01"))).toEqual({
      deferUntil: shanghai("08:00", "2026-12-02"),
    });
    expect(h.notifier.recipients("notice.hold.originEscalated")).toEqual(["person:li"]);
    // Recorded at last: the timer stops.
    const wang = h.staff("wang");
    await wang.pressPayload(`a.ho.${id}`);
    wang.expectReply("已记录留言对方公司");
    expect(await run(shanghai("08:00", "2026-12-02"))).toBe("skipped");
  });

  it("SOP-38: a missorted parcel's message to the origin is a task with its text, a button, and a reminder until sent", async () => {
    const no = await parcel();
    h.notifier.clear();
    const noted = await h.desk.recordProblem("zhang", no, {
      category: "missorted",
      details: { reason: "wrong_sort" },
    });
    expect(noted.ok).toBe(true);
    const first = h.notifier.withKey("notice.originTask.new");
    expect(first.map((n) => n.to)).toEqual([
      { kind: "person", personId: "wang" },
      { kind: "person", personId: "chen" },
    ]);
    expect(first[0]?.params.text).toBe(
      `运单号 ${no}:此件错分到我司(扬州分公司),原因:分拣错误。请贵司核实后安排转发正确网点。`,
    );
    const action = first[0]?.actions?.[0]?.action ?? "";
    const taskId = action.slice("os.".length);
    expect(h.scheduler.pending.get(`origin-task-${taskId}`)?.dueAt).toEqual(shanghai("08:00", "2026-11-28"));

    h.clock.set(shanghai("08:00", "2026-11-28"));
    expect(await handleTimer(deps(), { kind: "origin-task", subjectId: taskId })).toEqual({
      deferUntil: shanghai("10:00", "2026-11-28"),
    });
    expect(h.notifier.recipients("notice.originTask.repeat")).toEqual(["person:wang", "person:chen"]);
    h.clock.set(shanghai("10:00", "2026-11-28"));
    await handleTimer(deps(), { kind: "origin-task", subjectId: taskId });
    expect(h.notifier.recipients("notice.originTask.escalated")).toEqual(["person:li"]);

    h.clock.set(shanghai("18:30", "2026-11-28")); // the handover lists it while nobody has sent it
    expect(digestFor(await shiftHandover(deps()), "wang")).toContain(
      `• ${no}:2026-11-27 起需留言 南京分公司`,
    );

    const chen = h.staff("chen");
    await chen.pressPayload(`a.${action}`);
    chen.expectReply(`Recorded: the origin was messaged about ${no}.`);
    await h.staff("wang").pressPayload(`a.${action}`);
    expect((await h.store.originTasks.get(taskId))?.sentBy).toBe("chen");
    expect(h.scheduler.pending.has(`origin-task-${taskId}`)).toBe(false);
    expect(await handleTimer(deps(), { kind: "origin-task", subjectId: taskId })).toBe("skipped");
    expect(digestFor(await shiftHandover(deps()), "wang")).not.toContain(`${no}`);
    expect(
      (await h.store.audit.list({ subject: `origin-task/${taskId}` })).map((a) => a.action).sort(),
    ).toEqual(["origin_task.opened", "origin_task.sent"]);
  });

  it("SOP-38 at night (SOP-12): nobody is woken; the agents get the task at the next desk morning", async () => {
    const no = await parcel();
    h.clock.set(shanghai("21:00"));
    h.notifier.clear();
    const noted = await h.desk.recordProblem("zhang", no, {
      category: "missorted",
      details: { reason: "wrong_sort" },
    });
    expect(noted.ok).toBe(true);
    expect(h.notifier.withKey("notice.originTask.new")).toEqual([]);
    const [task] = (await h.store.originTasks.listOpen(1000)).filter((t) => t.trackingNo === no);
    expect(h.scheduler.pending.get(`origin-task-${task?.id}`)?.dueAt).toEqual(
      shanghai("08:00", "2026-11-28"),
    );
    h.clock.set(shanghai("08:00", "2026-11-28"));
    await handleTimer(deps(), { kind: "origin-task", subjectId: task?.id ?? "" });
    expect(h.notifier.recipients("notice.originTask.repeat")).toEqual(["person:wang", "person:chen"]);
  });

  it("SOP-53: /hold asks whether the customer was called before the place, and keeps the answer", async () => {
    const no = await parcel();
    const zhang = h.staff("zhang");
    await zhang.say(`/hold ${no}`);
    zhang.expectReply("已经电话联系客户了吗?");
    await zhang.press("还没打");
    zhang.expectReply("请先打电话联系客户");
    expect(zhang.buttons()).not.toContain("东关分点");
    await zhang.press("打了,没打通");
    await zhang.press("东关分点");
    const hold = await h.store.holds.openForParcel(no);
    expect(hold).toMatchObject({ place: "东关分点" });
    const opened = (await h.store.audit.list({ subject: `hold/${hold?.id}` })).find(
      (a) => a.action === "hold.opened",
    );
    expect(opened?.data).toMatchObject({ customerCalled: "not_reached", callRule: "SOP-53" });
    // Couriers do not record returns: no "origin asks back" for them.
    await zhang.say(`/hold ${no}`);
    expect(zhang.buttons()).not.toContain("对方公司要求退回");
  });
});
