import { describe, expect, it } from "vitest";
import { t } from "../../src/domain/messages";
import { useDeskHarness } from "../support/desk-harness";
import { audienceLabel } from "../support/fakes";
import { transcript } from "../support/transcript";

/**
 * The outside trial of the web chat as customers (after-sales): a waybill typed inside a sentence
 * in /claim and /complain, the rest of the sentence taken as the complaint (SOP-82), a second
 * complaint on the same parcel added to the open one, a second claim of another kind asked about
 * first (SOP-70/71), and the complaint's update naming the waybill without "再见" (SOP-80/81).
 * Messages counted per turn.
 */
const h = useDeskHarness("after-sales-trial");

const toChat = (chatId: string) => h.notifier.sent.filter((n) => audienceLabel(n.to) === `chat:${chatId}`);
const webCustomer = (id: string, languageHint?: string) =>
  transcript(h.engine, {
    chat: { channel: "web", chatId: id },
    person: undefined,
    isGroup: false,
    ...(languageHint ? { languageHint } : {}),
  });

describe("a waybill inside a sentence (trial finding 1)", () => {
  it("/claim reads 单号是YT1000000004 and 'the number is YT1000000004' as the waybill", async () => {
    const zh = webCustomer("web-trial-claim-zh");
    await zh.play([
      { say: "/claim", expect: "请发送需要理赔的快件运单号" },
      { say: "单号是YT1000000004", expect: ["运单 YT1000000004", "丢失"], absent: "不是有效的运单号" },
    ]);
    expect(zh.received().perTurn).toEqual([1, 1]);

    const en = webCustomer("web-trial-claim-en", "en");
    await en.play([
      { say: "/claim", expect: "tracking number" },
      { say: "the number is YT1000000004", expect: "YT1000000004", absent: "not a valid" },
    ]);
    expect(en.received().perTurn).toEqual([1, 1]);
  });

  it("SOP-82: /complain takes 快递员态度很差,YT1000000002 打电话骂人 as the waybill and the complaint, and does not ask again", async () => {
    const customer = webCustomer("web-trial-complain-1");
    await customer.play([
      { say: "/complain", expect: "请发送相关的运单号" },
      {
        say: "快递员态度很差,YT1000000002 打电话骂人",
        expect: "您的投诉已登记",
        absent: ["不是有效的运单号", "请告诉我们发生了什么"],
      },
    ]);
    expect(customer.received().perTurn).toEqual([1, 1]);
    const [complaint] = (await h.store.complaints.listOpen(1000)).filter(
      (c) => c.trackingNo === "YT1000000002",
    );
    expect(complaint?.text).toContain("打电话骂人");
    expect(complaint?.text).toContain("快递员态度很差");
  });

  it("a number alone still asks what happened; a sentence with no number is refused as before", async () => {
    const customer = webCustomer("web-trial-complain-2");
    await customer.play([
      { say: "/complain" },
      { say: "快递员态度很差", expect: "这不是有效的运单号" },
      { say: "单号是YT1000000010", expect: "请告诉我们发生了什么" },
      { say: "送错楼了", expect: "您的投诉已登记" },
    ]);
    expect(customer.received().perTurn).toEqual([1, 1, 1, 1]);
  });
});

