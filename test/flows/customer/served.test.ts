import { describe, expect, it } from "vitest";
import { useDeskHarness } from "../../support/desk-harness";
import type { Transcript } from "../../support/transcript";

const MENU = "请选择您要办理的业务";

/** SOP-21: no amount of money in anything the customer read. */
function expectNoPrice(chat: Transcript): void {
  for (const turn of chat.turns) {
    for (const reply of turn.replies)
      expect(JSON.stringify(reply)).not.toMatch(/\d\s*(元|块|yuan)|¥|￥|RMB/i);
  }
}

/** One message answered it, and it was not the menu. */
function answeredOnce(chat: Transcript): void {
  expect(chat.received().perTurn).toEqual([1]);
  chat.expectNoReply(MENU);
  chat.expectNoReply("Please choose");
}

describe("SOP-1, SOP-27: a customer asks whether a place is served (one message, never the menu)", () => {
  const h = useDeskHarness("served");

  it.each([
    ["你们送不送新疆", "可以寄到新疆,在我们快递网络的派送范围内"],
    ["能寄到拉萨吗", "可以寄到西藏拉萨"],
    ["新疆乌鲁木齐能发吗?", "可以寄到新疆乌鲁木齐"],
  ])("SOP-1: %j is answered from the coverage, with the pickup button", async (text, answer) => {
    const chat = h.customer();
    await chat.say(text);
    answeredOnce(chat);
    chat.expectReply(answer);
    chat.expectReply("运费由上门取件的业务员和您当面商定");
    expect(chat.buttons()).toEqual(["预约取件"]);
    expectNoPrice(chat);
    await chat.press("预约取件");
    chat.expectReply("详细地址");
  });

  it("SOP-27: a place outside the coverage is said plainly, without a pickup button", async () => {
    const chat = h.customer();
    await chat.say("能寄到香港吗?");
    answeredOnce(chat);
    chat.expectReply("很抱歉,「香港」不在我们快递网络的派送范围内");
    expect(chat.buttons()).toEqual([]);
  });

  it("SOP-1: an address of a zone is answered from the directory: the zone, and the pickup button", async () => {
    const chat = h.customer();
    await chat.say("文昌路100号能上门吗");
    answeredOnce(chat);
    chat.expectReply("「文昌路」在我们网点的上门范围内(属于城东片区)");
    expect(chat.buttons()).toEqual(["预约取件"]);
  });

  it("SOP-1: an address in no zone gets our zones and the hotline", async () => {
    const chat = h.customer();
    await chat.say("我这边朝阳区xx路能上门吗");
    answeredOnce(chat);
    chat.expectReply("「朝阳区xx路」不在我们网点的上门范围内");
    chat.expectReply("• 城东:文昌路、东关街");
    chat.expectReply("• 城西:西门街、扬子江路、西湖镇");
    chat.expectReply("0514-8000000");
  });

  it("SOP-1: the area asked about in general: the mainland and the zones", async () => {
    const chat = h.customer();
    await chat.say("你们的派送范围是哪些?");
    answeredOnce(chat);
    chat.expectReply("中国大陆各省、自治区、直辖市(港澳台及海外暂不收寄)");
    chat.expectReply("• 城东:文昌路、东关街");
  });

  it("SOP-1 in English: Urumqi is covered, Hong Kong is not", async () => {
    const yes = h.customer("en");
    await yes.say("Do you deliver to Urumqi?");
    answeredOnce(yes);
    yes.expectReply("Yes, we deliver to 新疆 (Urumqi)");
    expect(yes.buttons()).toEqual(["Request a pickup"]);
    const no = h.customer("en");
    await no.say("can you ship to Hong Kong");
    answeredOnce(no);
    no.expectReply("Sorry, “香港” is outside our network's delivery area");
  });

  it("a sentence that only looks like one ('这个能寄吗', '明天能送到吗') is read as before", async () => {
    for (const text of ["这个能寄吗", "明天能送到吗"]) {
      const chat = h.customer();
      await chat.say(text);
      chat.expectNoReply("派送范围");
      chat.expectNoReply("上门范围");
    }
  });
});

describe("SOP-21: a customer asks a price (one message, never a price, never the menu)", () => {
  const h = useDeskHarness("served-price");

  it.each([
    ["寄一个5公斤的到广州多少钱", "由上门取件的业务员在取件时当面和您确认"],
    ["寄到拉萨运费怎么算?", "由上门取件的业务员在取件时当面和您确认"],
    ["how much to send to Beijing", "the courier agrees it with you in person when collecting"],
    ["What's the price for 3kg to Lhasa?", "the courier agrees it with you in person when collecting"],
  ])("SOP-21: %j is told the courier agrees the fee on collection", async (text, answer) => {
    const chat = h.customer(/[a-z]/i.test(text[0] ?? "") ? "en" : undefined);
    await chat.say(text);
    answeredOnce(chat);
    chat.expectReply(answer);
    expectNoPrice(chat);
  });

  it("SOP-21: asked in the middle of a pickup, the answer comes with the same question again; nothing is lost", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: "扬州市文昌路 88 号 3 栋 502 室" },
      { say: "13812345678" },
      { say: "北京" },
      { say: "寄一个5公斤的要多少钱?", expect: ["运费由上门取件的业务员和您当面商定", "要寄什么物品"] },
      { say: "衣服", expect: "需要走航空件吗" },
    ]);
    expectNoPrice(chat);
  });
});
