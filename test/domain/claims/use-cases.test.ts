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
 * Claims (issue 12) through the desk's use cases: SOP-70/71 deadlines fixed at opening, the
 * warning and the escalation timers, the customer told each step, SOP-72's refused pause, and every
 * change one transaction with its audit row.
 */
const store = await fileStore();
const DAY = 86_400_000;

async function openClaim(w: ReturnType<typeof world>, kind: "loss" | "delay" | "damage", chatId: string) {
  const opened = await w.desk.openClaim({
    customer: customerChat(chatId),
    language: "zh",
    trackingNo: `YT${chatId.padStart(10, "0")}`,
    kind,
    description: "快递一直没收到",
    photos: kind === "damage" ? ["photo-a"] : [],
  });
  if (!opened.ok) throw new Error(`refused: ${opened.reason}`);
  return opened.claim;
}

describe("claims: opening (SOP-70, SOP-71)", () => {
  it("SOP-70: a loss is due 30 calendar days after it is opened; the warning 5 days before", async () => {
    const w = world(store);
    const claim = await openClaim(w, "loss", "7001");
    expect(claim.dueAt).toEqual(new Date(w.clock.now().getTime() + 30 * DAY));
    const warn = w.scheduler.pending.get(timerId("claim-warn", claim.id));
    expect(warn?.dueAt).toEqual(new Date(claim.dueAt.getTime() - 5 * DAY));
    expect(w.scheduler.pending.get(timerId("claim-due", claim.id))?.dueAt).toEqual(claim.dueAt);
    expect((await auditOf(store, `claim/${claim.id}`)).map((e) => e.action)).toEqual(["claim.opened"]);
    // The agents on duty hear of it, with a button to its card.
    expect(w.notifier.withKey("notice.claim.opened").map((n) => n.actions?.[0]?.action)).toContain(
      `cv.${claim.id}`,
    );
  });

  it("SOP-71: a damage (or delay) is due 15 calendar days after; the warning 3 days before", async () => {
    const w = world(store);
    const claim = await openClaim(w, "damage", "7002");
    expect(claim.dueAt).toEqual(new Date(w.clock.now().getTime() + 15 * DAY));
    expect(claim.photos).toEqual(["photo-a"]);
    expect(w.scheduler.pending.get(timerId("claim-warn", claim.id))?.dueAt).toEqual(
      new Date(claim.dueAt.getTime() - 3 * DAY),
    );
    const delay = await openClaim(w, "delay", "7003");
    expect(delay.dueAt).toEqual(new Date(w.clock.now().getTime() + 15 * DAY));
  });

  it("SOP-12, SOP-14: a claim opened at night wakes nobody; a seat left available hears of it", async () => {
    const night = world(store, { at: "2026-11-27T13:00:00Z" }); // 21:00 at the branch
    await openClaim(night, "loss", "7010");
    expect(night.notifier.withKey("notice.claim.opened")).toEqual([]);
    const late = world(store, { at: "2026-11-27T13:00:00Z" });
    late.presence.available.add("chen");
    await openClaim(late, "loss", "7011");
    expect(late.notifier.recipients("notice.claim.opened")).toEqual(["person:chen"]);
  });

  it("the same customer's second claim of the same kind on the same parcel is the first", async () => {
    const w = world(store);
    const first = await openClaim(w, "loss", "7004");
    const again = await w.desk.openClaim({
      customer: customerChat("7004"),
      language: "zh",
      trackingNo: first.trackingNo,
      kind: "loss",
      description: "还是没收到",
    });
    expect(again).toMatchObject({ ok: true, existing: true, claim: { id: first.id } });
  });

  it("refuses what is no claim, and stores nothing of it", async () => {
    const w = world(store);
    const before = (await store.claims.listOpen(10_000)).length;
    const base = { customer: customerChat("7005"), language: "zh" as const, kind: "loss" as const };
    const bad = [
      { ...base, trackingNo: "13800000000", description: "x" },
      { ...base, trackingNo: "YT7005000000", description: "   " },
      { ...base, trackingNo: "YT7005000000", description: "字".repeat(1001) },
      { ...base, trackingNo: "YT7005000000", description: "x", photos: ["1", "2", "3", "4", "5", "6"] },
      { ...base, trackingNo: "YT7005000000", description: "x", kind: "stolen" as "loss" },
    ];
    const reasons = [];
    for (const input of bad) {
      const r = await w.desk.openClaim(input);
      reasons.push(r.ok ? "ok" : r.reason);
    }
    expect(reasons).toEqual(["bad_tracking_no", "empty", "too_long", "bad_photos", "bad_kind"]);
    expect((await store.claims.listOpen(10_000)).length).toBe(before);
  });

  it("one transaction with its audit row: an audit failure stores no claim and schedules nothing", async () => {
    const w = world(store);
    const failing = createDesk({ ...w.deps, store: storeWithFailingAudit(store) });
    await expect(
      failing.openClaim({
        customer: customerChat("7006"),
        language: "zh",
        trackingNo: "YT7006000000",
        kind: "loss",
        description: "丢了",
      }),
    ).rejects.toThrow(AuditDown);
    expect(await store.claims.listOpenByParcel("YT7006000000")).toEqual([]);
    expect(w.scheduler.scheduled).toEqual([]);
  });
});

