import { describe, expect, it } from "vitest";
import { noticePayload } from "../../../src/domain/desk/notice-actions";
import { useDeskHarness } from "../../support/desk-harness";

/**
 * Issue 10 §3 through the flow engine (every channel alike): the courier select on a pickup's
 * dispatch card is a notice action (`a.pz.<option>`); a dispatcher's pick assigns (a toast says
 * so), anyone else's changes nothing and is told so, and an old or forged option is refused.
 */
describe("assigning from a pickup card's select (SOP-20)", () => {
  const h = useDeskHarness("card-assign");

  async function pinged() {
    const made = await h.desk.requestPickup({
      customer: { channel: "web", chatId: `card-assign-${Math.random()}` },
      language: "zh",
      draft: { address: "扬州市文昌路 8 号 2 栋 301 室", phone: "13812345678", goods: "书", payment: "cod" },
    });
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    const ping = h.notifier.sent.findLast(
      (n) => n.to.kind === "dispatch" && n.cardKey === `pickup-${made.pickup.id}`,
    );
    const option = ping?.select?.options[0];
    if (!option) throw new Error("the dispatch card has no courier select");
    return { pickup: made.pickup, payload: noticePayload(option.action) };
  }

  it("a dispatcher's pick assigns the zone's courier, told in a toast", async () => {
    const { pickup, payload } = await pinged();
    const sun = h.staff("sun");
    await sun.pressPayload(payload);
    expect(sun.toasts()).toEqual(["已派给 张伟(105),等待接单。"]);
    expect(await h.store.pickups.get(pickup.id)).toMatchObject({ status: "assigned", courierId: "zhang" });
  });

  it("a courier's or an agent's pick changes nothing and is refused", async () => {
    const { pickup, payload } = await pinged();
    for (const who of ["liu", "wang"]) {
      const person = h.staff(who);
      await person.pressPayload(payload);
      expect(person.toasts()).toEqual(["这个按钮是给负责的同事用的,卡片已为他们保留。"]);
    }
    expect(await h.store.pickups.get(pickup.id)).toMatchObject({ status: "requested", courierId: null });
  });

  it("a forged option (another zone's courier) is refused as out of date", async () => {
    const { pickup } = await pinged();
    const sun = h.staff("sun");
    await sun.pressPayload(`a.pz.${pickup.id}_0_liu`);
    expect(sun.toasts()).toEqual(["这个按钮已过期,请用最新消息里的按钮继续。"]);
    expect(await h.store.pickups.get(pickup.id)).toMatchObject({ status: "requested", courierId: null });
  });
});
