import { describe, expect, it } from "vitest";
import { DeskPermissionError, OPEN_QUERIES_LIMIT } from "../../../src/domain/desk";
import { t } from "../../../src/domain/messages";
import type { Repositories, Store } from "../../../src/domain/ports";
import { timerId } from "../../../src/domain/ports";
import type { Query } from "../../../src/domain/ports/records";
import { QUERY_TEXT_MAX_LENGTH } from "../../../src/domain/queries/reply-deadline";
import { freshTrackingNo } from "../../support/parcels";
import {
  AuditDown,
  at,
  auditOf,
  customerChat,
  fileStore,
  storeWithFailingAudit,
  testId,
  world,
} from "../../support/use-case-harness";

const store = await fileStore();

/**
 * The store, except that the first `staleReads` reads of this query (by id, in or out of a
 * transaction) give the snapshot someone saw before it was answered, and the asker's open list
 * still shows it: the compare and set must catch the change made meanwhile.
 */
function withStaleQuery(base: Store, seen: Query, staleReads = Number.POSITIVE_INFINITY): Store {
  let reads = 0;
  const queries = (repo: Repositories["queries"]): Repositories["queries"] => ({
    ...repo,
    get: async (id) => (id === seen.id && reads++ < staleReads ? seen : repo.get(id)),
    listOpenByAsker: async (chat) => {
      const open = await repo.listOpenByAsker(chat);
      return chat.chatId === seen.askedBy.chatId && !open.some((q) => q.id === seen.id)
        ? [seen, ...open]
        : open;
    },
  });
  return {
    ...base,
    queries: queries(base.queries),
    transaction: (work) => base.transaction((tx) => work({ ...tx, queries: queries(tx.queries) })),
  };
}

const ask = (
  w: ReturnType<typeof world>,
  text = "我的快件到哪里了?",
  trackingNo: string | undefined = freshTrackingNo(),
) => w.desk.raiseQuery({ asker: customerChat(testId()), language: "zh", text, trackingNo });

async function opened(w: ReturnType<typeof world>, trackingNo: string | undefined = freshTrackingNo()) {
  const r = await ask(w, "我的快件到哪里了?", trackingNo);
  if (!r.ok) throw new Error(r.reason);
  return r.query;
}

