import { describe, expect, it } from "vitest";
import {
  DeskPermissionError,
  expectedTimers,
  handleTimer,
  NOTICE_ACTIONS,
  shiftHandover,
} from "../../../src/domain/desk";
import { t } from "../../../src/domain/messages";
import { timerId } from "../../../src/domain/ports";
import { freshTrackingNo } from "../../support/parcels";
import {
  AuditDown,
  auditOf,
  customerChat,
  fileStore,
  storeWithFailingAudit,
  testId,
  world,
} from "../../support/use-case-harness";

/**
 * SOP-13: a query raised to another branch is kept until its answer is recorded; SOP-11's 2 hours
 * time the reminder. Each change is one transaction with its audit row.
 */
const store = await fileStore();

async function customerQuery(w: ReturnType<typeof world>, trackingNo = freshTrackingNo()) {
  const chat = customerChat(testId());
  const r = await w.desk.raiseQuery({ asker: chat, language: "en", text: "where is it?", trackingNo });
  if (!r.ok) throw new Error(r.reason);
  return { query: r.query, chat };
}

describe("raiseBranchAsk (SOP-13)", () => {
  it("SOP-13: records the ask with its audit row, due by SOP-11's 2 hours, and arms the reminder", async () => {
    const w = world(store); // 10:00
    const no = freshTrackingNo();
    const r = await w.desk.raiseBranchAsk("wang", {
      trackingNo: no,
      branch: "  南京  分公司 ",
      question: " 到了吗? ",
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.ask).toMatchObject({
      trackingNo: no,
      branch: "南京 分公司",
      question: "到了吗?",
      queryId: null,
    });
    expect(r.ask.dueAt).toEqual(new Date("2026-11-27T04:00:00Z")); // 12:00
    expect(await store.branchAsks.get(r.ask.id)).toEqual(r.ask);
    expect(await auditOf(store, `branch-ask/${r.ask.id}`)).toMatchObject([
      { action: "branch_ask.raised", actor: { kind: "person", personId: "wang" }, data: { trackingNo: no } },
    ]);
    expect(w.scheduler.pending.get(timerId("branch-ask-due", r.ask.id))?.dueAt).toEqual(r.ask.dueAt);
    expect(w.notifier.sent).toEqual([]); // no customer to tell
    expect(await expectedTimers(w.deps)).toContainEqual({
      id: timerId("branch-ask-due", r.ask.id),
      kind: "branch-ask-due",
      subjectId: r.ask.id,
      dueAt: r.ask.dueAt,
    });
  });

  it("SOP-13/SOP-80: raised from a customer's query: its thread keeps the question, the customer gets one signed message", async () => {
    const w = world(store);
    const { query, chat } = await customerQuery(w);
    w.notifier.clear();
    const r = await w.desk.raiseBranchAsk("chen", {
      trackingNo: query.trackingNo ?? "",
      branch: "南京分公司",
      question: "Has it arrived?",
      queryId: query.id,
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.ask.queryId).toBe(query.id);
    const messages = await store.queries.messages(query.id);
    expect(messages.at(-1)).toMatchObject({
      author: "agent",
      personId: "chen",
      text: "→ 南京分公司: Has it arrived?",
    });
    expect(await w.desk.branchAsksForQuery(query.id)).toEqual([r.ask]);
    expect(w.notifier.sent).toHaveLength(1);
    const [told] = w.notifier.sent;
    expect(told?.to).toEqual({ kind: "chat", chat, language: "en" });
    expect(t("en", "branchAsk.customer.waiting", told?.params)).toBe(
      `Hello, Example Express operator no. 021 at your service.\nAbout your parcel ${query.trackingNo}: we have asked 南京分公司 and will answer you as soon as they reply.\n— agent no. 021. Goodbye.`,
    );
  });

  it("refuses a bad waybill, a branch that is no name, an empty or huge question, a closed query; stores nothing", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    const base = { trackingNo: no, branch: "南京分公司", question: "到了吗" };
    expect(await w.desk.raiseBranchAsk("wang", { ...base, trackingNo: "nonsense" })).toEqual({
      ok: false,
      reason: "bad_tracking_no",
    });
    expect(await w.desk.raiseBranchAsk("wang", { ...base, branch: "x" })).toEqual({
      ok: false,
      reason: "bad_branch",
    });
    expect(await w.desk.raiseBranchAsk("wang", { ...base, branch: "长".repeat(51) })).toEqual({
      ok: false,
      reason: "bad_branch",
    });
    expect(await w.desk.raiseBranchAsk("wang", { ...base, question: "  " })).toEqual({
      ok: false,
      reason: "empty",
    });
    expect(await w.desk.raiseBranchAsk("wang", { ...base, question: "问".repeat(5000) })).toEqual({
      ok: false,
      reason: "too_long",
    });
    expect(await w.desk.raiseBranchAsk("wang", { ...base, queryId: "no-such-query" })).toEqual({
      ok: false,
      reason: "query_not_open",
      rule: "SOP-13",
    });
    const { query } = await customerQuery(w);
    await w.desk.answerQuery(query.id, "wang", "已派送");
    expect(await w.desk.raiseBranchAsk("wang", { ...base, queryId: query.id })).toMatchObject({
      ok: false,
      reason: "query_not_open",
    });
    expect((await w.desk.openBranchAsks()).filter((a) => a.trackingNo === no)).toEqual([]);
  });

  it("is the agents' and the duty lead's: a courier calling it is a programming error", async () => {
    const w = world(store);
    await expect(
      w.desk.raiseBranchAsk("zhang", { trackingNo: freshTrackingNo(), branch: "南京分公司", question: "?" }),
    ).rejects.toThrow(DeskPermissionError);
  });

  it("one transaction: when its audit row cannot be written, neither the ask nor the thread line is stored", async () => {
    const w = world(store);
    const { query } = await customerQuery(w);
    const before = (await store.queries.messages(query.id)).length;
    const failing = world(storeWithFailingAudit(store));
    await expect(
      failing.desk.raiseBranchAsk("wang", {
        trackingNo: query.trackingNo ?? "",
        branch: "南京分公司",
        question: "到了吗",
        queryId: query.id,
      }),
    ).rejects.toThrow(AuditDown);
    expect(await store.branchAsks.listByQuery(query.id)).toEqual([]);
    expect(await store.queries.messages(query.id)).toHaveLength(before);
    expect(failing.notifier.sent).toEqual([]);
    expect(failing.scheduler.pending.size).toBe(0);
  });
});

describe("recordBranchAnswer (SOP-13) and the reminder (SOP-11)", () => {
  it("SOP-13: records the answer once, with its audit row and thread line; the asker hears who recorded it", async () => {
    const w = world(store);
    const { query } = await customerQuery(w);
    await w.desk.takeQuery(query.id, "wang");
    const r = await w.desk.raiseBranchAsk("wang", {
      trackingNo: query.trackingNo ?? "",
      branch: "南京分公司",
      question: "到了吗",
      queryId: query.id,
    });
    if (!r.ok) throw new Error(r.reason);
    w.notifier.clear();
    const recorded = await w.desk.recordBranchAnswer("chen", r.ask.id, " 已到站 ");
    expect(recorded).toMatchObject({
      ok: true,
      ask: { status: "answered", answer: "已到站", answeredBy: "chen" },
    });
    expect(w.scheduler.cancelled).toContain(timerId("branch-ask-due", r.ask.id));
    expect((await store.queries.messages(query.id)).at(-1)).toMatchObject({
      text: "← 南京分公司: 已到站",
      personId: "chen",
    });
    expect((await auditOf(store, `branch-ask/${r.ask.id}`)).map((a) => a.action)).toEqual([
      "branch_ask.raised",
      "branch_ask.answered",
    ]);
    expect(w.notifier.sent.map((n) => [n.to, n.key])).toEqual([
      [{ kind: "person", personId: "wang" }, "branchAsk.notice.answered"],
    ]);
    // Twice (an old button): refused, nothing more stored.
    expect(await w.desk.recordBranchAnswer("wang", r.ask.id, "again")).toEqual({
      ok: false,
      reason: "answered",
    });
    expect(await w.desk.recordBranchAnswer("wang", "nothing", "x")).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await w.desk.recordBranchAnswer("wang", r.ask.id, "")).toEqual({ ok: false, reason: "answered" });
    expect((await auditOf(store, `branch-ask/${r.ask.id}`)).length).toBe(2);
  });

  it("SOP-11: the reminder waits for its time (2 desk hours, carried over the night), then tells the asker, once answered nothing", async () => {
    const w = world(store, { at: "2026-11-27T09:00:00Z" }); // Friday 17:00; the desk closes at 18:30
    const r = await w.desk.raiseBranchAsk("wang", {
      trackingNo: freshTrackingNo(),
      branch: "南京分公司",
      question: "?",
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.ask.dueAt).toEqual(new Date("2026-11-28T00:30:00Z")); // 1.5 h today, 0.5 h from 08:00 tomorrow
    const run = () => handleTimer(w.deps, { kind: "branch-ask-due", subjectId: r.ask.id });
    expect(await run()).toEqual({ deferUntil: r.ask.dueAt });
    w.clock.set(r.ask.dueAt);
    expect(await run()).toBe("done");
    expect(w.notifier.withKey("branchAsk.notice.due")).toMatchObject([
      { to: { kind: "person", personId: "wang" }, actions: [{ action: `ba.${r.ask.id}` }] },
    ]);
    await w.desk.recordBranchAnswer("wang", r.ask.id, "到了");
    expect(await run()).toBe("skipped");
    expect(await handleTimer(w.deps, { kind: "branch-ask-due", subjectId: "nothing" })).toBe("skipped");
  });

  it("SOP-11: a reminder that comes due while the desk is closed waits for the opening", async () => {
    const w = world(store); // 10:00, due 12:00
    const r = await w.desk.raiseBranchAsk("wang", {
      trackingNo: freshTrackingNo(),
      branch: "南京分公司",
      question: "?",
    });
    if (!r.ok) throw new Error(r.reason);
    w.clock.set(new Date("2026-11-27T11:00:00Z")); // 19:00: closed
    expect(await handleTimer(w.deps, { kind: "branch-ask-due", subjectId: r.ask.id })).toEqual({
      deferUntil: new Date("2026-11-28T00:00:00Z"),
    });
    expect(w.notifier.sent).toEqual([]);
  });

  it("SOP-14/SOP-13: what still waits on a branch is handed over at 18:30, the late ones flagged; an answered one is not", async () => {
    const own = world(await fileStore());
    const late = await own.desk.raiseBranchAsk("wang", {
      trackingNo: freshTrackingNo(),
      branch: "南京分公司",
      question: "到了吗",
    });
    const done = await own.desk.raiseBranchAsk("wang", {
      trackingNo: freshTrackingNo(),
      branch: "苏州分公司",
      question: "发了吗",
    });
    if (!late.ok || !done.ok) throw new Error("not raised");
    await own.desk.recordBranchAnswer("chen", done.ask.id, "已发");
    own.clock.set(new Date("2026-11-27T10:30:00Z")); // 18:30
    const notices = await shiftHandover(own.deps);
    const toLead = notices.find((n) => n.to.kind === "person" && n.to.personId === "li");
    const text = toLead ? t("zh", toLead.key, toLead.params) : "";
    expect(text).toContain("等待兄弟公司答复 1 条:");
    expect(text).toContain(`• 南京分公司 ${late.ask.trackingNo} 到了吗(12:00 前) ⚠已超时`);
    expect(text).not.toContain("苏州分公司");
  });

  it("the notice buttons are the desk's own names (sb: approve busy, SOP-14; ba: record an answer, SOP-13)", () => {
    expect(NOTICE_ACTIONS).toMatchObject({ approveBusy: "sb", recordBranchAnswer: "ba" });
    const names = Object.values(NOTICE_ACTIONS);
    expect(new Set(names).size).toBe(names.length);
  });
});
