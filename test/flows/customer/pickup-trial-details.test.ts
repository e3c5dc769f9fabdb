import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";

/**
 * An outside trial of the web chat as customers (pickups): details typed with the address fill
 * their own fields (SOP-20, SOP-26, SOP-27), typed words answer the button questions (SOP-26,
 * SOP-28), the cut-off is said only to one who asked for today (SOP-22), and the time reads the
 * same on the confirmation as in 我的取件预约 (SOP-20).
 */
const ASK_ADDRESS = "详细地址";
const ASK_PHONE = "联系电话";
const ASK_DESTINATION = "寄往哪个城市";
const ASK_GOODS = "请问要寄什么物品";
const ASK_AIR = "需要走航空件吗";
const ASK_PAYMENT = "付款方式";
const ASK_WHEN = "希望业务员什么时候上门";
const CHOOSE_BELOW = "请点击下面的按钮选择";

describe("SOP-20: details typed with the address fill their fields (trial §1)", () => {
  const h = useDeskHarness("pickup-trial-details");

  it("'明天下午来我家取件', then the address with phone, destination and goods: only air and payment are asked", async () => {
    const chat = h.customer();
    await chat.say("明天下午来我家取件");
    chat.expectReply(ASK_ADDRESS);
    await chat.say("文昌路100号3栋,电话13812345678,寄到北京,一箱衣服");
    chat.expectReply(ASK_AIR);
    for (const asked of [ASK_ADDRESS, ASK_PHONE, ASK_DESTINATION, ASK_GOODS]) chat.expectNoReply(asked);
    await chat.press("否");
    chat.expectReply(ASK_PAYMENT);
    await chat.press("到付(收件人付)");
    const summary = chat.text();
    expect(summary).toContain("地址:文昌路100号3栋\n");
    expect(summary).toContain("联系电话:13812345678");
    expect(summary).toContain("北京");
    expect(summary).toContain("一箱衣服");
    expect(summary).not.toContain(ASK_WHEN);
    // Four turns to the summary, one message each (was nine turns).
    expect(chat.received().perTurn).toEqual([1, 1, 1, 1]);
    await chat.press("确认提交");
    const [stored] = await h.desk.myPickups(chat.who.chat);
    expect(stored).toMatchObject({
      address: "文昌路100号3栋",
      phone: "13812345678",
      destination: "北京",
      goods: "一箱衣服",
      payment: "cod",
      pickupDay: "2026-11-28",
    });
    // Dispatch's list shows the address without the phone in it.
    const sun = h.staff("sun");
    await sun.say("/pickups");
    expect(sun.buttons()).toContain("明天(11月28日) 15:00 以后 · 文昌路100号3栋 · 待派单");
    sun.expectNoReply("13812345678");
  });

  it("the starting sentence with every detail: the first question is the air one", async () => {
    const chat = h.customer();
    await chat.say("明天下午来文昌路100号3栋取件,电话13812345678,寄到北京,一箱衣服");
    chat.expectReply(ASK_AIR);
    for (const asked of [ASK_ADDRESS, ASK_PHONE, ASK_DESTINATION, ASK_GOODS]) chat.expectNoReply(asked);
    expect(chat.received().perTurn).toEqual([1]);
  });

  it("'/pickup 寄两箱书到北京,明天下午来取,电话13812345678': goods, destination, time and phone are not asked", async () => {
    const chat = h.customer();
    await chat.say("/pickup 寄两箱书到北京,明天下午来取,电话13812345678");
    chat.expectReply(ASK_ADDRESS);
    await chat.say("文昌路100号3栋201室");
    chat.expectReply(ASK_AIR);
    await chat.press("否");
    await chat.press("现付(寄件人付)");
    chat.expectReply("物品:两箱书\n");
    chat.expectReply("寄往:北京\n");
    chat.expectReply("上门时间:明天(11月28日) 15:00 以后");
    expect(chat.received().perTurn).toEqual([1, 1, 1, 1]);
  });

  it("a name next to the phone or after 联系人: never stays in the address", async () => {
    for (const typed of [
      "文昌路100号3栋201室 张三 13812345678",
      "文昌路100号3栋201室,联系人:张三,手机 138-1234-5678",
    ]) {
      const chat = h.customer();
      await chat.play([{ say: "/pickup" }, { say: typed, expect: ASK_DESTINATION, absent: ASK_PHONE }]);
      await chat.play([{ say: "北京" }, { say: "衣服" }, { press: "否" }, { press: "现付(寄件人付)" }]);
      await chat.press("今天(11月27日) 15:00 以后");
      chat.expectReply("地址:文昌路100号3栋201室\n");
      await chat.press("确认提交");
      const [stored] = await h.desk.myPickups(chat.who.chat);
      expect(stored?.address).toBe("文昌路100号3栋201室");
      expect(stored?.phone).toBe("13812345678");
    }
  });

  it("a phone alone at the address step is kept; the address is asked again, then the phone is not", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: "13812345678", expect: "完整地址", absent: ASK_PHONE },
      { say: "文昌路100号3栋201室", expect: ASK_DESTINATION, absent: ASK_PHONE },
    ]);
    expect(chat.received().perTurn).toEqual([1, 1, 1]);
  });

  it("SOP-26: prohibited goods typed with the address are refused at once and asked in their turn", async () => {
    const chat = h.customer();
    await chat.play([{ say: "/pickup" }, { say: "文昌路100号3栋201室,13812345678,一箱烟花" }]);
    chat.expectReply("烟花");
    chat.expectReply(ASK_DESTINATION);
    await chat.say("北京");
    chat.expectReply(ASK_GOODS);
  });

  it("an address with spaces and no other detail is taken as before", async () => {
    const chat = h.customer();
    await chat.play([{ say: "/pickup" }, { say: "扬州市文昌路 88 号 3 栋 502 室", expect: ASK_PHONE }]);
  });
});