describe("raiseQuery", () => {
  it("SOP-10: stores the query with its first message and audit row, due in 30 minutes", async () => {
    const w = world(store);
    const trackingNo = freshTrackingNo();
    const chat = customerChat(testId());
    const r = await w.desk.raiseQuery({ asker: chat, language: "zh", text: "  到哪了  ", trackingNo });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.query.dueAt).toEqual(at("2026-11-27T02:30:00Z"));
    expect(await store.queries.get(r.query.id)).toMatchObject({ text: "到哪了", status: "open", trackingNo });
    const messages = await store.queries.messages(r.query.id);
    expect(messages).toMatchObject([{ author: "customer", text: "到哪了" }]);
    const audit = await auditOf(store, `query/${r.query.id}`);
    expect(audit).toMatchObject([{ action: "query.opened", actor: { kind: "customer", chat } }]);
  });

  it("subscribes the asker to the parcel so later notices reach the chat", async () => {
    const w = world(store);
    const trackingNo = freshTrackingNo();
    const chat = customerChat(testId());
    await w.desk.raiseQuery({ asker: chat, language: "en", text: "where is it?", trackingNo });
    expect(await store.subscriptions.subscribers(trackingNo)).toMatchObject([{ chat, language: "en" }]);
  });

  it("SOP-10: schedules the warning at warnAt and the escalation at dueAt", async () => {
    const w = world(store);
    const q = await opened(w);
    expect(w.scheduler.pending.get(timerId("query-warn", q.id))?.dueAt).toEqual(at("2026-11-27T02:20:00Z"));
    expect(w.scheduler.pending.get(timerId("query-due", q.id))?.dueAt).toEqual(at("2026-11-27T02:30:00Z"));
  });

  it("SOP-14: announces the query to each available agent only, with a take button", async () => {
    const w = world(store);
    w.presence.available.add("chen");
    const trackingNo = freshTrackingNo();
    const q = await opened(w, trackingNo);
    expect(w.notifier.recipients("thread.notice.new")).toEqual(["person:chen"]);
    const notice = w.notifier.withKey("thread.notice.new")[0];
    expect(notice?.params).toMatchObject({ ref: trackingNo, due: "10:30", from: "a customer" });
    expect(notice?.actions).toEqual([{ labelKey: "notice.action.take", action: `qt.${q.id}` }]);
  });

  it("SOP-14: with no seat available, announces to all agents and all supervisors", async () => {
    const w = world(store);
    await opened(w);
    expect(w.notifier.recipients("thread.notice.new").sort()).toEqual([
      "person:chen",
      "person:li",
      "person:wang",
    ]);
  });

  it("cuts the announced text to an excerpt of at most 200 characters", async () => {
    const w = world(store);
    await ask(w, "查".repeat(500));
    const excerpt = String(w.notifier.withKey("thread.notice.new")[0]?.params.excerpt);
    expect([...excerpt].length).toBeLessThanOrEqual(200);
    expect(excerpt.endsWith("…")).toBe(true);
  });

  it("SOP-12: a query after 18:30 is due at 09:00 next morning, warned at 08:50, and wakes nobody", async () => {
    const w = world(store, { at: "2026-11-27T11:00:00Z" }); // Friday 19:00
    const r = await ask(w);
    if (!r.ok) throw new Error(r.reason);
    expect(r.deadline.afterHours).toBe(true);
    expect(w.scheduler.pending.get(timerId("query-due", r.query.id))?.dueAt).toEqual(
      at("2026-11-28T01:00:00Z"),
    );
    expect(w.scheduler.pending.get(timerId("query-warn", r.query.id))?.dueAt).toEqual(
      at("2026-11-28T00:50:00Z"),
    );
    expect(w.notifier.withKey("thread.notice.new")).toEqual([]);
  });

  it("SOP-12: after hours, a seat that chose to stay available is still told", async () => {
    const w = world(store, { at: "2026-11-27T11:00:00Z" });
    w.presence.available.add("wang");
    await ask(w);
    expect(w.notifier.recipients("thread.notice.new")).toEqual(["person:wang"]);
    expect(w.notifier.withKey("thread.notice.new")[0]?.params.due).toBe("11-28 09:00");
  });

  it("SOP-11: a branch query is due in 2 hours and records the branch and the agent who opened it", async () => {
    const w = world(store);
    const r = await w.desk.raiseQuery({
      asker: customerChat("agent-wang"),
      language: "zh",
      text: "请查一下这票件",
      trackingNo: freshTrackingNo(),
      kind: "branch",
      fromBranch: "苏州分公司",
      openedBy: "wang",
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.query).toMatchObject({
      kind: "branch",
      fromBranch: "苏州分公司",
      dueAt: at("2026-11-27T04:00:00Z"),
    });
    const [row] = await auditOf(store, `query/${r.query.id}`);
    expect(row).toMatchObject({ actor: { kind: "person", personId: "wang" }, data: { openedBy: "wang" } });
    expect(await store.queries.messages(r.query.id)).toMatchObject([{ author: "agent", personId: "wang" }]);
    expect(w.notifier.withKey("thread.notice.new")[0]?.params.from).toMatch(/苏州分公司/);
  });

  it("refuses empty and too long texts as values, storing nothing", async () => {
    const w = world(store);
    expect(await ask(w, "   ")).toEqual({ ok: false, reason: "empty" });
    expect(await ask(w, "x".repeat(QUERY_TEXT_MAX_LENGTH + 1))).toEqual({ ok: false, reason: "too_long" });
    expect(w.scheduler.scheduled).toEqual([]);
    expect(w.notifier.sent).toEqual([]);
  });

  it("is one transaction: when the audit row cannot be written, no query, message or subscription is stored", async () => {
    const w = world(storeWithFailingAudit(store));
    const trackingNo = freshTrackingNo();
    const before = (await store.queries.listOpen(10_000)).length;
    await expect(ask(w, "到哪了", trackingNo)).rejects.toThrow(AuditDown);
    expect((await store.queries.listOpen(10_000)).length).toBe(before);
    expect(await store.subscriptions.subscribers(trackingNo)).toEqual([]);
    expect(w.scheduler.scheduled).toEqual([]);
    expect(w.notifier.sent).toEqual([]);
  });

  it("still succeeds when the notifier or scheduler fails after the commit, and logs it", async () => {
    const w = world(store);
    w.notifier.failWith = new Error("redis down");
    w.scheduler.failNext = new Error("redis down");
    const r = await ask(w);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await store.queries.get(r.query.id)).toBeDefined();
    expect(w.warnings.length).toBeGreaterThanOrEqual(2);
    // The second timer still went in: one failure does not stop the others.
    expect(w.scheduler.pending.has(timerId("query-due", r.query.id))).toBe(true);
  });
});

