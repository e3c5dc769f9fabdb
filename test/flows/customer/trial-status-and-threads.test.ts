import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";
import { messagesOf, type Transcript } from "../../support/transcript";

/**
 * The outside trial of the web chat (customers): status questions with a number are answered from
 * the scans (SOP-10), typed following and stopping (issue 17), a reply joins the conversation it
 * answers (issue 14 §1), and "now following" only when it is new and the parcel still on its way.
 * Every answer is one message.
 */
describe("customer flow: the trial's status questions, following and threads", () => {
  const h = useDeskHarness("trial-fx1");

  async function delivered(): Promise<string> {
    const no = freshTrackingNo();
    await h.ingest([
      scan(no, "out_for_delivery", shanghai("08:30"), "扬州东关营业部"),
      scan(no, "delivered", shanghai("09:40"), "扬州东关营业部"),
    ]);
    return no;
  }

  async function inTransit(): Promise<string> {
    const no = freshTrackingNo();
    await h.ingest([
      scan(no, "collected", shanghai("06:00"), "南京营业部"),
      scan(no, "arrived", shanghai("08:00"), "扬州转运中心"),
    ]);
    return no;
  }

  async function openQueries(customer: Transcript) {
    return h.store.queries.listOpenByAsker(customer.who.chat);
  }

  it("SOP-10: a status question with a number gets the scan answer in one message, no query", async () => {
    const signed = await delivered();
    const moving = await inTransit();
    const customer = h.customer();
    for (const text of [`${signed}签收了吗`, `${moving}什么时候能送到`, `帮我看看${moving}`, `查${signed}`]) {
      await customer.say(text);
      expect(messagesOf(customer.last), text).toHaveLength(1);
      customer.expectReply(text.includes(signed) ? signed : moving);
      customer.expectReply(text.includes(signed) ? "已签收" : "扬州转运中心");
      customer.expectNoReply("人工客服的服务时间");
      customer.expectNoReply("已登记");
    }
    expect(await openQueries(customer)).toHaveLength(0);
  });

  it("SOP-10: with a question open, a status question about a parcel is answered from the scans, not added to it", async () => {
    const moving = await inTransit();
    const customer = h.customer();
    await customer.say("/human 我想改一下收件地址");
    expect(await openQueries(customer)).toHaveLength(1);
    await customer.say(`查${moving}`);
    expect(messagesOf(customer.last)).toHaveLength(1);
    customer.expectReply(moving);
    customer.expectReply("扬州转运中心");
    customer.expectNoReply("已补充");
    const [query] = await openQueries(customer);
    expect((await h.store.queries.messages(query?.id ?? "")).map((m) => m.text)).toEqual([
      "我想改一下收件地址",
    ]);
  });

  it("SOP-10: a question the scans cannot answer goes to a person, and the same message shows the status", async () => {
    const moving = await inTransit();
    const customer = h.customer();
    await customer.say(`${moving}为什么这么慢`);
    expect(messagesOf(customer.last)).toHaveLength(1);
    customer.expectReply(moving);
    customer.expectReply("扬州转运中心");
    customer.expectReply("客服");
    expect(await openQueries(customer)).toHaveLength(1);

    // Asked again while it is open: added to that question, with the status, one message.
    await customer.say(`${moving}到底为什么这么慢`);
    expect(messagesOf(customer.last)).toHaveLength(1);
    customer.expectReply("扬州转运中心");
    expect(await openQueries(customer)).toHaveLength(1);
  });

  it("issue 17: typed stop and follow use the following desk; no query is opened", async () => {
    const moving = await inTransit();
    const other = await inTransit();
    const customer = h.customer();

    await customer.say(`关注 ${moving}`);
    expect(messagesOf(customer.last)).toHaveLength(1);
    customer.expectReply(`已关注快件 ${moving}`);
    expect(await h.desk.following(customer.who.chat, moving)).toEqual({ everyScan: false });

    await customer.say(`不再关注 ${moving}`);
    expect(messagesOf(customer.last)).toHaveLength(1);
    customer.expectReply(`已不再关注快件 ${moving}`);
    customer.expectNoReply("自动关注");
    expect(await h.desk.following(customer.who.chat, moving)).toBeUndefined();

    // 取消关注 with nothing followed: says so.
    await customer.say("取消关注");
    expect(messagesOf(customer.last)).toHaveLength(1);
    customer.expectReply("没有关注任何快件");

    // One parcel followed: that one.
    await customer.say(`follow ${moving}`);
    await customer.say("别再通知我了");
    expect(messagesOf(customer.last)).toHaveLength(1);
    customer.expectReply(`已不再关注快件 ${moving}`);

    // Two: which one, with buttons; then one tap stops it.
    await h.desk.follow(customer.who.chat, "zh", moving);
    await h.desk.follow(customer.who.chat, "zh", other);
    await customer.say("取消关注");
    expect(messagesOf(customer.last)).toHaveLength(1);
    expect(customer.buttons()).toEqual(expect.arrayContaining([moving, other, "全部取消"]));
    await customer.press(other);
    expect(messagesOf(customer.last)).toHaveLength(1);
    customer.expectReply(`已不再关注快件 ${other}`);
    expect(await h.desk.following(customer.who.chat, other)).toBeUndefined();
    expect(await h.desk.following(customer.who.chat, moving)).toEqual({ everyScan: false });

    await customer.say("stop notifications");
    expect(messagesOf(customer.last)).toHaveLength(1);
    customer.expectReply(`已不再关注快件 ${moving}`);
    expect(await openQueries(customer)).toHaveLength(0);
  });

  it("issue 17: typed stop with a question open stops following and adds nothing to the question", async () => {
    const moving = await inTransit();
    const customer = h.customer();
    await customer.say(`${moving}为什么这么慢`);
    expect(await h.desk.following(customer.who.chat, moving)).toBeDefined();
    await customer.say("取消关注");
    expect(messagesOf(customer.last)).toHaveLength(1);
    customer.expectReply(`已不再关注快件 ${moving}`);
    customer.expectNoReply("已补充");
    const [query] = await openQueries(customer);
    expect(await h.store.queries.messages(query?.id ?? "")).toHaveLength(1);
  });

  it("issue 14 §1: a reply joins the conversation the agent last answered, not the other open question", async () => {
    const first = await inTransit();
    const second = await inTransit();
    const carol = h.customer();
    await carol.say(`${first}为什么这么慢`);
    h.clock.set(shanghai("10:05"));
    await carol.say(`${second}为什么还没发出`);
    const open = await openQueries(carol);
    const aboutFirst = open.find((q) => q.trackingNo === first);
    const aboutSecond = open.find((q) => q.trackingNo === second);
    if (!aboutFirst || !aboutSecond) throw new Error("two questions expected");

    h.clock.set(shanghai("10:20"));
    await h.desk.answerQuery(aboutFirst.id, "wang", "已签收,放在门卫室。");
    h.clock.set(shanghai("10:30"));
    await carol.say("可是我没有收到啊");
    expect(messagesOf(carol.last)).toHaveLength(1);
    const firstThread = await h.store.queries.messages(aboutFirst.id);
    expect(firstThread.at(-1)?.text).toBe("可是我没有收到啊");
    expect((await h.store.queries.get(aboutFirst.id))?.status).toBe("open"); // reopened
    expect((await h.store.queries.messages(aboutSecond.id)).map((m) => m.text)).not.toContain(
      "可是我没有收到啊",
    );

    // Naming the other number: that question.
    await carol.say(`${second}也还没有消息`);
    expect((await h.store.queries.messages(aboutSecond.id)).at(-1)?.text).toBe(`${second}也还没有消息`);
  });

  it("issue 17: 'now following' only for a new following of a parcel on its way", async () => {
    const signed = await delivered();
    const customer = h.customer();
    await customer.say(`${signed}为什么没人打电话给我`);
    expect(messagesOf(customer.last)).toHaveLength(1);
    customer.expectNoReply("自动关注");

    const moving = await inTransit();
    const other = h.customer();
    await h.desk.follow(other.who.chat, "zh", moving);
    await other.say(`${moving}为什么这么慢`);
    expect(messagesOf(other.last)).toHaveLength(1);
    other.expectNoReply("自动关注");

    const fresh = await inTransit();
    const third = h.customer();
    await third.say(`${fresh}为什么这么慢`);
    third.expectReply("自动关注");
  });
});

describe("customer flow: typed stop inside a flow (issue 17)", () => {
  const h = useDeskHarness("trial-fx1-inside");

  it("'取消关注' while asked for the question stops following and is not taken as the question", async () => {
    const no = freshTrackingNo();
    await h.ingest([scan(no, "arrived", shanghai("08:00"), "扬州转运中心")]);
    const customer = h.customer();
    await h.desk.follow(customer.who.chat, "zh", no);
    await customer.say("/human");
    await customer.say("取消关注");
    expect(messagesOf(customer.last)).toHaveLength(1);
    customer.expectReply(`已不再关注快件 ${no}`);
    expect(await h.store.queries.listOpenByAsker(customer.who.chat)).toHaveLength(0);
  });
});
