import { describe, expect, it } from "vitest";
import { DeskPermissionError } from "../../../src/domain/desk";
import type { ChatRef } from "../../../src/domain/kernel/chat";
import type { PickupDraft } from "../../../src/domain/pickups/rules";
import { type Store, timerId } from "../../../src/domain/ports";
import type { PickupRequest } from "../../../src/domain/ports/records";
import {
  AuditDown,
  at,
  auditOf,
  customerChat,
  EAST_ADDRESS,
  fileStore,
  storeWithFailingAudit,
  testId,
  WEST_ADDRESS,
  type World,
  world,
} from "../../support/use-case-harness";

const store = await fileStore();

const draft = (over: Partial<PickupDraft> = {}): PickupDraft => ({
  address: EAST_ADDRESS,
  phone: "13912345678",
  goods: "衣服两件",
  payment: "sender_pays",
  ...over,
});

async function requested(w: World, over: Partial<PickupDraft> = {}, chat: ChatRef = customerChat(testId())) {
  const r = await w.desk.requestPickup({
    customer: chat,
    language: "zh",
    contactName: "周先生",
    draft: draft(over),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.pickup;
}

/** The store, except that reading this pickup gives the snapshot a person saw before a change. */
function withStaleRead(real: Store, seen: PickupRequest): Store {
  return {
    ...real,
    pickups: { ...real.pickups, get: async (id) => (id === seen.id ? seen : real.pickups.get(id)) },
  };
}

async function accepted(w: World): Promise<PickupRequest> {
  const p = await requested(w);
  const r = await w.desk.acceptPickup("zhang", p.id);
  if (!r.ok) throw new Error(r.reason);
  return r.pickup;
}

describe("requestPickup", () => {
  it("SOP-20: records the request with its first event and audit row", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const p = await requested(w, {}, chat);
    expect(await store.pickups.get(p.id)).toMatchObject({
      status: "requested",
      zoneId: "east",
      address: EAST_ADDRESS,
      phone: "13912345678",
      contactName: "周先生",
      pickupDay: "2026-11-27",
      earliestAt: at("2026-11-27T07:00:00Z"), // SOP-20: after 15:00
    });
    expect(await store.pickups.events(p.id)).toMatchObject([
      { event: "requested", actor: { kind: "customer", chat } },
    ]);
    expect(await auditOf(store, `pickup/${p.id}`)).toMatchObject([{ action: "pickup.requested" }]);
  });

  it("SOP-20: pings dispatch and the zone courier at once, with accept and decline buttons", async () => {
    const w = world(store);
    const p = await requested(w);
    expect(w.notifier.recipients("notice.pickup.new")).toEqual(["dispatch", "person:zhang"]);
    const actions = [
      { labelKey: "notice.action.accept", action: `pa.${p.id}` },
      { labelKey: "notice.action.decline", action: `pd.${p.id}` },
    ];
    for (const n of w.notifier.sent) expect(n.actions).toEqual(actions);
    // Issue 16 §6: the dispatch group reads the road and street number; the courier's copy all of it.
    expect(w.notifier.sent[0]?.params).toMatchObject({
      address: "扬州市文昌路 100 号 * 栋 *** 室",
      zone: "城东",
      payment: "现付(寄件人付)",
    });
    expect(w.notifier.sent[1]?.params).toMatchObject({ address: EAST_ADDRESS });
    expect(w.scheduler.pending.get(timerId("pickup-accept", p.id))?.dueAt).toEqual(
      at("2026-11-27T02:15:00Z"),
    );
  });

  it("SOP-21: nothing in the request or its notices carries a price", async () => {
    const w = world(store);
    const p = await requested(w);
    expect(Object.keys(p).some((k) => /price|fee|amount/i.test(k))).toBe(false);
    expect(w.notifier.sent.length).toBeGreaterThan(0); // the loop below checks the notices sent
    for (const n of w.notifier.sent)
      expect(Object.keys(n.params).some((k) => /price|fee/i.test(k))).toBe(false);
  });

  it("SOP-20/26/27/28: refuses a bad draft with every problem at once, storing nothing", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const r = await w.desk.requestPickup({
      customer: chat,
      language: "zh",
      draft: { address: "城东", phone: "123", goods: "烟花", payment: "free" },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.field}:${p.rule}`)).toEqual([
      "address:SOP-20",
      "phone:SOP-20",
      "goods:SOP-26",
      "payment:SOP-28",
    ]);
    expect(await w.desk.myPickups(chat)).toEqual([]);
    expect(w.notifier.sent).toEqual([]);
    expect(w.scheduler.scheduled).toEqual([]);
  });

  it("SOP-22: a request after 19:00 is for the next day and dispatch hears of it at the next opening", async () => {
    const w = world(store, { at: "2026-11-27T11:30:00Z" }); // Friday 19:30
    const p = await requested(w);
    expect(p.pickupDay).toBe("2026-11-28");
    expect(w.notifier.sent).toEqual([]);
    expect(w.scheduler.pending.get(timerId("pickup-open", p.id))?.dueAt).toEqual(at("2026-11-28T00:00:00Z"));
    expect(w.scheduler.pending.has(timerId("pickup-accept", p.id))).toBe(false);
  });

  it("SOP-22: a request before opening waits for today's opening", async () => {
    const w = world(store, { at: "2026-11-26T23:00:00Z" }); // Friday 07:00
    const p = await requested(w);
    expect(p.pickupDay).toBe("2026-11-27");
    expect(w.scheduler.pending.get(timerId("pickup-open", p.id))?.dueAt).toEqual(at("2026-11-27T00:00:00Z"));
    expect(w.notifier.sent).toEqual([]);
  });

  it("SOP-22: pickups are taken until 19:00, so a request at 18:45 is pinged the same evening", async () => {
    const w = world(store, { at: "2026-11-27T10:45:00Z" });
    const p = await requested(w);
    expect(p.pickupDay).toBe("2026-11-27");
    expect(w.notifier.recipients("notice.pickup.new")).toEqual(["dispatch", "person:zhang"]);
  });

  it("SOP-23: a morning pickup comes back with the courier's phone and the branch points", async () => {
    const w = world(store);
    const r = await w.desk.requestPickup({
      customer: customerChat(testId()),
      language: "zh",
      draft: draft({ morning: true }),
    });
    expect(r).toMatchObject({ ok: true, courierPhone: "13800000003", branchPoints: [{ name: "东关分点" }] });
    // Asked at 10:00: this morning, from now until 12:00, and never "15:00" beside "上午".
    expect(r.ok && r.pickup).toMatchObject({ morning: true, pickupDay: "2026-11-27" });
    expect(r.ok && r.pickup.earliestAt).toEqual(at("2026-11-27T02:00:00Z"));
    const when = String(w.notifier.sent[0]?.params.when);
    expect(when).toBe("今天(11月27日)上午 10:00–12:00,业务员与客户电话约定");
    expect(when).not.toContain("15:00");
  });

  it("SOP-23: a morning pickup asked in the afternoon is the next desk day's morning, from opening", async () => {
    const w = world(store, { at: "2026-11-27T06:00:00Z" }); // Friday 14:00
    const p = await requested(w, { morning: true });
    expect(p).toMatchObject({ morning: true, pickupDay: "2026-11-28" });
    expect(p.earliestAt).toEqual(at("2026-11-28T00:00:00Z")); // 08:00, the desk's opening
  });

  it("SOP-20/22: a time the customer named inside 15:00..19:00 is kept; after the cut-off it is refused", async () => {
    const w = world(store);
    const p = await requested(w, { when: { kind: "at", at: at("2026-11-28T08:30:00Z") } }); // 16:30 tomorrow
    expect(p).toMatchObject({ pickupDay: "2026-11-28", earliestAt: at("2026-11-28T08:30:00Z") });
    const late = await w.desk.requestPickup({
      customer: customerChat(testId()),
      language: "zh",
      draft: draft({ when: { kind: "at", at: at("2026-11-27T12:00:00Z") } }), // 20:00 today
    });
    expect(late).toEqual({
      ok: false,
      problems: [{ field: "when", rule: "SOP-22", reason: "after_cutoff" }],
    });
  });

  it("SOP-26: by air is stored and every ping says so", async () => {
    const w = world(store);
    const p = await requested(w, { byAir: true, goods: "文件" });
    expect((await store.pickups.get(p.id))?.byAir).toBe(true);
    const pings = w.notifier.withKey("notice.pickup.new");
    expect(pings.map((n) => n.params.transport)).toEqual(["航空", "航空"]);
  });

  it("is one transaction: a failed audit row stores no request and pings nobody", async () => {
    const w = world(storeWithFailingAudit(store));
    const chat = customerChat(testId());
    await expect(w.desk.requestPickup({ customer: chat, language: "zh", draft: draft() })).rejects.toThrow(
      AuditDown,
    );
    expect(await store.pickups.listByCustomer(chat, ["requested"])).toEqual([]);
    expect(w.notifier.sent).toEqual([]);
  });
});

describe("cancelPickup", () => {
  it("the same customer cancels; timers go, the assigned courier is told", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const p = await requested(w, {}, chat);
    await w.desk.assignPickup("sun", p.id, "liu");
    w.notifier.clear();
    expect(await w.desk.cancelPickup(chat, p.id)).toMatchObject({
      ok: true,
      pickup: { status: "cancelled" },
    });
    expect(w.scheduler.pending.has(timerId("pickup-accept", p.id))).toBe(false);
    // The dispatch group hears it (naming the courier told), and the courier need not go.
    expect(w.notifier.sent).toMatchObject([
      {
        to: { kind: "dispatch" },
        key: "notice.pickup.cancelledForDispatch",
        params: { courier: ",已通知业务员 刘洋(106)" },
      },
      { to: { personId: "liu" }, key: "notice.pickup.cancelled" },
    ]);
    expect((await auditOf(store, `pickup/${p.id}`)).at(-1)?.action).toBe("pickup.cancelled");
  });

  it("refuses another chat's pickup (not_found) and a collected one (too_late)", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const p = await requested(w, {}, chat);
    expect(await w.desk.cancelPickup(customerChat("someone-else"), p.id)).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await w.desk.cancelPickup(chat, "nope")).toEqual({ ok: false, reason: "not_found" });
    await w.desk.acceptPickup("zhang", p.id);
    await w.desk.collectPickup("zhang", p.id);
    expect(await w.desk.cancelPickup(chat, p.id)).toEqual({ ok: false, reason: "too_late" });
    expect((await store.pickups.get(p.id))?.status).toBe("collected");
  });
});

describe("assignPickup", () => {
  it("dispatch assigns a courier, who is told with buttons and has acceptWithin to accept", async () => {
    const w = world(store);
    const p = await requested(w);
    w.notifier.clear();
    w.clock.advance(5 * 60_000);
    const r = await w.desk.assignPickup("sun", p.id, "liu");
    expect(r).toMatchObject({ ok: true, pickup: { status: "assigned", courierId: "liu" } });
    expect(w.notifier.sent).toMatchObject([
      {
        to: { personId: "liu" },
        key: "notice.pickup.assigned",
        actions: [{ action: `pa.${p.id}` }, { action: `pd.${p.id}` }],
      },
    ]);
    expect(w.scheduler.pending.get(timerId("pickup-accept", p.id))?.dueAt).toEqual(
      at("2026-11-27T02:20:00Z"),
    );
    expect((await auditOf(store, `pickup/${p.id}`)).at(-1)).toMatchObject({
      action: "pickup.assigned",
      actor: { kind: "person", personId: "sun" },
    });
  });

  it("reassigning tells the courier who had it", async () => {
    const w = world(store);
    const p = await requested(w);
    await w.desk.assignPickup("sun", p.id, "liu");
    w.notifier.clear();
    await w.desk.assignPickup("sun", p.id, "zhang");
    expect(w.notifier.recipients("notice.pickup.reassigned")).toEqual(["person:liu"]);
  });

  it("refuses a non-courier, an unknown pickup and an accepted one", async () => {
    const w = world(store);
    const p = await requested(w);
    expect(await w.desk.assignPickup("sun", p.id, "wang")).toEqual({ ok: false, reason: "not_courier" });
    expect(await w.desk.assignPickup("sun", "nope", "liu")).toEqual({ ok: false, reason: "not_found" });
    await w.desk.acceptPickup("zhang", p.id);
    expect(await w.desk.assignPickup("sun", p.id, "liu")).toEqual({ ok: false, reason: "too_late" });
  });

  it("only dispatch (or a supervisor) may assign: anyone else is a programming error", async () => {
    const w = world(store);
    const p = await requested(w);
    await expect(w.desk.assignPickup("wang", p.id, "liu")).rejects.toThrow(DeskPermissionError);
    expect((await store.pickups.get(p.id))?.status).toBe("requested");
  });
});

describe("acceptPickup", () => {
  it("SOP-23: the customer is told the courier's name and phone; the accept timer is cancelled", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const p = await requested(w, {}, chat);
    w.notifier.clear();
    const r = await w.desk.acceptPickup("zhang", p.id);
    expect(r).toMatchObject({ ok: true, pickup: { status: "accepted", courierId: "zhang" } });
    // The customer, and the dispatch group: a ping taken anywhere is known where it was sent.
    expect(w.notifier.sent).toEqual([
      {
        to: { kind: "chat", chat, language: "zh" },
        key: "notice.pickup.accepted",
        params: { courier: "张伟", phone: "13800000003", when: "今天(11月27日) 15:00 以后" },
      },
      {
        to: { kind: "dispatch" },
        key: "notice.pickup.taken",
        params: { ref: expect.stringMatching(/^#/), address: EAST_ADDRESS, courier: "张伟(105)" },
      },
    ]);
    expect(w.scheduler.pending.has(timerId("pickup-accept", p.id))).toBe(false);
    expect((await store.pickups.events(p.id)).map((e) => e.event)).toEqual(["requested", "accepted"]);
  });

  it("an assigned courier accepts; another courier cannot; a second press changes nothing", async () => {
    const w = world(store);
    const p = await requested(w);
    await w.desk.assignPickup("sun", p.id, "liu");
    expect(await w.desk.acceptPickup("zhang", p.id)).toEqual({ ok: false, reason: "taken" });
    expect(await w.desk.acceptPickup("liu", p.id)).toMatchObject({ ok: true });
    w.notifier.clear();
    expect(await w.desk.acceptPickup("liu", p.id)).toMatchObject({ ok: true, pickup: { courierId: "liu" } });
    expect(w.notifier.sent).toEqual([]);
    expect(await w.desk.acceptPickup("zhang", p.id)).toEqual({ ok: false, reason: "taken" });
  });

  it("refuses unknown, cancelled and collected pickups", async () => {
    const w = world(store);
    expect(await w.desk.acceptPickup("zhang", "nope")).toEqual({ ok: false, reason: "not_found" });
    const chat = customerChat(testId());
    const p = await requested(w, {}, chat);
    await w.desk.cancelPickup(chat, p.id);
    expect(await w.desk.acceptPickup("zhang", p.id)).toEqual({ ok: false, reason: "too_late" });
  });
});

describe("declinePickup", () => {
  it("an assigned courier declines: back to requested, unassigned, dispatch pinged again (not them)", async () => {
    const w = world(store);
    const p = await requested(w, { address: WEST_ADDRESS });
    await w.desk.assignPickup("sun", p.id, "zhang");
    w.notifier.clear();
    const r = await w.desk.declinePickup("zhang", p.id, "far");
    expect(r).toMatchObject({ ok: true, pickup: { status: "requested", courierId: null } });
    // The zone courier (liu) hears of it again; zhang, who declined, does not. Dispatch reads why.
    expect(w.notifier.recipients("notice.pickup.declined")).toEqual(["dispatch", "person:liu"]);
    expect(w.notifier.withKey("notice.pickup.declined")[0]?.params).toMatchObject({
      courier: "张伟(105)",
      reason: "不顺路/太远",
    });
    expect((await store.pickups.events(p.id)).at(-1)).toMatchObject({ event: "declined", note: "far" });
    expect((await auditOf(store, `pickup/${p.id}`)).at(-1)?.action).toBe("pickup.declined");
  });

  it("the zone courier declines a ping: the request stays, the decline is recorded, dispatch reminded", async () => {
    const w = world(store);
    const p = await requested(w);
    w.notifier.clear();
    expect(await w.desk.declinePickup("zhang", p.id)).toMatchObject({
      ok: true,
      pickup: { status: "requested" },
    });
    expect((await store.pickups.events(p.id)).map((e) => e.event)).toEqual(["requested", "declined"]);
    // No reason given: "other", stored with the event and shown to dispatch.
    expect((await store.pickups.events(p.id)).at(-1)?.note).toBe("other");
    expect(w.notifier.recipients("notice.pickup.declined")).toEqual(["dispatch"]);
  });

  it("refuses another courier's pickup and unknown ones", async () => {
    const w = world(store);
    const p = await requested(w);
    await w.desk.acceptPickup("zhang", p.id);
    expect(await w.desk.declinePickup("liu", p.id)).toEqual({ ok: false, reason: "not_yours" });
    expect(await w.desk.declinePickup("liu", "nope")).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("collectPickup", () => {
  it("the courier who accepted marks it collected, and the customer is told (no silence)", async () => {
    const w = world(store);
    const p = await accepted(w);
    w.notifier.clear();
    expect(await w.desk.collectPickup("zhang", p.id)).toMatchObject({
      ok: true,
      pickup: { status: "collected" },
    });
    expect((await auditOf(store, `pickup/${p.id}`)).at(-1)?.action).toBe("pickup.collected");
    expect(w.notifier.sent).toEqual([
      {
        to: { kind: "chat", chat: p.customer, language: "zh" },
        key: "notice.pickup.collected",
        params: { courier: "张伟", ref: expect.stringMatching(/^#/) },
      },
    ]);
    // Pressed again: nothing more is sent.
    w.notifier.clear();
    expect(await w.desk.collectPickup("zhang", p.id)).toMatchObject({ ok: true });
    expect(w.notifier.sent).toEqual([]);
  });

  it("refuses another courier and unknown pickups", async () => {
    const w = world(store);
    const p = await accepted(w);
    expect(await w.desk.collectPickup("liu", p.id)).toEqual({ ok: false, reason: "not_yours" });
    expect(await w.desk.collectPickup("zhang", "nope")).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("goodsReady", () => {
  it("SOP-24: the zone's driver is told at once", async () => {
    const w = world(store);
    const p = await accepted(w);
    w.notifier.clear();
    // The driver who was told comes back, so the flow need not work it out again.
    expect(await w.desk.goodsReady("zhang", p.id)).toMatchObject({ ok: true, driver: { id: "zhao" } });
    expect(w.notifier.sent).toEqual([
      {
        to: { kind: "person", personId: "zhao" },
        key: "notice.pickup.goodsReady",
        params: { courier: "张伟", phone: "13800000003", address: EAST_ADDRESS, goods: "衣服两件" },
      },
    ]);
    expect((await store.pickups.events(p.id)).at(-1)?.event).toBe("goods_ready");
  });

  it("SOP-24: refuses when the zone has no driver, storing nothing", async () => {
    const w = world(store);
    const p = await requested(w, { address: WEST_ADDRESS });
    await w.desk.acceptPickup("liu", p.id);
    expect(await w.desk.goodsReady("liu", p.id)).toMatchObject({ ok: false, reason: "no_driver" });
    expect((await store.pickups.events(p.id)).map((e) => e.event)).toEqual(["requested", "accepted"]);
  });

  it("refuses another courier's pickup and unknown ones", async () => {
    const w = world(store);
    const p = await accepted(w);
    expect(await w.desk.goodsReady("liu", p.id)).toEqual({ ok: false, reason: "not_yours" });
    expect(await w.desk.goodsReady("zhang", "nope")).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("pickup lists", () => {
  it("myPickups, pendingPickups and courierPickups show what each still has to do", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const a = await requested(w, {}, chat);
    const b = await requested(w, {}, chat);
    await w.desk.acceptPickup("liu", b.id);
    expect((await w.desk.myPickups(chat)).map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    const pending = (await w.desk.pendingPickups()).map((p) => p.id);
    expect(pending).toContain(a.id);
    expect(pending).not.toContain(b.id);
    expect((await w.desk.courierPickups("liu")).map((p) => p.id)).toContain(b.id);
    expect((await w.desk.courierPickups("zhang")).map((p) => p.id)).not.toContain(b.id);
  });
});

describe("a stale courier changes nothing (compare and set on the courier)", () => {
  /** Dispatch gives the pickup to zhang, zhang's screen shows it; then dispatch reassigns it to liu. */
  async function reassignedFromZhang(w: World) {
    const p = await requested(w);
    const seen = await w.desk.assignPickup("sun", p.id, "zhang");
    if (!seen.ok) throw new Error(seen.reason);
    await w.desk.assignPickup("sun", p.id, "liu");
    w.notifier.clear();
    return { id: p.id, zhang: world(withStaleRead(store, seen.pickup)) };
  }

  const eventsOf = async (id: string) => (await store.pickups.events(id)).map((e) => e.event);

  it("SOP-20: accepting a pickup dispatch has just reassigned is refused as taken; it stays the new courier's", async () => {
    const w = world(store);
    const { id, zhang } = await reassignedFromZhang(w);
    expect(await zhang.desk.acceptPickup("zhang", id)).toEqual({ ok: false, reason: "taken" });
    expect(await store.pickups.get(id)).toMatchObject({ status: "assigned", courierId: "liu" });
    expect(await eventsOf(id)).toEqual(["requested", "assigned", "assigned"]);
    expect(zhang.notifier.sent).toEqual([]);
  });

  it("SOP-20: declining a pickup dispatch has just reassigned is refused as not_yours; nobody is re-pinged", async () => {
    const w = world(store);
    const { id, zhang } = await reassignedFromZhang(w);
    expect(await zhang.desk.declinePickup("zhang", id)).toEqual({ ok: false, reason: "not_yours" });
    expect(await store.pickups.get(id)).toMatchObject({ status: "assigned", courierId: "liu" });
    expect(await eventsOf(id)).not.toContain("declined");
    expect(zhang.notifier.sent).toEqual([]);
  });

  it("the zone courier's decline of a ping is refused once dispatch has assigned the pickup meanwhile", async () => {
    const w = world(store);
    const p = await requested(w);
    await w.desk.assignPickup("sun", p.id, "liu");
    const zhang = world(withStaleRead(store, p));
    expect(await zhang.desk.declinePickup("zhang", p.id)).toEqual({ ok: false, reason: "not_yours" });
    expect(await eventsOf(p.id)).toEqual(["requested", "assigned"]);
  });

  it("collecting a pickup dispatch has just reassigned is refused as not_yours", async () => {
    const w = world(store);
    const { id, zhang } = await reassignedFromZhang(w);
    expect(await zhang.desk.collectPickup("zhang", id)).toEqual({ ok: false, reason: "not_yours" });
    expect(await store.pickups.get(id)).toMatchObject({ status: "assigned", courierId: "liu" });
  });

  it("SOP-24: goods ready on a pickup dispatch has just reassigned tells no driver", async () => {
    const w = world(store);
    const { id, zhang } = await reassignedFromZhang(w);
    expect(await zhang.desk.goodsReady("zhang", id)).toEqual({ ok: false, reason: "not_yours" });
    expect(zhang.notifier.sent).toEqual([]);
    expect(await eventsOf(id)).not.toContain("goods_ready");
  });

  it("SOP-20: accepting a requested pickup dispatch assigned meanwhile to another courier is refused as taken", async () => {
    const w = world(store);
    const p = await requested(w);
    await w.desk.assignPickup("sun", p.id, "liu");
    const zhang = world(withStaleRead(store, p));
    expect(await zhang.desk.acceptPickup("zhang", p.id)).toEqual({ ok: false, reason: "taken" });
    expect(await store.pickups.get(p.id)).toMatchObject({ status: "assigned", courierId: "liu" });
  });

  it("a dispatcher assigning from a stale view (assigned meanwhile by another) is refused as taken", async () => {
    const w = world(store);
    const p = await requested(w);
    await w.desk.assignPickup("sun", p.id, "liu");
    const other = world(withStaleRead(store, p));
    expect(await other.desk.assignPickup("sun", p.id, "zhang")).toEqual({ ok: false, reason: "taken" });
    expect(await store.pickups.get(p.id)).toMatchObject({ status: "assigned", courierId: "liu" });
    expect(other.notifier.sent).toEqual([]);
  });
});

describe("courierPickups", () => {
  it("finds a courier's pickups however many pickups other couriers hold (filtered in the database)", async () => {
    const w = world(store);
    const template = await requested(w);
    // More than a default page of older pickups held by liu.
    for (let i = 0; i < 120; i++) {
      const id = testId();
      const createdAt = at("2026-11-20T02:00:00Z");
      await store.pickups.insert(
        { ...template, id, status: "assigned", courierId: "liu", createdAt, updatedAt: createdAt },
        {
          pickupId: id,
          at: createdAt,
          event: "requested",
          actor: { kind: "system", name: "test" },
          note: null,
        },
      );
    }
    const mine = await requested(w, { address: WEST_ADDRESS });
    await w.desk.assignPickup("sun", mine.id, "zhang");
    expect((await w.desk.courierPickups("zhang")).map((p) => p.id)).toContain(mine.id);
    expect((await w.desk.courierPickups("liu")).length).toBeGreaterThanOrEqual(120);
    expect((await w.desk.courierPickups("liu")).every((p) => p.courierId === "liu")).toBe(true);
    // Dispatch's list is not cut at a default page either: the newest request is on it.
    const fresh = await requested(w);
    expect((await w.desk.pendingPickups()).map((p) => p.id)).toContain(fresh.id);
  });
});