/** A customer's open query ("到哪了?") about a parcel of its own, optionally taken by wang. */
async function askedAbout(w: ReturnType<typeof world>, options: { takenBy?: string } = {}) {
  const chat = customerChat(testId());
  const trackingNo = freshTrackingNo();
  const first = await w.desk.raiseQuery({ asker: chat, language: "zh", text: "到哪了?", trackingNo });
  if (!first.ok) throw new Error(first.reason);
  if (options.takenBy) await w.desk.takeQuery(first.query.id, options.takenBy);
  w.notifier.clear();
  return { chat, trackingNo, first };
}

describe("raiseQuery: a follow-up joins the asker's open query (SOP-10)", () => {
  it("the same asker about the same tracking number: one query, the text added as a message, only the holder told", async () => {
    const w = world(store);
    const { chat, trackingNo, first } = await askedAbout(w, { takenBy: "wang" });
    w.scheduler.scheduled.length = 0;
    w.clock.advance(10 * 60_000);

    const again = await w.desk.raiseQuery({
      asker: chat,
      language: "zh",
      text: "  很急,今天能到吗?  ",
      trackingNo,
    });
    expect(again).toMatchObject({ ok: true, reused: true, query: { id: first.query.id } });
    // SOP-10: the deadline still counts from the first message.
    if (again.ok) expect(again.deadline.dueAt).toEqual(first.query.dueAt);
    expect((await store.queries.listOpenByAsker(chat)).map((q) => q.id)).toEqual([first.query.id]);
    expect((await store.queries.messages(first.query.id)).map((m) => [m.author, m.text])).toEqual([
      ["customer", "到哪了?"],
      ["customer", "很急,今天能到吗?"],
    ]);
    expect((await auditOf(store, `query/${first.query.id}`)).at(-1)).toMatchObject({
      action: "query.message",
      actor: { kind: "customer", chat },
    });
    expect(w.notifier.sent).toMatchObject([
      {
        to: { kind: "person", personId: "wang" },
        key: "thread.notice.followUp",
        params: { ref: trackingNo, excerpt: "很急,今天能到吗?", due: "10:30" },
      },
    ]);
    expect(w.scheduler.scheduled).toEqual([]);
  });

  it("nobody holds it yet: the message joins it and the available agents are told, with the thread (issue 14 §1)", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const trackingNo = freshTrackingNo();
    const first = await w.desk.raiseQuery({ asker: chat, language: "zh", text: "到哪了?", trackingNo });
    w.notifier.clear();
    w.presence.available.add("chen");
    const again = await w.desk.raiseQuery({ asker: chat, language: "zh", text: "还没到", trackingNo });
    expect(again).toMatchObject({ ok: true, reused: true });
    if (first.ok && again.ok) expect(again.query.id).toBe(first.query.id);
    expect(w.notifier.recipients("thread.notice.followUp")).toEqual(["person:chen"]);
    const thread = String(w.notifier.withKey("thread.notice.followUp")[0]?.params.thread);
    // chen reads English: the thread is rendered in the reader's language.
    expect(thread).toMatch(/customer: 到哪了\?[\s\S]*customer: 还没到/);
  });

  it("nobody holds it and no seat is available: the message joins it quietly (the warning covers it)", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const trackingNo = freshTrackingNo();
    await w.desk.raiseQuery({ asker: chat, language: "zh", text: "到哪了?", trackingNo });
    w.notifier.clear();
    await w.desk.raiseQuery({ asker: chat, language: "zh", text: "还没到", trackingNo });
    expect(w.notifier.sent).toEqual([]);
  });

  it("one rule (issue 14 §1): while the query is open a message joins it however long ago it was asked", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const first = await w.desk.raiseQuery({ asker: chat, language: "zh", text: "我想问个事" });
    if (!first.ok) throw new Error(first.reason);
    w.clock.advance(29 * 60_000);
    const soon = await w.desk.raiseQuery({ asker: chat, language: "zh", text: "在吗" });
    expect(soon).toMatchObject({ ok: true, reused: true, query: { id: first.query.id } });
    w.clock.advance(2 * 60 * 60_000); // long past the old 30-minute window: still the same thread
    const later = await w.desk.raiseQuery({ asker: chat, language: "zh", text: "还有人吗" });
    expect(later).toMatchObject({ ok: true, reused: true, query: { id: first.query.id } });
  });

  it("SOP-10: a follow-up within threadFor of the answer reopens the query for its holder, due 30 minutes from the follow-up", async () => {
    const w = world(store);
    const { chat, first } = await askedAbout(w, { takenBy: "wang" });
    await w.desk.answerQuery(first.query.id, "wang", "今天派送");
    w.clock.advance(3 * 60 * 60_000); // 13:00 on the branch's clock
    w.notifier.clear();
    const reply = await w.desk.raiseQuery({
      asker: chat,
      language: "zh",
      text: "箱子里的东西摔坏了,怎么赔?",
    });
    expect(reply).toMatchObject({ ok: true, reused: true, reopened: true, query: { id: first.query.id } });
    const query = await store.queries.get(first.query.id);
    expect(query).toMatchObject({ status: "open", assignee: "wang", answeredAt: null });
    expect(query?.dueAt).toEqual(at("2026-11-27T05:30:00Z"));
    if (reply.ok) expect(reply.deadline.dueAt).toEqual(at("2026-11-27T05:30:00Z"));
    expect(w.scheduler.pending.get(timerId("query-due", first.query.id))?.dueAt).toEqual(
      at("2026-11-27T05:30:00Z"),
    );
    expect(w.notifier.recipients("thread.notice.reopened")).toEqual(["person:wang"]);
    const thread = String(w.notifier.withKey("thread.notice.reopened")[0]?.params.thread);
    expect(thread).toMatch(/客户:到哪了\?[\s\S]*王芳\(017\):今天派送[\s\S]*客户:箱子里的东西摔坏了/);
    expect((await auditOf(store, `query/${first.query.id}`)).map((a) => a.action)).toContain(
      "query.reopened",
    );
  });

  it("after threadFor (24 h) past the answer, a new question opens a new query", async () => {
    const w = world(store);
    const { chat, trackingNo, first } = await askedAbout(w, { takenBy: "wang" });
    await w.desk.answerQuery(first.query.id, "wang", "今天派送");
    w.clock.advance(24 * 60 * 60_000 + 60_000);
    const later = await w.desk.raiseQuery({ asker: chat, language: "zh", text: "又有一个问题", trackingNo });
    expect(later.ok && later.reused).toBeFalsy();
    if (later.ok) expect(later.query.id).not.toBe(first.query.id);
    expect((await store.queries.get(first.query.id))?.status).toBe("answered");
  });

  it("a photo joins the thread as the channel's file reference", async () => {
    const w = world(store);
    const { chat, first } = await askedAbout(w, { takenBy: "wang" });
    const photo = await w.desk.raiseQuery({ asker: chat, language: "zh", text: "", photo: "tg-file-1" });
    expect(photo).toMatchObject({ ok: true, reused: true, query: { id: first.query.id } });
    const messages = await store.queries.messages(first.query.id);
    expect(messages.at(-1)).toMatchObject({ author: "customer", text: "", photo: "tg-file-1" });
    expect(String(w.notifier.withKey("thread.notice.followUp")[0]?.params.thread)).toContain("[照片]");
  });

  it("another tracking number or another asker: a new query", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const trackingNo = freshTrackingNo();
    const first = await w.desk.raiseQuery({ asker: chat, language: "zh", text: "到哪了?", trackingNo });
    if (!first.ok) throw new Error(first.reason);
    const other = await w.desk.raiseQuery({
      asker: chat,
      language: "zh",
      text: "这个呢?",
      trackingNo: freshTrackingNo(),
    });
    const someoneElse = await w.desk.raiseQuery({
      asker: customerChat(testId()),
      language: "zh",
      text: "到哪了?",
      trackingNo,
    });
    for (const r of [other, someoneElse]) {
      expect(r).toMatchObject({ ok: true });
      if (r.ok) {
        expect(r.reused).toBeFalsy();
        expect(r.query.id).not.toBe(first.query.id);
      }
    }
  });

  it("SOP-11: branch queries are never merged: each is opened on purpose", async () => {
    const w = world(store);
    const agentChat = customerChat(testId());
    const branchQuery = (fromBranch: string) =>
      w.desk.raiseQuery({
        asker: agentChat,
        language: "zh",
        text: "请查件",
        kind: "branch",
        fromBranch,
        openedBy: "wang",
      });
    const a = await branchQuery("苏州分公司");
    const b = await branchQuery("南京分公司");
    if (!a.ok || !b.ok) throw new Error("refused");
    expect(a.query.id).not.toBe(b.query.id);
    expect(b.reused).toBeFalsy();
  });

  it("without a tracking number: joins the newest thread, about a parcel or not (a reply to the answer)", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const aboutParcel = await w.desk.raiseQuery({
      asker: chat,
      language: "zh",
      text: "到哪了?",
      trackingNo: freshTrackingNo(),
    });
    if (!aboutParcel.ok) throw new Error(aboutParcel.reason);
    w.clock.advance(60_000);
    const more = await w.desk.raiseQuery({ asker: chat, language: "zh", text: "箱子摔坏了怎么办?" });
    expect(more).toMatchObject({ ok: true, reused: true, query: { id: aboutParcel.query.id } });
    expect(await store.queries.messages(aboutParcel.query.id)).toHaveLength(2);
  });

  it("the same text as the query's last customer message adds nothing and pings nobody (still reused)", async () => {
    const w = world(store);
    const { chat, trackingNo, first } = await askedAbout(w, { takenBy: "wang" });
    const again = await w.desk.raiseQuery({ asker: chat, language: "zh", text: " 到哪了? ", trackingNo });
    expect(again).toMatchObject({ ok: true, reused: true, query: { id: first.query.id } });
    expect(await store.queries.messages(first.query.id)).toHaveLength(1);
    expect((await auditOf(store, `query/${first.query.id}`)).map((a) => a.action)).toEqual([
      "query.opened",
      "query.taken",
    ]);
    expect(w.notifier.sent).toEqual([]);
    // A different text still joins and tells the holder.
    await w.desk.raiseQuery({ asker: chat, language: "zh", text: "今天能到吗?", trackingNo });
    expect(await store.queries.messages(first.query.id)).toHaveLength(2);
    expect(w.notifier.sent.map((n) => n.key)).toEqual(["thread.notice.followUp"]);
  });

  it("answered between the look-up and the append: the transaction re-reads it and reopens it, the message kept", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const trackingNo = freshTrackingNo();
    const first = await w.desk.raiseQuery({ asker: chat, language: "zh", text: "到哪了?", trackingNo });
    if (!first.ok) throw new Error(first.reason);
    const seen = first.query;
    await w.desk.answerQuery(seen.id, "wang", "今天派送");
    const late = await world(withStaleQuery(store, seen)).desk.raiseQuery({
      asker: chat,
      language: "zh",
      text: "还是没到",
      trackingNo,
    });
    expect(late).toMatchObject({ ok: true, reused: true, reopened: true, query: { id: seen.id } });
    expect((await store.queries.messages(seen.id)).map((m) => m.text)).toContain("还是没到");
  });

  it("refuses an empty follow-up, adding nothing", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const trackingNo = freshTrackingNo();
    const first = await w.desk.raiseQuery({ asker: chat, language: "zh", text: "到哪了?", trackingNo });
    if (!first.ok) throw new Error(first.reason);
    expect(await w.desk.raiseQuery({ asker: chat, language: "zh", text: "  ", trackingNo })).toEqual({
      ok: false,
      reason: "empty",
    });
    expect(await store.queries.messages(first.query.id)).toHaveLength(1);
  });
});

