import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo } from "../../support/parcels";
import { messagesOf } from "../../support/transcript";

/**
 * Issue 14 §1: a customer's thread with the desk. While a query is open, and for queryReply.threadFor
 * (24 h) after its answer, what the customer sends outside a flow (text, a photo, a Telegram reply
 * to the answer, which arrives as plain text) joins that query's thread; the agent is told with
 * the whole thread, the parcel's status and the customer's language.
 */
describe("customer flow: a thread with the desk", () => {
  const h = useDeskHarness("thread");

  it("a reply to an answered query reaches the agent with the thread, and a photo joins the thread (SOP-10 round trip)", async () => {
    h.presence.available.add("wang");
    const no = freshTrackingNo();
    const customer = h.customer();
    const wang = h.staff("wang");
    const counts: Record<string, number> = {};

    // The customer asks.
    await customer.say(`/human ${no} 三天没动了,怎么回事?`);
    counts.ask = messagesOf(customer.last).length;
    customer.expectReply("您的问题已转给客服");
    // The agent is told, with the thread and the customer's language.
    const announced = h.notifier.withKey("thread.notice.new").filter((n) => n.params.ref === no);
    counts.notice = announced.length;
    expect(String(announced[0]?.params.thread)).toContain("客户:");
    expect(announced[0]?.params.language).toBe("中文");
    const [query] = await h.store.queries.listOpenByAsker(customer.who.chat);
    if (!query) throw new Error("no query");

    // The agent takes it from the notice's button and answers.
    await wang.pressPayload(`a.qt.${query.id}`);
    counts.take = messagesOf(wang.last).length;
    wang.expectReply("包裹状态:");
    wang.expectReply("客户语言:中文");
    await wang.say("已联系转运中心,明天派送。");
    await wang.press("发送");
    counts.answer = messagesOf(wang.last).length;
    const answers = h.notifier.withKey("notice.query.answer").filter((n) => n.params.ref === no);
    counts.customerGetsAnswer = answers.length;
    expect(answers[0]?.params.answer).toBe("已联系转运中心,明天派送。");

    // Two hours later the customer replies to the answer (Telegram: plain text).
    h.clock.set(shanghai("12:30"));
    h.notifier.clear();
    await customer.say("箱子里的东西摔坏了,怎么赔?");
    counts.reply = messagesOf(customer.last).length;
    customer.expectReply("已转给为您解答的客服继续跟进");
    customer.expectReply("11月27日 13:00 前");
    customer.expectNoReply("请点击下面的按钮");
    const told = h.notifier.withKey("thread.notice.reopened");
    counts.agentTold = told.length;
    expect(told.map((n) => n.to)).toEqual([{ kind: "person", personId: "wang" }]);
    expect(String(told[0]?.params.thread)).toMatch(/三天没动了[\s\S]*明天派送[\s\S]*摔坏了/);
    expect(await h.store.queries.get(query.id)).toMatchObject({ status: "open", assignee: "wang" });

    // A photo of the damage joins the same thread.
    await customer.send({ kind: "photo", fileRef: "tg-photo-1" });
    customer.expectReply("照片收到了");
    customer.expectNoReply("看不懂");
    const messages = await h.store.queries.messages(query.id);
    expect(messages.at(-1)).toMatchObject({ author: "customer", photo: "tg-photo-1" });
    expect(String(h.notifier.withKey("thread.notice.followUp")[0]?.params.thread)).toContain("[照片]");

    // The agent's card shows every message, the photo as [照片].
    await wang.pressPayload(`a.qt.${query.id}`);
    wang.expectReply("三天没动了");
    wang.expectReply("明天派送");
    wang.expectReply("摔坏了");
    wang.expectReply("[照片]");

    expect(counts).toEqual({
      ask: 1,
      notice: 1,
      take: 1,
      answer: 1,
      customerGetsAnswer: 1,
      reply: 1,
      agentTold: 1,
    });
    console.log(
      `messages: query round trip ask ${counts.ask}, agent notice ${counts.notice}, take ${counts.take}, answer ${counts.answer}, customer gets answer ${counts.customerGetsAnswer}, customer replies ${counts.reply}, agent told ${counts.agentTold}`,
    );
  });

  it("in English: a follow-up while the query is open joins it, keeping the first message's due time (SOP-10)", async () => {
    const customer = h.customer("en");
    await customer.say("/human I need to change the delivery address");
    customer.expectReply("10:30");
    h.clock.set(shanghai("10:15"));
    await customer.say("The new address is 12 Dongguan Street");
    customer.expectReply("10:30");
    const open = await h.store.queries.listOpenByAsker(customer.who.chat);
    expect(open).toHaveLength(1);
    const messages = await h.store.queries.messages(open[0]?.id ?? "");
    expect(messages.map((m) => m.text)).toEqual([
      "I need to change the delivery address",
      "The new address is 12 Dongguan Street",
    ]);
  });

  it("after the thread's time (24 h past the answer), a question opens a new query; a plain remark gets the menu", async () => {
    const customer = h.customer();
    await customer.say("/human 我想改地址");
    const [query] = await h.store.queries.listOpenByAsker(customer.who.chat);
    if (!query) throw new Error("no query");
    await h.desk.answerQuery(query.id, "wang", "好的,已改。");
    h.clock.set(shanghai("10:01", "2026-11-28"));
    await customer.send({ kind: "photo", fileRef: "tg-photo-2" });
    expect((await h.store.queries.messages(query.id)).some((m) => m.photo)).toBe(false);
    expect((await h.store.queries.get(query.id))?.status).toBe("answered");
    const no = freshTrackingNo();
    await customer.say(`请问 ${no} 什么时候到`);
    const open = await h.store.queries.listOpenByAsker(customer.who.chat);
    expect(open.map((q) => q.id)).not.toContain(query.id);
  });

  it("issue 14 §6: the duty lead takes an overdue query back with the escalation's button; the others are told again", async () => {
    const customer = h.customer();
    await customer.say("/human 我的件怎么还没到?");
    const [query] = await h.store.queries.listOpenByAsker(customer.who.chat);
    if (!query) throw new Error("no query");
    await h.desk.takeQuery(query.id, "wang");
    h.clock.set(shanghai("10:40"));
    h.notifier.clear();
    const li = h.staff("li");
    await li.pressPayload(`a.qr.${query.id}`);
    li.expectReply("已收回");
    expect((await h.store.queries.get(query.id))?.assignee).toBeNull();
    const again = h.notifier.withKey("thread.notice.new").map((n) => n.to);
    expect(again).not.toContainEqual({ kind: "person", personId: "wang" });
    expect(again.length).toBeGreaterThan(0);
    // A courier's press of the same button does nothing to the query.
    await h.desk.takeQuery(query.id, "chen");
    await h.staff("zhang").pressPayload(`a.qr.${query.id}`);
    expect((await h.store.queries.get(query.id))?.assignee).toBe("chen");
  });
});
