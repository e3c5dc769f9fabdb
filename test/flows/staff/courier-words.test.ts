import { describe, expect, it } from "vitest";
import { useDeskHarness } from "../../support/desk-harness";

/**
 * A courier's or driver's own words when no broadcast waits for an answer: the duty lead receives
 * the field's escalations and hears couriers' answers to notices (SOP-83), so the desk offers to
 * pass the words on (one tap), never the bare menu; a parcel named is tracked as before.
 */
describe("SOP-83: a courier's question with no broadcast to answer", () => {
  const h = useDeskHarness("courier-words");

  it("is offered to the duty lead in one message; one tap passes it on, recorded, to the lead only", async () => {
    const zhang = h.staff("zhang");
    await zhang.say("这个件地址不对怎么办");
    zhang.expectReply("现在没有需要回复的通知。要把这句话转给值班组长 李强(003) 吗?");
    zhang.expectReply("这个件地址不对怎么办");
    zhang.expectNoReply("请选择:");
    expect(zhang.buttons()).toEqual(["转给值班组长", "菜单"]);
    const before = h.notifier.sent.length;
    await zhang.press("转给值班组长");
    zhang.expectReply("已把您的话转给值班组长 李强(003):“这个件地址不对怎么办”。");
    expect(zhang.received().perTurn).toEqual([1, 1]);
    const sent = h.notifier.sent.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toMatchObject({ kind: "person", personId: "li" });
    expect(sent[0]?.key).toBe("staff.wordsNotice");
    expect(sent[0]?.params).toMatchObject({ from: "张伟(105)", text: "这个件地址不对怎么办" });
    const audit = await h.store.audit.list({ subject: "staff/zhang" });
    expect(audit.filter((a) => a.action === "staff.words_passed")).toHaveLength(1);
  });

  it("the menu button instead passes nothing; another question typed over the offer is offered in its place", async () => {
    const liu = h.staff("liu");
    await liu.say("今天几点收班");
    const before = h.notifier.sent.length;
    await liu.say("明天要不要加班");
    liu.expectReply("“明天要不要加班”");
    liu.expectNoReply("今天几点收班");
    await liu.press("菜单");
    liu.expectReply("刘洋(106),您好。");
    expect(h.notifier.sent.length).toBe(before);
    expect(liu.received().perTurn).toEqual([1, 1, 1]);
  });

  it("a parcel named is still tracked, and 谢谢 or 你好 still gets the menu: no offer", async () => {
    const zhang = h.staff("zhang");
    await zhang.say("谢谢");
    zhang.expectNoReply("值班组长");
    await zhang.say("你好");
    zhang.expectReply("张伟(105),您好。");
    zhang.expectNoReply("值班组长");
    await zhang.say("YT1234567890 这个件在哪");
    zhang.expectNoReply("值班组长");
  });

  it("English: a driver is asked in English", async () => {
    const zhao = h.staff("zhao");
    await zhao.say("/lang en");
    await zhao.say("my van broke down, what now?");
    zhao.expectReply("No notice is waiting for your answer. Pass this to the duty lead 李强(003)?");
    expect(zhao.buttons()).toContain("Pass to the duty lead");
  });
});

describe("no SOP id reaches a chat", () => {
  const h = useDeskHarness("no-rule-ids");

  it("SOP-24: a driver's thanks gets the driver's menu line without its rule id", async () => {
    const zhao = h.staff("zhao");
    await zhao.say("谢谢");
    zhao.expectReply("有货要接时会通知您,按通知上的按钮操作即可。");
    zhao.expectNoReply("SOP-");
    expect(zhao.received().perTurn).toEqual([1]);
  });
});
