import { describe, expect, it } from "vitest";
import { sendNotice } from "../../support/broadcasts";
import { useDeskHarness } from "../../support/desk-harness";

describe("SOP-83: a typed acknowledgement counts like the tap", () => {
  const h = useDeskHarness("broadcast-typed-ack");

  it("a courier typing 收到 / a driver typing ok acknowledges the latest broadcast, one message each", async () => {
    const id = await sendNotice(h, "今天有暴雨,请注意行车安全");
    const zhang = h.staff("zhang");
    await zhang.say("收到!");
    zhang.expectReply("已确认收到通知“今天有暴雨,请注意行车安全”");
    zhang.expectNoReply("请选择");
    const zhao = h.staff("zhao");
    await zhao.say("收到,明天准时到"); // a short reply that starts with the word counts too
    zhao.expectReply("已确认收到通知");
    expect(zhang.received().perTurn).toEqual([1]);
    expect(zhao.received().perTurn).toEqual([1]);

    const broadcast = await h.store.broadcasts.get(id);
    const acked = broadcast?.recipients.filter((r) => r.acknowledgedAt !== null).map((r) => r.personId);
    expect(acked?.sort()).toEqual(["zhang", "zhao"]);
    const audit = await h.store.audit.list({ subject: `broadcast/${id}` });
    expect(audit.filter((a) => a.action === "broadcast.acknowledged")).toHaveLength(2);
    expect(h.notifier.retired).toContain(`broadcast-${id}-zhang`);

    // /broadcasts: only liu is pending; the remind button messages liu alone.
    const li = h.staff("li");
    await li.say("/broadcasts");
    li.expectReply("已确认 2/3");
    li.expectReply("未确认:刘洋(106)");
    li.expectNoReply("• •"); // one bullet per line (item text has none of its own)
    li.expectNoReply("请按下面的按钮选择");
    li.expectReply("点“提醒未确认”");
    const before = h.notifier.sent.length;
    await li.press("提醒未确认");
    const reminded = h.notifier.sent.slice(before).map((n) => (n.to.kind === "person" ? n.to.personId : ""));
    expect(reminded).toEqual(["liu"]);
  });

  it("acknowledges the newest waiting broadcast first; with none waiting it is no acknowledgement (the menu)", async () => {
    // liu has not acknowledged the storm notice of the first test either (sent at 10:01).
    h.clock.advance(30 * 60_000);
    const id = await sendNotice(h, "大雾,请减速慢行");
    const liu = h.staff("liu");
    await liu.say("好的");
    liu.expectReply("已确认收到通知“大雾,请减速慢行”");
    await liu.say("知道了。");
    liu.expectReply("已确认收到通知“今天有暴雨,请注意行车安全”");
    await liu.say("好的");
    liu.expectNoReply("已确认收到通知");
    liu.expectReply("刘洋(106)");
    expect(liu.received().perTurn).toEqual([1, 1, 1]);
    const audit = await h.store.audit.list({ subject: `broadcast/${id}` });
    expect(audit.filter((a) => a.action === "broadcast.acknowledged")).toHaveLength(1);
  });

  it("stays narrow: a sentence is no acknowledgement word, and an agent's 收到 acknowledges nothing", async () => {
    const id = await sendNotice(h, "路面结冰,注意安全");
    const zhang = h.staff("zhang");
    await zhang.say("收到,但是我的车坏了怎么办");
    zhang.expectNoReply("已确认收到通知");
    // An answer instead: passed to the duty lead (broadcast-reply.test.ts).
    zhang.expectReply("已把您的话转给 李强(003)");
    const wang = h.staff("wang");
    await wang.say("收到");
    wang.expectNoReply("已确认收到通知");
    const broadcast = await h.store.broadcasts.get(id);
    const others = broadcast?.recipients.filter((r) => r.personId !== "zhang");
    expect(others?.length).toBeGreaterThan(0); // the check below must look at someone
    expect(others?.every((r) => r.acknowledgedAt === null)).toBe(true);
    expect(h.errors).toEqual([]);
  });
});