describe("a second complaint or claim on the same parcel (trial finding 4)", () => {
  it("SOP-82: a second /complain on the parcel is added to the open one: told its waybill and level, no second complaint", async () => {
    const customer = webCustomer("web-trial-dup-1");
    await customer.play([
      { say: "/complain YT1000000028 快递员把包裹扔在门口", expect: "您的投诉已登记" },
      {
        say: "/complain YT1000000028 还打电话骂人",
        expect: ["还在处理中", "关于运单 YT1000000028 的投诉", "本网点", "补充"],
        absent: "您的投诉已登记",
      },
    ]);
    expect(customer.received().perTurn).toEqual([1, 1]);
    const mine = (await h.store.complaints.listOpen(1000)).filter((c) => c.trackingNo === "YT1000000028");
    expect(mine).toHaveLength(1);

    // The staff read what the customer added on the complaint's card, as the customer's.
    const agent = h.staff("wang");
    await agent.play([{ say: "/complaints" }, { press: "YT1000000028", expect: ["客户:还打电话骂人"] }]);
  });

  it("SOP-70/71: a claim of another kind on a parcel they claim for is asked about first; 不用了 opens nothing, 再开一件 opens it", async () => {
    const customer = webCustomer("web-trial-dup-2");
    const claimFor = async (kind: string, words: string) =>
      customer.play([
        { say: "/claim YT1000000036", expect: "请选择理赔原因" },
        { press: kind, expect: "请简单描述发生了什么" },
        { say: words, expect: "请确认理赔申请" },
      ]);
    await claimFor("丢失", "一直没收到");
    await customer.play([{ press: "提交申请", expect: "您的理赔申请已受理" }]);

    await claimFor("延误", "晚了一周");
    await customer.play([
      {
        press: "提交申请",
        expect: ["已有一件丢失理赔还在处理中", "还要为延误再开一件理赔吗", "再开一件", "不用了"],
      },
    ]);
    const stale = customer.payloadOf("再开一件");
    await customer.play([{ press: "不用了", expect: ["不再另开", "丢失理赔仍在处理中"] }]);
    // The old "再开一件" pressed after "不用了" opens nothing.
    await customer.pressPayload(stale);
    expect(await h.store.claims.listOpenByParcel("YT1000000036")).toHaveLength(1);

    await claimFor("延误", "晚了一周");
    await customer.play([
      { press: "提交申请", expect: "还要为延误再开一件理赔吗" },
      { press: "再开一件", expect: ["您的理赔申请已受理", "延误"] },
    ]);
    const open = await h.store.claims.listOpenByParcel("YT1000000036");
    expect(open.map((c) => c.kind).sort()).toEqual(["delay", "loss"]);
    // Three claims of three questions each, the submits and the question: one message each.
    // The old button gets a toast at most, no message.
    expect(customer.received().perTurn).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1]);
  });
});

describe("a second claim of the same kind (second trial, finding 6)", () => {
  it("SOP-70/71: its new words join the open claim, the customer is told so in one message, the holder or agents hear it", async () => {
    const customer = webCustomer("web-trial-dup-3");
    const claimFor = (words: string) =>
      customer.play([
        { say: "/claim YT1000000044", expect: "请选择理赔原因" },
        { press: "破损", expect: "请简单描述发生了什么" },
        { say: words, expect: "请确认理赔申请" },
        { press: "提交申请" },
      ]);
    await claimFor("杯子碎了");
    customer.expectReply("您的理赔申请已受理");
    const before = h.notifier.withKey("notice.claim.added").length;
    await claimFor("又碎了一个盘子");
    customer.expectReply("您刚才说的已补充进去");
    expect(customer.received().perTurn.at(-1)).toBe(1);
    const [open] = await h.store.claims.listOpenByParcel("YT1000000044");
    expect(await h.store.claims.listOpenByParcel("YT1000000044")).toHaveLength(1);
    const added = (await h.store.audit.list({ subject: `claim/${open?.id}` })).filter(
      (e) => e.action === "claim.added",
    );
    expect(added.map((e) => e.data.text)).toEqual(["又碎了一个盘子"]);
    const told = h.notifier.withKey("notice.claim.added").slice(before);
    expect(told.length).toBeGreaterThan(0);
    expect(told[0]?.params.text).toBe("又碎了一个盘子");
    // The same words again add nothing.
    await claimFor("又碎了一个盘子");
    customer.expectReply("已在处理中");
    customer.expectNoReply("已补充进去");
  });
});

describe("the complaint's update to the customer (trial finding 5)", () => {
  it("SOP-80/81: an agent's action tells the customer the waybill and level, signed, without 再见 while it is open", async () => {
    const customer = webCustomer("web-trial-acted");
    await customer.play([{ say: "/complain YT1000000044 快递员态度很差" }]);
    const agent = h.staff("wang");
    await agent.play([
      { say: "/complaints" },
      { press: "YT1000000044" },
      { press: "记录处理", expect: "做了什么处理" },
      { say: "已回电致歉", expect: "已记录处理" },
    ]);
    const notices = toChat("web-trial-acted");
    expect(notices.map((n) => n.key)).toEqual(["complaint.customer.acted"]);
    const [notice] = notices;
    const text = t("zh", notice?.key ?? "complaint.customer.acted", notice?.params ?? {});
    expect(text).toContain("关于运单 YT1000000044 的投诉");
    expect(text).toContain("本网点");
    expect(text).toMatch(/号为您服务/);
    expect(text).toMatch(/—— .+。$/);
    expect(text).not.toContain("再见");
    expect(text).not.toContain("SOP");

    // Closed, the goodbye is said (SOP-80).
    await agent.play([
      { say: "/complaints" },
      { press: "YT1000000044" },
      { press: "已解决,结案" },
      { say: "已向客户道歉,快递员已批评教育", expect: "已结案" },
    ]);
    const closed = toChat("web-trial-acted").at(-1);
    expect(t("zh", closed?.key ?? "complaint.customer.resolved", closed?.params ?? {})).toContain("再见");
  });
});