describe("takeQuery", () => {
  it("assigns an unassigned query to the agent, with an audit row", async () => {
    const w = world(store);
    const q = await opened(w);
    const r = await w.desk.takeQuery(q.id, "wang");
    expect(r).toMatchObject({ ok: true, query: { assignee: "wang" } });
    expect((await auditOf(store, `query/${q.id}`)).map((a) => a.action)).toEqual([
      "query.opened",
      "query.taken",
    ]);
  });

  it("taking one's own query again changes nothing", async () => {
    const w = world(store);
    const q = await opened(w);
    await w.desk.takeQuery(q.id, "wang");
    expect(await w.desk.takeQuery(q.id, "wang")).toMatchObject({ ok: true });
    expect((await auditOf(store, `query/${q.id}`)).length).toBe(2);
  });

  it("refuses a query another agent holds (a supervisor too: it is passed, not taken over)", async () => {
    const w = world(store);
    const q = await opened(w);
    await w.desk.takeQuery(q.id, "wang");
    expect(await w.desk.takeQuery(q.id, "chen")).toEqual({ ok: false, reason: "taken" });
    expect(await w.desk.takeQuery(q.id, "li")).toEqual({ ok: false, reason: "taken" });
    expect((await store.queries.get(q.id))?.assignee).toBe("wang");
  });

  it("refuses unknown and answered queries", async () => {
    const w = world(store);
    expect(await w.desk.takeQuery("nope", "wang")).toEqual({ ok: false, reason: "not_found" });
    const q = await opened(w);
    await w.desk.answerQuery(q.id, "wang", "已派送");
    expect(await w.desk.takeQuery(q.id, "chen")).toEqual({ ok: false, reason: "answered" });
  });

  it("answered while the agent pressed take: the compare and set loses and says answered, not taken", async () => {
    const w = world(store);
    const q = await opened(w);
    await w.desk.answerQuery(q.id, "wang", "已派送");
    // The check before the transaction and the first read inside it still see it open.
    const pressed = world(withStaleQuery(store, q, 2));
    expect(await pressed.desk.takeQuery(q.id, "chen")).toEqual({ ok: false, reason: "answered" });
  });

  it("taken by another agent while pressing take: the compare and set loses and says taken", async () => {
    const w = world(store);
    const q = await opened(w);
    await w.desk.takeQuery(q.id, "wang");
    const pressed = world(withStaleQuery(store, q, 2));
    expect(await pressed.desk.takeQuery(q.id, "chen")).toEqual({ ok: false, reason: "taken" });
    expect((await store.queries.get(q.id))?.assignee).toBe("wang");
  });
});

