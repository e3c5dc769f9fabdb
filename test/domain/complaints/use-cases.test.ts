import { describe, expect, it } from "vitest";
import { createDesk, DeskPermissionError, expectedTimers, handleTimer } from "../../../src/domain/desk";
import { timerId } from "../../../src/domain/ports";
import {
  AuditDown,
  auditOf,
  customerChat,
  fileStore,
  storeWithFailingAudit,
  world,
} from "../../support/use-case-harness";

/**
 * Complaints (issue 12) through the desk's use cases: SOP-82's levels (branch → region → head
 * office) when nobody acts within complaints.actWithin, every action recorded, the outside levels'
 * decisions recorded by a duty lead, and SOP-11's fine for a late answer to another branch.
 */
const store = await fileStore();
const HOUR = 3_600_000;

async function complain(w: ReturnType<typeof world>, chatId: string) {
  const done = await w.desk.complain({
    customer: customerChat(chatId),
    language: "zh",
    text: "快递员态度很差,还不送上楼",
    trackingNo: `YT${chatId.padStart(10, "0")}`,
  });
  if (!done.ok) throw new Error(`refused: ${done.reason}`);
  return done.complaint;
}

describe("complaints (SOP-82)", () => {
  it("SOP-82: not acted on within 24 h, it goes up to the region, then head office; each level recorded, leads and customer told", async () => {
    const w = world(store);
    const c = await complain(w, "8001");
    expect(c.level).toBe("branch");
    expect(c.escalateAt).toEqual(new Date(c.openedAt.getTime() + 24 * HOUR));
    expect(w.scheduler.pending.get(timerId("complaint-escalate", c.id))?.dueAt).toEqual(c.escalateAt);
    // Reconciliation restores the escalation if the job was lost.
    const expected = (await expectedTimers(w.deps)).filter((t) => t.subjectId === c.id);
    expect(expected.map((t) => [t.id, t.dueAt])).toEqual([
      [timerId("complaint-escalate", c.id), c.escalateAt],
    ]);

    w.clock.set(new Date(c.openedAt.getTime() + 24 * HOUR)); // Saturday 10:00: the desk is open
    const first = await handleTimer(w.deps, { kind: "complaint-escalate", subjectId: c.id });
    const region = await store.complaints.get(c.id);
    expect(region).toMatchObject({ level: "region", actedAt: null });
    expect(first).toEqual({ deferUntil: region?.escalateAt });
    expect(w.notifier.recipients("notice.complaint.escalated")).toEqual(["person:li"]);
    expect(w.notifier.toChat(customerChat("8001")).map((n) => [n.key, n.params.level])).toEqual([
      ["complaint.customer.escalated", "区域"],
    ]);
    // Run again at once (a repeated job): nothing more happens before the region's 24 h.
    expect(await handleTimer(w.deps, { kind: "complaint-escalate", subjectId: c.id })).toEqual({
      deferUntil: region?.escalateAt,
    });

    w.clock.set(new Date(c.openedAt.getTime() + 72 * HOUR)); // Monday 10:00
    expect(await handleTimer(w.deps, { kind: "complaint-escalate", subjectId: c.id })).toBe("done");
    expect(await store.complaints.get(c.id)).toMatchObject({ level: "head_office", escalateAt: null });
    const escalations = (await auditOf(store, `complaint/${c.id}`)).filter(
      (e) => e.action === "complaint.escalated",
    );
    expect(escalations.map((e) => [e.data.from, e.data.to, e.data.penalised])).toEqual([
      ["branch", "region", false],
      ["region", "head_office", true], // the branch never acted: SOP-82's penalty
    ]);
    expect(await handleTimer(w.deps, { kind: "complaint-escalate", subjectId: c.id })).toBe("skipped");
  });

  it("SOP-12, SOP-14: a complaint at night wakes no agent and no duty lead; by day the leads hear of it too", async () => {
    const night = world(store, { at: "2026-11-27T13:00:00Z" }); // 21:00 at the branch
    const c = await complain(night, "8010");
    expect(night.notifier.withKey("notice.complaint.opened")).toEqual([]);
    // Its escalation still counts from when it came (the branch's 24 h), and the timer is set.
    expect(night.scheduler.pending.get(timerId("complaint-escalate", c.id))?.dueAt).toEqual(c.escalateAt);
    const day = world(store);
    await complain(day, "8011");
    expect(day.notifier.recipients("notice.complaint.opened")).toEqual(expect.arrayContaining(["person:li"]));
  });

  it("an action at the branch stops its escalation; the customer hears it is being handled, once", async () => {
    const w = world(store);
    const c = await complain(w, "8002");
    expect(await w.desk.actOnComplaint("wang", c.id, "已致电客户道歉,安排重新派送")).toMatchObject({
      ok: true,
    });
    expect(await w.desk.actOnComplaint("chen", c.id, "已跟进快递员")).toMatchObject({ ok: true });
    expect(w.scheduler.pending.has(timerId("complaint-escalate", c.id))).toBe(false);
    w.clock.set(new Date(c.openedAt.getTime() + 25 * HOUR));
    expect(await handleTimer(w.deps, { kind: "complaint-escalate", subjectId: c.id })).toBe("skipped");
    expect((await store.complaints.get(c.id))?.level).toBe("branch");
    expect(w.notifier.toChat(customerChat("8002")).map((n) => n.key)).toEqual(["complaint.customer.acted"]);
    const actions = (await auditOf(store, `complaint/${c.id}`)).map((e) => e.action);
    expect(actions).toEqual(["complaint.opened", "complaint.acted", "complaint.acted"]);
    expect((await expectedTimers(w.deps)).filter((t) => t.subjectId === c.id)).toEqual([]);
  });

  it("at the region, only a duty lead records the decision; it closes the complaint and the customer reads it", async () => {
    const w = world(store);
    const c = await complain(w, "8003");
    w.clock.set(new Date(c.openedAt.getTime() + 24 * HOUR));
    await handleTimer(w.deps, { kind: "complaint-escalate", subjectId: c.id });
    expect(await w.desk.closeComplaint("wang", c.id, "区域决定:赔偿运费")).toMatchObject({
      ok: false,
      reason: "not_allowed",
    });
    const decided = await w.desk.closeComplaint("li", c.id, "区域决定:退还运费 12 元");
    expect(decided).toMatchObject({
      ok: true,
      complaint: { level: "region", resolution: "区域决定:退还运费 12 元" },
    });
    const told = w.notifier
      .toChat(customerChat("8003"))
      .filter((n) => n.key === "complaint.customer.decided");
    expect(told.map((n) => n.params.resolution)).toEqual(["区域决定:退还运费 12 元"]);
    expect(await w.desk.closeComplaint("li", c.id, "again")).toMatchObject({ ok: false, reason: "closed" });
    expect((await auditOf(store, `complaint/${c.id}`)).map((e) => e.action)).toContain("complaint.decided");
  });

  it("a customer's complaint may name only their own query", async () => {
    const w = world(store);
    const q = await w.desk.raiseQuery({ asker: customerChat("8004"), language: "zh", text: "我的快递呢" });
    if (!q.ok) throw new Error("query refused");
    const other = await w.desk.complain({
      customer: customerChat("8005"),
      language: "zh",
      text: "没人回复",
      queryId: q.query.id,
    });
    expect(other).toMatchObject({ ok: false, reason: "not_found" });
    const mine = await w.desk.complain({
      customer: customerChat("8004"),
      language: "zh",
      text: "没人回复",
      queryId: q.query.id,
    });
    expect(mine).toMatchObject({ ok: true, complaint: { queryId: q.query.id, fineYuan: null } });
  });

  it("one transaction with its audit row: an audit failure stores no complaint, no action, no escalation", async () => {
    const w = world(store);
    const failing = createDesk({ ...w.deps, store: storeWithFailingAudit(store) });
    const before = (await store.complaints.listOpen(10_000)).length;
    await expect(
      failing.complain({
        customer: customerChat("8007"),
        language: "zh",
        text: "投诉",
        trackingNo: "YT8007000000",
      }),
    ).rejects.toThrow(AuditDown);
    expect((await store.complaints.listOpen(10_000)).length).toBe(before);
    expect(w.scheduler.scheduled).toEqual([]);

    const c = await complain(w, "8008");
    await expect(failing.actOnComplaint("wang", c.id, "已处理")).rejects.toThrow(AuditDown);
    expect((await store.complaints.get(c.id))?.actedAt).toBeNull();
    w.clock.set(new Date(c.openedAt.getTime() + 24 * HOUR));
    await expect(
      handleTimer(
        { ...w.deps, store: storeWithFailingAudit(store) },
        { kind: "complaint-escalate", subjectId: c.id },
      ),
    ).rejects.toThrow(AuditDown);
    expect((await store.complaints.get(c.id))?.level).toBe("branch");
  });

  it("only agents and duty leads act on complaints", async () => {
    const w = world(store);
    const c = await complain(w, "8006");
    await expect(w.desk.actOnComplaint("zhang", c.id, "x")).rejects.toThrow(DeskPermissionError);
    await expect(
      w.desk.recordBranchComplaint("sun", {
        fromBranch: "南京分公司",
        trackingNo: "YT8006000000",
        text: "x",
      }),
    ).rejects.toThrow(DeskPermissionError);
    expect(await w.desk.complaintView("zhang", c.id)).toBeUndefined();
  });
});

