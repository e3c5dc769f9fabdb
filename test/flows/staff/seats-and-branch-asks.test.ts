import { afterEach, describe, expect, it } from "vitest";
import { handleTimer, noticePayload, type UseCaseDeps } from "../../../src/domain/desk";
import { t } from "../../../src/domain/messages";
import type { Notice } from "../../../src/domain/ports";
import type { Query } from "../../../src/domain/ports/records";
import { type DeskHarness, shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo } from "../../support/parcels";
import type { Transcript } from "../../support/transcript";

/**
 * Through the engine, as people do it: SOP-14 (the last seat after 17:30 and the duty lead's
 * approve button), SOP-13 (a query raised to another branch from a customer's query, its reminder,
 * its answer recorded) and SOP-80/81 (what the customer receives from a person: greeting first,
 * work number and 再见 last, one message each).
 */

function deps(h: DeskHarness): UseCaseDeps {
  return {
    store: h.store,
    scheduler: h.scheduler,
    notifier: h.notifier,
    policy: h.policy,
    calendar: h.calendar,
    directory: h.directory,
    clock: h.clock,
    presence: h.presence,
  };
}

/** A notice as the recipient reads it, in their language. */
const rendered = (n: Notice, language: "zh" | "en" = "zh") => t(language, n.key, n.params);

describe("SOP-14: the last open seat after 17:30, through the engine", () => {
  const h = useDeskHarness("seat-approve");
  afterEach(() => h.presence.available.clear());

  it("SOP-14: the agent is refused in one message, the duty lead approves with one tap, the agent hears", async () => {
    h.clock.set(shanghai("17:40"));
    const wang = h.staff("wang");
    await wang.say("/available");
    await wang.say("/busy");
    wang.expectReply("现在是 17:30 以后,您是唯一示闲的查件座席");
    wang.expectReply("已请值班组长确认");
    expect(wang.received().perTurn).toEqual([1, 1]);
    expect(await h.desk.isAvailable("wang")).toBe(true);

    const [asked] = h.notifier.toPerson("li").filter((n) => n.key === "seat.notice.askBusy");
    expect(asked && rendered(asked)).toContain("王芳(017)申请示忙");
    const approve = noticePayload(asked?.actions?.[0]?.action ?? "");
    expect(approve).toBe("a.sb.wang");

    // Not the agent's own button: wang pressing it changes nothing.
    await wang.pressPayload(approve);
    expect(wang.toasts()).toEqual([t("zh", "buttons.notForYou")]);
    expect(await h.desk.isAvailable("wang")).toBe(true);

    const li = h.staff("li");
    await li.pressPayload(approve);
    li.expectReply("已同意 王芳(017) 示忙");
    expect(await h.desk.isAvailable("wang")).toBe(false);
    expect(h.notifier.toPerson("wang").map((n) => n.key)).toEqual(["seat.approved.toAgent"]);

    // The old button again, and a forged one: polite answers, nothing changes.
    await li.pressPayload(approve);
    li.expectReply("王芳(017) 已经是示忙状态,无需再同意。");
    await li.pressPayload("a.sb.nobody");
    li.expectReply("找不到这位话务员");
    expect(li.received().perTurn).toEqual([1, 1, 1]);
  });
});