const firstNotice = (sent: readonly { params: Record<string, string | number> }[]) => {
  const [first] = sent;
  if (!first) throw new Error("no notice sent");
  return first;
};

describe("answerQuery", () => {
  it("SOP-80/81: the asker gets the answer in the query's language, signed with the work number, closing with closing.staff", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const r = await w.desk.raiseQuery({
      asker: chat,
      language: "en",
      text: "where?",
      trackingNo: "YT123456789012",
    });
    if (!r.ok) throw new Error(r.reason);
    w.notifier.clear();
    const answered = await w.desk.answerQuery(r.query.id, "wang", "  Out for delivery today.  ");
    expect(answered).toMatchObject({
      ok: true,
      query: { status: "answered", answeredBy: "wang", assignee: "wang" },
    });
    expect(w.notifier.sent).toEqual([
      {
        to: { kind: "chat", chat, language: "en" },
        key: "notice.query.answer",
        params: {
          // SOP-80: the greeting names the network (the directory's networkEn) and the work number.
          greeting: "Hello, Example Express operator no. 017 at your service.",
          ref: "YT123456789012",
          answer: "Out for delivery today.",
          agent: "agent no. 017",
          closing: t("en", "closing.staff"),
        },
      },
    ]);
    // One answer, one message: the greeting opens it, the work number and 再见 close it.
    expect(t("en", "notice.query.answer", firstNotice(w.notifier.sent).params)).toBe(
      "Hello, Example Express operator no. 017 at your service.\nYour query YT123456789012 has an answer:\nOut for delivery today.\n— agent no. 017. Goodbye.",
    );
    // SOP-80: the closing ("再见") lives in one key of the catalogue; the answer uses it, in each language.
    const [notice] = w.notifier.sent;
    for (const lang of ["zh", "en"] as const) {
      const text = t(lang, "notice.query.answer", { ...notice?.params, closing: t(lang, "closing.staff") });
      expect(text.endsWith(t(lang, "closing.staff"))).toBe(true);
      expect(text.match(/再见|Goodbye/g)).toHaveLength(1);
    }
  });

  it("closes the query: its timers are cancelled, the message and the audit row are stored", async () => {
    const w = world(store);
    const q = await opened(w);
    w.clock.advance(40 * 60_000);
    await w.desk.answerQuery(q.id, "chen", "已在派送");
    expect(w.scheduler.pending.has(timerId("query-warn", q.id))).toBe(false);
    expect(w.scheduler.pending.has(timerId("query-due", q.id))).toBe(false);
    expect((await store.queries.messages(q.id)).map((m) => m.author)).toEqual(["customer", "agent"]);
    const rows = await auditOf(store, `query/${q.id}`);
    expect(rows.at(-1)).toMatchObject({ action: "query.answered", data: { overdue: true } });
  });

  it("refuses unknown, already answered, empty and too long answers", async () => {
    const w = world(store);
    expect(await w.desk.answerQuery("nope", "wang", "x")).toEqual({ ok: false, reason: "not_found" });
    const q = await opened(w);
    expect(await w.desk.answerQuery(q.id, "wang", " ")).toEqual({ ok: false, reason: "empty" });
    expect(await w.desk.answerQuery(q.id, "wang", "x".repeat(QUERY_TEXT_MAX_LENGTH + 1))).toEqual({
      ok: false,
      reason: "too_long",
    });
    await w.desk.answerQuery(q.id, "wang", "好的");
    expect(await w.desk.answerQuery(q.id, "chen", "又一个")).toEqual({ ok: false, reason: "answered" });
    expect((await store.queries.messages(q.id)).length).toBe(2);
  });

  it("SOP-10: refuses not_yours when a colleague holds the query; its holder and the duty lead may answer", async () => {
    const w = world(store);
    const q = await opened(w);
    await w.desk.takeQuery(q.id, "wang");
    expect(await w.desk.answerQuery(q.id, "chen", "我来回")).toEqual({ ok: false, reason: "not_yours" });
    expect(await store.queries.get(q.id)).toMatchObject({ status: "open", assignee: "wang" });
    expect(w.notifier.sent.filter((n) => n.key === "notice.query.answer")).toEqual([]);
    // SOP roles: the duty lead receives escalations and may answer a query someone else holds.
    expect(await w.desk.answerQuery(q.id, "li", "主管已处理")).toMatchObject({ ok: true });
    const other = await opened(w);
    await w.desk.takeQuery(other.id, "wang");
    expect(await w.desk.answerQuery(other.id, "wang", "好的")).toMatchObject({ ok: true });
  });

  it("is one transaction: a failed audit row leaves the query open and unanswered", async () => {
    const w = world(store);
    const q = await opened(w);
    const broken = world(storeWithFailingAudit(store));
    await expect(broken.desk.answerQuery(q.id, "wang", "好的")).rejects.toThrow(AuditDown);
    expect(await store.queries.get(q.id)).toMatchObject({ status: "open", answeredBy: null });
    expect((await store.queries.messages(q.id)).length).toBe(1);
    expect(broken.notifier.sent).toEqual([]);
  });
});