describe("SOP-11: another branch's complaint about a late answer", () => {
  async function branchQuery(w: ReturnType<typeof world>, trackingNo: string, answerAfterMs: number) {
    const q = await w.desk.raiseQuery({
      asker: { channel: "telegram", chatId: "2001", userId: "2001" },
      language: "zh",
      text: "收件人说没收到,请核实",
      trackingNo,
      kind: "branch",
      fromBranch: "南京分公司",
      openedBy: "wang",
    });
    if (!q.ok) throw new Error("query refused");
    w.clock.set(new Date(w.clock.now().getTime() + answerAfterMs));
    await w.desk.takeQuery(q.query.id, "wang");
    await w.desk.answerQuery(q.query.id, "wang", "已派送,签收人:本人");
    return q.query;
  }

  it("SOP-11: an answer after the 2 hours, then a complaint: the 200-yuan fine is recorded against the branch", async () => {
    const w = world(store);
    const query = await branchQuery(w, "YT8101000000", 3 * HOUR);
    const r = await w.desk.recordBranchComplaint("wang", {
      fromBranch: "南京分公司",
      trackingNo: "YT8101000000",
      text: "两个多小时才回复,客户已投诉到我们",
    });
    expect(r).toMatchObject({ ok: true, complaint: { fineYuan: 200, queryId: query.id, customer: null } });
    if (!r.ok) return;
    const audit = await auditOf(store, `complaint/${r.complaint.id}`);
    expect(audit.map((e) => e.action)).toEqual(["complaint.opened", "complaint.fined"]);
    expect(audit[1]?.data).toMatchObject({ rule: "SOP-11", yuan: 200, queryId: query.id });
  });

  it("SOP-11: the fine follows the complaining branch's own late query, by a shorter name too, never another's", async () => {
    const w = world(store);
    const query = await branchQuery(w, "YT8103000000", 3 * HOUR); // 南京分公司's, answered late
    const other = await w.desk.recordBranchComplaint("wang", {
      fromBranch: "苏州分公司",
      trackingNo: "YT8103000000",
      text: "回复太慢",
    });
    expect(other).toMatchObject({ ok: true, complaint: { fineYuan: null, queryId: null } });
    const short = await w.desk.recordBranchComplaint("wang", {
      fromBranch: "南京",
      trackingNo: "YT8103000000",
      text: "回复太慢",
    });
    expect(short).toMatchObject({ ok: true, complaint: { fineYuan: 200, queryId: query.id } });
  });

  it("SOP-11: an answer within the 2 hours draws no fine", async () => {
    const w = world(store);
    await branchQuery(w, "YT8102000000", HOUR);
    const r = await w.desk.recordBranchComplaint("wang", {
      fromBranch: "南京分公司",
      trackingNo: "YT8102000000",
      text: "回复不清楚",
    });
    expect(r).toMatchObject({ ok: true, complaint: { fineYuan: null, queryId: null } });
    expect(r.ok && r.lateQuery).toBeFalsy();
  });
});
