import { describe, expect, it } from "vitest";
import { expectedTimers, handleTimer } from "../../../src/domain/desk";
import type { Timer } from "../../../src/domain/ports";
import { timerId } from "../../../src/domain/ports";
import { freshTrackingNo } from "../../support/parcels";
import {
  at,
  customerChat,
  EAST_ADDRESS,
  fileStore,
  testId,
  type World,
  world,
} from "../../support/use-case-harness";

/** A store of its own: expectedTimers looks at everything open. */
const store = await fileStore();

const byId = (timers: Timer[]) => new Map(timers.map((t) => [t.id, t.dueAt.toISOString()]));

async function requestPickup(w: World) {
  const r = await w.desk.requestPickup({
    customer: customerChat(testId()),
    language: "zh",
    draft: { address: EAST_ADDRESS, phone: "13912345678", goods: "书", payment: "account" },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.pickup;
}

describe("expectedTimers (what the jobs restore after a crash)", () => {
  it("matches exactly the timers the use cases left pending", async () => {
    const w = world(store);
    const q1 = await w.desk.raiseQuery({
      asker: customerChat(testId()),
      language: "zh",
      text: "到哪了",
      trackingNo: freshTrackingNo(),
    });
    const q2 = await w.desk.raiseQuery({ asker: customerChat(testId()), language: "zh", text: "已解决" });
    if (!q1.ok || !q2.ok) throw new Error("query refused");
    await w.desk.answerQuery(q2.query.id, "wang", "好的");

    const h1 = await w.desk.markHeld("wang", freshTrackingNo(), "东关分点");
    const h2 = await w.desk.markHeld("wang", freshTrackingNo(), "东关分点");
    const h3 = await w.desk.markHeld("wang", freshTrackingNo(), "东关分点");
    if (!h1.ok || !h2.ok || !h3.ok) throw new Error("hold refused");
    await w.desk.recordOriginMessaged("chen", h2.hold.id);
    await w.desk.recordOriginMessaged("chen", h3.hold.id);
    await w.desk.recordOriginReply("chen", h3.hold.id);

    const pinged = await requestPickup(w);
    const assigned = await requestPickup(w);
    w.clock.advance(5 * 60_000);
    await w.desk.assignPickup("sun", assigned.id, "liu");
    const accepted = await requestPickup(w);
    await w.desk.acceptPickup("zhang", accepted.id);
    w.clock.set("2026-11-27T11:30:00Z"); // 19:30: a pickup for tomorrow
    const tomorrow = await requestPickup(w);
    w.clock.set("2026-11-27T02:05:00Z");

    const expected = byId(await expectedTimers(w.deps));
    expect(expected).toEqual(byId([...w.scheduler.pending.values()]));
    expect(expected.get(timerId("hold-origin", h1.hold.id))).toBe("2026-11-30T02:00:00.000Z");
    expect(expected.get(timerId("hold-return", h2.hold.id))).toBe("2026-12-02T02:00:00.000Z");
    expect(expected.get(timerId("pickup-accept", pinged.id))).toBe("2026-11-27T02:15:00.000Z");
    expect(expected.get(timerId("pickup-accept", assigned.id))).toBe("2026-11-27T02:20:00.000Z");
    expect(expected.get(timerId("pickup-open", tomorrow.id))).toBe("2026-11-28T00:00:00.000Z");
    expect([...expected.keys()].some((id) => id.includes(accepted.id) || id.includes(q2.query.id))).toBe(
      false,
    );
    expect([...expected.keys()].some((id) => id.includes(h3.hold.id))).toBe(false);
  });

  it("after a repeat ping, pickup-accept counts from that ping; a warning past its deadline is dropped", async () => {
    const w = world(store);
    const q = await w.desk.raiseQuery({ asker: customerChat(testId()), language: "zh", text: "到哪了" });
    if (!q.ok) throw new Error(q.reason);
    const p = await requestPickup(w);
    w.clock.advance(15 * 60_000);
    await handleTimer(w.deps, { kind: "pickup-accept", subjectId: p.id });
    w.clock.advance(20 * 60_000); // 10:35: the query's deadline (10:30) has passed
    const expected = byId(await expectedTimers(w.deps));
    expect(expected.get(timerId("pickup-accept", p.id))).toBe(at("2026-11-27T02:30:00Z").toISOString());
    expect(expected.has(timerId("query-warn", q.query.id))).toBe(false);
    expect(expected.get(timerId("query-due", q.query.id))).toBe("2026-11-27T02:30:00.000Z");
  });
});
