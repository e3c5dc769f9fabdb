import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";
import type { Transcript } from "../../support/transcript";

/**
 * Issue 14: the engine's dead ends, as a tester found them. §1 a typed request at a track answer
 * or the pickups list is that request, not "please choose below"; §2 typed answers that mean a
 * button; §3 a double tap is "already done", not "expired"; §4 /lang in the middle of a form
 * keeps the form.
 */
const ADDRESS = "扬州市文昌路 88 号 3 栋 502 室";

describe("no dead ends after a track answer or at the pickups list (issue 14 §1)", () => {
  const h = useDeskHarness("dead-ends-1");

  async function knownParcel(): Promise<string> {
    const no = freshTrackingNo();
    await h.ingest([scan(no, "arrived", shanghai("08:00"), "扬州转运中心")]);
    return no;
  }

  async function tracked(chat: Transcript): Promise<void> {
    const no = await knownParcel();
    await chat.say(no);
    chat.expectReply(`${no}`);
  }

  it("SOP-20: '我要寄快递' after a track answer starts the pickup, not 'choose below'", async () => {
    const chat = h.customer();
    await tracked(chat);
    await chat.play([{ say: "我要寄快递", expect: "详细地址", absent: "请选择下面的选项" }]);
    // the pickup runs: the address is taken
    await chat.play([{ say: ADDRESS, expect: "联系电话" }]);
  });

  it("SOP-21: '多少钱?' after a track answer gets the fee answer (no price), with the pickup button", async () => {
    const chat = h.customer();
    await tracked(chat);
    await chat.play([{ say: "多少钱?", expect: "由上门取件的业务员在取件时当面和您确认", absent: "请选择" }]);
    expect(chat.buttons()).toEqual(["预约取件"]);
    await chat.play([{ press: "预约取件", expect: "详细地址" }]);
  });

  it("a sentence naming another parcel after a track answer tracks that parcel", async () => {
    const chat = h.customer("en");
    await tracked(chat);
    const other = await knownParcel();
    await chat.play([
      { say: `where is my parcel ${other} ?`, expect: `${other}`, absent: "Please choose an option below" },
    ]);
    // a bare number is still the track answer's own: looked up again
    const third = await knownParcel();
    await chat.play([{ say: third, expect: `${third}` }]);
  });

  it("in English: 'I want to send a parcel' and 'how much to send to Beijing?' after a track answer", async () => {
    const chat = h.customer("en");
    await tracked(chat);
    await chat.play([
      { say: "I want to send a parcel", expect: "full pickup address", absent: "Please choose" },
    ]);
    const other = h.customer("en");
    await tracked(other);
    await other.play([
      {
        say: "how much to send to Beijing?",
        expect: "the courier agrees it with you",
        absent: "Please choose",
      },
    ]);
  });

  it("at /mypickups, '我要寄快递' and 'how much?' are those requests; the buttons still work", async () => {
    const chat = h.customer();
    await chat.say("/mypickups");
    chat.expectReply("没有进行中的取件预约");
    await chat.play([{ say: "我要寄快递", expect: "详细地址", absent: "请点击下面的按钮" }]);
    const en = h.customer("en");
    await en.say("/mypickups");
    await en.play([{ say: "how much?", expect: "the courier agrees it with you", absent: "Please choose" }]);
  });

  it("a form never passes: '多少钱?' in the middle of a pickup keeps the answers given", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS, expect: "联系电话" },
      { say: "我要寄快递" },
      { say: "13812345678", expect: "寄往哪个城市" },
      { say: "北京", expect: "要寄什么物品" }, // SOP-27: the destination
    ]);
    expect(await h.desk.myPickups(chat.who.chat)).toEqual([]);
  });
});

