import { describe, expect, it } from "vitest";
import { t } from "../../src/domain/messages";
import { shanghai, useDeskHarness } from "../support/desk-harness";
import { audienceLabel } from "../support/fakes";
import { privateChat, transcript } from "../support/transcript";

/**
 * Issue 12, claims (SOP-70..SOP-72) as people have them, through the engine: a customer's /claim
 * for a loss and for a damage (photos) with the deadlines they read, an agent's /claims recording
 * contact and a settlement (the customer told each step, messages counted), the pause that SOP-72
 * refuses, and the wrong roles.
 */
const h = useDeskHarness("claims");
const DAY = 86_400_000;

/** The notices the desk sent to a customer's chat. */
const toCustomer = (chatId: string) =>
  h.notifier.sent.filter((n) => audienceLabel(n.to) === `chat:${chatId}`).map((n) => n.key);

describe("a customer's /claim", () => {
  it("SOP-70: a loss, one question at a time, is due 30 calendar days on; one message per answer", async () => {
    const customer = h.customer();
    await customer.play([
      { say: "/claim", expect: "请发送需要理赔的快件运单号" },
      { say: "13800000000", expect: "这不是有效的运单号" },
      { say: "YT7000000001", expect: ["运单 YT7000000001", "丢失", "延误", "破损"] },
      { press: "丢失", expect: "请简单描述发生了什么" },
      { say: "寄出一周了还没收到,物流也不更新", expect: ["如有照片", "完成"] },
      { press: "完成", expect: ["请确认理赔申请", "YT7000000001", "丢失", "照片:0 张"] },
      { press: "提交申请", expect: ["您的理赔申请已受理", "12月27日 10:00"], absent: "SOP" },
    ]);
    expect(customer.received().perTurn).toEqual([1, 1, 1, 1, 1, 1, 1]);
    const [claim] = await h.store.claims.listOpenByParcel("YT7000000001");
    expect(claim).toMatchObject({ kind: "loss", dueAt: new Date(shanghai("10:00").getTime() + 30 * DAY) });
  });

  it("SOP-71: a damage with three photos is due 15 calendar days on; the photos are kept", async () => {
    const customer = h.customer();
    await customer.play([
      { say: "/claim YT7000000002", expect: "请选择理赔原因" },
      { say: "外箱压坏了", expect: "请简单描述发生了什么" }, // typed words read as the kind
      // A photo without words at the description: kept, and the words asked for.
      { input: { kind: "photo", fileRef: "tg-photo-0" }, expect: "请用文字描述一下情况" },
      { say: "杯子碎了两个", expect: "已收到第 1 张照片" },
      { input: { kind: "photo", fileRef: "tg-photo-1" }, expect: "已收到第 2 张照片" },
      { input: { kind: "photo", fileRef: "tg-photo-2", caption: "外包装" }, expect: "已收到第 3 张照片" },
      { press: "完成", expect: ["破损", "照片:3 张"] },
      { press: "提交申请", expect: ["您的理赔申请已受理", "12月12日 10:00"] },
    ]);
    const [claim] = await h.store.claims.listOpenByParcel("YT7000000002");
    expect(claim).toMatchObject({ kind: "damage", photos: ["tg-photo-0", "tg-photo-1", "tg-photo-2"] });
    expect(claim?.dueAt).toEqual(new Date(shanghai("10:00").getTime() + 15 * DAY));
  });

  it("the web chat sends no photos: no photo question; English for an English speaker", async () => {
    const web = transcript(h.engine, {
      chat: { channel: "web", chatId: "web-claim-1" },
      person: undefined,
      isGroup: false,
      languageHint: "en",
    });
    await web.play([
      { say: "/claim YT7000000003", expect: "what is the claim for" },
      { press: "delay", expect: "what happened" },
      {
        say: "It was due on Monday.",
        expect: ["Please confirm your claim", "Photos: 0"],
        absent: "photos (",
      },
      { press: "Submit the claim", expect: ["Your claim is registered", "Dec 12 10:00"] },
    ]);
  });

  it("cancel stores nothing; an old button from the summary afterwards changes nothing", async () => {
    const customer = h.customer();
    await customer.play([
      { say: "/claim YT7000000004" },
      { press: "丢失" },
      { say: "没收到" },
      { press: "完成" },
    ]);
    const submit = customer.payloadOf("提交申请");
    await customer.press("取消");
    customer.expectReply("已取消");
    await customer.pressPayload(submit);
    expect(await h.store.claims.listOpenByParcel("YT7000000004")).toEqual([]);
  });
});