describe("reassignQuery", () => {
  it("SOP-14: the duty lead takes a held query back; it is announced again, its former holder excepted", async () => {
    const w = world(store);
    const q = await opened(w);
    await w.desk.takeQuery(q.id, "wang");
    w.notifier.clear();
    expect(await w.desk.reassignQuery(q.id, "li")).toMatchObject({ ok: true, query: { assignee: null } });
    expect(w.notifier.recipients("thread.notice.new")).not.toContain("person:wang");
    expect((await auditOf(store, `query/${q.id}`)).at(-1)).toMatchObject({
      action: "query.reassigned",
      data: { from: "wang" },
    });
  });

  it("is the duty lead's alone: an agent calling it is a programming error, and nothing changes", async () => {
    const w = world(store);
    const q = await opened(w);
    await w.desk.takeQuery(q.id, "wang");
    await expect(w.desk.reassignQuery(q.id, "chen")).rejects.toThrow(DeskPermissionError);
    expect((await store.queries.get(q.id))?.assignee).toBe("wang");
  });
});

describe("passQuery", () => {
  it("to nobody: unassigned and announced again to the others", async () => {
    const w = world(store);
    const q = await opened(w);
    await w.desk.takeQuery(q.id, "wang");
    w.notifier.clear();
    expect(await w.desk.passQuery(q.id, "wang")).toMatchObject({ ok: true, query: { assignee: null } });
    expect(w.notifier.recipients("thread.notice.new").sort()).toEqual(["person:chen", "person:li"]);
    expect((await auditOf(store, `query/${q.id}`)).at(-1)).toMatchObject({
      action: "query.passed",
      data: { from: "wang", to: null },
    });
  });

  it("to a named agent: assigned to them and they are told", async () => {
    const w = world(store);
    const q = await opened(w);
    await w.desk.takeQuery(q.id, "wang");
    w.notifier.clear();
    expect(await w.desk.passQuery(q.id, "wang", "chen")).toMatchObject({
      ok: true,
      query: { assignee: "chen" },
    });
    expect(w.notifier.sent).toMatchObject([
      { to: { kind: "person", personId: "chen" }, key: "notice.query.passed", params: { by: "王芳(017)" } },
    ]);
  });

  it("refuses a non-holder, an unknown target and a closed query", async () => {
    const w = world(store);
    expect(await w.desk.passQuery("nope", "wang")).toEqual({ ok: false, reason: "not_found" });
    const q = await opened(w);
    expect(await w.desk.passQuery(q.id, "wang")).toEqual({ ok: false, reason: "not_holder" });
    await w.desk.takeQuery(q.id, "wang");
    expect(await w.desk.passQuery(q.id, "chen")).toEqual({ ok: false, reason: "not_holder" });
    expect(await w.desk.passQuery(q.id, "wang", "zhang")).toEqual({ ok: false, reason: "unknown_agent" });
    expect(await w.desk.passQuery(q.id, "wang", "ghost")).toEqual({ ok: false, reason: "unknown_agent" });
    expect((await store.queries.get(q.id))?.assignee).toBe("wang");
    await w.desk.answerQuery(q.id, "wang", "好的");
    expect(await w.desk.passQuery(q.id, "wang")).toEqual({ ok: false, reason: "answered" });
  });
});