describe("typed answers that mean a button (issue 14 §2)", () => {
  const h = useDeskHarness("dead-ends-2");

  it("SOP-20, SOP-28: '不用' at by-air, '月结' at payment, '确认' at the summary: one pickup recorded", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "衣服", expect: "需要走航空件吗" },
      { say: "不用", expect: "付款方式" },
      { say: "月结", expect: "什么时候上门" },
    ]);
    await chat.press("今天(11月27日) 15:00 以后");
    await chat.play([{ say: "确认", expect: "您的取件预约已登记" }]);
    const [stored] = await h.desk.myPickups(chat.who.chat);
    expect(stored).toMatchObject({ payment: "account", byAir: false, status: "requested" });
  });

  it("SOP-28: '现付' and 'ok' do the same; in English 'no', '到付' and 'Submit'", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "书" },
      { say: "否" },
      { say: "现付", expect: "什么时候上门" },
    ]);
    await chat.press("今天(11月27日) 15:00 以后");
    await chat.play([{ say: "ok", expect: "您的取件预约已登记" }]);
    const en = h.customer("en");
    await en.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "books", expect: "Should it go by air?" },
      { say: "no", expect: "How will it be paid?" },
      { say: "到付", expect: "When should the courier come?" },
    ]);
    await en.press("today");
    await en.play([{ say: "Submit", expect: "Your pickup request is recorded" }]);
    const [first] = await h.desk.myPickups(chat.who.chat);
    const [second] = await h.desk.myPickups(en.who.chat);
    expect(first?.payment).toBe("sender_pays");
    expect(second?.payment).toBe("cod");
  });

  it("'是的' confirms a cancellation at /mypickups, '不' keeps it", async () => {
    const chat = h.customer();
    const requested = async () => {
      const result = await h.desk.requestPickup({
        customer: chat.who.chat,
        language: "zh",
        draft: {
          address: ADDRESS,
          phone: "13812345678",
          goods: "衣服",
          payment: "sender_pays",
          byAir: false,
        },
      });
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      return result.pickup;
    };
    const pickup = await requested();
    await chat.play([{ say: "/mypickups" }, { say: "取消", expect: "确定要取消取件预约" }]);
    await chat.play([{ say: "不", expect: "预约保持不变" }]);
    await chat.play([{ say: "/mypickups" }, { say: "取消" }, { say: "是的", expect: "已为您取消取件预约" }]);
    expect((await h.store.pickups.get(pickup.id))?.status).toBe("cancelled");
  });

  it("SOP-10: '好的' at 'shall I ask a person?' for a number with no scans opens the query; '不用' does not", async () => {
    const chat = h.customer();
    const no = freshTrackingNo();
    await chat.say(no);
    await chat.play([{ say: "不用", expect: "过一会儿再发一次单号" }]);
    expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
    await chat.say(no);
    await chat.say("好的");
    const [query] = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(query?.trackingNo).toBe(no);
  });

  it("text that fits two buttons, or one letter, presses nothing: the flow gets it as text", async () => {
    const chat = h.customer();
    for (const address of [ADDRESS, "扬州市东关街 5 号 2 栋 201 室"]) {
      const result = await h.desk.requestPickup({
        customer: chat.who.chat,
        language: "zh",
        draft: { address, phone: "13812345678", goods: "衣服", payment: "sender_pays", byAir: false },
      });
      expect(result.ok).toBe(true);
    }
    // "取消" starts both cancel buttons: no button; as typed text it ends the list (nothing cancelled)
    await chat.play([{ say: "/mypickups" }, { say: "取消", absent: "确定要取消取件预约" }]);
    const open = await h.desk.myPickups(chat.who.chat);
    expect(open.map((p) => p.status)).toEqual(["requested", "requested"]);
    const other = h.customer();
    await other.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "衣服" },
      { say: "否" },
      // one letter is no button's start: the question again
      { say: "付", expect: "付款方式", absent: "什么时候上门" },
    ]);
  });
});

