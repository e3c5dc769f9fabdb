import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";
import type { Transcript } from "../../support/transcript";

/**
 * Issue 14 §2: what customers type instead of pressing buttons, end to end through the engine, in
 * Chinese and English. Outside a flow each request reaches its answer; inside a flow only a whole
 * request for a person or to cancel is taken, and anything else is the flow's.
 */
const ADDRESS = "扬州市文昌路 88 号 3 栋 502 室";

/** SOP-21: no amount of money in anything the customer read. */
function expectNoPrice(chat: Transcript): void {
  for (const turn of chat.turns) {
    for (const reply of turn.replies)
      expect(JSON.stringify(reply)).not.toMatch(/\d\s*(元|块|yuan)|¥|￥|RMB/i);
  }
}

describe("typed requests outside any flow (issue 14 §2)", () => {
  const h = useDeskHarness("intents");

  async function knownParcel(): Promise<string> {
    const no = freshTrackingNo();
    await h.ingest([
      scan(no, "arrived", shanghai("06:20"), "扬州转运中心"),
      scan(no, "out_for_delivery", shanghai("09:30"), "扬州东关营业部"),
    ]);
    return no;
  }

  it("SOP-10: 人工 asks what it is about, then the answer becomes one query", async () => {
    const chat = h.customer();
    await chat.say("人工");
    chat.expectReply("请简单说说您需要什么帮助");
    expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
    await chat.say("我想改一下收件地址");
    chat.expectReply("您的问题已转给客服");
    const open = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(open.map((q) => q.text)).toEqual(["我想改一下收件地址"]);
  });

  it("SOP-10: 转人工 with the question in it is not asked twice", async () => {
    const chat = h.customer();
    await chat.say("转人工!我想把到付改成现付");
    chat.expectReply("您的问题已转给客服");
    chat.expectNoReply("请简单说说");
    expect(chat.last).toHaveLength(1);
    const [query] = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(query?.text).toBe("转人工!我想把到付改成现付");
  });

  it("a person asked for about a parcel is asked what about it", async () => {
    const no = freshTrackingNo();
    const chat = h.customer();
    await chat.say(`人工 ${no}`);
    chat.expectReply(`请问关于运单 ${no},您想了解什么?`);
    await chat.say("能不能放门卫");
    const [query] = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(query).toMatchObject({ trackingNo: no, text: "能不能放门卫" });
  });

  it("English: 'real person please' asks the question in English", async () => {
    const chat = h.customer("en");
    await chat.say("real person please");
    chat.expectReply("Please tell us briefly what you need help with");
    await chat.say("Can I change the delivery address?");
    chat.expectReply("Your question is with our desk");
  });

  it("SOP-82: a typed complaint naming a parcel and what happened is recorded at once, in one message", async () => {
    const no = freshTrackingNo();
    const chat = h.customer();
    await chat.say(`我要投诉!${no} 快递员态度太差了😡`);
    chat.expectReply("您的投诉已登记");
    chat.expectNoReply("请告诉我们发生了什么"); // nothing asked twice
    expect(chat.last).toHaveLength(1);
    expect(chat.text()).not.toContain("SOP");
    const mine = (await h.store.complaints.listOpen(1000)).filter((c) => c.trackingNo === no);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.text).toContain("快递员态度太差了");
    expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
  });

  it("SOP-82: English, 'I want to make a complaint' starts /complain in English", async () => {
    const chat = h.customer("en");
    await chat.say("I want to make a complaint");
    chat.expectReply("Please send the tracking number it is about");
    expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
  });

  it("SOP-70: 投诉你们快递员 is a complaint, 我要理赔 a claim; pickup and tracking sentences stay theirs", async () => {
    const chat = h.customer();
    await chat.say("投诉你们快递员");
    chat.expectReply("请发送相关的运单号");
    await chat.say("取消");
    await chat.say("我要理赔");
    chat.expectReply("请发送需要理赔的快件运单号");
    await chat.say("取消");
    await chat.say("我要寄快递,明天下午来取");
    chat.expectReply("详细地址");
    await chat.say("取消");
    await chat.say("我的快递到哪了");
    chat.expectNoReply("理赔");
    chat.expectNoReply("投诉");
  });

  it("SOP-21: 多少钱? is answered in one message with no price, and the pickup offer starts the pickup", async () => {
    const chat = h.customer();
    await chat.say("寄到北京多少钱?");
    expect(chat.last).toHaveLength(1);
    chat.expectReply("业务员在取件时当面和您确认");
    expect(chat.buttons()).toEqual(["预约取件"]);
    expectNoPrice(chat);
    await chat.press("预约取件");
    chat.expectReply("详细地址");
  });

  it("SOP-21: English, 'how much?' gets the same answer in English", async () => {
    const chat = h.customer("en");
    await chat.say("How much does it cost to send a parcel to Shanghai?");
    expect(chat.last).toHaveLength(1);
    chat.expectReply("the courier agrees it with you in person");
    expect(chat.buttons()).toEqual(["Request a pickup"]);
    expectNoPrice(chat);
  });

  it("SOP-20: 我要寄快递 starts the pickup request", async () => {
    const chat = h.customer();
    await chat.say("我要寄快递");
    chat.expectReply("详细地址");
    await chat.say(ADDRESS);
    chat.expectReply("联系电话");
  });

  it("SOP-20: English, 'I want to send a parcel' starts the pickup request", async () => {
    const chat = h.customer("en");
    await chat.say("I want to send a parcel");
    chat.expectReply("Please send the full pickup address");
  });

  it("SOP-10: 我的快递到哪了 asks for the number, then tracks it", async () => {
    const no = await knownParcel();
    const chat = h.customer();
    await chat.say("我的快递到哪了?");
    chat.expectReply("请发送您的运单号");
    await chat.say(no);
    chat.expectReply(`运单 ${no}:正在派送`);
  });

  it("a tracking number inside a sentence is tracked, in Chinese and English", async () => {
    const no = await knownParcel();
    const zh = h.customer();
    await zh.say(`单号${no}到哪了`);
    zh.expectReply(`运单 ${no}:正在派送`);
    const en = h.customer("en");
    await en.say(`where is my parcel ${no.toLowerCase()}`);
    en.expectReply(`Parcel ${no}: out for delivery`);
    expect(await h.store.queries.listOpenByAsker(en.who.chat)).toEqual([]);
  });

  it("a number typed in full-width characters inside a sentence is tracked", async () => {
    const no = await knownParcel();
    const wide = no.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const chat = h.customer();
    await chat.say(`请问${wide}什么时候到?`);
    chat.expectReply(`运单 ${no}:正在派送`);
  });

  it("取消 outside a flow does what /cancel does; 取消取件 lists the requests to cancel", async () => {
    const chat = h.customer();
    await chat.say("取消");
    chat.expectReply("已取消");
    chat.expectReply("请选择您要办理的业务");
    await chat.say("我要取消预约");
    chat.expectReply("您目前没有进行中的取件预约");
  });

  it("English: 'cancel my pickup' lists the requests", async () => {
    const chat = h.customer("en");
    await chat.say("cancel my pickup");
    chat.expectReply("You have no open pickup requests");
  });

  it("帮助 and 'help' show the help", async () => {
    const zh = h.customer();
    await zh.say("帮助");
    zh.expectReply("/pickup 预约上门取件");
    const en = h.customer("en");
    await en.say("Help!");
    en.expectReply("/pickup to request a pickup");
  });

  it("SOP-80: 谢谢 and 'bye' get a short polite close, no menu", async () => {
    const zh = h.customer();
    await zh.say("好的谢谢🙏");
    expect(zh.last).toHaveLength(1);
    zh.expectReply("再见");
    expect(zh.buttons()).toEqual([]);
    const en = h.customer("en");
    await en.say("ok thanks, bye");
    en.expectReply("goodbye");
    expect(en.buttons()).toEqual([]);
  });

  it("an address, goods or a name typed outside a flow is no request: the menu", async () => {
    for (const text of ["扬州市人工湖路 5 号", "人工草坪两卷", "李娜"]) {
      const chat = h.customer();
      await chat.say(text);
      chat.expectReply("请选择您要办理的业务");
      expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
    }
  });

  it("staff typing the same words get what they got before: their own menu, no query", async () => {
    const wang = h.staff("wang");
    for (const text of ["人工", "多少钱?", "谢谢", "我要寄快递"]) {
      await wang.say(text);
      wang.expectNoReply("已转给客服");
      wang.expectNoReply("当面和您确认");
      wang.expectNoReply("详细地址");
      wang.expectNoReply("再见");
    }
    expect(await h.store.queries.listOpenByAsker(wang.who.chat)).toEqual([]);
  });
});