describe("an agent's /claims", () => {
  it("SOP-70: records contact and a settlement; the customer is told each step (two messages, nothing else)", async () => {
    const customer = h.customer();
    await customer.play([
      { say: "/claim YT7000000010" },
      { press: "丢失" },
      { say: "没收到货" },
      { press: "完成" },
      { press: "提交申请" },
    ]);
    const chatId = customer.who.chat.chatId;
    const agent = h.staff("wang");
    await agent.say("/claims");
    agent.expectReply("未结理赔");
    await agent.press("YT7000000010");
    agent.expectReply("理赔 YT7000000010(丢失)");
    await agent.play([
      { press: "记录联系客户", expect: "与客户联系的情况" },
      { say: "已电话联系,客户申报价值 300 元", expect: "已记录联系客户:YT7000000010" },
      { say: "/claims" },
      {
        press: "YT7000000010",
        expect: ["处理人:王芳(017)", "王芳(017) 联系客户:已电话联系,客户申报价值 300 元"],
      },
      { press: "达成赔偿", expect: "赔偿金额" },
      { say: "三百", expect: "请输入大于 0" },
      { say: "300 元", expect: ["赔偿 300 元,怎么支付", "微信", "支付宝"] },
      { say: "好的", expect: ["请按下面的按钮选择", "赔偿 300 元,怎么支付", "支付宝"] }, // asked again
      { say: "用微信转给他", expect: "已结案:YT7000000010 赔偿 300 元(微信)" }, // typed, not pressed
    ]);
    expect(agent.received().perTurn.slice(-2)).toEqual([1, 1]);
    expect(toCustomer(chatId)).toEqual(["claim.customer.contacted", "claim.customer.settled"]);
    const settled = h.notifier.sent.find((n) => n.key === "claim.customer.settled");
    expect(settled?.params).toMatchObject({
      amount: "300",
      paidBy: "微信",
      greeting: "您好,某某快递 017 号为您服务。",
    });
    expect(String(settled?.params.closing)).toMatch(/017 号客服.*再见/);
    expect((await h.store.claims.listOpenByParcel("YT7000000010")).length).toBe(0);
    // Issue 12 §4: what the customer reads is Chinese first, greeted and signed, with no rule ids.
    for (const n of h.notifier.sent.filter((x) => audienceLabel(x.to) === `chat:${chatId}`)) {
      const text = t("zh", n.key, n.params);
      expect(text).toMatch(/^您好,某某快递 017 号为您服务。/);
      expect(text).toMatch(/再见。$/);
      expect(text).not.toMatch(/SOP-\d/);
    }
  });

  it("SOP-72: 'wait for head office' is refused, the deadline stands; a refusal's reason reaches the customer", async () => {
    const customer = h.customer();
    await customer.play([
      { say: "/claim YT7000000011" },
      { press: "破损" },
      { say: "碎了" },
      { press: "完成" },
      { press: "提交申请" },
    ]);
    const [claim] = await h.store.claims.listOpenByParcel("YT7000000011");
    expect(claim?.dueAt).toBeInstanceOf(Date); // so "the deadline stays" below compares a real one
    const agent = h.staff("chen");
    await agent.say("/claims");
    await agent.say("yt 7000000011"); // typed instead of pressed: its card
    agent.expectReply("Claim YT7000000011");
    await agent.press("Wait for head office");
    agent.expectReply("a claim may not be delayed because head office has not decided");
    agent.expectNoReply("SOP-");
    agent.expectReply("It cannot be paused");
    agent.expectReply("陈静(021) asked to pause it: refused"); // recorded on the card
    await agent.say("先等总公司决定再说"); // typed: the same refusal
    agent.expectReply("It cannot be paused");
    agent.expectReply("Claim YT7000000011"); // the card again, in the same message (one answer, one message)
    expect(agent.received().perTurn.at(-1)).toBe(1);
    expect((await h.store.claims.get(claim?.id ?? ""))?.dueAt).toEqual(claim?.dueAt);
    await agent.play([
      { press: "Refuse", expect: "Why is it refused" },
      { say: "内件为易碎品未声明,按规定不赔", expect: "Refused: YT7000000011" },
    ]);
    const refused = h.notifier.sent.find((n) => n.key === "claim.customer.refused");
    expect(refused?.params.reason).toBe("内件为易碎品未声明,按规定不赔");
  });

  it("wrong roles: a courier's and a customer's /claims are refused; nothing is shown", async () => {
    const courier = h.staff("zhang");
    await courier.say("/claims");
    courier.expectReply("/claims 是");
    courier.expectNoReply("未结理赔");
    const customer = h.customer();
    await customer.say("/claims");
    customer.expectNoReply("未结理赔");
  });

  it("the notice's button opens the claim's card; a forged one is answered politely", async () => {
    const customer = h.customer();
    await customer.play([
      { say: "/claim YT7000000012" },
      { press: "延误" },
      { say: "晚了五天" },
      { press: "完成" },
      { press: "提交申请" },
    ]);
    const [claim] = await h.store.claims.listOpenByParcel("YT7000000012");
    const lead = transcript(h.engine, privateChat("claims-li", h.directory.person("li")));
    await lead.send({ kind: "choice", payload: `a.cv.${claim?.id}` });
    lead.expectReply("理赔 YT7000000012");
    await lead.send({ kind: "choice", payload: "a.cv.../../etc" });
    expect(lead.text()).not.toContain("理赔 YT");
  });
});
