import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

/**
 * What outside trials typed mid-conversation that the desk read wrongly: each typed as customers
 * type it, through the engine, counting what they receive (one answer, one message).
 */
describe("conversation leftovers found by outside trials", () => {
  const h = useDeskHarness("conversation-leftovers");

  it("SOP-70: a claim typed where the pickup asks for the address leaves the pickup and starts the claim", async () => {
    const customer = h.customer();
    await customer.say("我要寄快递");
    customer.expectReply("详细地址");
    await customer.say("我的快递丢了要索赔");
    customer.expectReply("取件预约先放一放(没有提交,需要时再约),先为您办这件事。");
    customer.expectReply("请发送需要理赔的快件运单号");
    customer.expectNoReply("地址需要写完整");
    const no = freshTrackingNo();
    await customer.say(no);
    // "丢了" said the kind: the next question is what happened, not which reason.
    customer.expectReply("请简单描述发生了什么");
    expect(customer.received().perTurn).toEqual([1, 1, 1]);
    expect(await h.desk.myPickups(customer.who.chat)).toEqual([]);
  });

  it("English: 'my parcel was lost, I want compensation' at the address question starts the claim", async () => {
    const customer = h.customer("en");
    await customer.say("I want to send a parcel");
    await customer.say("my parcel was lost, I want compensation");
    customer.expectReply("The pickup request is set aside");
    customer.expectReply("Please send the tracking number of the parcel you are claiming for");
    customer.expectNoReply("full pickup address");
    expect(customer.received().perTurn).toEqual([1, 1]);
  });

  it("SOP-82: a complaint typed at the pickup's phone question is a complaint; '来之前给我打电话' stays the pickup's", async () => {
    const customer = h.customer();
    await customer.play([
      { say: "我要寄快递" },
      { say: "扬州市文昌路 100 号 3 栋 201 室,来之前给我打电话", expect: "联系电话" },
      { say: "快递员态度很差我要投诉", expect: ["取件预约先放一放", "很抱歉给您带来不便"] },
    ]);
    customer.expectNoReply("联系电话");
    customer.expectNoReply("请选择您要办理的业务");
    expect(customer.received().perTurn).toEqual([1, 1, 1]);
  });

  it("SOP-70: '我要索赔 A 和 B 都丢了': one claim per waybill, A first, then B's starts at once, each said", async () => {
    const [a, b] = [freshTrackingNo(), freshTrackingNo()];
    const customer = h.customer();
    await customer.say(`我要索赔 ${a} 和 ${b} 都丢了`);
    customer.expectReply(`您提到 2 个单号。理赔按单号逐个办理:先办运单 ${a},提交后接着办 ${b}`);
    customer.expectReply("请简单描述发生了什么");
    await customer.play([
      { say: "两个箱子都没送到" },
      { press: "完成", expect: [`运单号:${a}`, "丢失"] },
      { press: "提交申请", expect: [`运单 ${a},丢失`, `接着办运单 ${b} 的理赔`, "请简单描述发生了什么"] },
      { say: "同一批寄的,也没收到" },
      { press: "完成", expect: [`运单号:${b}`, "丢失"] },
      { press: "提交申请", expect: `运单 ${b},丢失` },
    ]);
    customer.expectNoReply("接着办");
    expect(customer.received().perTurn).toEqual([1, 1, 1, 1, 1, 1, 1]);
    for (const no of [a, b]) expect(await h.store.claims.listOpenByParcel(no as string)).toHaveLength(1);
  });

  it("'什么时候到' right after an answer about two parcels asks which of the two, a button each", async () => {
    const [a, b] = [freshTrackingNo(), freshTrackingNo()];
    await h.ingest([scan(a, "arrived", shanghai("08:00")), scan(b, "out_for_delivery", shanghai("08:30"))]);
    const customer = h.customer();
    await customer.say(`${a} ${b}`);
    await customer.say("什么时候到");
    customer.expectReply("您问的是哪一个单号");
    customer.expectNoReply("请发送您的运单号");
    expect(customer.buttons()).toEqual([a, b]);
    await customer.press(b);
    customer.expectReply(`运单 ${b}:正在派送`);
    customer.expectNoReply(`运单 ${a}`);
    expect(customer.received().perTurn).toEqual([1, 1, 1]);
  });

  it("English: 'when will it arrive' after two parcels asks which one", async () => {
    const [a, b] = [freshTrackingNo(), freshTrackingNo()];
    await h.ingest([scan(a, "arrived", shanghai("08:00")), scan(b, "arrived", shanghai("08:00"))]);
    const customer = h.customer("en");
    await customer.say(`where are ${a} and ${b}`);
    await customer.say("when will it arrive");
    customer.expectReply("Which parcel do you mean?");
    expect(customer.buttons()).toEqual([a, b]);
  });

  it("SOP-73: '不对,我没收到' under an answer that says delivered opens a query to look up the signed receipt", async () => {
    const no = freshTrackingNo();
    await h.ingest([scan(no, "delivered", shanghai("08:00"), "文昌路")]);
    const customer = h.customer();
    await customer.say(no);
    customer.expectReply("已签收");
    await customer.say("不对,我没收到");
    customer.expectReply("系统显示已签收,但您没有收到:客服会调取签收回单");
    customer.expectReply("您的问题已转给客服");
    customer.expectNoReply("请选择您要办理的业务");
    expect(customer.received().perTurn).toEqual([1, 1]);
    const [query] = await h.store.queries.listOpenByAsker(customer.who.chat);
    expect(query?.trackingNo).toBe(no);
    expect(query?.text).toContain("显示已签收,客户称未收到");
    expect(query?.text).toContain("不对,我没收到");
  });

  it("SOP-73: 'I never got it' in English, and a parcel still on its way is no receipt to look up", async () => {
    const [delivered, moving] = [freshTrackingNo(), freshTrackingNo()];
    await h.ingest([
      scan(delivered, "delivered", shanghai("08:00"), "文昌路"),
      scan(moving, "arrived", shanghai("08:00")),
    ]);
    const english = h.customer("en");
    await english.say(delivered);
    await english.say("wrong, I never got it");
    english.expectReply("look up the signed receipt");
    const other = h.customer();
    await other.say(moving);
    await other.say("我没收到");
    other.expectNoReply("签收回单");
    expect(await h.store.queries.listOpenByAsker(other.who.chat)).toEqual([]);
  });

  it("SOP-73: the same through a Telegram reply to the answer, or typed with the number later on", async () => {
    const no = freshTrackingNo();
    await h.ingest([scan(no, "delivered", shanghai("08:00"), "文昌路")]);
    const replying = h.customer();
    await replying.say(no);
    const answer = replying.text();
    await replying.say("谢谢");
    await replying.send({ kind: "text", text: "不对,我没收到", replyTo: answer });
    replying.expectReply("客服会调取签收回单");
    const typing = h.customer();
    await typing.say(`${no} 显示签收了但是我没拿到`);
    typing.expectReply("客服会调取签收回单");
    expect(typing.received().perTurn).toEqual([1]);
  });
});
