import { describe, expect, it } from "vitest";
import { expectedTimers, handleTimer } from "../../../src/domain/desk";
import { RETURN_MARKING_UNKNOWN_ORIGIN } from "../../../src/domain/holds/timeline";
import { timerId } from "../../../src/domain/ports";
import type { PickupRequest, Query, SelfPickupHold } from "../../../src/domain/ports/records";
import { freshTrackingNo, scan } from "../../support/parcels";
import {
  at,
  auditOf,
  customerChat,
  EAST_ADDRESS,
  fileStore,
  testId,
  type World,
  withStaleHold,
  world,
} from "../../support/use-case-harness";

const MINUTE = 60_000;
const expectedTimerIds = (timers: { id: string }[]) => timers.map((t) => t.id);
const DAY = 24 * 60 * MINUTE;

const store = await fileStore();

async function query(w: World, trackingNo = freshTrackingNo()): Promise<Query> {
  const r = await w.desk.raiseQuery({
    asker: customerChat(testId()),
    language: "zh",
    text: "到哪了?",
    trackingNo,
  });
  if (!r.ok) throw new Error(r.reason);
  w.notifier.clear();
  return r.query;
}

async function hold(w: World, follower = customerChat(testId())): Promise<SelfPickupHold> {
  const no = freshTrackingNo();
  await store.parcels.addScans(
    [
      scan(no, "arrived", "2026-11-26T02:00:00Z", "扬州转运中心", { originBranch: "苏州分公司" }),
      scan(no, "out_for_delivery", "2026-11-26T03:00:00Z", "城东"), // SOP-43: a return needs it
    ],
    at("2026-11-26T02:00:00Z"),
  );
  await w.desk.subscribe(follower, "zh", no);
  const r = await w.desk.markHeld("wang", no, "东关分点");
  if (!r.ok) throw new Error(r.reason);
  w.notifier.clear();
  return r.hold;
}

