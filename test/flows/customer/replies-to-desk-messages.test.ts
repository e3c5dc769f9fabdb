import { describe, expect, it } from "vitest";
import { t } from "../../../src/domain/messages";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

/**
 * Customers reply to what the desk sent them without repeating what it was about (last session's
 * trials): a push about a followed parcel (issue 17), a complaint's registration (SOP-82), a
 * claim's settlement (SOP-70, SOP-71). The reply is about that parcel, that complaint, that claim,
 * answered in one message: never the menu, never a request for a number the desk already has.
 */
describe("replies to the desk's own messages", () => {
  const h = useDeskHarness("replies-to-desk");

  async function moving(): Promise<string> {
    const no = freshTrackingNo();
    await h.ingest([scan(no, "arrived", shanghai("08:00"), "扬州转运中心")]);
    return no;
  }

  it("issue 17: 什么时候能送到 after a push is about the followed parcel that moved last; one message each", async () => {
    const older = await moving();
    const pushed = await moving();
    const customer = h.customer();
    await h.desk.follow(customer.who.chat, "zh", pushed);
    await h.desk.follow(customer.who.chat, "zh", older);
    // The push: "您的快件 … 正在派送" (sent by the jobs); the customer answers it with no number.
    await h.ingest([scan(pushed, "out_for_delivery", shanghai("09:30"), "扬州东关营业部")]);
    await customer.say("什么时候能送到");
    customer.expectReply(`运单 ${pushed}`);
    customer.expectReply("正在派送");
    customer.expectNoReply("请发送您的运单号");
    customer.expectNoReply(older);
    // And a reply to that answer is about the same parcel (the tracking answer's own mechanism).
    await customer.say("送到了告诉我");
    customer.expectReply(`您已在关注快件 ${pushed}`);
    expect(customer.received().perTurn).toEqual([1, 1]);
  });

  it("a Telegram reply to an older push is about that push's parcel, not the one that moved last", async () => {
    const replied = await moving();
    const later = await moving();
    const customer = h.customer();
    await h.desk.follow(customer.who.chat, "zh", replied);
    await h.desk.follow(customer.who.chat, "zh", later);
    await h.ingest([scan(later, "out_for_delivery", shanghai("09:30"), "扬州东关营业部")]);
    const push = t("zh", "follow.push.out_for_delivery", {
      trackingNo: replied,
      time: "08:00",
      location: "扬州",
    });
    await customer.send({ kind: "text", text: "什么时候能送到", replyTo: push });
    customer.expectReply(`运单 ${replied}`);
    customer.expectNoReply(later);
    expect(customer.received().perTurn).toEqual([1]);
  });

  it("好的 or ok in reply to a push asks nothing: no tracking answer, no query for the staff", async () => {
    const no = await moving();
    const customer = h.customer();
    await h.desk.follow(customer.who.chat, "zh", no);
    const push = t("zh", "follow.push.out_for_delivery", { trackingNo: no, time: "08:00", location: "扬州" });
    await customer.send({ kind: "text", text: "好的", replyTo: push });
    await customer.send({ kind: "text", text: "ok", replyTo: push });
    customer.expectNoReply(`运单 ${no}`);
    customer.expectNoReply("已转给客服");
    expect((await h.desk.openQueries()).filter((q) => q.trackingNo === no)).toEqual([]);
  });

  it("嗯, 收到, 👌 in reply to a push get the short close, not the menu; a lone ? is no acknowledgement", async () => {
    const no = await moving();
    const customer = h.customer();
    await h.desk.follow(customer.who.chat, "zh", no);
    const push = t("zh", "follow.push.out_for_delivery", { trackingNo: no, time: "08:00", location: "扬州" });
    for (const text of ["嗯", "收到", "👌", "noted"]) {
      await customer.send({ kind: "text", text, replyTo: push });
      customer.expectReply(t("zh", "customer.done"));
      customer.expectNoReply("请选择您要办理的业务");
      customer.expectNoReply("查件请发运单号");
    }
    await customer.send({ kind: "text", text: "?", replyTo: push });
    customer.expectNoReply(t("zh", "customer.done"));
    // Typed on their own, with nothing replied to, they still open the menu (a first "嗯" is no goodbye).
    const fresh = h.customer();
    await fresh.say("嗯");
    fresh.expectNoReply(t("zh", "customer.done"));
    expect(customer.received().perTurn).toEqual([1, 1, 1, 1, 1]);
    expect((await h.desk.openQueries()).filter((q) => q.trackingNo === no)).toEqual([]);
  });

  it("a reply to the answer about several numbers is not taken as about the first of them", async () => {
    const first = await moving();
    const second = await moving();
    const customer = h.customer();
    const several = `${t("zh", "track.several.title", { count: 2 })}\n运单 ${first}\n运单 ${second}`;
    await customer.send({ kind: "text", text: "什么时候能送到", replyTo: several });
    customer.expectReply("请发送您的运单号");
    customer.expectNoReply(`运单 ${first}`);
  });

  it("a chat that follows nothing is still asked for the number", async () => {
    const customer = h.customer();
    await customer.say("什么时候能送到");
    customer.expectReply("请发送您的运单号");
  });

  it("SOP-82: after the registration, more words join that complaint; 好的谢谢 is a short word, no menu", async () => {
    const no = await moving();
    const customer = h.customer();
    await customer.say(`我要投诉,${no} 快递员态度很差`);
    customer.expectReply("您的投诉已登记");
    const sentBefore = h.notifier.sent.length;
    await customer.say("他还在电话里骂人了");
    customer.expectReply("已经补充进去");
    customer.expectNoReply("请选择您要办理的业务");
    // The staff hear what was added to the complaint they have (one complaint per matter).
    const added = h.notifier.sent.slice(sentBefore).filter((n) => n.key === "notice.complaint.added");
    expect(added.length).toBeGreaterThan(0);
    expect(String(added[0]?.params.excerpt)).toContain("骂人");
    expect((await h.desk.openComplaints()).filter((c) => c.trackingNo === no)).toHaveLength(1);
    await customer.say("好的谢谢");
    customer.expectReply("有处理结果会第一时间告诉您");
    customer.expectNoReply("请选择您要办理的业务");
    expect(customer.received().perTurn).toEqual([1, 1, 1]);
  });

  it("SOP-82: 好的 or 👍 after the registration is read, not added to the complaint", async () => {
    const no = await moving();
    const customer = h.customer();
    await customer.say(`我要投诉,${no} 快递员态度很差`);
    const sentBefore = h.notifier.sent.length;
    await customer.say("好的");
    customer.expectReply("有处理结果会第一时间告诉您");
    customer.expectNoReply("已经补充进去");
    await customer.say("👍");
    customer.expectNoReply("已经补充进去");
    const added = h.notifier.sent.slice(sentBefore).filter((n) => n.key === "notice.complaint.added");
    expect(added).toEqual([]);
  });

  it("SOP-82: a new request after the registration is a new request", async () => {
    const no = await moving();
    const customer = h.customer();
    await customer.say(`我要投诉,${no} 快递员态度很差`);
    await customer.say("我要寄快递");
    customer.expectReply("取件的详细地址");
    customer.expectNoReply("已经补充进去");
  });

  it("SOP-70: after a claim's settlement, 好的谢谢 is a short word; 还没收到钱 goes to a person with its words", async () => {
    const no = await moving();
    const customer = h.customer();
    await customer.play([
      { say: `/claim ${no}` },
      { press: "丢失" },
      { say: "寄出一周了还没收到" },
      { press: "完成" },
      { press: "提交申请", expect: "您的理赔申请已受理" },
    ]);
    const [claim] = await h.store.claims.listOpenByParcel(no);
    if (!claim) throw new Error("no claim opened");
    const settled = await h.desk.settleClaim("wang", claim.id, { amountFen: 30000, paidBy: "wechat" });
    expect(settled.ok).toBe(true);
    await customer.say("好的谢谢");
    customer.expectNoReply("请选择您要办理的业务");
    await customer.say("还没收到钱");
    customer.expectNoReply("请发送您的运单号");
    customer.expectNoReply("请简单说说您需要什么帮助");
    const [query] = await h.store.queries.listOpenByAsker(customer.who.chat);
    expect(query?.text).toContain("还没收到钱");
    expect(customer.received().perTurn.slice(-2)).toEqual([1, 1]);
  });

  it("SOP-70: 还没收到钱 as a Telegram reply to the settlement asks a person about that claim's parcel", async () => {
    const no = await moving();
    const customer = h.customer();
    const settlement = t("zh", "claim.customer.settled", {
      greeting: "您好,某某快递 017 号为您服务。",
      trackingNo: no,
      amount: "300",
      paidBy: "微信",
      closing: "再见。",
    });
    await customer.send({ kind: "text", text: "还没收到钱", replyTo: settlement });
    customer.expectNoReply("请发送您的运单号");
    const [query] = await h.store.queries.listOpenByAsker(customer.who.chat);
    expect(query).toMatchObject({ trackingNo: no });
    expect(query?.text).toContain("还没收到钱");
    expect(customer.received().perTurn).toEqual([1]);
  });
});
