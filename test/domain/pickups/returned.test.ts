import { describe, expect, it } from "vitest";
import { DeskPermissionError } from "../../../src/domain/desk";
import type { PickupDraft } from "../../../src/domain/pickups/rules";
import {
  AuditDown,
  auditOf,
  customerChat,
  EAST_ADDRESS,
  fileStore,
  storeWithFailingAudit,
  testId,
  type World,
  world,
} from "../../support/use-case-harness";

const store = await fileStore();

async function collected(w: World, over: Partial<PickupDraft> = {}) {
  const chat = customerChat(testId());
  const r = await w.desk.requestPickup({
    customer: chat,
    language: "zh",
    draft: { address: EAST_ADDRESS, phone: "13912345678", goods: "衣服", payment: "cod", ...over },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  await w.desk.acceptPickup("zhang", r.pickup.id);
  const c = await w.desk.collectPickup("zhang", r.pickup.id);
  if (!c.ok) throw new Error(c.reason);
  return c.pickup;
}

describe("SOP-26: collected goods found prohibited go back to the customer", () => {
  it("SOP-26: one transaction with its audit row; the customer is told why, dispatch is told; twice is once", async () => {
    const w = world(store);
    const p = await collected(w, { goods: "手机", byAir: false });
    const before = w.notifier.sent.length;
    const r = await w.desk.returnCollectedGoods("zhang", p.id, { reason: "battery" });
    expect(r).toMatchObject({ ok: true, already: false, pickup: { status: "returned" } });
    expect(await store.pickups.get(p.id)).toMatchObject({ status: "returned", courierId: "zhang" });
    expect((await store.pickups.events(p.id)).at(-1)).toMatchObject({ event: "returned", note: "battery" });
    expect((await auditOf(store, `pickup/${p.id}`)).at(-1)).toMatchObject({
      action: "pickup.returned",
      data: { rule: "SOP-26", reason: "battery" },
    });
    const sent = w.notifier.sent.slice(before);
    expect(sent.map((n) => [n.to.kind, n.key])).toEqual([
      ["chat", "notice.pickup.returned"],
      ["dispatch", "notice.pickup.returnedForDispatch"],
    ]);
    expect(sent[0]?.params?.reason).toContain("电池");
    expect(sent[1]?.params).toMatchObject({ courier: "张伟(105)", address: EAST_ADDRESS });

    const again = await w.desk.returnCollectedGoods("zhang", p.id, { reason: "battery" });
    expect(again).toMatchObject({ ok: true, already: true });
    expect(w.notifier.sent.length).toBe(before + 2); // nobody is told twice
  });

  it("SOP-26: the courier's own words are the reason the customer reads (one line, trimmed)", async () => {
    const w = world(store);
    const p = await collected(w);
    const before = w.notifier.sent.length;
    await w.desk.returnCollectedGoods("zhang", p.id, {
      reason: "other",
      text: "  包装里有打火机油\n第二行 ",
    });
    expect((await store.pickups.events(p.id)).at(-1)?.note).toBe("other:包装里有打火机油");
    expect(w.notifier.sent[before]?.params?.reason).toBe("物品不符合收寄规定(包装里有打火机油)");
  });

  it("only goods collected, by the courier who collected them; a wrong role is refused", async () => {
    const w = world(store);
    const chat = customerChat(testId());
    const r = await w.desk.requestPickup({
      customer: chat,
      language: "zh",
      draft: { address: EAST_ADDRESS, phone: "13912345678", goods: "书", payment: "cod" },
    });
    if (!r.ok) throw new Error("not requested");
    await w.desk.acceptPickup("zhang", r.pickup.id);
    expect(await w.desk.returnCollectedGoods("zhang", r.pickup.id, { reason: "prohibited" })).toMatchObject({
      ok: false,
      reason: "not_collected",
    });
    await w.desk.collectPickup("zhang", r.pickup.id);
    expect(await w.desk.returnCollectedGoods("liu", r.pickup.id, { reason: "prohibited" })).toMatchObject({
      ok: false,
      reason: "not_yours",
    });
    await expect(w.desk.returnCollectedGoods("wang", r.pickup.id, { reason: "prohibited" })).rejects.toThrow(
      DeskPermissionError,
    );
    expect(await w.desk.returnCollectedGoods("zhang", "nope", { reason: "prohibited" })).toMatchObject({
      ok: false,
      reason: "not_found",
    });
    expect((await store.pickups.get(r.pickup.id))?.status).toBe("collected");
  });

  it("nothing half-written: when the audit row cannot be written, the pickup stays collected and nobody is told", async () => {
    const w = world(store);
    const p = await collected(w);
    const failing = world(storeWithFailingAudit(store));
    await expect(failing.desk.returnCollectedGoods("zhang", p.id, { reason: "fragile" })).rejects.toThrow(
      AuditDown,
    );
    expect((await store.pickups.get(p.id))?.status).toBe("collected");
    expect(failing.notifier.sent).toEqual([]);
  });

  it("SOP-26: the courier is offered the goods collected in the last days, newest first", async () => {
    const w = world(store);
    const first = await collected(w);
    const second = await collected(w);
    const mine = await w.desk.collectedPickups("zhang");
    const ids = mine.map((p) => p.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    w.clock.set(new Date("2026-12-05T02:00:00Z")); // eight days on
    expect((await w.desk.collectedPickups("zhang")).map((p) => p.id)).not.toContain(first.id);
  });
});
