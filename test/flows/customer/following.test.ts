import { describe, expect, it } from "vitest";
import { ingestScans } from "../../../src/domain/ingest/ingest-scans";
import type { ScanEvent } from "../../../src/domain/kernel/scan";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";
import { messagesOf } from "../../support/transcript";

/**
 * Issue 17 §1: following a parcel from the tracking answer (one tap each way), the push buttons,
 * and the chats that follow by default (a query, a hold), each said in the message they get
 * anyway. Messages are counted: following adds none.
 */
describe("customer flow: following a parcel (issue 17)", () => {
  const h = useDeskHarness("following");

  async function ingest(events: ScanEvent[]) {
    return ingestScans(
      {
        store: h.store,
        scheduler: h.scheduler,
        notifier: h.notifier,
        policy: h.policy,
        calendar: h.calendar,
        directory: h.directory,
        clock: h.clock,
      },
      events,
    );
  }

  async function outForDelivery(): Promise<string> {
    const no = freshTrackingNo();
    await ingest([
      scan(no, "arrived", shanghai("06:20"), "扬州转运中心"),
      scan(no, "out_for_delivery", shanghai("09:30"), "扬州东关营业部"),
    ]);
    return no;
  }

  it("follows with one tap after the answer and stops with one; each answer is one message with the buttons that fit", async () => {
    const no = await outForDelivery();
    const chat = h.customer();
    await chat.say(no);
    expect(chat.buttons()).toContain("🔔 关注此件");
    const oldFollow = chat.payloadOf("🔔 关注此件");

    await chat.press("🔔 关注此件");
    expect(messagesOf(chat.last)).toHaveLength(1);
    chat.expectReply(`已关注快件 ${no}`);
    chat.expectReply("21:00–08:00");
    expect(chat.buttons()).toEqual(["就这个件咨询客服", "🔕 不再关注", "每次扫描都通知我", "没有了,谢谢"]);
    expect(await h.desk.following(chat.who.chat, no)).toEqual({ everyScan: false });

    // The old "follow" button pressed again: nothing changes, no second subscription, no new message.
    await chat.pressPayload(oldFollow);
    expect(messagesOf(chat.last)).toHaveLength(0);
    expect(await h.store.subscriptions.subscribers(no)).toHaveLength(1);

    await chat.say(no);
    await chat.press("每次扫描都通知我");
    chat.expectReply("每一次扫描");
    expect(await h.desk.following(chat.who.chat, no)).toEqual({ everyScan: true });
    expect(chat.buttons()).toContain("只通知重要状态");

    await chat.press("🔕 不再关注");
    expect(messagesOf(chat.last)).toHaveLength(1);
    chat.expectReply(`已不再关注快件 ${no}`);
    expect(chat.buttons()).toEqual(["就这个件咨询客服", "🔔 关注此件", "没有了,谢谢"]);
    expect(await h.store.subscriptions.subscribers(no)).toEqual([]);
    const audit = (await h.store.audit.list({ subject: `parcel/${no}` })).map((e) => e.action);
    expect(audit).toEqual(
      expect.arrayContaining(["parcel.subscribed", "parcel.following_changed", "parcel.unsubscribed"]),
    );
    chat.received().print("follow and stop");
  });

  it("a push's stop button works without a session, twice is harmless, and a forged one is answered politely", async () => {
    const no = await outForDelivery();
    const chat = h.customer();
    await h.desk.follow(chat.who.chat, "zh", no);

    await chat.pressPayload(`a.uf.${no}`);
    expect(messagesOf(chat.last)).toHaveLength(1);
    chat.expectReply(`已不再关注快件 ${no}`);
    await chat.pressPayload(`a.uf.${no}`);
    chat.expectReply(`您没有关注快件 ${no}`);
    await chat.pressPayload("a.uf.not-a-number");
    chat.expectReply("这个按钮已失效");
    expect(h.errors).toEqual([]);

    // Staff pressing a customer's button: not theirs.
    const agent = h.staff("wang");
    await agent.pressPayload(`a.uf.${no}`);
    expect(agent.toasts()).toHaveLength(1);
    expect(messagesOf(agent.last)).toHaveLength(0);
  });

  it("a push's talk-to-a-person button asks what to tell the desk about that parcel", async () => {
    const no = await outForDelivery();
    const chat = h.customer();
    await chat.pressPayload(`a.fh.${no}`);
    expect(messagesOf(chat.last)).toHaveLength(1);
    chat.expectReply(no);
  });

  it("told of a hold by the tracking answer, the customer follows by default, in that same message", async () => {
    const no = freshTrackingNo();
    await ingest([scan(no, "held_for_pickup", shanghai("09:40"), "东关分点")]);
    const chat = h.customer();
    await chat.say(no);
    expect(messagesOf(chat.last)).toHaveLength(1);
    chat.expectReply("已自动关注此件");
    chat.expectReply("不再关注");
    expect(chat.buttons()).toContain("🔕 不再关注");
    expect(await h.desk.following(chat.who.chat, no)).toEqual({ everyScan: false });
    // Stopping sticks: tracking again does not follow it again... unless it is held again later.
    await chat.press("🔕 不再关注");
    expect(await h.desk.following(chat.who.chat, no)).toBeUndefined();
  });

  it("a customer who opened a query about a parcel follows it, and the query's confirmation says so and how to stop", async () => {
    const no = freshTrackingNo();
    const chat = h.customer();
    await chat.say(no);
    // Nothing known yet: "shall I ask a person?"
    await chat.press(chat.buttons()[0] ?? "");
    expect(messagesOf(chat.last)).toHaveLength(1);
    chat.expectReply("已自动关注此件");
    chat.expectReply("不再关注");
    expect(await h.desk.following(chat.who.chat, no)).toEqual({ everyScan: false });
    chat.received().print("query follows by default");

    // The first scans reach the asker without asking again.
    await ingest([scan(no, "out_for_delivery", shanghai("10:00"), "扬州东关营业部")]);
    expect(h.scheduler.pending.size).toBeGreaterThan(0);
  });

  it("staff tracking a parcel get the status and never follow it", async () => {
    const no = freshTrackingNo();
    await ingest([scan(no, "held_for_pickup", shanghai("09:40"), "东关分点")]);
    const agent = h.staff("wang");
    await agent.say(no);
    expect(agent.buttons()).toEqual([]);
    expect(await h.store.subscriptions.subscribers(no)).toEqual([]);
  });
});