async function pickup(w: World): Promise<PickupRequest> {
  const r = await w.desk.requestPickup({
    customer: customerChat(testId()),
    language: "zh",
    draft: { address: EAST_ADDRESS, phone: "13912345678", goods: "书", payment: "cod" },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  w.notifier.clear();
  return r.pickup;
}

describe("query-warn (SOP-10)", () => {
  it("warns the holder only, without a take button", async () => {
    const w = world(store);
    const q = await query(w);
    await w.desk.takeQuery(q.id, "chen");
    w.clock.advance(20 * MINUTE);
    expect(await handleTimer(w.deps, { kind: "query-warn", subjectId: q.id })).toBe("done");
    expect(w.notifier.sent).toMatchObject([
      { to: { personId: "chen" }, key: "notice.query.warn", params: { due: "10:30", holder: "陈静(021)" } },
    ]);
    expect(w.notifier.sent[0]?.actions).toBeUndefined();
  });

  it("nobody holds it: the available agents, with a take button", async () => {
    const w = world(store);
    const q = await query(w);
    w.presence.available.add("wang");
    expect(await handleTimer(w.deps, { kind: "query-warn", subjectId: q.id })).toBe("done");
    expect(w.notifier.recipients("notice.query.warn")).toEqual(["person:wang"]);
    expect(w.notifier.sent[0]?.actions).toEqual([{ labelKey: "notice.action.take", action: `qt.${q.id}` }]);
  });

  it("nobody holds it and no seat is available: every agent", async () => {
    const w = world(store);
    const q = await query(w);
    await handleTimer(w.deps, { kind: "query-warn", subjectId: q.id });
    expect(w.notifier.recipients("notice.query.warn").sort()).toEqual(["person:chen", "person:wang"]);
  });

  it("an answered or unknown query is skipped and tells nobody", async () => {
    const w = world(store);
    const q = await query(w);
    await w.desk.answerQuery(q.id, "wang", "今天派送");
    w.notifier.clear();
    expect(await handleTimer(w.deps, { kind: "query-warn", subjectId: q.id })).toBe("skipped");
    expect(await handleTimer(w.deps, { kind: "query-warn", subjectId: "nope" })).toBe("skipped");
    expect(w.notifier.sent).toEqual([]);
  });

  it("SOP-12: outside desk hours it waits for the next opening", async () => {
    const w = world(store);
    const q = await query(w);
    w.clock.set("2026-11-27T11:00:00Z"); // 19:00
    expect(await handleTimer(w.deps, { kind: "query-warn", subjectId: q.id })).toEqual({
      deferUntil: at("2026-11-28T00:00:00Z"),
    });
    expect(w.notifier.sent).toEqual([]);
  });

  it("a notifier outage propagates (nothing was changed: the job retries)", async () => {
    const w = world(store);
    const q = await query(w);
    w.notifier.failWith = new Error("send queue down");
    await expect(handleTimer(w.deps, { kind: "query-warn", subjectId: q.id })).rejects.toThrow(
      "send queue down",
    );
  });
});

describe("query-due (SOP-10, SOP-11)", () => {
  it("escalates to the supervisors with take and reassign buttons, naming the holder and how long it has waited", async () => {
    const w = world(store);
    const q = await query(w);
    await w.desk.takeQuery(q.id, "wang");
    w.clock.advance(30 * MINUTE);
    expect(await handleTimer(w.deps, { kind: "query-due", subjectId: q.id })).toBe("done");
    expect(w.notifier.withKey("notice.query.overdue")).toMatchObject([
      {
        to: { kind: "person", personId: "li" },
        key: "notice.query.overdue",
        params: { holder: "王芳(017)", age: "30 分钟", due: "10:30", ref: q.trackingNo },
        actions: [{ action: `qt.${q.id}` }, { action: `qr.${q.id}` }],
      },
    ]);
  });

  it("issue 14 §6: tells the customer the promised time has passed, with the new time (SOP-10 allowance from now)", async () => {
    const w = world(store);
    const q = await query(w);
    w.clock.advance(30 * MINUTE);
    await handleTimer(w.deps, { kind: "query-due", subjectId: q.id });
    expect(w.notifier.withKey("thread.customer.late")).toMatchObject([
      { to: { kind: "chat", chat: q.askedBy }, params: { ref: q.trackingNo, due: "11月27日 11:00" } },
    ]);
    // The query's own deadline stays: SOP-10's record of lateness is kept.
    expect((await store.queries.get(q.id))?.dueAt).toEqual(q.dueAt);
  });

  it("says nobody holds it when nobody does", async () => {
    const w = world(store);
    const q = await query(w);
    w.clock.advance(95 * MINUTE);
    await handleTimer(w.deps, { kind: "query-due", subjectId: q.id });
    expect(w.notifier.sent[0]?.params).toMatchObject({ holder: "无人认领", age: "1 小时 35 分钟" });
  });

  it("an answered query is skipped", async () => {
    const w = world(store);
    const q = await query(w);
    await w.desk.answerQuery(q.id, "wang", "已签收");
    w.clock.advance(30 * MINUTE);
    expect(await handleTimer(w.deps, { kind: "query-due", subjectId: q.id })).toBe("skipped");
  });

  it("fired early, it waits for the due time", async () => {
    const w = world(store);
    const q = await query(w);
    expect(await handleTimer(w.deps, { kind: "query-due", subjectId: q.id })).toEqual({
      deferUntil: q.dueAt,
    });
    expect(w.notifier.sent).toEqual([]);
  });

  it("SOP-12: outside desk hours the escalation waits for the next opening", async () => {
    const w = world(store);
    const q = await query(w);
    w.clock.set("2026-11-27T15:00:00Z"); // 23:00
    expect(await handleTimer(w.deps, { kind: "query-due", subjectId: q.id })).toEqual({
      deferUntil: at("2026-11-28T00:00:00Z"),
    });
  });
});

describe("hold-origin (SOP-50)", () => {
  it("asks the agents to message the origin with a ready text and a button; reminds the customer", async () => {
    const w = world(store);
    const follower = customerChat(testId());
    const h = await hold(w, follower);
    w.clock.advance(3 * DAY);
    // Until someone records the message, the task comes back the next desk morning (SOP-50).
    expect(await handleTimer(w.deps, { kind: "hold-origin", subjectId: h.id })).toEqual({
      deferUntil: at("2026-12-01T00:00:00Z"),
    });
    const toAgents = w.notifier.withKey("notice.hold.messageOrigin");
    expect(w.notifier.recipients("notice.hold.messageOrigin").sort()).toEqual(["person:chen", "person:wang"]);
    expect(toAgents[0]?.actions).toEqual([
      { labelKey: "notice.action.originMessaged", action: `ho.${h.id}` },
    ]);
    expect(toAgents[0]?.params).toMatchObject({ origin: "苏州分公司", place: "东关分点" });
    expect(String(toAgents[0]?.params.text)).toBe(
      `运单号 ${h.trackingNo}:收件人自 2026-11-27 起被通知到 东关分点 自取,至今未取,请联系寄件人处理。`,
    );
    expect(w.notifier.withKey("notice.hold.reminder")).toMatchObject([
      { to: { kind: "chat", chat: follower }, params: { phone: "0514-8000001" } },
    ]);
  });

  it("a collected parcel, or one whose origin was already messaged, is skipped", async () => {
    const w = world(store);
    const collected = await hold(w);
    await w.desk.markCollected("wang", collected.trackingNo);
    const messaged = await hold(w);
    await w.desk.recordOriginMessaged("wang", messaged.id);
    w.clock.advance(3 * DAY);
    w.notifier.clear();
    expect(await handleTimer(w.deps, { kind: "hold-origin", subjectId: collected.id })).toBe("skipped");
    expect(await handleTimer(w.deps, { kind: "hold-origin", subjectId: messaged.id })).toBe("skipped");
    expect(await handleTimer(w.deps, { kind: "hold-origin", subjectId: "nope" })).toBe("skipped");
    expect(w.notifier.sent).toEqual([]);
  });

  it("fired early, it waits for the third day", async () => {
    const w = world(store);
    const h = await hold(w);
    expect(await handleTimer(w.deps, { kind: "hold-origin", subjectId: h.id })).toEqual({
      deferUntil: at("2026-11-30T02:00:00Z"),
    });
  });

  it("outside desk hours it waits for the next opening", async () => {
    const w = world(store);
    const h = await hold(w);
    w.clock.set("2026-11-30T12:00:00Z"); // Monday 20:00
    expect(await handleTimer(w.deps, { kind: "hold-origin", subjectId: h.id })).toEqual({
      deferUntil: at("2026-12-01T00:00:00Z"),
    });
    expect(w.notifier.sent).toEqual([]);
  });
});

describe("hold-return (SOP-51, SOP-52)", () => {
  it("five days after an unanswered message: marked for return, agents told the marking, customer told", async () => {
    const w = world(store);
    const follower = customerChat(testId());
    const h = await hold(w, follower);
    await w.desk.recordOriginMessaged("wang", h.id);
    w.clock.advance(5 * DAY);
    w.notifier.clear();
    expect(await handleTimer(w.deps, { kind: "hold-return", subjectId: h.id })).toBe("done");
    expect((await store.holds.get(h.id))?.markedForReturnAt).toEqual(at("2026-12-02T02:00:00Z"));
    expect((await auditOf(store, `hold/${h.id}`)).at(-1)).toMatchObject({
      action: "hold.marked_for_return",
      actor: { kind: "system", name: "timer" },
      data: { rule: "SOP-51", marking: "退回 苏州分公司" },
    });
    expect(w.notifier.withKey("notice.hold.return")[0]?.params).toMatchObject({
      marking: "退回 苏州分公司",
      waited: "5 天 0 小时",
    });
    expect(w.notifier.recipients("notice.hold.return").sort()).toEqual(["person:chen", "person:wang"]);
    expect(w.notifier.withKey("notice.hold.returning")).toMatchObject([{ to: { chat: follower } }]);
    expect(await w.desk.trackParcel(h.trackingNo)).toMatchObject({ status: "marked_for_return" });
  });

  it("SOP-52: an origin nobody knows is marked 退回 发件公司 (RETURN_MARKING_UNKNOWN_ORIGIN)", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    await store.parcels.addScans(
      [scan(no, "out_for_delivery", "2026-11-26T03:00:00Z", "城东")],
      w.clock.now(),
    );
    const held = await w.desk.markHeld("wang", no, "东关分点"); // no scan names the origin
    if (!held.ok) throw new Error(held.reason);
    await w.desk.recordOriginMessaged("wang", held.hold.id);
    w.clock.advance(5 * DAY);
    w.notifier.clear();
    expect(await handleTimer(w.deps, { kind: "hold-return", subjectId: held.hold.id })).toBe("done");
    expect(w.notifier.withKey("notice.hold.return")[0]?.params.marking).toBe(RETURN_MARKING_UNKNOWN_ORIGIN);
  });

  it("run again, it does nothing more", async () => {
    const w = world(store);
    const h = await hold(w);
    await w.desk.recordOriginMessaged("wang", h.id);
    w.clock.advance(5 * DAY);
    await handleTimer(w.deps, { kind: "hold-return", subjectId: h.id });
    w.notifier.clear();
    expect(await handleTimer(w.deps, { kind: "hold-return", subjectId: h.id })).toBe("skipped");
    expect(w.notifier.sent).toEqual([]);
  });

  it("SOP-51: skipped once the origin replied, or when the origin was never messaged", async () => {
    const w = world(store);
    const replied = await hold(w);
    await w.desk.recordOriginMessaged("wang", replied.id);
    await w.desk.recordOriginReply("wang", replied.id);
    const notMessaged = await hold(w);
    w.clock.advance(9 * DAY);
    expect(await handleTimer(w.deps, { kind: "hold-return", subjectId: replied.id })).toBe("skipped");
    expect(await handleTimer(w.deps, { kind: "hold-return", subjectId: notMessaged.id })).toBe("skipped");
    expect((await store.holds.get(replied.id))?.markedForReturnAt).toBeNull();
  });

  it("SOP-51: does not mark a parcel whose origin replied after the timer read the hold (compare and set)", async () => {
    const w = world(store);
    const h = await hold(w);
    const messaged = await w.desk.recordOriginMessaged("wang", h.id);
    if (!messaged.ok) throw new Error(messaged.reason);
    w.clock.advance(5 * DAY);
    // The timer read the hold just before the agent recorded the origin's reply.
    const timerRun = world(withStaleHold(store, messaged.hold), { at: w.clock.now().toISOString() });
    await w.desk.recordOriginReply("wang", h.id);
    expect(await handleTimer(timerRun.deps, { kind: "hold-return", subjectId: h.id })).toBe("skipped");
    expect(await store.holds.get(h.id)).toMatchObject({ markedForReturnAt: null, closedAt: null });
    expect(timerRun.notifier.sent).toEqual([]);
    expect((await auditOf(store, `hold/${h.id}`)).map((r) => r.action)).not.toContain(
      "hold.marked_for_return",
    );
  });

  it("fired early it waits; outside desk hours it waits for the opening", async () => {
    const w = world(store);
    const h = await hold(w);
    await w.desk.recordOriginMessaged("wang", h.id);
    w.clock.advance(4 * DAY);
    expect(await handleTimer(w.deps, { kind: "hold-return", subjectId: h.id })).toEqual({
      deferUntil: at("2026-12-02T02:00:00Z"),
    });
    w.clock.set("2026-12-02T14:00:00Z"); // 22:00
    expect(await handleTimer(w.deps, { kind: "hold-return", subjectId: h.id })).toEqual({
      deferUntil: at("2026-12-03T00:00:00Z"),
    });
    expect((await store.holds.get(h.id))?.markedForReturnAt).toBeNull();
  });
});

describe("pickup-accept", () => {
  it("not accepted in time: dispatch pinged again, re-armed acceptWithin later; the duty leads not told yet", async () => {
    const w = world(store);
    const p = await pickup(w);
    w.clock.advance(15 * MINUTE);
    expect(await handleTimer(w.deps, { kind: "pickup-accept", subjectId: p.id })).toEqual({
      deferUntil: at("2026-11-27T02:30:00Z"),
    });
    expect(w.notifier.recipients("notice.pickup.reminder")).toEqual(["dispatch", "person:zhang"]);
    expect(w.notifier.withKey("notice.pickup.unaccepted")).toEqual([]);
    expect((await store.pickups.events(p.id)).map((e) => e.event)).toEqual(["requested", "repinged"]);
  });

  it("re-pings at most MAX_REPINGS (4) times, counted from the repinged events; the last escalates once to the duty leads", async () => {
    const w = world(store);
    const p = await pickup(w);
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      w.clock.advance(15 * MINUTE);
      outcomes.push(await handleTimer(w.deps, { kind: "pickup-accept", subjectId: p.id }));
    }
    expect(outcomes).toEqual([
      { deferUntil: at("2026-11-27T02:30:00Z") },
      { deferUntil: at("2026-11-27T02:45:00Z") },
      { deferUntil: at("2026-11-27T03:00:00Z") },
      "done",
    ]);
    expect(w.notifier.withKey("notice.pickup.reminder")).toHaveLength(8); // dispatch and zhang, 4 times
    expect(w.notifier.withKey("notice.pickup.unaccepted")).toMatchObject([
      { to: { personId: "li" }, params: { age: "1 小时 0 分钟", pings: 4, status: "待派单" } },
    ]);
    // Run again (a late or repeated job, or the reconciliation): nothing more.
    w.notifier.clear();
    w.clock.advance(15 * MINUTE);
    expect(await handleTimer(w.deps, { kind: "pickup-accept", subjectId: p.id })).toBe("skipped");
    expect(w.notifier.sent).toEqual([]);
    const events = (await store.pickups.events(p.id)).map((e) => e.event);
    expect(events.filter((e) => e === "repinged")).toHaveLength(4);
    expect(expectedTimerIds(await expectedTimers(w.deps))).not.toContain(timerId("pickup-accept", p.id));
  });

  it("SOP-22: stops once the pickup day is over; the morning list carries the pickup", async () => {
    const w = world(store);
    const p = await pickup(w);
    w.clock.set("2026-11-28T02:00:00Z"); // Saturday 10:00: Friday's pickup
    expect(await handleTimer(w.deps, { kind: "pickup-accept", subjectId: p.id })).toBe("skipped");
    expect(w.notifier.sent).toEqual([]);
    expect((await store.pickups.events(p.id)).map((e) => e.event)).toEqual(["requested"]);
    expect(expectedTimerIds(await expectedTimers(w.deps))).not.toContain(timerId("pickup-accept", p.id));
  });

  it("SOP-12: after closing on the pickup day nobody is woken, and the desk reopens only the next day: it stops", async () => {
    const w = world(store);
    const p = await pickup(w);
    w.clock.set("2026-11-27T11:00:00Z"); // 19:00
    expect(await handleTimer(w.deps, { kind: "pickup-accept", subjectId: p.id })).toBe("skipped");
    expect(w.notifier.sent).toEqual([]);
  });

  it("SOP-12: before opening on the pickup day it waits for the opening", async () => {
    const w = world(store, { at: "2026-11-27T11:30:00Z" }); // 19:30: for Saturday
    const p = await pickup(w);
    await w.desk.declinePickup("zhang", p.id); // arms pickup-accept on Friday evening
    w.notifier.clear();
    w.clock.set("2026-11-27T23:00:00Z"); // Saturday 07:00
    expect(await handleTimer(w.deps, { kind: "pickup-accept", subjectId: p.id })).toEqual({
      deferUntil: at("2026-11-28T00:00:00Z"),
    });
    expect(w.notifier.sent).toEqual([]);
  });

  it("the last re-ping the pickup day leaves room for escalates to the duty leads", async () => {
    const w = world(store);
    const p = await pickup(w);
    w.clock.set("2026-11-27T10:20:00Z"); // 18:20: the next one (18:35) falls after closing
    expect(await handleTimer(w.deps, { kind: "pickup-accept", subjectId: p.id })).toBe("done");
    expect(w.notifier.recipients("notice.pickup.reminder")).toEqual(["dispatch", "person:zhang"]);
    expect(w.notifier.withKey("notice.pickup.unaccepted")).toMatchObject([
      { to: { personId: "li" }, params: { pings: 1 } },
    ]);
  });

  it("an accepted or cancelled pickup is skipped", async () => {
    const w = world(store);
    const p = await pickup(w);
    await w.desk.acceptPickup("zhang", p.id);
    w.notifier.clear();
    expect(await handleTimer(w.deps, { kind: "pickup-accept", subjectId: p.id })).toBe("skipped");
    expect(await handleTimer(w.deps, { kind: "pickup-accept", subjectId: "nope" })).toBe("skipped");
    expect(w.notifier.sent).toEqual([]);
  });
});

