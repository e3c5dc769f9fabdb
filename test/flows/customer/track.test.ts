import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { audienceLabel } from "../../support/fakes";
import { freshTrackingNo, scan } from "../../support/parcels";
import { messagesOf } from "../../support/transcript";

describe("customer flow: track a parcel", () => {
  const h = useDeskHarness("track");

  async function knownParcel(): Promise<string> {
    const no = freshTrackingNo();
    await h.ingest([
      scan(no, "collected", shanghai("09:10", "2026-11-26"), "上海青浦营业部"),
      scan(no, "departed", shanghai("21:40", "2026-11-26"), "上海转运中心"),
      scan(no, "arrived", shanghai("06:20"), "扬州转运中心"),
      scan(no, "out_for_delivery", shanghai("09:30"), "扬州东关营业部"),
    ]);
    return no;
  }

  it("answers a typed tracking number in ONE message: status, latest scan, the last few scans and the buttons (issue 14 §7)", async () => {
    const no = await knownParcel();
    const chat = h.customer();
    await chat.say(no);
    expect(messagesOf(chat.last)).toHaveLength(1);
    console.log(`messages: track ${messagesOf(chat.last).length}`);
    chat.expectReply(`运单 ${no}:正在派送`);
    chat.expectReply("最新动态:11月27日 09:30 扬州东关营业部,派送中");
    chat.expectReply("物流记录");
    chat.expectReply("11月26日 21:40 上海转运中心 已发出");
    // Folded to the last three scans: the oldest is counted, not shown.
    chat.expectNoReply("上海青浦营业部");
    chat.expectReply("(更早的 1 条记录未显示)");
    chat.expectNoReply("还有什么可以帮您");
    expect(chat.buttons()).toEqual(["就这个件咨询客服", "🔔 关注此件", "没有了,谢谢"]);
    // Looking a parcel up opens nothing: no query for a parcel the desk knows.
    expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
    await chat.press("没有了,谢谢");
    chat.expectReply("再见");
  });

  it("normalises what people type after /track (spaces, lower case, full-width digits)", async () => {
    const no = await knownParcel();
    const typed = `${no.slice(0, 2).toLowerCase()} ${no.slice(2, 8)}-${no.slice(8).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`;
    const chat = h.customer();
    await chat.say(`/track ${typed}`);
    chat.expectReply(`运单 ${no}:正在派送`);
  });

  it("asks for the number from the menu, explains a malformed one, and offers the menu after two bad tries", async () => {
    const no = await knownParcel();
    const chat = h.customer();
    await chat.say("/start");
    await chat.press("查件");
    chat.expectReply("请发送您的运单号");
    await chat.say("abc");
    // The formats come from the policy's pattern, the same rule that accepts a number.
    chat.expectReply("1 到 4 个字母 + 8 到 18 位数字");
    chat.expectReply("12 到 18 位数字");
    await chat.say("12");
    chat.expectReply("换个方式帮您");
    expect(chat.buttons()).toContain("联系人工客服");
    // The flow is over: a number typed now is routed afresh.
    await chat.say(no);
    chat.expectReply(`运单 ${no}`);
  });

  it("tells where a parcel held for self-pickup waits and until when (SOP-50)", async () => {
    const no = await knownParcel();
    const held = await h.desk.markHeld("wang", no, "东关分点");
    expect(held.ok).toBe(true);
    const chat = h.customer();
    await chat.say(no);
    chat.expectReply("已到自提点");
    // Held at 10:00 on Nov 27: collect within messageOriginAfter (3 days).
    chat.expectReply(
      "包裹在「东关分点」等您领取(地址:东关街 12 号,电话 0514-8000001),请在 11月30日 10:00 前前往",
    );
  });

  it("SOP-50: past its collect-by, a held parcel is never given a date in the past: come soon, with the address", async () => {
    const no = await knownParcel();
    const held = await h.desk.markHeld("wang", no, "东关分点");
    expect(held.ok).toBe(true);
    h.clock.set(shanghai("09:00", "2026-12-01"));
    const chat = h.customer();
    await chat.say(no);
    chat.expectReply("地址:东关街 12 号");
    chat.expectReply("请尽快前往");
    chat.expectNoReply("11月30日 10:00 前");
    expect(messagesOf(chat.last)).toHaveLength(1);
  });

  it("SOP-51: a parcel whose hold is marked for return is not said to be waiting any more", async () => {
    const no = await knownParcel();
    const held = await h.desk.markHeld("wang", no, "东关分点");
    if (!held.ok) throw new Error(held.reason);
    await h.store.holds.updateOpen(held.hold.id, { markedForReturnAt: shanghai("10:00", "2026-12-05") });
    const chat = h.customer();
    await chat.say(no);
    chat.expectReply(`运单 ${no}:正在安排退回寄件方`);
    chat.expectNoReply("等您领取");
    chat.expectReply("欢迎点下面的按钮联系客服");
  });

  it("says in plain words what problem the desk noted (SOP-38), without its internal details", async () => {
    const no = await knownParcel();
    const noted = await h.desk.recordProblem("wang", no, {
      category: "missorted",
      details: { reason: "wrong_sort" },
    });
    expect(noted.ok).toBe(true);
    const chat = h.customer();
    await chat.say(no);
    chat.expectReply(`运单 ${no}:派送中遇到一点情况,我们正在处理`);
    chat.expectReply("我们在 11月27日 10:00 记录到:分拣线路有误,正在转回正确线路");
    chat.expectNoReply("wrong_sort");
    expect(chat.buttons()).toContain("就这个件咨询客服");
  });

  it("'ask a person about this parcel' opens a query carrying the tracking number and its due time (SOP-10)", async () => {
    const no = await knownParcel();
    const chat = h.customer();
    await chat.say(no);
    await chat.press("就这个件咨询客服");
    chat.expectReply(`关于运单 ${no}`);
    await chat.say("今天几点能送到?");
    chat.expectReply("11月27日 10:30 前");
    const open = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ trackingNo: no, text: "今天几点能送到?", status: "open" });
  });

  it("SOP-10, SOP-13: a parcel with no scans asks first, then one tap opens a query and says by when it is answered", async () => {
    const no = freshTrackingNo();
    const chat = h.customer();
    await chat.say(no);
    chat.expectReply(`运单 ${no} 暂时还没有物流记录`);
    chat.expectReply("要我请客服帮您查一下吗");
    // Check before making work (issue 14 §4): nothing is opened before the customer says yes.
    expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
    await chat.press("请客服帮我查");
    chat.expectReply("客服会在 11月27日 10:30 前在这里回复您");
    expect(chat.buttons()).toEqual([]);
    const open = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ trackingNo: no, kind: "customer", dueAt: shanghai("10:30") });
    // SOP-14: the desk was told (desk open, no seat set available: every agent and the duty lead).
    const announced = h.notifier.withKey("thread.notice.new").filter((n) => n.params.ref === no);
    expect(announced.map((n) => audienceLabel(n.to))).toEqual(["person:wang", "person:chen", "person:li"]);
    // Opening the query subscribed the chat to the parcel (the desk does that).
    const subscribers = await h.store.subscriptions.subscribers(no);
    expect(subscribers.map((s) => s.chat)).toEqual([chat.who.chat]);

    // Asking again keeps one query and repeats its due time.
    await chat.say(no);
    await chat.press("请客服帮我查");
    chat.expectReply("已经登记");
    chat.expectReply("11月27日 10:30");
    expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toHaveLength(1);
  });

  it("SOP-12: an unknown parcel asked about after 18:30 is answered by 09:00 the next day", async () => {
    h.clock.set(shanghai("20:15"));
    const no = freshTrackingNo();
    const chat = h.customer();
    await chat.say(`/track ${no}`);
    await chat.press("请客服帮我查");
    chat.expectReply("18:30");
    chat.expectReply("11月28日 09:00 前");
    const [query] = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(query?.dueAt).toEqual(shanghai("09:00", "2026-11-28"));
  });

  it("shows times in English as 'Nov 27 09:30' after /lang", async () => {
    const no = await knownParcel();
    const chat = h.customer();
    await chat.say("/lang en");
    await chat.say(no);
    chat.expectReply(`Parcel ${no}: out for delivery`);
    chat.expectReply("Latest: Nov 27 09:30, 扬州东关营业部: out for delivery");
    expect(chat.buttons()).toEqual([
      "Ask a person about this parcel",
      "🔔 Follow this parcel",
      "That's all, thanks",
    ]);
  });

  it("issue 14 §4: a typo is answered 'please check' with the formats, and opens no work", async () => {
    const chat = h.customer();
    await chat.say("/track 12345678");
    chat.expectReply("看起来不是运单号");
    chat.expectReply("12 到 18 位数字");
    expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
    // A UPU S10 number whose check digit does not match is a typo too.
    const other = h.customer();
    await other.say("/track RR473124828GB");
    other.expectReply("校验位对不上");
    expect(await h.store.queries.listOpenByAsker(other.who.chat)).toEqual([]);
  });

  it("in English: an unknown number asks 'shall I ask a person?', and 'not now' opens nothing", async () => {
    const no = freshTrackingNo();
    const chat = h.customer();
    await chat.say("/lang en");
    await chat.say(`/track ${no}`);
    chat.expectReply("Shall I ask a person to look into it?");
    expect(messagesOf(chat.last)).toHaveLength(1);
    await chat.press("Not now");
    chat.expectReply("Send the number again a little later");
    expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
    await chat.say("/track 1234");
    chat.expectReply("The formats we can track");
    chat.expectReply("1 to 4 letters + 8 to 18 digits");
  });
});
