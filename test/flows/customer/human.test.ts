import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo } from "../../support/parcels";

describe("customer flow: talk to a person", () => {
  const h = useDeskHarness("human");

  it("SOP-10: asks what it is about, opens a query and confirms the due time", async () => {
    const chat = h.customer();
    await chat.say("/human");
    chat.expectReply("请简单说说您需要什么帮助");
    await chat.say("我想改一下收件地址");
    chat.expectReply("11月27日 10:30 前");
    const open = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ text: "我想改一下收件地址", trackingNo: null, language: "zh" });
  });

  it("picks the tracking number out of the question", async () => {
    const no = freshTrackingNo();
    const chat = h.customer();
    await chat.say("/human");
    await chat.say(`${no} 这个件三天没动了`);
    const [query] = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(query?.trackingNo).toBe(no);
  });

  it("a tracking number with words typed outside any flow: a number with no scans asks first, one tap to a person (SOP-13, issue 14 §4)", async () => {
    const no = freshTrackingNo();
    const chat = h.customer();
    await chat.say(`请问 ${no} 什么时候到`);
    chat.expectReply("要我请客服帮您查一下吗");
    expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
    await chat.press("请客服帮我查");
    chat.expectReply("客服会在 11月27日 10:30 前");
    const [query] = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(query).toMatchObject({ trackingNo: no });
  });

  it("SOP-10: a second message while the question is open joins it, with the first message's due time", async () => {
    const chat = h.customer();
    await chat.say("/human 我想改一下收件地址");
    chat.expectReply("11月27日 10:30 前");
    h.clock.advance(10 * 60_000);
    await chat.say("/human 新地址是文昌路 90 号");
    chat.expectReply("已补充到您还在处理中的问题里,客服会在 11月27日 10:30 前在这里回复您");
    chat.expectNoReply("已转给客服");
    const open = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(open).toHaveLength(1);
    expect(open[0]?.text).toBe("我想改一下收件地址");
  });

  it("issue 14 §1: a photo sent when asked to describe the problem is the question, with its caption", async () => {
    const chat = h.customer();
    await chat.say("/human");
    await chat.send({ kind: "photo", fileRef: "file-1", caption: "外箱压坏了" });
    chat.expectReply("照片收到了,已转给客服");
    chat.expectReply("11月27日 10:30 前");
    chat.expectNoReply("请用文字描述");
    const [query] = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(query?.text).toBe("外箱压坏了");
    expect(await h.store.queries.messages(query?.id ?? "")).toMatchObject([
      { author: "customer", text: "外箱压坏了", photo: "file-1" },
    ]);
  });

  it("SOP-12: after 18:30 the question is recorded and answered by 09:00 the next day", async () => {
    h.clock.set(shanghai("22:40"));
    const chat = h.customer();
    await chat.say("/human 到付件能改成现付吗");
    chat.expectReply("服务时间是 08:00–18:30");
    chat.expectReply("11月28日 09:00 前");
  });

  it("is reachable mid-flow: /human in the middle of a pickup request starts it", async () => {
    const chat = h.customer();
    await chat.say("/pickup");
    chat.expectReply("详细地址");
    await chat.say("/human");
    chat.expectReply("请简单说说您需要什么帮助");
    await chat.say("上门取件能带包装箱吗");
    chat.expectReply("您的问题已转给客服");
    expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toHaveLength(1);
    expect(await h.desk.myPickups(chat.who.chat)).toEqual([]);
  });

  it("answers in English after /lang", async () => {
    const chat = h.customer();
    await chat.say("/lang en");
    await chat.say("/human");
    chat.expectReply("Please tell us briefly what you need help with");
    await chat.say("Can I change the delivery address?");
    chat.expectReply("an agent will reply here by Nov 27 10:30");
    const [query] = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(query?.language).toBe("en");
  });
});
