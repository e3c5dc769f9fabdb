import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import type { Transcript } from "../../support/transcript";

/**
 * Issue 14 §2, as an outside trial typed it: a pickup asked for in a sentence starts the pickup
 * (not the menu), and what the sentence said (a time, an address) is not asked again; the payment
 * step takes the words people type (SOP-28). Only a courier asked to come is a pickup: a customer
 * coming for a parcel (SOP-37) or a question naming an address is not.
 */
const ADDRESS = "扬州市文昌路 88 号 3 栋 502 室";
const MENU = "请选择您要办理的业务";
const ASK_WHEN = "希望业务员什么时候上门";

/** From wherever the form is to its summary, answering what it asks (never the time). */
async function toSummary(chat: Transcript): Promise<string> {
  for (let i = 0; i < 8; i++) {
    const text = chat.text();
    if (chat.buttons().includes("确认提交")) return text;
    if (text.includes(ASK_WHEN)) throw new Error(`the time was asked again:\n${text}`);
    if (text.includes("联系电话")) await chat.say("13812345678");
    else if (text.includes("寄往哪个城市"))
      await chat.say("北京"); // SOP-27
    else if (text.includes("详细地址")) await chat.say(ADDRESS);
    else if (text.includes("物品")) await chat.say("衣服");
    else if (text.includes("航空")) await chat.press("否");
    else if (text.includes("付款方式")) await chat.press("现付(寄件人付)");
    else throw new Error(`unexpected question:\n${text}`);
  }
  throw new Error("never reached the summary");
}

describe("a pickup asked for in a sentence (issue 14 §2, SOP-20)", () => {
  const h = useDeskHarness("typed-pickup");

  it.each(["明天下午来我家取件", "明天下午来我家取个件", "来我家收件", "麻烦上门取件", "我要寄快递"])(
    "%j starts the pickup, in one message with its first question, no menu",
    async (text) => {
      const chat = h.customer();
      await chat.say(text);
      chat.expectReply("详细地址");
      chat.expectNoReply(MENU);
      expect(chat.received().perTurn).toEqual([1]);
    },
  );

  it.each(["我的快递什么时候可以取", "到哪里取件", "取件码"])(
    "SOP-37/50: %j is about a parcel at a pickup point: tracking, never the pickup form",
    async (text) => {
      const chat = h.customer();
      await chat.say(text);
      chat.expectNoReply("详细地址");
      chat.expectNoReply(MENU);
      chat.expectReply("运单号");
    },
  );

  it.each([
    "我下午来拿快递",
    "几点可以来取快递",
    "我可以来网点拿包裹吗",
    "我想来拿东西",
    "来回取件要多久",
    "后来收件人说没收到",
    "我明天来文昌路100号驿站取件",
  ])("SOP-37: %j is the customer coming for a parcel: never the pickup form, one reply", async (text) => {
    const chat = h.customer();
    await chat.say(text);
    chat.expectNoReply("详细地址");
    chat.expectNoReply("联系电话");
    chat.expectNoReply("「城东」片区");
    expect(chat.received().perTurn).toEqual([1]);
    expect(await h.desk.myPickups(chat.who.chat)).toEqual([]);
  });

  it.each(["我可以来网点拿包裹吗", "我明天来文昌路100号驿站取件", "我下午来拿快递"])(
    "SOP-37: %j (self-pickup at a point) is tracking: the waybill number is asked",
    async (text) => {
      const chat = h.customer();
      await chat.say(text);
      chat.expectReply("运单号");
    },
  );

  it("'寄个快递到北京,3点前能到吗': the 3 点 of a delivery question is no pickup time; the time is asked", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "寄个快递到北京,3点前能到吗", expect: "详细地址" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "衣服" },
      { press: "否" },
      // The time step is asked: no time was taken from the question.
      { press: "现付(寄件人付)", expect: ASK_WHEN },
    ]);
  });

  it("asked for a waybill number, a customer who asks for a pickup instead gets the pickup, in one message", async () => {
    const chat = h.customer();
    await chat.say("我下午来网点拿快递");
    chat.expectReply("运单号");
    await chat.say("明天下午3点来文昌路100号3栋201室取件");
    expect(chat.last).toHaveLength(1);
    chat.expectNoReply("不是运单号");
    chat.expectReply("手机号");
  });

  it("'明天下午3点来文昌路100号3栋201室取件,张三 13812345678': the address stored is the place only", async () => {
    const chat = h.customer();
    await chat.say("明天下午3点来文昌路100号3栋201室取件,张三 13812345678");
    chat.expectNoReply("详细地址");
    const summary = await toSummary(chat);
    expect(summary).toMatch(/地址:文昌路100号3栋201室\n/);
    await chat.press("确认提交");
    const [stored] = await h.desk.myPickups(chat.who.chat);
    expect(stored?.address).toBe("文昌路100号3栋201室");
  });

  it("'/pickup 文昌路100号3栋201室 张三 13812345678': the sentence is never stored as the address; it is asked", async () => {
    const chat = h.customer();
    await chat.say("/pickup 文昌路100号3栋201室 张三 13812345678");
    chat.expectReply("详细地址");
  });

  it("'我要寄快递,明天下午来取': the time is not asked again; the summary has tomorrow afternoon", async () => {
    const chat = h.customer();
    await chat.say("我要寄快递,明天下午来取");
    chat.expectReply("详细地址");
    const summary = await toSummary(chat);
    expect(summary).toContain("上门时间:明天(11月28日) 15:00 以后");
    await chat.press("确认提交");
    const [stored] = await h.desk.myPickups(chat.who.chat);
    expect(stored).toMatchObject({ pickupDay: "2026-11-28", morning: false });
  });

  it("'明天下午3点来文昌路 100 号取件': neither the address nor the time is asked; the phone comes first", async () => {
    const chat = h.customer();
    await chat.say("明天下午3点来文昌路 100 号取件");
    chat.expectReply("「城东」片区");
    chat.expectReply("联系电话");
    chat.expectNoReply("详细地址");
    expect(chat.received().perTurn).toEqual([1]); // the zone found and the phone question, one message
    const summary = await toSummary(chat);
    expect(summary).toContain("地址:文昌路100号");
    expect(summary).toContain("上门时间:明天(11月28日) 15:00");
    await chat.press("确认提交");
    const [stored] = await h.desk.myPickups(chat.who.chat);
    expect(stored?.earliestAt).toEqual(new Date(shanghai("15:00").getTime() + 24 * 3600_000));
  });

  it("'来我家取件' with no full address: the address is asked as usual (SOP-20: never half an address)", async () => {
    const chat = h.customer();
    await chat.say("来我家取件");
    chat.expectReply("详细地址");
    await chat.say(ADDRESS);
    chat.expectReply("联系电话");
  });

  it("SOP-22: a time the rules refuse ('今晚8点来我家取件') is asked at its step with the rules' answer", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "今晚8点来我家取件", expect: "详细地址" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "衣服" },
      { press: "否" },
      { press: "现付(寄件人付)", expect: "20:00已经过了取件截止时间 19:00", absent: ASK_WHEN },
    ]);
    expect(chat.buttons()[0]).toContain("明天(11月28日)");
    // Something that is no answer (a shared contact) asks the same way, with the rules' answer.
    await chat.send({ kind: "contact", phone: "+8613812345678", ownContact: true });
    chat.expectReply("截止时间");
    await chat.press("明天(11月28日) 15:00 以后");
    chat.expectReply("上门时间:明天(11月28日) 15:00 以后");
  });

  it("SOP-20: a time within the rules from '/pickup 明天下午3点' is not asked either", async () => {
    const chat = h.customer();
    await chat.say("/pickup 明天下午3点");
    const summary = await toSummary(chat);
    expect(summary).toContain("上门时间:明天(11月28日) 15:00");
  });
});

