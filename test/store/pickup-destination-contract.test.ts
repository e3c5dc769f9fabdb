import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PickupEvent, PickupRequest } from "../../src/domain/ports/records";
import { BACKENDS, openTestStore, type TestStore } from "../support/store-backends";

/**
 * Migration 0010 on every backend: a pickup's destination (SOP-27; none on older pickups), the
 * "returned" status of collected goods found prohibited (SOP-26), and a courier's pickups read
 * since a time (the goods collected lately).
 */

let n = 0;
const id = () => `pd-${process.pid}-${++n}`;
const at = (iso: string) => new Date(iso);

function pickup(courierId: string, createdAt: string, extra: Partial<PickupRequest> = {}): PickupRequest {
  return {
    id: id(),
    customer: { channel: "telegram", chatId: `c${n}`, userId: `c${n}` },
    language: "zh",
    contactName: null,
    phone: "13800000000",
    address: "扬州市文昌路 100 号 3 楼",
    zoneId: "east",
    goods: "文件",
    payment: "cod",
    pickupDay: createdAt.slice(0, 10),
    earliestAt: at(createdAt),
    morning: false,
    byAir: true,
    status: "collected",
    courierId,
    createdAt: at(createdAt),
    updatedAt: at(createdAt),
    ...extra,
  };
}

const first = (p: PickupRequest): PickupEvent => ({
  pickupId: p.id,
  at: p.createdAt,
  event: "requested",
  actor: { kind: "customer", chat: p.customer },
  note: null,
});

describe.each(BACKENDS)("pickup destination and returns (migration 0010) on %s", (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(backend, "pickup-destination");
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("SOP-27: keeps the destination; a pickup without one reads back without one", async () => {
    const to = pickup("zhang", "2026-11-27T02:00:00Z", { destination: "西藏拉萨" });
    const none = pickup("zhang", "2026-11-27T02:00:00Z");
    await t.store.pickups.insert(to, first(to));
    await t.store.pickups.insert(none, first(none));
    expect(await t.store.pickups.get(to.id)).toEqual(to);
    expect(await t.store.pickups.get(none.id)).toEqual(none);
    expect(await t.store.pickups.get(none.id)).not.toHaveProperty("destination");
  });

  it("SOP-26: a collected pickup becomes returned, once, with its event", async () => {
    const p = pickup("zhang", "2026-11-27T03:00:00Z");
    await t.store.pickups.insert(p, first(p));
    const event: PickupEvent = {
      pickupId: p.id,
      at: at("2026-11-27T08:00:00Z"),
      event: "returned",
      actor: { kind: "person", personId: "zhang" },
      note: "battery",
    };
    const both = await Promise.all([
      t.store.pickups.transition(p.id, ["collected"], { status: "returned" }, event, { courierId: "zhang" }),
      t.store.pickups.transition(p.id, ["collected"], { status: "returned" }, event, { courierId: "zhang" }),
    ]);
    expect(both.filter((r) => r !== undefined)).toHaveLength(1);
    expect(await t.store.pickups.get(p.id)).toMatchObject({ status: "returned" });
    expect((await t.store.pickups.events(p.id)).map((e) => [e.event, e.note])).toEqual([
      ["requested", null],
      ["returned", "battery"],
    ]);
    expect((await t.store.pickups.listByCustomer(p.customer, ["returned"])).map((r) => r.id)).toEqual([p.id]);
  });

  it("lists a courier's pickups created since a time, oldest first", async () => {
    const courier = `courier-${backend}`;
    const old = pickup(courier, "2026-11-20T02:00:00Z");
    const recent = pickup(courier, "2026-11-26T02:00:00Z");
    const today = pickup(courier, "2026-11-27T02:00:00Z");
    for (const p of [today, old, recent]) await t.store.pickups.insert(p, first(p));
    const since = at("2026-11-24T00:00:00Z");
    expect((await t.store.pickups.listByCourier(courier, ["collected"], 10, since)).map((p) => p.id)).toEqual(
      [recent.id, today.id],
    );
    expect(await t.store.pickups.listByCourier(courier, ["collected"], 10)).toHaveLength(3);
  });
});
