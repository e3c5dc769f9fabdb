import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { useDeskHarness } from "../../support/desk-harness";
import type { Transcript } from "../../support/transcript";

const ADDRESS = "扬州市文昌路 88 号 3 栋 502 室";

/** Address, phone and destination answered: the goods question is on screen. */
async function upToGoods(chat: Transcript, destination = "北京"): Promise<void> {
  await chat.play([
    { say: "/pickup" },
    { say: ADDRESS },
    { say: "13812345678", expect: "寄往哪个城市" },
    { say: destination, expect: "要寄什么物品" },
  ]);
}

/** The rest of the form, by road, paid now, this afternoon: the summary is on screen. */
async function toSummary(chat: Transcript): Promise<void> {
  await chat.play([{ press: "现付(寄件人付)" }, { press: "今天(11月27日) 15:00 以后", expect: "确认提交" }]);
}

describe("SOP-27: the pickup asks where it goes and refuses a destination outside the coverage", () => {
  const h = useDeskHarness("pickup-destination");

  it("SOP-27: Hong Kong is refused at once, Lhasa is taken; the summary, the store and dispatch's card carry it", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678", expect: "请问寄往哪个城市" },
      {
        say: "香港",
        expect: ["「香港」不在我们快递网络的派送范围内", "请告诉我城市名称"],
        absent: "要寄什么物品",
      },
      { say: "拉萨", expect: "要寄什么物品", absent: "派送范围" },
      { say: "衣服" },
      { press: "否" },
    ]);
    await toSummary(chat);
    chat.expectReply("寄往:西藏拉萨");
    // One message per answer: the refusal is the question again, in one message.
    expect(chat.received().perTurn).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const before = h.notifier.sent.length;
    await chat.press("确认提交");
    const [stored] = await h.desk.myPickups(chat.who.chat);
    expect(stored).toMatchObject({ destination: "西藏拉萨", address: ADDRESS });
    const ping = h.notifier.sent
      .slice(before)
      .find((n) => n.key === "notice.pickup.new" && n.to.kind === "dispatch");
    expect(ping?.params).toMatchObject({ destination: "西藏拉萨" });
    expect(ping?.fields?.find((f) => f.labelKey === "card.field.destination")?.value).toBe("西藏拉萨");

    // The courier's view of it says where it goes.
    await h.desk.assignPickup("sun", stored?.id ?? "", "zhang");
    const zhang = h.staff("zhang");
    await zhang.say(`/jobs`);
    await zhang.press("文昌路 88 号");
    zhang.expectReply("寄往:西藏拉萨");
  });

  it("SOP-27: abroad is refused; words that name no place are asked again with an example; a province and city is taken", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "美国纽约", expect: "「美国」不在我们快递网络的派送范围内" },
      { say: "老家", expect: ["没能认出「老家」是哪里", "请写上省份和城市"] },
      { say: "浙江义乌", expect: "要寄什么物品" },
    ]);
  });

  it("SOP-27 in English: Urumqi is inside the coverage, Taipei is not", async () => {
    const chat = h.customer("en");
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678", expect: "Which city is it going to?" },
      { say: "Taipei", expect: "“台湾” is outside our network's delivery area" },
      { say: "Urumqi", expect: "What would you like to send?" },
      { say: "books" },
      { press: "No" },
      { press: "Sender pays now (现付)" },
      { press: "today (Nov 27), after 15:00", expect: "To: 新疆 (Urumqi)" },
    ]);
  });

  it("SOP-27: the destination can be changed from the summary", async () => {
    const chat = h.customer();
    await upToGoods(chat);
    await chat.play([{ say: "衣服" }, { press: "否" }]);
    await toSummary(chat);
    await chat.play([
      { press: "修改信息" },
      { press: "寄往城市", expect: "寄往哪个城市" },
      { say: "广州", expect: ["寄往:广东广州", "确认提交"] },
    ]);
  });

  it("SOP-27: a typed pickup sentence that says where it goes is not asked again", async () => {
    const chat = h.customer();
    await chat.say("明天下午3点来文昌路100号3栋201室取件,寄到拉萨");
    chat.expectReply("联系电话");
    await chat.say("13812345678");
    chat.expectReply("要寄什么物品"); // the destination was said: not asked
    chat.expectNoReply("寄往哪个城市");
    await chat.play([{ say: "衣服" }, { press: "否" }, { press: "现付(寄件人付)", expect: "寄往:西藏拉萨" }]);
  });

  it("SOP-27: a typed pickup sentence to a place outside the coverage says so first, then asks in its turn", async () => {
    const chat = h.customer();
    await chat.say("我要寄快递到香港");
    chat.expectReply("「香港」不在我们快递网络的派送范围内");
    chat.expectReply("详细地址");
    await chat.play([
      { say: ADDRESS },
      { say: "13812345678", expect: "寄往哪个城市" },
      { say: "深圳", expect: "要寄什么物品" },
    ]);
  });
});