describe("claims: steps, timers and the customer told (SOP-70..SOP-72)", () => {
  it("records contact (the agent becomes the holder) and tells the customer; the warning goes to the holder", async () => {
    const w = world(store);
    const claim = await openClaim(w, "loss", "7101");
    const contacted = await w.desk.recordClaimContact("wang", claim.id, "电话联系客户,核实物品价值 300 元");
    expect(contacted).toMatchObject({ ok: true, claim: { holder: "wang" } });
    const toCustomer = w.notifier.toChat(customerChat("7101"));
    expect(toCustomer.map((n) => n.key)).toEqual(["claim.customer.contacted"]);
    // SOP-80, SOP-81: the agent's greeting with the work number, and the closing.
    expect(toCustomer[0]?.params).toMatchObject({ greeting: "您好,某某快递 017 号为您服务。" });
    expect(String(toCustomer[0]?.params.closing)).toContain("017 号客服");
    expect(String(toCustomer[0]?.params.closing)).toContain("再见");

    w.notifier.clear();
    w.clock.set(new Date(claim.dueAt.getTime() - 5 * DAY));
    expect(await handleTimer(w.deps, { kind: "claim-warn", subjectId: claim.id })).toBe("done");
    expect(w.notifier.recipients("notice.claim.warn")).toEqual(["person:wang"]);
  });

  it("escalates an unsettled claim to the duty lead at its deadline, recorded once however often the timer runs", async () => {
    const w = world(store);
    const claim = await openClaim(w, "damage", "7102");
    // Early: it waits for the deadline.
    expect(await handleTimer(w.deps, { kind: "claim-due", subjectId: claim.id })).toEqual({
      deferUntil: claim.dueAt,
    });
    w.clock.set(claim.dueAt);
    expect(await handleTimer(w.deps, { kind: "claim-due", subjectId: claim.id })).toBe("done");
    expect(await handleTimer(w.deps, { kind: "claim-due", subjectId: claim.id })).toBe("done");
    expect(new Set(w.notifier.recipients("notice.claim.overdue"))).toEqual(new Set(["person:li"]));
    const actions = (await auditOf(store, `claim/${claim.id}`)).map((e) => e.action);
    expect(actions.filter((a) => a === "claim.overdue")).toHaveLength(1);
  });

  it("SOP-12: a deadline that falls at night is escalated when the desk opens, nobody is woken", async () => {
    const w = world(store, { at: "2026-11-27T13:00:00Z" }); // 21:00 at the branch
    const claim = await openClaim(w, "damage", "7109");
    w.clock.set(claim.dueAt);
    const outcome = await handleTimer(w.deps, { kind: "claim-due", subjectId: claim.id });
    expect(outcome).toEqual({ deferUntil: new Date("2026-12-13T00:00:00Z") }); // 08:00 next morning
    expect(w.notifier.withKey("notice.claim.overdue")).toEqual([]);
  });

  it("settles: the amount and how it is paid reach the customer; the timers are cancelled; a second settle is refused", async () => {
    const w = world(store);
    const claim = await openClaim(w, "damage", "7103");
    const settled = await w.desk.settleClaim("chen", claim.id, { amountFen: 19_950, paidBy: "wechat" });
    expect(settled).toMatchObject({
      ok: true,
      late: false,
      claim: { outcome: "settled", amountFen: 19_950 },
    });
    const told = w.notifier.toChat(customerChat("7103")).filter((n) => n.key === "claim.customer.settled");
    expect(told.map((n) => [n.params.amount, n.params.paidBy])).toEqual([["199.50", "微信"]]);
    expect(w.scheduler.pending.has(timerId("claim-warn", claim.id))).toBe(false);
    expect(w.scheduler.pending.has(timerId("claim-due", claim.id))).toBe(false);
    expect(await w.desk.settleClaim("wang", claim.id, { amountFen: 100, paidBy: "cash" })).toMatchObject({
      ok: false,
      reason: "closed",
    });
    // Closed: the timers find nothing to do, and reconciliation expects none.
    expect(await handleTimer(w.deps, { kind: "claim-due", subjectId: claim.id })).toBe("skipped");
    expect((await expectedTimers(w.deps)).filter((t) => t.subjectId === claim.id)).toEqual([]);
  });

  it("refuses a claim with its reason; the customer reads the reason", async () => {
    const w = world(store);
    const claim = await openClaim(w, "delay", "7104");
    expect(await w.desk.refuseClaim("wang", claim.id, "  ")).toMatchObject({ ok: false, reason: "empty" });
    const refused = await w.desk.refuseClaim("wang", claim.id, "延误在承诺时效内,不予赔偿");
    expect(refused).toMatchObject({ ok: true, claim: { outcome: "refused" } });
    const told = w.notifier.toChat(customerChat("7104")).filter((n) => n.key === "claim.customer.refused");
    expect(told[0]?.params.reason).toBe("延误在承诺时效内,不予赔偿");
  });

  it("SOP-72: a pause ('waiting for head office') is refused; the deadline and timers stay, the attempt is recorded", async () => {
    const w = world(store);
    const claim = await openClaim(w, "loss", "7105");
    expect(await w.desk.pauseClaim("wang", claim.id)).toEqual({
      ok: false,
      reason: "deadline_fixed",
      rule: "SOP-72",
    });
    expect((await store.claims.get(claim.id))?.dueAt).toEqual(claim.dueAt);
    expect(w.scheduler.pending.get(timerId("claim-due", claim.id))?.dueAt).toEqual(claim.dueAt);
    expect((await auditOf(store, `claim/${claim.id}`)).map((e) => e.action)).toContain("claim.pauseRefused");
  });

  it("only agents and duty leads act on claims (a courier is refused by the desk)", async () => {
    const w = world(store);
    const claim = await openClaim(w, "loss", "7106");
    await expect(w.desk.recordClaimContact("zhang", claim.id, "联系了")).rejects.toThrow(DeskPermissionError);
    await expect(w.desk.settleClaim("sun", claim.id, { amountFen: 100, paidBy: "cash" })).rejects.toThrow(
      DeskPermissionError,
    );
    expect(await w.desk.claimView("zhang", claim.id)).toBeUndefined();
    expect((await store.claims.get(claim.id))?.holder).toBeNull();
  });

  it("one transaction with its audit row: a settlement whose audit row fails leaves the claim open, the customer untold", async () => {
    const w = world(store);
    const claim = await openClaim(w, "loss", "7108");
    w.notifier.clear();
    const failing = createDesk({ ...w.deps, store: storeWithFailingAudit(store) });
    await expect(failing.settleClaim("wang", claim.id, { amountFen: 100, paidBy: "cash" })).rejects.toThrow(
      AuditDown,
    );
    expect(await store.claims.get(claim.id)).toMatchObject({ outcome: null, amountFen: null, holder: null });
    expect(w.notifier.sent).toEqual([]);
    expect(w.scheduler.pending.has(timerId("claim-due", claim.id))).toBe(true);
  });

  it("reconciliation restores an open claim's warning and deadline", async () => {
    const w = world(store);
    const claim = await openClaim(w, "damage", "7107");
    const expected = (await expectedTimers(w.deps)).filter((t) => t.subjectId === claim.id).map((t) => t.id);
    expect(expected.sort()).toEqual([timerId("claim-due", claim.id), timerId("claim-warn", claim.id)]);
  });
});
