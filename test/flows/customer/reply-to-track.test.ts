import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

/**
 * SOP-10: a customer replies to the bot's tracking answer without repeating the number
 * ("什么时候能送到", "送到了告诉我"): the reply is about that parcel, answered in one message, never
 * the greeting menu. Another number, or another request, is a new request as before.
 */
describe("a reply to the tracking answer is about that parcel", () => {
  const h = useDeskHarness("reply-to-track");

  async function outForDelivery(): Promise<string> {
    const no = freshTrackingNo();
    await h.ingest([
      scan(no, "arrived", shanghai("08:00"), "扬州转运中心"),
      scan(no, "out_for_delivery", shanghai("09:00"), "扬州东关营业部"),
    ]);
    return no;
  }

  it("什么时候能送到 after the answer gets the parcel's status again; 送到了告诉我 follows it; one message each", async () => {
    const no = await outForDelivery();
    const customer = h.customer();
    await customer.say(no);
    customer.expectReply("正在派送");
    await customer.say("什么时候能送到");
    customer.expectReply(`运单 ${no}`);
    customer.expectReply("正在派送");
    customer.expectNoReply("请问有什么可以帮您");
    await customer.say("送到了告诉我");
    customer.expectReply("关注");
    expect(await h.store.subscriptions.get(no, customer.who.chat)).toBeDefined();
    expect(customer.received().perTurn).toEqual([1, 1, 1]);
  });

  it("another request typed after the answer is still a new request", async () => {
    const no = await outForDelivery();
    const customer = h.customer();
    await customer.say(no);
    await customer.say("我要寄快递");
    customer.expectNoReply(`运单 ${no}`);
    expect(customer.received().perTurn).toEqual([1, 1]);
  });

  it("issue 17: 不要再通知我了 while the bot asks for a number stops the following, in one message", async () => {
    const no = await outForDelivery();
    const customer = h.customer();
    await h.desk.follow(customer.who.chat, "zh", no);
    // "什么时候到?" would now answer for the followed parcel (replies-to-desk-messages.test.ts): /track asks.
    await customer.say("/track");
    customer.expectReply("请发送您的运单号");
    await customer.say("不要再通知我了");
    customer.expectNoReply("不是运单号");
    expect(await h.store.subscriptions.get(no, customer.who.chat)).toBeUndefined();
    expect(customer.received().perTurn).toEqual([1, 1]);
  });
});