describe("SOP-27: the destination in an English pickup sentence", () => {
  const h = useDeskHarness("pickup-destination-en");

  it("SOP-27: 'come to collect … send it to Hong Kong' is refused at once; 'to Lhasa' is taken and not asked", async () => {
    const away = h.customer("en");
    await away.say("please come to collect a box and send it to Hong Kong");
    away.expectReply("“香港” is outside our network's delivery area");
    const lhasa = h.customer("en");
    await lhasa.say("I need to send a parcel to Lhasa");
    await lhasa.play([{ say: ADDRESS }, { say: "13812345678", expect: "What would you like to send?" }]);
  });
});

describe("SOP-26: by air, goods with batteries, liquids, powders and blades are refused", () => {
  const h = useDeskHarness("pickup-air-goods");

  const classes: [goods: string, matched: string][] = [
    ["一部旧手机", "手机"], // a built-in lithium battery
    ["笔记本电脑", "笔记本电脑"],
    ["化妆品一套", "化妆品"], // a liquid
    ["两罐奶粉", "粉"], // a powder
    ["剪刀", "刀"], // a blade
  ];
  it.each(classes)("SOP-26: %j by air is refused (%s); by road it is taken", async (goods, matched) => {
    const chat = h.customer();
    await upToGoods(chat);
    await chat.play([
      { say: goods, expect: "需要走航空件吗" },
      { press: "是", expect: [`航空运输不收带有「${matched}」的物品`, "[改走陆运]", "[换一件物品]"] },
      { press: "改走陆运", expect: "付款方式" },
    ]);
    await toSummary(chat);
    chat.expectReply("运输方式:陆运");
    expect(chat.received().perTurn.every((n) => n === 1)).toBe(true);
  });

  it("SOP-26: ordinary goods go by air", async () => {
    const chat = h.customer();
    await upToGoods(chat);
    await chat.play([
      { say: "衣服两件", expect: "需要走航空件吗" },
      { press: "是", expect: "付款方式", absent: "航空运输不收" },
    ]);
    await toSummary(chat);
    chat.expectReply("运输方式:航空");
  });
});

describe("SOP-26: a branch extends the by-air list in its policy (goods.add.byAir)", () => {
  const h = useDeskHarness("pickup-air-policy");
  h.policy.goods = defaultPolicy({ goods: { add: { byAir: ["磁铁"] } } }).goods;

  it("SOP-26: the branch's own word is refused by air, and the defaults still are", async () => {
    const magnet = h.customer();
    await upToGoods(magnet);
    await magnet.play([
      { say: "磁铁", expect: "需要走航空件吗" },
      { press: "是", expect: "航空运输不收带有「磁铁」的物品" },
    ]);
    const phone = h.customer();
    await upToGoods(phone);
    await phone.play([{ say: "手机" }, { press: "是", expect: "航空运输不收带有「手机」的物品" }]);
  });
});