describe("pickup-open (SOP-22)", () => {
  it("at the opening of the pickup day: dispatch and the courier pinged, the accept timer set", async () => {
    const w = world(store, { at: "2026-11-27T11:30:00Z" }); // 19:30: for tomorrow
    const p = await pickup(w);
    w.clock.set("2026-11-28T00:00:00Z");
    expect(await handleTimer(w.deps, { kind: "pickup-open", subjectId: p.id })).toBe("done");
    expect(w.notifier.recipients("notice.pickup.new")).toEqual(["dispatch", "person:zhang"]);
    expect(w.scheduler.pending.get(timerId("pickup-accept", p.id))?.dueAt).toEqual(
      at("2026-11-28T00:15:00Z"),
    );
  });

  it("fired early it waits for the day's opening; a cancelled pickup is skipped", async () => {
    const w = world(store, { at: "2026-11-27T11:30:00Z" });
    const p = await pickup(w);
    expect(await handleTimer(w.deps, { kind: "pickup-open", subjectId: p.id })).toEqual({
      deferUntil: at("2026-11-28T00:00:00Z"),
    });
    await w.desk.cancelPickup(p.customer, p.id);
    w.clock.set("2026-11-28T00:00:00Z");
    expect(await handleTimer(w.deps, { kind: "pickup-open", subjectId: p.id })).toBe("skipped");
  });
});
