import { describe, expect, it } from "vitest";
import { t } from "../../src/domain/messages";
import { shanghai, useDeskHarness } from "../support/desk-harness";
import { freshTrackingNo, scan } from "../support/parcels";

/**
 * Trial of this session's changes (SOP-70/71 claims typed as sentences, several numbers in one
 * message, English pickups, SOP-83 broadcast replies, /lang mid-form), as people behave: one
 * message back per turn, never a menu where an answer was expected, old buttons harmless.
 */
describe("trial: this session's changes as people use them", () => {
  const h = useDeskHarness("trial-session");

  async function moving(kind: "arrived" | "out_for_delivery" = "arrived"): Promise<string> {
    const no = freshTrackingNo();
    await h.ingest([scan(no, kind, shanghai("08:00"), "扬州转运中心")]);
    return no;
  }

  it("我要索赔 <number> 丢了: number and kind kept, accepted, then 谢谢 says goodbye", async () => {
    const no = await moving();
    const c = h.customer();
    await c.play([
      { say: `我要索赔 ${no} 丢了`, expect: "请简单描述发生了什么", absent: ["请选择理赔原因", "运单号"] },
      { say: "东西一直没收到,客服说丢了", expect: "完成" },
      { press: "完成", expect: ["请确认理赔申请", no, "丢失", "东西一直没收到"] },
      { press: "提交申请", expect: ["您的理赔申请已受理", no] },
      { say: "谢谢", expect: "再见" },
    ]);
    expect(c.received().perTurn).toEqual([1, 1, 1, 1, 1]);
  });

  it("asked for a number, a claim or complaint typed with one starts that request, not tracking", async () => {
    const no = await moving();
    const c = h.customer();
    await c.play([
      { say: "查快递", expect: "请发送您的运单号" },
      { say: `我要索赔 ${no} 丢了`, expect: "请简单描述发生了什么", absent: ["最新动态"] },
      { say: "/cancel", expect: "已取消" },
      { say: "查快递", expect: "请发送您的运单号" },
      { say: `我要投诉 ${no} 快递员态度很差`, absent: ["最新动态"] },
    ]);
    expect(c.received().perTurn).toEqual([1, 1, 1, 1, 1]);
  });

  it("asked for a number, 好的 or 谢谢 gets a polite close, not 'this is not a number'", async () => {
    for (const words of ["好的", "谢谢", "ok thanks"]) {
      const c = h.customer();
      await c.play([
        { say: "查快递", expect: "请发送您的运单号" },
        { say: words, expect: "感谢您的咨询", absent: ["不是运单号", "请选择"] },
      ]);
      expect(c.received().perTurn).toEqual([1, 1]);
    }
  });

  it("old claim buttons pressed after the claim is filed: a toast, no message, no second claim", async () => {
    const no = await moving();
    const c = h.customer();
    await c.say(`${no} 丢了,我要索赔`);
    c.expectReply("请简单描述发生了什么");
    await c.say("杯子不见了");
    const done = c.payloadOf("完成");
    await c.press("完成");
    const submit = c.payloadOf("提交申请");
    await c.press("提交申请");
    c.expectReply("您的理赔申请已受理");
    await c.pressPayload(done);
    expect(c.toasts()).toEqual(["这个按钮已过期。直接发消息告诉我您要办什么即可。"]);
    await c.pressPayload(submit);
    expect(c.toasts()).toEqual(["已收到,无需重复点击。"]);
    expect(c.received().perTurn).toEqual([1, 1, 1, 1, 0, 0]);
  });

  it("/lang en at a typed claim's kind question: one English message, then 'lost' answers it", async () => {
    const no = await moving();
    const c = h.customer();
    await c.say(`我要索赔 ${no}`);
    c.expectReply(`运单 ${no}:请选择理赔原因`);
    await c.say("/lang en");
    c.expectReply(t("en", "language.set"));
    c.expectReply(`Tracking number ${no}: what is the claim for?`);
    expect(c.buttons()).toEqual(["loss", "delay", "damage", "Cancel"]);
    await c.say("lost");
    c.expectReply("Please tell us briefly what happened");
    expect(c.received().perTurn).toEqual([1, 1, 1]);
  });

  it("a typed complaint, then 什么时候有结果 and 好的: about that complaint, one message each", async () => {
    const no = await moving();
    const c = h.customer();
    await c.play([
      { say: `我要投诉 ${no} 快递员态度很差`, expect: "您的投诉已登记" },
      { say: "什么时候有结果", expect: [`运单 ${no} 的投诉还在处理中`, "不用重新投诉"], absent: "请选择" },
      { say: "好的", expect: "有处理结果会第一时间告诉您", absent: "请选择" },
    ]);
    expect(c.received().perTurn).toEqual([1, 1, 1]);
  });

  it("帮我查下 <a> 和 <b>: both parcels in one message", async () => {
    const a = await moving();
    const b = await moving("out_for_delivery");
    const c = h.customer();
    await c.say(`帮我查下 ${a} 和 ${b}`);
    c.expectReply(`运单 ${a}:运输途中`);
    c.expectReply(`运单 ${b}:正在派送`);
    c.expectNoReply("请选择");
    expect(c.received().perTurn).toEqual([1]);
  });

  it("English: 'please check <a> and <b>' answers both in English, one message", async () => {
    const a = await moving();
    const b = await moving();
    const c = h.customer("en");
    await c.say(`please check ${a} and ${b}`);
    c.expectReply("The 2 tracking numbers you sent");
    c.expectReply(`Parcel ${a}: on its way`);
    c.expectReply(`Parcel ${b}: on its way`);
    expect(c.received().perTurn).toEqual([1]);
  });

  it("'can someone pick up a parcel from my office' starts the pickup in English; /lang zh then en re-asks", async () => {
    const c = h.customer();
    await c.say("can someone pick up a parcel from my office");
    c.expectReply("Please send the full pickup address");
    c.expectNoReply("请选择您要办理的业务");
    await c.say("/lang zh");
    c.expectReply("已切换为中文");
    expect(c.text()).toMatch(/地址/);
    await c.say("/lang en");
    c.expectReply("Switched to English");
    expect(c.text()).toMatch(/address/);
    expect(c.received().perTurn).toEqual([1, 1, 1]);
  });

  it("SOP-83: 明天几点集合? after a broadcast goes to the lead; 收到 from another acknowledges", async () => {
    h.clock.advance(60_000);
    const li = h.staff("li");
    await li.say("/broadcast 明天早上开会");
    await li.press("发送");
    li.expectReply("已发给 3 人");
    const before = h.notifier.sent.length;
    const zhang = h.staff("zhang");
    await zhang.say("明天几点集合?");
    zhang.expectReply("已把您的话转给 李强(003):“明天几点集合?”");
    const zhao = h.staff("zhao");
    await zhao.say("收到");
    zhao.expectReply("已确认收到通知“明天早上开会”");
    zhao.expectNoReply("转给");
    const toLead = h.notifier.sent
      .slice(before)
      .filter((n) => n.to.kind === "person" && n.to.personId === "li");
    expect(toLead.map((n) => n.key)).toEqual(["broadcast.replyNotice"]);
    expect(zhang.received().perTurn).toEqual([1]);
    expect(zhao.received().perTurn).toEqual([1]);
    expect(h.errors).toEqual([]);
  });
});
