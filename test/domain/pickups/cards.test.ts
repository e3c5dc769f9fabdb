import { describe, expect, it } from "vitest";
import type { ChatRef } from "../../../src/domain/kernel/chat";
import {
  customerChat,
  EAST_ADDRESS,
  fileStore,
  testId,
  type World,
  world,
} from "../../support/use-case-harness";

/**
 * Issue 14 §3: a pickup's ping cards (the group's, the courier's private copy, an assignment)
 * carry one card key; once the pickup leaves the state their buttons act on, the desk asks the
 * Notifier to take those buttons away, after the commit and only then.
 */
const store = await fileStore();

async function requested(w: World, chat: ChatRef = customerChat(testId())) {
  const r = await w.desk.requestPickup({
    customer: chat,
    language: "zh",
    contactName: "周先生",
    draft: { address: EAST_ADDRESS, phone: "13912345678", goods: "衣服两件", payment: "sender_pays" },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.pickup;
}

describe("a pickup's ping cards", () => {
  it("the ping to the group and the zone courier, and an assignment, all name the pickup's card", async () => {
    const w = world(store);
    const p = await requested(w);
    await w.desk.assignPickup("sun", p.id, "zhang");
    const cards = w.notifier.sent.filter((n) => n.actions?.length).map((n) => [n.key, n.cardKey]);
    expect(cards).toEqual([
      ["notice.pickup.new", `pickup-${p.id}`],
      ["notice.pickup.new", `pickup-${p.id}`],
      ["notice.pickup.assigned", `pickup-${p.id}`],
    ]);
    expect(w.notifier.retired).toEqual([]);
  });

  it("accepting retires them (wherever the courier pressed), once; a second press retires nothing more", async () => {
    const w = world(store);
    const p = await requested(w);
    w.notifier.clear();
    expect(await w.desk.acceptPickup("zhang", p.id)).toMatchObject({ ok: true });
    expect(w.notifier.retired).toEqual([`pickup-${p.id}`]);
    w.notifier.clear();
    expect(await w.desk.acceptPickup("zhang", p.id)).toMatchObject({ ok: true });
    expect(await w.desk.acceptPickup("liu", p.id)).toMatchObject({ ok: false, reason: "taken" });
    expect(w.notifier.retired).toEqual([]);
  });

  it("declining retires the old pings before the new ping goes out, which keeps its buttons", async () => {
    const w = world(store);
    const p = await requested(w);
    await w.desk.assignPickup("sun", p.id, "zhang");
    w.notifier.clear();
    const order: string[] = [];
    const notify = w.notifier.notify.bind(w.notifier);
    const retire = w.notifier.retireCards.bind(w.notifier);
    w.notifier.notify = async (n) => {
      order.push(`notify ${n.key}`);
      await notify(n);
    };
    w.notifier.retireCards = async (key) => {
      order.push(`retire ${key}`);
      await retire(key);
    };
    expect(await w.desk.declinePickup("zhang", p.id, "far")).toMatchObject({ ok: true });
    expect(order[0]).toBe(`retire pickup-${p.id}`);
    expect(order.slice(1)).toContain("notify notice.pickup.declined");
    const ping = w.notifier.withKey("notice.pickup.declined")[0];
    expect(ping?.cardKey).toBe(`pickup-${p.id}`);
    expect(ping?.actions?.length).toBe(2);
  });

  it("the customer cancelling retires them; a refused cancel retires nothing", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const p = await requested(w, chat);
    w.notifier.clear();
    expect(await w.desk.cancelPickup(customerChat(testId()), p.id)).toMatchObject({ ok: false });
    expect(w.notifier.retired).toEqual([]);
    expect(await w.desk.cancelPickup(chat, p.id)).toMatchObject({ ok: true });
    expect(w.notifier.retired).toEqual([`pickup-${p.id}`]);
  });

  it("collecting an assigned pickup (never accepted) retires its assignment's buttons", async () => {
    const w = world(store);
    const p = await requested(w);
    await w.desk.assignPickup("sun", p.id, "zhang");
    w.notifier.clear();
    expect(await w.desk.collectPickup("zhang", p.id)).toMatchObject({ ok: true });
    expect(w.notifier.retired).toEqual([`pickup-${p.id}`]);
  });

  it("a Notifier outage after the commit loses the retirement, never the acceptance", async () => {
    const w = world(store);
    const p = await requested(w);
    w.notifier.failWith = new Error("redis down");
    expect(await w.desk.acceptPickup("zhang", p.id)).toMatchObject({
      ok: true,
      pickup: { status: "accepted" },
    });
    expect(await store.pickups.get(p.id)).toMatchObject({ status: "accepted", courierId: "zhang" });
  });
});