describe("SOP-13: a query raised to another branch, tracked until its answer is recorded", () => {
  const h = useDeskHarness("branch-asks");

  async function customerQuery(customer: Transcript, trackingNo: string): Promise<Query> {
    const opened = await h.desk.raiseQuery({
      asker: customer.who.chat,
      language: "zh",
      text: "我的快件怎么还没到?",
      trackingNo,
    });
    if (!opened.ok) throw new Error(opened.reason);
    return opened.query;
  }

  it("SOP-13/SOP-80: from the customer's query to the branch and back, the customer told in one signed message each time", async () => {
    const no = freshTrackingNo();
    const customer = h.customer();
    const query = await customerQuery(customer, no);
    const wang = h.staff("wang");
    await h.desk.takeQuery(query.id, "wang");
    await wang.say("/queries");
    await wang.press("我的快件怎么还没到");
    await wang.press("问兄弟公司");
    wang.expectReply("向哪个兄弟公司查询");
    await wang.say("x"); // not a branch's name
    wang.expectReply("公司名称须为 2 到 50 个字");
    await wang.say("南京分公司");
    wang.expectReply(`请输入要问 南京分公司 的问题(运单 ${no})`);
    await wang.say("这票件到你们那边了吗?");
    wang.expectReply(`已记录:向 南京分公司 查询运单 ${no}`);
    wang.expectReply(`【查询】运单 ${no}:这票件到你们那边了吗? 请于 12:00 前答复。——扬州分公司 017 号客服`);
    wang.expectReply("已标记为等待 南京分公司 答复");
    expect(wang.received().perTurn.slice(-4)).toEqual([1, 1, 1, 1]);

    // SOP-13 + SOP-80: the customer hears the branch was asked, one message, greeting first.
    const toCustomer = h.notifier.toChat(customer.who.chat);
    expect(toCustomer.map((n) => n.key)).toEqual(["branchAsk.customer.waiting"]);
    const waiting = rendered(toCustomer[0] as Notice);
    expect(waiting.startsWith("您好,某某快递 017 号为您服务。\n")).toBe(true);
    expect(waiting).toContain("我们已向南京分公司查询");
    expect(waiting.endsWith("—— 017 号客服。再见。")).toBe(true);
    expect(waiting).not.toMatch(/SOP-/);

    // The agent's view of the query shows what it waits on, and the thread keeps the question.
    await wang.say("/queries");
    await wang.press("我的快件怎么还没到");
    wang.expectReply("⏳ 等待 南京分公司 答复(自 10:00 起,12:00 前):这票件到你们那边了吗?");
    wang.expectReply("→ 南京分公司: 这票件到你们那边了吗?");
    await wang.say("/cancel");

    // SOP-11: no answer by 12:00 (2 hours): the agent who asked is reminded, with the button to record it.
    const [ask] = await h.desk.branchAsksForQuery(query.id);
    if (!ask) throw new Error("no branch ask stored");
    expect(h.scheduler.pending.get(`branch-ask-due-${ask.id}`)?.dueAt).toEqual(shanghai("12:00"));
    h.clock.set(shanghai("12:00"));
    expect(await handleTimer(deps(h), { kind: "branch-ask-due", subjectId: ask.id })).toBe("done");
    const [reminder] = h.notifier.toPerson("wang").filter((n) => n.key === "branchAsk.notice.due");
    expect(reminder && rendered(reminder)).toContain("对方仍未答复");
    const record = noticePayload(reminder?.actions?.[0]?.action ?? "");

    // A courier may not press it; the agent records the branch's answer.
    const zhang = h.staff("zhang");
    await zhang.pressPayload(record);
    expect(zhang.toasts()).toEqual([t("zh", "buttons.notForYou")]);
    await wang.pressPayload(record);
    wang.expectReply("请输入 南京分公司 的答复内容");
    await wang.say("已到站,明天上午派送");
    wang.expectReply("已记录 南京分公司 的答复");
    wang.expectReply(`客户的查件 ${no} 不再等待;请回复客户。`);
    expect(h.scheduler.pending.has(`branch-ask-due-${ask.id}`)).toBe(false);
    expect(await h.desk.branchAsk(ask.id)).toMatchObject({
      status: "answered",
      answer: "已到站,明天上午派送",
      answeredBy: "wang",
    });

    // Straight on to the customer's query: no longer waiting, the answer in its thread.
    await wang.press("回复客户");
    wang.expectNoReply("⏳ 等待");
    wang.expectReply("← 南京分公司: 已到站,明天上午派送");
    await wang.say("您的快件已到南京,明天上午派送。");
    await wang.press("发送");
    wang.expectReply("已回复");

    // SOP-80/81: the answer is one message: greeting, answer, work number and 再见.
    const all = h.notifier.toChat(customer.who.chat);
    expect(all.map((n) => n.key)).toEqual(["branchAsk.customer.waiting", "notice.query.answer"]);
    expect(rendered(all[1] as Notice)).toBe(
      `您好,某某快递 017 号为您服务。\n您的查件 ${no} 已有回复:\n您的快件已到南京,明天上午派送。\n—— 017 号客服。再见。`,
    );

    // The old reminder button again: the answer is shown, nothing recorded twice.
    await wang.pressPayload(record);
    wang.expectReply("南京分公司 的答复");
    wang.expectNoReply("请输入 南京分公司 的答复内容");
    const rows = await h.store.audit.list({ subject: `branch-ask/${ask.id}` });
    expect(rows.map((r) => r.action).sort()).toEqual(["branch_ask.answered", "branch_ask.raised"]);
  });

  it("SOP-13: a query to another branch without a customer's query: no customer told; listed until answered", async () => {
    const no = freshTrackingNo();
    const chen = h.staff("chen"); // reads English
    const before = h.notifier.sent.length;
    await chen.say(`/askbranch ${no}`);
    chen.expectReply("Which branch do you ask?");
    await chen.say("苏州分公司");
    await chen.say("Has it left your hub?");
    chen.expectReply(`Recorded: waybill ${no} asked of 苏州分公司`);
    expect(h.notifier.sent.slice(before).filter((n) => n.to.kind === "chat")).toEqual([]);

    await chen.say("/branchasks");
    chen.expectReply("Waiting on other branches:");
    await chen.press(no);
    chen.expectReply("Question: Has it left your hub?");
    await chen.press("Record their answer");
    await chen.say("Left at 09:00");
    chen.expectReply("The answer of 苏州分公司 is recorded.");
    await chen.say("/branchasks");
    chen.expectNoReply(no);
  });

  it("SOP-13: wrong roles and bad input are answered, nothing is stored", async () => {
    const zhang = h.staff("zhang");
    await zhang.say("/askbranch");
    zhang.expectReply("/askbranch 是话务员或值班组长用的命令。");
    await zhang.say("/branchasks");
    zhang.expectReply("/branchasks 是话务员或值班组长用的命令。");

    const wang = h.staff("wang");
    await wang.say("/askbranch q no-such-query");
    wang.expectReply("客户的查件已回复或不存在");
    await wang.say("/branchasks record ../../etc");
    wang.expectReply("找不到这条查询");
    await wang.say("/askbranch");
    await wang.say("not a waybill");
    wang.expectReply(t("zh", "staff.badTrackingNo"));
    await wang.say(freshTrackingNo());
    await wang.say("南京分公司");
    await wang.say("问".repeat(5000));
    wang.expectReply("最多");
    await wang.say("/cancel");
    const open = await h.desk.openBranchAsks();
    expect(open.filter((a) => a.question.startsWith("问问"))).toEqual([]);
  });
});
