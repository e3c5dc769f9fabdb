import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";
import type { ScriptStep } from "../../support/transcript";

/** Steps of a note: press a button (by its label) or type a text. */
const press = (label: string): ScriptStep => ({ press: label });
const say = (text: string): ScriptStep => ({ say: text });

const ADDRESS = "扬州市文昌路 88 号 3 栋 201 室";

describe("problem-parcel notes (SOP-30..SOP-45)", () => {
  const h = useDeskHarness("staff-problem");

  /** A parcel that arrived this morning (and, for returns, went out for delivery: SOP-43). */
  async function parcel(outForDelivery = false): Promise<string> {
    const no = freshTrackingNo();
    const scans = [scan(no, "arrived", shanghai("07:00"), "扬州分公司", { originBranch: "南京分公司" })];
    if (outForDelivery) scans.push(scan(no, "out_for_delivery", shanghai("08:00"), "扬州分公司"));
    await h.ingest(scans);
    return no;
  }

  /** Starts a note for a new parcel as this staff member; returns the chat and the number. */
  async function startNote(personId = "zhang", outForDelivery = false) {
    const no = await parcel(outForDelivery);
    const chat = h.staff(personId);
    await chat.say("/problem");
    chat.expectReply("请输入运单号");
    await chat.say(no);
    chat.expectReply(`${no} 是什么问题件?`);
    return { chat, no };
  }

  describe("each category accepted with its fields, one question at a time", () => {
    const cases: [rule: string, category: string, steps: ScriptStep[], expected: Record<string, unknown>][] =
      [
        [
          "SOP-30",
          "地址不详",
          [press("已联系上"), press("片区"), say(ADDRESS), say("11-28 10:00")],
          {
            reason: "contacted",
            handledBy: "zone",
            correctedAddress: ADDRESS,
            deliveryAt: "2026-11-28T02:00:00.000Z",
          },
        ],
        [
          "SOP-30",
          "地址不详",
          [press("未联系上"), press("公司"), press("现在"), press("关机")],
          {
            reason: "not_reached",
            handledBy: "company",
            contactAt: "2026-11-27T02:00:00.000Z",
            contactFailure: "switched_off",
          },
        ],
        [
          "SOP-31",
          "地址搬迁",
          [press("已联系上"), say(ADDRESS)],
          { reason: "contacted", newAddress: ADDRESS },
        ],
        [
          "SOP-31",
          "地址搬迁",
          [press("未联系上"), say("9:40"), press("通话中")],
          { reason: "not_reached", contactAt: "2026-11-27T01:40:00.000Z", contactFailure: "busy" },
        ],
        [
          "SOP-32",
          "改地址",
          [press("收件人要求"), say(ADDRESS), say("李娜"), press("跳过")],
          { reason: "recipient_asked", newAddress: ADDRESS, newRecipient: "李娜", newPhone: null },
        ],
        [
          "SOP-33",
          "送无人",
          [press("无人接"), say("09:30")],
          { reason: "no_answer", attemptAt: "2026-11-27T01:30:00.000Z" },
        ],
        ["SOP-34", "到付拒收", [press("嫌贵")], { reason: "too_expensive" }],
        [
          "SOP-35",
          "超区件",
          [press("今天取不了"), press("明天")],
          { reason: "cannot_today", day: "2026-11-28" },
        ],
        ["SOP-35", "超区件", [press("客户不自取")], { reason: "wont_collect" }],
        [
          "SOP-36",
          "拆包验货件",
          [say("收件人要求先开箱验货再签收"), press("片区")],
          { reason: "收件人要求先开箱验货再签收", told: "zone" },
        ],
        [
          "SOP-37",
          "自取件",
          [press("客户要求自取"), say("11-28 09:00"), press("东关分点")],
          { reason: "customer_asked", pickupAt: "2026-11-28T01:00:00.000Z", place: "东关分点" },
        ],
        ["SOP-38", "错分件", [press("分拣错误")], { reason: "wrong_sort" }],
        [
          "SOP-39",
          "退回件",
          [press("收件人要求"), say("收件人说没有订购")],
          { requestedBy: "recipient", reason: "收件人说没有订购" },
        ],
        [
          "SOP-45",
          "外包装完好内件破损",
          [press("内件破损"), press("是")],
          { reason: "broken", signedRefusal: "yes" },
        ],
      ];

    it.each(cases)(
      "%s: %s is recorded once every field is given and confirmed",
      async (rule, category, steps, expected) => {
        const { chat, no } = await startNote("zhang", category === "退回件");
        await chat.press(category);
        await chat.play(steps);
        chat.expectReply(`问题件 ${no}\n类别:${category}`);
        chat.expectNoReply(rule); // the summary names no rule id
        chat.expectReply("确认登记?");
        expect(await h.store.problems.listByParcel(no)).toEqual([]); // nothing before the confirm
        await chat.press("确认");
        chat.expectReply(`已登记:${no} ${category}`);
        const notes = await h.store.problems.listByParcel(no);
        expect(notes).toHaveLength(1);
        const stored = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== null));
        expect(notes[0]).toMatchObject({ category: expect.any(String), recordedBy: "zhang" });
        expect(notes[0]?.details).toEqual(stored);
      },
    );
  });

  describe("each category refused without what it needs: the rule in plain words, asked again, nothing stored", () => {
    const cases: [rule: string, category: string, wrong: string, steps: ScriptStep[], reply: string][] = [
      ["SOP-30", "地址不详", "搬走了", [press("已联系上"), press("片区")], "地址要完整"],
      ["SOP-31", "地址搬迁", "城东", [press("已联系上")], "地址要完整"],
      ["SOP-32", "改地址", "文昌路", [press("寄件人要求")], "地址要完整"],
      ["SOP-33", "送无人", "23:00", [press("停机")], "这个时间还没到"],
      ["SOP-41", "地址不详", "11:30", [press("未联系上"), press("公司")], "这个时间还没到"],
      ["SOP-41", "地址搬迁", "挂了", [press("未联系上"), say("09:00")], "请按按钮选择"],
      ["SOP-34", "到付拒收", "不想要了", [], "请按按钮选择"],
      ["SOP-35", "超区件", "11-20", [press("客户自取")], "这一天已经过去了"],
      ["SOP-36", "拆包验货件", "要验货", [], "请写得详细一些"],
      ["SOP-37", "自取件", "明天上午", [press("客户要求自取")], "时间格式不对"],
      ["SOP-38", "错分件", "不知道", [], "请按按钮选择"],
      ["SOP-39", "退回件", "退", [press("发件公司要求")], "请写得详细一些"],
      ["SOP-45", "外包装完好内件破损", "否", [press("内件渗漏或受潮")], "须收件人在签名后写“拒收”才能登记"],
    ];

    it.each(cases)("%s: %s refuses %s", async (_rule, category, wrong, steps, reply) => {
      const { chat, no } = await startNote("wang", category === "退回件");
      await chat.press(category);
      await chat.play(steps);
      const question = chat.text();
      await chat.say(wrong);
      chat.expectReply(reply);
      // The same question again (its last line), with its buttons.
      expect(chat.text()).toContain(
        question
          .split("\n")
          .filter((l) => !l.startsWith("["))
          .at(-1) ?? "",
      );
      await chat.press("取消");
      chat.expectReply("已取消");
      expect(await h.store.problems.listByParcel(no)).toEqual([]);
    });
  });

  it("SOP-42: 'the courier was rude' typed as the reason is refused as no problem reason, nothing stored", async () => {
    const { chat, no } = await startNote("zhang");
    await chat.say("客户说业务员态度差,拒收");
    chat.expectReply("不送上楼或态度问题不作为问题件留言。");
    chat.expectReply("未登记");
    expect(await h.store.problems.listByParcel(no)).toEqual([]);
    // The flow is over: a tracking number now is not taken as the next answer.
    await chat.say("错分件");
    chat.expectNoReply("分拣错误");
  });

  it("SOP-42: the stairs-or-rudeness button gives the rule, nothing stored", async () => {
    const { chat, no } = await startNote("wang");
    await chat.press("不送上楼 / 态度问题");
    chat.expectReply("不送上楼或态度问题不作为问题件留言。");
    expect(await h.store.problems.listByParcel(no)).toEqual([]);
  });

  it("SOP-42: a free-text reason about not carrying it upstairs is refused the moment it is typed", async () => {
    const { chat, no } = await startNote("zhang", true);
    await chat.press("退回件");
    await chat.press("收件人要求");
    await chat.say("业务员不送上楼,收件人拒收");
    chat.expectReply("");
    expect(await h.store.problems.listByParcel(no)).toEqual([]);
  });

  it("SOP-34: a COD refusal for 'no invoice' is stored, and the staff member is told it counts as delayed", async () => {
    const { chat, no } = await startNote("zhang");
    await chat.press("到付拒收");
    await chat.press("没有发票");
    chat.expectReply("⚠ 没有发票不是认可的拒收理由:此件仍计为延误");
    await chat.press("确认");
    chat.expectReply("已保存,但此件仍计为延误");
    const [note] = await h.store.problems.listByParcel(no);
    expect(note).toMatchObject({
      category: "cod_refused",
      details: { reason: "no_invoice" },
      countsAsDelayed: true,
    });
  });

  it("SOP-34: 'too expensive' is not counted as delayed", async () => {
    const { chat, no } = await startNote("zhang");
    await chat.press("到付拒收");
    await chat.press("嫌贵");
    await chat.press("确认");
    chat.expectNoReply("延误");
    const [note] = await h.store.problems.listByParcel(no);
    expect(note?.countsAsDelayed).toBe(false);
  });

  it("SOP-43: a return of a parcel with no delivery scan is refused at once, nothing stored", async () => {
    const { chat, no } = await startNote("wang", false);
    await chat.press("退回件");
    chat.expectReply("此件还没有派件扫描,须先由片区做派件扫描,才能退回。");
    chat.expectReply("未登记");
    expect(await h.store.problems.listByParcel(no)).toEqual([]);
  });

  it("SOP-39, SOP-52: a return the sender's company asked for goes back today", async () => {
    const { chat, no } = await startNote("wang", true);
    await chat.press("退回件");
    await chat.press("发件公司要求");
    await chat.say("发件人要求退回");
    await chat.press("确认");
    chat.expectReply("今天退回,标注“退回 XX公司”并扫描");
    const [note] = await h.store.problems.listByParcel(no);
    expect(note?.followUps).toEqual(["return_same_day"]);
  });

  it("SOP-37, SOP-50: a self-pickup note at head office puts the parcel on hold, so the 3-day clock runs", async () => {
    const { chat, no } = await startNote("zhang");
    await chat.press("自取件");
    await chat.press("客户要求自取");
    await chat.say("14:00");
    await chat.press("总公司");
    await chat.press("确认");
    chat.expectReply(`已登记:${no} 在 总公司 自提。11-30 10:00 前未取,需留言对方公司`);
    const hold = await h.store.holds.openForParcel(no);
    expect(hold).toMatchObject({ place: "总公司", originBranch: "南京分公司" });
  });

  it("SOP-37, SOP-50: a self-pickup note on a parcel already held keeps the one hold and says so", async () => {
    const { chat, no } = await startNote("zhang");
    const held = await h.desk.markHeld("wang", no, "东关分点");
    if (!held.ok) throw new Error("hold refused");
    await chat.press("自取件");
    await chat.press("客户要求自取");
    await chat.say("14:00");
    await chat.press("总公司");
    await chat.press("确认");
    chat.expectReply(`${no} 已经在自提中`);
    expect(await h.store.holds.openForParcel(no)).toMatchObject({ id: held.hold.id, place: "东关分点" });
  });

  it("SOP-41: 'now' fills the call time, and typing HH:MM at the next question corrects it", async () => {
    const { chat, no } = await startNote("zhang");
    await chat.press("地址搬迁");
    await chat.press("未联系上");
    chat.expectReply("联系时间(时:分):输入 时:分");
    await chat.press("现在 10:00");
    chat.expectReply("已填 10:00。如需更正,直接输入 时:分");
    chat.expectReply("未联系上的原因");
    await chat.say("9:50");
    chat.expectReply("联系时间(时:分) 已更正为 09:50");
    chat.expectReply("未联系上的原因"); // still the same question
    await chat.press("关机");
    chat.expectReply("联系时间(时:分):09:50");
    await chat.press("确认");
    const [note] = await h.store.problems.listByParcel(no);
    expect(note?.details).toEqual({
      reason: "not_reached",
      contactAt: "2026-11-27T01:50:00.000Z",
      contactFailure: "switched_off",
    });
  });

  it("SOP-33: 'now' on the last question can be corrected at the summary; a future correction is refused", async () => {
    h.clock.set(shanghai("11:15"));
    const { chat, no } = await startNote("zhang");
    await chat.press("送无人");
    await chat.press("送无人联系明天送");
    await chat.press("现在");
    chat.expectReply("派送未成功的日期和时间:11:15");
    await chat.say("12:00");
    chat.expectReply("这个时间还没到");
    await chat.say("11:05");
    chat.expectReply("派送未成功的日期和时间:11:05");
    await chat.press("确认");
    chat.expectReply("明天再派送");
    const [note] = await h.store.problems.listByParcel(no);
    expect(note?.details).toEqual({ reason: "agreed_tomorrow", attemptAt: "2026-11-27T03:05:00.000Z" });
    expect(note?.followUps).toEqual(["redeliver_next_day"]);
  });

  it("SOP-35: a day that passed between the answer and the confirm is refused by the desk with the field listed", async () => {
    const { chat, no } = await startNote("zhang");
    await chat.press("超区件");
    await chat.press("客户自取");
    await chat.press("今天");
    h.clock.set(shanghai("00:10", "2026-11-28"));
    await chat.press("确认");
    chat.expectReply("以下内容不符合要求:哪一天取。");
    chat.expectReply("未登记");
    expect(await h.store.problems.listByParcel(no)).toEqual([]);
  });

  it("asks again for a tracking number that is malformed or was never scanned here (the desk's precheck), keeping the category", async () => {
    const chat = h.staff("zhang");
    await chat.say("/problem");
    await chat.say("12");
    chat.expectReply("运单号格式不对");
    const unknown = freshTrackingNo();
    await chat.say(unknown);
    await chat.press("送无人");
    chat.expectReply(`系统里没有 ${unknown} 的扫描记录,请核对后重新输入`);
    const no = await parcel();
    await chat.say(no);
    chat.expectNoReply("是什么问题件");
    await chat.press("送无人联系明天送");
    await chat.press("现在");
    await chat.press("确认");
    const [note] = await h.store.problems.listByParcel(no);
    expect(note?.category).toBe("nobody_home");
    expect(await h.store.problems.listByParcel(unknown)).toEqual([]);
  });

  it("/problem with the number as an argument goes straight to the category; labels follow the language", async () => {
    const no = await parcel();
    const chat = h.staff("wang");
    await chat.say("/lang en");
    await chat.say(`/problem ${no}`);
    chat.expectReply(`What kind of problem parcel is ${no}?`);
    await chat.press("COD refused");
    await chat.press("no invoice");
    chat.expectReply("⚠ No invoice is not an accepted reason");
    await chat.press("Confirm");
    chat.expectReply("Stored, but the parcel still counts as delayed.");
    await chat.say("/lang zh");
  });

  it("drivers and customers cannot record problem notes", async () => {
    const no = await parcel();
    for (const chat of [h.staff("zhao"), h.customer()]) {
      await chat.say(`/problem ${no}`);
      chat.expectNoReply("是什么问题件");
    }
    expect(await h.store.problems.listByParcel(no)).toEqual([]);
  });
});
