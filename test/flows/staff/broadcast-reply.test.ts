import { describe, expect, it } from "vitest";
import { sendNotice } from "../../support/broadcasts";
import { useDeskHarness } from "../../support/desk-harness";

/** What went to li (the duty lead) since `before`. */
function toLead(h: ReturnType<typeof useDeskHarness>, before: number) {
  return h.notifier.sent.slice(before).filter((n) => n.to.kind === "person" && n.to.personId === "li");
}

describe("SOP-83: a courier's words in answer to a broadcast go to the duty lead who sent it", () => {
  const h = useDeskHarness("broadcast-reply");

  it("the next message while unacknowledged: one notice to the lead, one message back, and it acknowledges", async () => {
    const id = await sendNotice(h, "明天早上开会");
    const before = h.notifier.sent.length;
    const zhang = h.staff("zhang");
    await zhang.say("明天几点集合?");
    zhang.expectReply("已把您的话转给 李强(003)");
    zhang.expectReply("明天几点集合?");
    zhang.expectNoReply("请选择");
    expect(zhang.received().perTurn).toEqual([1]);

    const lead = toLead(h, before);
    expect(lead).toHaveLength(1);
    expect(lead[0]?.key).toBe("broadcast.replyNotice");
    expect(lead[0]?.params).toMatchObject({
      courier: "张伟(105)",
      text: "明天几点集合?",
      broadcast: "明天早上开会",
    });
    expect(h.notifier.sent.length - before).toBe(1); // nobody else is told

    const broadcast = await h.store.broadcasts.get(id);
    expect(broadcast?.recipients.find((r) => r.personId === "zhang")?.acknowledgedAt).toBeInstanceOf(Date);
    const audit = await h.store.audit.list({ subject: `broadcast/${id}` });
    expect(audit.filter((a) => a.action === "broadcast.acknowledged")).toHaveLength(1);
    expect(audit.filter((a) => a.action === "broadcast.replied")).toHaveLength(1);
    expect(h.notifier.retired).toContain(`broadcast-${id}-zhang`);

    // Acknowledged now: his next words are no answer; they are offered to the duty lead (one tap
    // passes them on, courier-words.test.ts), nothing sent until then.
    const after = h.notifier.sent.length;
    await zhang.say("我明天请假");
    zhang.expectNoReply("已把您的话转给");
    zhang.expectReply("现在没有需要回复的通知。要把这句话转给值班组长");
    expect(h.notifier.sent.length).toBe(after);
  });

  it("a Telegram reply to an acknowledged broadcast still goes to its lead, and is not acknowledged twice", async () => {
    h.clock.advance(30 * 60_000); // after the first test's notice (zhao has not acknowledged that one)
    const id = await sendNotice(h, "周日加班");
    const zhao = h.staff("zhao");
    await zhao.say("收到");
    zhao.expectReply("已确认收到通知“周日加班”");
    const before = h.notifier.sent.length;
    await zhao.send({
      kind: "text",
      text: "我明天请假",
      replyTo: "📢 李强(003) 的通知:\n周日加班\n看到请点“收到”。",
    });
    zhao.expectReply("已把您的话转给 李强(003)");
    expect(zhao.received().perTurn).toEqual([1, 1]);
    const lead = toLead(h, before);
    expect(lead).toHaveLength(1);
    expect(lead[0]?.params).toMatchObject({
      courier: "赵刚(201)",
      text: "我明天请假",
      broadcast: "周日加班",
    });
    const audit = await h.store.audit.list({ subject: `broadcast/${id}` });
    expect(audit.filter((a) => a.action === "broadcast.acknowledged")).toHaveLength(1);
    expect(audit.filter((a) => a.action === "broadcast.replied")).toHaveLength(1);
  });

  it("words a day after an unread broadcast are not taken as its answer; 收到 still acknowledges it", async () => {
    h.clock.advance(60 * 60_000);
    const id = await sendNotice(h, "周末大扫除");
    h.clock.advance(25 * 3_600_000);
    const before = h.notifier.sent.length;
    const zhao = h.staff("zhao");
    await zhao.say("我的车坏了,今天不能出车");
    zhao.expectNoReply("已把您的话转给");
    zhao.expectReply("要把这句话转给值班组长"); // offered, not passed: no broadcast answered
    expect(toLead(h, before)).toHaveLength(0);
    let broadcast = await h.store.broadcasts.get(id);
    expect(broadcast?.recipients.find((r) => r.personId === "zhao")?.acknowledgedAt).toBeNull();
    await zhao.say("收到");
    broadcast = await h.store.broadcasts.get(id);
    expect(broadcast?.recipients.find((r) => r.personId === "zhao")?.acknowledgedAt).toBeInstanceOf(Date);
  });

  it("a command or a tracking number does what it did; an agent's words go nowhere", async () => {
    h.clock.advance(60 * 60_000);
    const id = await sendNotice(h, "注意防暑");
    const before = h.notifier.sent.length;
    const liu = h.staff("liu");
    await liu.say("/help");
    liu.expectNoReply("转给");
    liu.expectReply("/menu");
    await liu.say("YT900000009999");
    liu.expectNoReply("转给");
    liu.expectReply("YT900000009999");
    // Asking the desk itself ("帮助", "菜单") gets the menu, not the lead.
    await liu.say("帮助");
    liu.expectNoReply("转给");
    await liu.say("菜单");
    liu.expectNoReply("转给");
    // A sentence about a parcel is a question about it, not an answer to the broadcast.
    await liu.say("YT900000009998 这个件在哪");
    liu.expectNoReply("转给");
    liu.expectReply("YT900000009998");
    const wang = h.staff("wang");
    await wang.say("明天几点集合?");
    wang.expectNoReply("转给");
    expect(toLead(h, before)).toHaveLength(0);
    const broadcast = await h.store.broadcasts.get(id);
    expect(broadcast?.recipients.find((r) => r.personId === "liu")?.acknowledgedAt).toBeNull();
    expect(h.errors).toEqual([]);
  });
});