describe("openQueries", () => {
  it("SOP-10: lists overdue queries first, then by due time", async () => {
    const w = world(store);
    const customer = await opened(w); // due 10:30
    const branch = await w.desk.raiseQuery({
      asker: customerChat("a"),
      language: "zh",
      text: "分公司查件",
      kind: "branch",
      fromBranch: "苏州分公司",
    }); // due 12:00
    if (!branch.ok) throw new Error(branch.reason);
    w.clock.advance(60 * 60_000); // 11:00: the customer query is overdue
    const later = await opened(w); // due 11:30
    const mine = new Set([customer.id, later.id, branch.query.id]);
    const listed = (await w.desk.openQueries()).map((q) => q.id).filter((id) => mine.has(id));
    expect(listed).toEqual([customer.id, later.id, branch.query.id]);
  });
});

describe("openQueries: no silent truncation", () => {
  it("lists more than a default page of open queries (up to OPEN_QUERIES_LIMIT), and counts them all", async () => {
    const w = world(store);
    const template = await opened(w);
    for (let i = 0; i < 130; i++) await store.queries.insert({ ...template, id: testId() });
    const listed = await w.desk.openQueries();
    const count = await w.desk.openQueryCount();
    expect(listed.length).toBeGreaterThan(130);
    expect(listed.length).toBe(Math.min(count, OPEN_QUERIES_LIMIT));
    expect(listed.map((q) => q.id)).toContain(template.id);
  });
});

