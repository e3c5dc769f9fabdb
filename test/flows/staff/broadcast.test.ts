import { describe, expect, it } from "vitest";
import { noticePayload } from "../../../src/domain/desk/notice-actions";
import type { Notice } from "../../../src/domain/ports";
import { useDeskHarness } from "../../support/desk-harness";

/** The broadcast a notice is about (its "Got it" button names it). */
function broadcastIdOf(notice: Notice | undefined): string {
  return ackPayload(notice).replace("a.bk.", "");
}

/** The "Got it" button's payload on a notice, as the channel renders it. */
function ackPayload(notice: Notice | undefined): string {
  const action = notice?.actions?.[0]?.action;
  if (!action) throw new Error("the notice has no button");
  return noticePayload(action);
}

describe("SOP-83: a duty lead's broadcast to couriers and drivers", () => {
  const h = useDeskHarness("broadcast");

  it("goes to every courier and driver on their own channel, one message each, after one confirmation", async () => {
    const li = h.staff("li");
    const before = h.notifier.sent.length;
    await li.say("/broadcast");
    li.expectReply("请输入要发给全体业务员和司机的通知");
    await li.say("今天有暴雨,请注意行车安全");
    li.expectReply("将发给 3 人(业务员、司机)");
    li.expectReply("今天有暴雨,请注意行车安全");
    expect(h.notifier.sent).toHaveLength(before); // nothing sent before it is confirmed
    await li.press("发送");
    li.expectReply("已发给 3 人");
    expect(li.received().perTurn).toEqual([1, 1, 1]);

    const notices = h.notifier.sent.slice(before);
    expect(notices.map((n) => (n.to.kind === "person" ? n.to.personId : n.to.kind)).sort()).toEqual([
      "liu",
      "zhang",
      "zhao",
    ]);
    for (const notice of notices) {
      expect(notice.key).toBe("broadcast.notice");
      expect(notice.params).toMatchObject({ sender: "李强(003)", text: "今天有暴雨,请注意行车安全" });
      expect(notice.actions?.map((a) => a.labelKey)).toEqual(["broadcast.action.ack"]);
    }
    const id = broadcastIdOf(notices[0]);
    expect(notices.every((n) => broadcastIdOf(n) === id)).toBe(true);
    const audit = await h.store.audit.list({ subject: `broadcast/${id}` });
    expect(audit.map((a) => a.action)).toEqual(["broadcast.sent"]);
  });

  it("one tap acknowledges; a second tap of the same button changes nothing; the lead sees who has not", async () => {
    const li = h.staff("li");
    const before = h.notifier.sent.length;
    await li.say("/broadcast 大雾天气,请减速慢行");
    await li.press("发送");
    const sent = h.notifier.sent.slice(before);
    const toZhang = sent.find((n) => n.to.kind === "person" && n.to.personId === "zhang");

    const zhang = h.staff("zhang");
    await zhang.pressPayload(ackPayload(toZhang));
    expect(zhang.toasts()).toEqual(["已确认收到,谢谢。"]);
    await zhang.pressPayload(ackPayload(toZhang));
    expect(zhang.toasts()).toEqual(["您已确认过这条通知。"]);
    expect(zhang.received().total).toBe(0); // toasts only: no message in the chat

    const broadcast = await h.store.broadcasts.get(broadcastIdOf(toZhang));
    expect(broadcast?.recipients.filter((r) => r.acknowledgedAt !== null).map((r) => r.personId)).toEqual([
      "zhang",
    ]);
    const audit = await h.store.audit.list({ subject: `broadcast/${broadcast?.id}` });
    expect(audit.filter((a) => a.action === "broadcast.acknowledged")).toHaveLength(1);
    expect(h.notifier.retired).toContain(`broadcast-${broadcast?.id}-zhang`);

    await li.say("/broadcasts");
    li.expectReply("大雾天气,请减速慢行");
    li.expectReply("已确认 1/3");
    li.expectReply("未确认:刘洋(106)、赵刚(201)");

    // A reminder goes to those two only; a second tap right after reminds nobody again.
    const sentBefore = h.notifier.sent.length;
    const remind = li.buttons().find((b) => b.startsWith("提醒未确认") && b.includes("大雾天气"));
    expect(remind).toBeDefined();
    const remindPayload = li.payloadOf(remind ?? "");
    await li.pressPayload(remindPayload);
    li.expectReply("已再次提醒 2 人。");
    const reminders = h.notifier.sent.slice(sentBefore);
    expect(reminders.map((n) => n.key)).toEqual(["broadcast.reminder", "broadcast.reminder"]);
    expect(reminders.map((n) => (n.to.kind === "person" ? n.to.personId : "")).sort()).toEqual([
      "liu",
      "zhao",
    ]);
    await li.pressPayload(li.payloadOf(remind ?? ""));
    expect(li.toasts()).toEqual(["刚提醒过,请 10 分钟后再提醒。"]);
    expect(h.notifier.sent.length - sentBefore).toBe(2);
  });

  it("refuses the wrong role: a courier cannot broadcast, an agent cannot acknowledge a courier's notice", async () => {
    const zhang = h.staff("zhang");
    await zhang.say("/broadcast 我也想群发");
    zhang.expectNoReply("将发给");
    zhang.expectReply("/broadcast");
    await zhang.say("/broadcasts");
    zhang.expectNoReply("最近的群发通知");

    const li = h.staff("li");
    const before = h.notifier.sent.length;
    await li.say("/broadcast 注意安全");
    await li.press("发送");
    const toLiu = h.notifier.sent
      .slice(before)
      .find((n) => n.to.kind === "person" && n.to.personId === "liu");
    const wang = h.staff("wang");
    await wang.pressPayload(ackPayload(toLiu));
    expect(wang.toasts()).toEqual(["这个按钮是给负责的同事用的,卡片已为他们保留。"]);
    const broadcast = await h.store.broadcasts.get(broadcastIdOf(toLiu));
    expect(broadcast?.recipients.every((r) => r.acknowledgedAt === null)).toBe(true);
  });

  it("a double tap on 发送 sends the notice once", async () => {
    const li = h.staff("li");
    const before = h.notifier.sent.length;
    await li.say("/broadcast 路面结冰,注意安全");
    const send = li.payloadOf("发送");
    await li.pressPayload(send);
    await li.pressPayload(send);
    expect(h.notifier.sent.length - before).toBe(3);
    expect(li.received().perTurn).toEqual([1, 1, 0]);
  });

  it("a too long notice is asked again; a forged button is answered, never thrown", async () => {
    const li = h.staff("li");
    await li.say("/broadcast");
    await li.say("雨".repeat(501));
    li.expectReply("通知太长(最多 500 字)");
    await li.press("取消");

    const zhang = h.staff("zhang");
    await zhang.pressPayload("a.bk.no-such-broadcast");
    expect(zhang.toasts()).toEqual(["找不到这条通知。"]);
    await zhang.pressPayload("a.bk.../../etc");
    expect(h.errors).toEqual([]);
  });

  it("the desk itself refuses a broadcast from someone who is not a duty lead, and an empty one", async () => {
    const refused = await h.desk.sendBroadcast("wang", "我也想群发");
    expect(refused).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(await h.desk.sendBroadcast("li", "  \n ")).toMatchObject({ ok: false, reason: "empty" });
  });
});