describe("typed requests inside a flow (issue 14 §2)", () => {
  const h = useDeskHarness("intents-in-flow");

  /** A pickup request with the address and phone given, asking the goods. */
  async function atGoods(chat: Transcript): Promise<void> {
    await chat.play([
      { say: "/pickup", expect: "详细地址" },
      { say: ADDRESS, expect: "联系电话" },
      { say: "13812345678", expect: "寄往哪个城市" },
      { say: "北京", expect: "要寄什么物品" }, // SOP-27: the destination
    ]);
  }

  it("取消 at any question ends the request as /cancel does; nothing is stored", async () => {
    const chat = h.customer();
    await atGoods(chat);
    await chat.say("取消!");
    chat.expectReply("已取消");
    chat.expectReply("请选择您要办理的业务");
    expect(await h.desk.myPickups(chat.who.chat)).toEqual([]);
    // The flow is over: goods typed now are no answer to it.
    await chat.say("衣服");
    chat.expectNoReply("需要走航空件吗");
  });

  it("English: 'cancel' typed at a question ends the request", async () => {
    const chat = h.customer("en");
    await chat.play([{ say: "/pickup" }, { say: ADDRESS, expect: "contact number" }, { say: "cancel" }]);
    chat.expectReply("Cancelled");
    expect(await h.desk.myPickups(chat.who.chat)).toEqual([]);
  });

  it("转人工 at a question hands over to a person, who asks what it is about", async () => {
    const chat = h.customer();
    await atGoods(chat);
    await chat.say("转人工");
    chat.expectReply("请简单说说您需要什么帮助");
    await chat.say("易碎品能寄吗");
    chat.expectReply("您的问题已转给客服");
    const [query] = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(query?.text).toBe("易碎品能寄吗");
  });

  it("English: 'agent' at a button question hands over to a person", async () => {
    const chat = h.customer("en");
    await chat.play([{ say: "/track" }, { say: "agent" }]);
    chat.expectReply("Please tell us briefly what you need help with");
  });

  it("SOP-82, SOP-70: 我要投诉 / 我要理赔 typed in the middle of a request start that flow instead", async () => {
    const chat = h.customer();
    await atGoods(chat);
    await chat.say("我要投诉");
    chat.expectReply("请发送相关的运单号");
    expect(chat.last).toHaveLength(1);
    await chat.say("我要理赔");
    chat.expectReply("请发送需要理赔的快件运单号");
    // Already in the claim: "理赔" again is the flow's answer (no waybill number), no new start.
    await chat.say("理赔");
    chat.expectReply("不是有效的运单号");
    expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
  });

  it("words that only contain a request are the flow's answer: 人工湖路 is an address, 人工草坪 goods", async () => {
    const chat = h.customer();
    await chat.play([{ say: "/pickup" }, { say: "扬州市人工湖路 5 号 2 栋 301 室", absent: "请简单说说" }]);
    const afterAddress = chat.text();
    expect(afterAddress).not.toContain("已取消");
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "人工草坪两卷" },
    ]);
    chat.expectNoReply("请简单说说");
    chat.expectReply("需要走航空件吗");
  });

  it("in the person flow, 人工 is its answer (no loop back to the same question)", async () => {
    const chat = h.customer();
    await chat.say("/human");
    await chat.say("转人工");
    chat.expectReply("您的问题已转给客服");
  });
});