describe("seat availability (SOP-14)", () => {
  it("sets a seat available and busy, each with an audit row", async () => {
    const w = world(store);
    await w.desk.setAvailability("wang", true);
    expect(await w.desk.isAvailable("wang")).toBe(true);
    await w.desk.setAvailability("wang", false);
    expect(await w.desk.isAvailable("wang")).toBe(false);
    const rows = await auditOf(store, "staff/wang");
    expect(rows.slice(-2).map((r) => r.action)).toEqual(["staff.available", "staff.busy"]);
  });

  // The away notice and the last seat after 17:30: test/domain/queries/seats.test.ts.
  it("SOP-14: before 17:30, or after closing (18:30), the last seat goes busy freely", async () => {
    for (const time of ["2026-11-27T09:20:00Z", "2026-11-27T10:40:00Z"]) {
      const w = world(store, { at: time }); // 17:20, 18:40
      await w.desk.setAvailability("wang", true);
      w.notifier.clear();
      expect(await w.desk.setAvailability("wang", false)).toEqual({ ok: true, lastSeat: false });
      expect(w.notifier.sent).toEqual([]);
    }
  });

  it("SOP-14: pressing busy again, or a supervisor going busy, closes no seat", async () => {
    const w = world(store, { at: "2026-11-27T09:40:00Z" });
    expect(await w.desk.setAvailability("wang", false)).toEqual({ ok: true, lastSeat: false }); // was not available
    expect(await w.desk.setAvailability("li", false)).toEqual({ ok: true, lastSeat: false });
  });
});