describe("an address in a sentence typed at the menu is no pickup request (issue 14 §2)", () => {
  const h = useDeskHarness("typed-pickup-menu");

  it.each([
    "文昌路100号有我的包裹吗",
    "文昌路100号3栋的快递放哪了",
    "我住文昌路100号3栋201,包裹被人拿走了",
    "文昌路100号这个地址能寄吗",
    ADDRESS,
    "北京市朝阳路 5 号",
    "文昌路",
  ])("%j never starts the pickup form", async (text) => {
    const chat = h.customer();
    await chat.say(text);
    chat.expectNoReply("联系电话");
    chat.expectNoReply("详细地址");
    chat.expectNoReply("「城东」片区");
    expect(chat.received().perTurn).toEqual([1]);
    expect(await h.desk.myPickups(chat.who.chat)).toEqual([]);
  });

  it("an address with nothing else asked gets the menu as before", async () => {
    for (const text of ["文昌路100号有我的包裹吗", ADDRESS, "北京市朝阳路 5 号", "文昌路"]) {
      const chat = h.customer();
      await chat.say(text);
      chat.expectReply(MENU);
    }
  });
});

describe("typed payment words at the payment step (SOP-28)", () => {
  const h = useDeskHarness("typed-pickup-pay");

  async function toPayment(chat: Transcript): Promise<void> {
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "衣服" },
      { say: "否", expect: "付款方式" },
    ]);
  }

  it.each([
    ["寄付", "sender_pays"],
    ["寄方付", "sender_pays"],
    ["到付", "cod"],
    ["收件人付", "cod"],
    ["货到付款", "cod"],
    ["月结", "account"],
    ["协议结算", "account"],
  ])("%j is the %s button", async (word, payment) => {
    const chat = h.customer();
    await toPayment(chat);
    await chat.play([{ say: word, expect: ASK_WHEN, absent: "请点击下面的按钮选择" }]);
    await chat.press("今天(11月27日) 15:00 以后");
    await chat.press("确认提交");
    const [stored] = await h.desk.myPickups(chat.who.chat);
    expect(stored?.payment).toBe(payment);
  });

  it("English: 'cash on delivery' is the COD button", async () => {
    const chat = h.customer("en");
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "books" },
      { say: "no", expect: "How will it be paid?" },
      { say: "cash on delivery", expect: "When should the courier come?" },
    ]);
  });

  it("a payment word where no payment button is offered is no payment: '寄付' as goods is the goods", async () => {
    const chat = h.customer();
    await chat.play([{ say: "/pickup" }, { say: ADDRESS }, { say: "13812345678" }, { say: "北京" }]);
    await chat.play([{ say: "寄付", expect: "需要走航空件吗" }]);
  });
});
