import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

/**
 * SOP-73: signed receipts are kept 180 days from arrival. "我没收到" about a parcel delivered
 * longer ago than that still reaches a person, but promises no receipt the branch no longer keeps.
 */
describe("SOP-73: not received, after the receipt is past keeping", () => {
  const h = useDeskHarness("not-received-kept");

  it("a parcel that arrived 210 days ago: a plain query, no receipt promised nor asked of the agent", async () => {
    const no = freshTrackingNo();
    await h.ingest([
      scan(no, "arrived", shanghai("08:00", "2026-05-01")),
      scan(no, "delivered", shanghai("09:00", "2026-05-01"), "文昌路"),
    ]);
    const customer = h.customer();
    await customer.say(no);
    await customer.say("我没收到");
    customer.expectReply("您的问题已转给客服");
    customer.expectNoReply("签收回单");
    expect(customer.received().perTurn).toEqual([1, 1]);
    const [query] = await h.store.queries.listOpenByAsker(customer.who.chat);
    expect(query?.trackingNo).toBe(no);
    expect(query?.text).not.toContain("签收回单");
  });

  it("one that arrived 100 days ago still has its receipt looked up", async () => {
    const no = freshTrackingNo();
    await h.ingest([
      scan(no, "arrived", shanghai("08:00", "2026-08-19")),
      scan(no, "delivered", shanghai("09:00", "2026-08-19"), "文昌路"),
    ]);
    const customer = h.customer();
    await customer.say(no);
    await customer.say("我没收到");
    customer.expectReply("客服会调取签收回单");
  });
});

describe("SOP-73: 'not received' typed in one sentence with the number", () => {
  const h = useDeskHarness("not-received-typed");

  for (const words of ["显示已签收,没收到啊", "还没收到", "says delivered but I never got it"]) {
    it(`'YT… ${words}' of a delivered parcel opens the receipt query, in one message`, async () => {
      const no = freshTrackingNo();
      await h.ingest([scan(no, "delivered", shanghai("08:00"), "文昌路")]);
      const customer = h.customer(/^[a-z]/.test(words) ? "en" : undefined);
      await customer.say(`${no} ${words}`);
      customer.expectReply(/^[a-z]/.test(words) ? "look up the signed receipt" : "客服会调取签收回单");
      expect(customer.received().perTurn).toEqual([1]);
      const [query] = await h.store.queries.listOpenByAsker(customer.who.chat);
      expect(query?.trackingNo).toBe(no);
    });
  }

  it("'YT… 还没收到' of a parcel still on its way is tracked: no query", async () => {
    const no = freshTrackingNo();
    await h.ingest([scan(no, "out_for_delivery", shanghai("08:00"))]);
    const customer = h.customer();
    await customer.say(`${no} 还没收到`);
    customer.expectReply(`运单 ${no}:正在派送`);
    customer.expectNoReply("签收回单");
    expect(await h.store.queries.listOpenByAsker(customer.who.chat)).toEqual([]);
  });
});