describe("SOP-26, SOP-28: typed words at the button questions (trial §2)", () => {
  const h = useDeskHarness("pickup-trial-typed");

  async function toAir() {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: "文昌路100号3栋201室" },
      { say: "13812345678" },
      { say: "北京" },
      { say: "衣服", expect: ASK_AIR },
    ]);
    return chat;
  }

  it.each([
    ["到付吧", "cod"],
    ["那就寄付吧", "sender_pays"],
    ["不要到付,寄付吧", "sender_pays"],
    ["月结的", "account"],
  ])("payment %j is %s, in one message", async (typed, payment) => {
    const chat = await toAir();
    await chat.press("否");
    await chat.say(typed);
    chat.expectReply(ASK_WHEN);
    chat.expectNoReply(CHOOSE_BELOW);
    expect(chat.last).toHaveLength(1);
    await chat.press("今天(11月27日) 15:00 以后");
    await chat.press("确认提交");
    const [stored] = await h.desk.myPickups(chat.who.chat);
    expect(stored?.payment).toBe(payment);
  });

  it("'寄付还是到付' names two: the buttons are asked again", async () => {
    const chat = await toAir();
    await chat.press("否");
    await chat.say("寄付还是到付");
    chat.expectReply(CHOOSE_BELOW);
    chat.expectReply(ASK_PAYMENT);
  });

  it.each([
    ["要的,走航空快一点", true],
    ["by road then", false],
    ["不走航空", false],
    ["不用了", false],
    ["走陆运吧", false],
  ])("at the air question %j is by air: %s", async (typed, byAir) => {
    const chat = await toAir();
    await chat.say(typed);
    chat.expectReply(ASK_PAYMENT);
    chat.expectNoReply(CHOOSE_BELOW);
    await chat.press("现付(寄件人付)");
    await chat.press("今天(11月27日) 15:00 以后");
    chat.expectReply(byAir ? "运输方式:航空" : "运输方式:陆运");
  });

  it("after an air refusal, 'by road then' sends it by road", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: "文昌路100号3栋201室" },
      { say: "13812345678" },
      { say: "北京" },
      { say: "充电宝" },
      { say: "要的,走航空", expect: "充电宝" },
      { say: "by road then", expect: ASK_PAYMENT, absent: CHOOSE_BELOW },
    ]);
  });
});

describe("SOP-22: the cut-off is said only for today (trial §3)", () => {
  const h = useDeskHarness("pickup-trial-cutoff");

  it("after 19:00, '明天下午来我家取件' hears no cut-off; '来我家取件' and '今天来取件' do", async () => {
    h.clock.set(shanghai("20:00"));
    const tomorrow = h.customer();
    await tomorrow.say("明天下午来我家取件");
    tomorrow.expectNoReply("截止");
    tomorrow.expectReply(ASK_ADDRESS);
    expect(tomorrow.received().perTurn).toEqual([1]);
    for (const typed of ["来我家取件", "今天来我家取件"]) {
      const chat = h.customer();
      await chat.say(typed);
      chat.expectReply("19:00 截止");
      chat.expectReply(ASK_ADDRESS);
    }
  });
});

describe("SOP-20: one rendering of the pickup time (trial §4)", () => {
  const h = useDeskHarness("pickup-trial-when");

  it("a time asked as 3点 reads the same on the summary, the confirmation and in 我的取件预约", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup 明天下午3点" },
      { say: "文昌路100号3栋201室" },
      { say: "13812345678" },
      { say: "北京" },
      { say: "衣服" },
      { press: "否" },
      { press: "现付(寄件人付)" },
    ]);
    const when = "明天(11月28日) 15:00 以后";
    chat.expectReply(`上门时间:${when}`);
    await chat.press("确认提交");
    chat.expectReply(`上门时间:${when}`);
    await chat.say("/mypickups");
    chat.expectReply(when);
  });
});

describe("我的取件预约: the button's own words typed there (trial §2)", () => {
  const h = useDeskHarness("pickup-trial-mine");

  it.each(["我的取件预约", "我的预约", "my pickups"])(
    "%j at the list shows the list again, not the menu",
    async (typed) => {
      const chat = h.customer();
      await chat.say("/mypickups");
      chat.expectReply("没有进行中的取件预约");
      await chat.say(typed);
      chat.expectReply("没有进行中的取件预约");
      chat.expectNoReply("请选择您要办理的业务");
      expect(chat.received().perTurn).toEqual([1, 1]);
    },
  );
});