describe("a double tap is 'already done' (issue 14 §3)", () => {
  const h = useDeskHarness("dead-ends-3");

  it("SOP-20: 确认提交 tapped twice records one pickup and says so, in Chinese and English", async () => {
    for (const [hint, toast] of [
      [undefined, "已收到,无需重复点击。"],
      ["en", "Already done — no need to tap again."],
    ] as const) {
      const chat = h.customer(hint);
      await chat.play([
        { say: "/pickup" },
        { say: ADDRESS },
        { say: "13812345678" },
        { say: hint ? "Beijing" : "北京" }, // SOP-27: the destination
        { say: "衣服" },
      ]);
      await chat.play([{ say: hint ? "No" : "否" }, { say: hint ? "Sender pays" : "现付" }]);
      await chat.press(hint ? "today" : "今天");
      const submit = chat.payloadOf(hint ? "Submit" : "确认提交");
      await chat.pressPayload(submit);
      await chat.pressPayload(submit);
      expect(chat.toasts()).toEqual([toast]);
      expect(chat.received().perTurn.at(-1)).toBe(0);
      expect(await h.desk.myPickups(chat.who.chat)).toHaveLength(1);
    }
  });
});

describe("/lang in the middle of a form keeps the form (issue 14 §4)", () => {
  const h = useDeskHarness("dead-ends-4");

  it("SOP-20: a pickup's current question is asked again in English; the address given is kept", async () => {
    const chat = h.customer();
    await chat.play([{ say: "/pickup" }, { say: ADDRESS, expect: "联系电话" }]);
    await chat.say("/lang en");
    chat.expectReply("Switched to English.");
    chat.expectReply("Please leave a contact number");
    expect(chat.received().perTurn.at(-1)).toBe(1);
    await chat.play([
      { say: "13812345678", expect: "Which city is it going to" },
      { say: "Beijing", expect: "What would you like to send?" }, // SOP-27: the destination
      { say: "clothes" },
      { say: "no" },
      { say: "Sender pays" },
    ]);
    await chat.press("today");
    chat.expectReply(ADDRESS);
    // at the summary, back to Chinese: the summary again, its buttons in Chinese and live
    await chat.say("/lang zh");
    chat.expectReply("已切换为中文。");
    chat.expectReply(`地址:${ADDRESS}`);
    await chat.play([{ press: "确认提交", expect: "您的取件预约已登记" }]);
    expect(await h.desk.myPickups(chat.who.chat)).toHaveLength(1);
  });

  it("a flow that is no form still restarts with the menu", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/human" },
      { say: "/lang en", expect: ["Switched to English.", "What would you like to do?"] },
    ]);
  });

  it("SOP-13: an agent's branch query keeps the branch given across /lang", async () => {
    const no = freshTrackingNo();
    await h.ingest([scan(no, "arrived", shanghai("07:00"))]);
    const wang = h.staff("wang");
    await wang.play([
      { say: "/branchquery", expect: "哪家兄弟公司来查件" },
      { say: "南京分公司", expect: "请输入运单号" },
    ]);
    await wang.say("/lang en");
    expect(wang.text()).toBe("Switched to English.\n\nTracking number:\n[Cancel]");
    await wang.play([{ say: no }, { say: "收件人说没收到", expect: "南京分公司" }]);
    await wang.say("/lang zh");
  });

  it("SOP-32: a problem note's question is asked again in English, the category kept", async () => {
    const no = freshTrackingNo();
    await h.ingest([scan(no, "arrived", shanghai("07:00"), "扬州分公司", { originBranch: "南京分公司" })]);
    const zhang = h.staff("zhang");
    await zhang.play([{ say: "/problem" }, { say: no }, { press: "改地址" }, { press: "收件人要求" }]);
    await zhang.say("/lang en");
    expect(zhang.text()).toBe(
      "Switched to English.\n\ndetailed new address: type the full address (street and number)\n[Cancel]",
    );
    await zhang.say("/lang zh");
    zhang.expectReply("详细新地址");
    await zhang.play([{ say: "扬州市文昌路 90 号 2 栋 101 室" }, { say: "李娜" }, { press: "跳过(未变更)" }]);
    zhang.expectReply("原因:收件人要求"); // the category and the first answer, given before the switches
  });
});
