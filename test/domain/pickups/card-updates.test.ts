import { describe, expect, it } from "vitest";
import { handleTimer } from "../../../src/domain/desk";
import { ASSIGN_PICKUP } from "../../../src/domain/desk/notice-actions";
import type { ChatRef, Language } from "../../../src/domain/kernel/chat";
import { t } from "../../../src/domain/messages";
import { CARD_ASSIGNERS } from "../../../src/domain/pickups/assign-from-card";
import { PICKUP_ASSIGNERS } from "../../../src/domain/pickups/steps";
import type { CardReader, CardView, Notice } from "../../../src/domain/ports";
import { staffActions } from "../../../src/flows/staff/actions";
import {
  customerChat,
  EAST_ADDRESS,
  fileStore,
  testId,
  WEST_ADDRESS,
  type World,
  world,
} from "../../support/use-case-harness";

/**
 * Issue 10 §3: each pickup ping is one card (address, zone, goods, payment, day and window; the
 * customer's phone masked until a courier accepts; accept/decline buttons; for dispatch a select
 * of the zone's couriers), and every copy sent so far is updated in place as the pickup moves.
 */
const store = await fileStore();

type View = (reader: CardReader, language: Language) => CardView;
interface Updating {
  updates: { cardKey: string; view: View }[];
}

/** A world whose notifier changes cards in place (records each update's view). */
function updatingWorld(): World & Updating {
  const w = world(store);
  const updates: Updating["updates"] = [];
  Object.assign(w.notifier, {
    async updateCards(cardKey: string, view: View) {
      updates.push({ cardKey, view });
    },
  });
  return Object.assign(w, { updates });
}

async function requested(w: World, address = EAST_ADDRESS, chat: ChatRef = customerChat(testId())) {
  const r = await w.desk.requestPickup({
    customer: chat,
    language: "zh",
    contactName: "周先生",
    draft: { address, phone: "13912345678", goods: "衣服两件", payment: "cod" },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.pickup;
}

const text = (view: CardView, language: Language = "zh") => t(language, view.key, view.params);
const lastUpdate = (w: Updating) => {
  const update = w.updates.at(-1);
  if (!update) throw new Error("no card update");
  return update;
};
const dispatchPing = (w: World): Notice => {
  const ping = w.notifier.sent.find((n) => n.to.kind === "dispatch" && n.key === "notice.pickup.new");
  if (!ping) throw new Error("no dispatch ping");
  return ping;
};

describe("the pickup ping as a card (issue 10 §3)", () => {
  it("SOP-20: shows address, zone, goods, payment, day and window; the phone masked before anyone accepts", async () => {
    const w = updatingWorld();
    const p = await requested(w);
    const ping = dispatchPing(w);
    const fields = Object.fromEntries((ping.fields ?? []).map((f) => [f.labelKey, f.value]));
    expect(fields).toMatchObject({
      // Issue 16 §6: the group reads the road and street number, not the flat.
      "card.field.address": "扬州市文昌路 100 号 * 栋 *** 室",
      "card.field.zone": "城东",
      "card.field.goods": "衣服两件",
      "card.field.payment": "到付(收件人付)",
      "card.field.contact": "周先生 139****5678",
    });
    expect(fields["card.field.when"]).toContain("15:00");
    const zh = t("zh", ping.key, ping.params);
    expect(zh).toContain("139****5678");
    expect(zh).not.toContain("13912345678");
    expect(ping.actions?.map((a) => a.action)).toEqual([`pa.${p.id}`, `pd.${p.id}`]);
    expect(ping.cardKey).toBe(`pickup-${p.id}`);
  });

  it("SOP-20: the dispatch copy offers the zone's courier in a select; the courier's own copy has none", async () => {
    const w = updatingWorld();
    await requested(w);
    expect(dispatchPing(w).select?.options.map((o) => o.label)).toEqual(["派给 张伟(105)"]);
    const courierCopy = w.notifier.toPerson("zhang").find((n) => n.key === "notice.pickup.new");
    expect(courierCopy?.actions?.length).toBe(2);
    expect(courierCopy?.select).toBeUndefined();
  });

  it("accepting updates every copy in place: who took it, the phone shown to the courier only, no buttons left", async () => {
    const w = updatingWorld();
    const p = await requested(w);
    expect(await w.desk.acceptPickup("zhang", p.id)).toMatchObject({ ok: true });
    const { cardKey, view } = lastUpdate(w);
    expect(cardKey).toBe(`pickup-${p.id}`);
    const dispatch = view("dispatch", "zh");
    expect(text(dispatch)).toContain("已由 张伟(105) 接单");
    // Issue 16 §6: the group never reads the customer's phone or flat; the courier's own copy does.
    expect(text(dispatch)).toContain("139****5678");
    expect(text(dispatch)).not.toContain("13912345678");
    expect(text(dispatch)).not.toContain("201 室");
    expect(text(view("person", "zh"))).toContain("13912345678");
    expect(text(view("person", "zh"))).toContain(EAST_ADDRESS);
    expect(text(view("person", "en"), "en")).toContain("Accepted by 张伟(105)");
    expect(dispatch.actions).toBeUndefined();
    expect(dispatch.select).toBeUndefined();
    // Nothing is retired: the copies are changed instead.
    expect(w.notifier.retired).toEqual([]);
    // The group reads who took it on the ping itself: no second message saying the same.
    expect(w.notifier.withKey("notice.pickup.taken")).toEqual([]);
  });

  it("accepted once: the second courier's accept is refused and changes no card", async () => {
    const w = updatingWorld();
    const p = await requested(w);
    expect(await w.desk.acceptPickup("zhang", p.id)).toMatchObject({ ok: true });
    const updates = w.updates.length;
    expect(await w.desk.acceptPickup("liu", p.id)).toEqual({ ok: false, reason: "taken" });
    expect(w.updates.length).toBe(updates);
    expect(text(lastUpdate(w).view("dispatch", "zh"))).toContain("已由 张伟(105) 接单");
  });

  it("a decline shows who declined and why on the old copies, with the buttons back, then pings again", async () => {
    const w = updatingWorld();
    const p = await requested(w);
    await w.desk.assignPickup("sun", p.id, "zhang");
    w.notifier.clear();
    expect(await w.desk.declinePickup("zhang", p.id, "far")).toMatchObject({ ok: true });
    const declined = lastUpdate(w).view("dispatch", "zh");
    expect(text(declined)).toContain("张伟(105) 拒单");
    expect(declined.actions?.length).toBe(2);
    expect(declined.select?.options.length).toBe(1);
    expect(w.notifier.withKey("notice.pickup.declined").map((n) => n.to.kind)).toEqual(["dispatch"]);
  });

  it("collected and cancelled are shown in place, without buttons", async () => {
    const w = updatingWorld();
    const p = await requested(w);
    await w.desk.acceptPickup("zhang", p.id);
    await w.desk.collectPickup("zhang", p.id);
    expect(text(lastUpdate(w).view("dispatch", "zh"))).toContain("张伟(105) 已取件");
    const chat = customerChat(testId());
    const q = await requested(w, EAST_ADDRESS, chat);
    await w.desk.cancelPickup(chat, q.id);
    const cancelled = lastUpdate(w).view("person", "zh");
    expect(text(cancelled)).toContain("客户已取消");
    expect(text(cancelled)).not.toContain("13912345678");
    expect(cancelled.actions).toBeUndefined();
  });

  it("SOP-20: a re-ping (nobody accepted) shows the reminder on the copies sent before", async () => {
    const w = updatingWorld();
    const p = await requested(w);
    w.clock.advance(20 * 60 * 1000);
    expect(await handleTimer(w.deps, { kind: "pickup-accept", subjectId: p.id })).toMatchObject({});
    expect(lastUpdate(w).view("dispatch", "zh").key).toBe("notice.pickup.reminder");
  });
});

describe("assigning from the card's select (issue 10 §3, SOP-20)", () => {
  const optionOf = (w: World) => {
    const option = dispatchPing(w).select?.options[0]?.action;
    if (!option) throw new Error("no option");
    return option.replace(/^pz\./, "");
  };

  it("a dispatcher assigns the zone's courier: the cards show it, the courier gets their own copy", async () => {
    const w = updatingWorld();
    const p = await requested(w);
    const option = optionOf(w);
    expect(await w.desk.assignFromCard("sun", option)).toMatchObject({
      ok: true,
      pickup: { status: "assigned", courierId: "zhang" },
    });
    expect(text(lastUpdate(w).view("dispatch", "zh"))).toContain("已派给 张伟(105)");
    const own = w.notifier.toPerson("zhang").find((n) => n.key === "notice.pickup.assigned");
    expect(own?.cardKey).toBe(`pickup-${p.id}`);
    expect(t("zh", "notice.pickup.assigned", own?.params ?? {})).toContain("139****5678");
    const audit = await store.audit.list({ subject: `pickup/${p.id}` });
    expect(audit.map((a) => a.action)).toContain("pickup.assigned");
  });

  it("the duty lead (supervisor) may assign too", async () => {
    const w = updatingWorld();
    await requested(w);
    expect(await w.desk.assignFromCard("li", optionOf(w))).toMatchObject({ ok: true });
  });

  it("who may assign from a card is one rule: the desk's and the chat action's roles are the same list", () => {
    const w = updatingWorld();
    const action = staffActions(w.desk).find((a) => a.name === ASSIGN_PICKUP);
    expect(action?.roles).toBe(CARD_ASSIGNERS);
    // The same list as assigning from the chat flow's /pickups (SOP-20): one rule, not two.
    expect(CARD_ASSIGNERS).toBe(PICKUP_ASSIGNERS);
    expect([...CARD_ASSIGNERS].sort()).toEqual(["admin", "dispatcher", "supervisor"]);
  });

  it("an agent, a courier or a stranger is refused, and nothing changes", async () => {
    const w = updatingWorld();
    const p = await requested(w);
    const option = optionOf(w);
    for (const who of ["wang", "zhang", "nobody"]) {
      expect(await w.desk.assignFromCard(who, option)).toEqual({ ok: false, reason: "not_allowed" });
    }
    expect(await store.pickups.get(p.id)).toMatchObject({ status: "requested", courierId: null });
  });

  it("a forged option (garbage, a place the card never offered, another courier's id) is refused", async () => {
    const w = updatingWorld();
    const p = await requested(w);
    w.updates.length = 0;
    for (const forged of ["garbage", `${p.id}_7_zhang`, `${p.id}_0_liu`, `${p.id}_0_`, "x".repeat(300)]) {
      expect(await w.desk.assignFromCard("sun", forged)).toEqual({ ok: false, reason: "bad_option" });
    }
    expect(await w.desk.assignFromCard("sun", "nope_0_zhang")).toEqual({ ok: false, reason: "not_found" });
    expect(await store.pickups.get(p.id)).toMatchObject({ status: "requested", courierId: null });
    expect(w.updates).toEqual([]);
  });

  it("a courier of another zone cannot be assigned from the card (the west pickup offers only 刘洋)", async () => {
    const w = updatingWorld();
    const west = await requested(w, WEST_ADDRESS);
    expect(dispatchPing(w).select?.options.map((o) => o.label)).toEqual(["派给 刘洋(106)"]);
    expect(await w.desk.assignFromCard("sun", `${west.id}_0_zhang`)).toEqual({
      ok: false,
      reason: "bad_option",
    });
    expect(await store.pickups.get(west.id)).toMatchObject({ status: "requested", courierId: null });
  });

  it("once accepted, the select is too late", async () => {
    const w = updatingWorld();
    const p = await requested(w);
    const option = optionOf(w);
    await w.desk.acceptPickup("zhang", p.id);
    expect(await w.desk.assignFromCard("sun", option)).toEqual({ ok: false, reason: "too_late" });
  });
});
