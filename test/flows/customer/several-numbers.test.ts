import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

/**
 * Several tracking numbers in one message (issue 14 §7, one answer one message): each parcel's
 * status in ONE message, never the first alone; from five on, the first few, and how many were
 * left out and how to ask for them.
 */
describe("several tracking numbers in one message", () => {
  const h = useDeskHarness("several-numbers");

  async function parcels(n: number): Promise<string[]> {
    const nos = Array.from({ length: n }, () => freshTrackingNo());
    await h.ingest(
      nos.map((no, i) => scan(no, i % 2 ? "out_for_delivery" : "arrived", shanghai("08:00"), "扬州转运中心")),
    );
    return nos;
  }

  it("two numbers, typed alone or in a sentence: both answered, in one message", async () => {
    const [a, b] = await parcels(2);
    const customer = h.customer();
    await customer.say(`${a} ${b}`);
    customer.expectReply(`运单 ${a}:运输途中`);
    customer.expectReply(`运单 ${b}:正在派送`);
    await customer.say(`${a} 和 ${b} 到哪了?`);
    customer.expectReply(`运单 ${a}`);
    customer.expectReply(`运单 ${b}`);
    customer.expectNoReply("已转给客服");
    expect(customer.received().perTurn).toEqual([1, 1]);
  });

  it("two numbers typed after a tracking answer: both, not the parcel just answered", async () => {
    const [a, b, c] = await parcels(3);
    const customer = h.customer();
    await customer.say(a as string);
    await customer.say(`${b} ${c}`);
    customer.expectReply(`运单 ${b}`);
    customer.expectReply(`运单 ${c}`);
    customer.expectNoReply(`运单 ${a}`);
    expect(customer.received().perTurn).toEqual([1, 1]);
  });

  it("a number with no scans is said so beside the known one; no query is opened for it", async () => {
    const [a] = await parcels(1);
    const unknown = freshTrackingNo();
    const customer = h.customer();
    await customer.say(`${a}\n${unknown}`);
    customer.expectReply(`运单 ${a}:运输途中`);
    customer.expectReply(`运单 ${unknown}:暂时没有查到记录`);
    expect(await h.store.queries.listOpenByAsker(customer.who.chat)).toEqual([]);
    expect(customer.received().perTurn).toEqual([1]);
  });

  it("six numbers: the first four, and the two left out named with how to ask for them", async () => {
    const nos = await parcels(6);
    const customer = h.customer();
    await customer.say(nos.join(","));
    for (const no of nos.slice(0, 4)) customer.expectReply(`运单 ${no}`);
    customer.expectReply(`还有 2 个单号这次没有查:${nos[4]}, ${nos[5]}`);
    customer.expectReply("每条消息最多 4 个单号");
    expect(customer.text()).not.toContain(`运单 ${nos[5]}`);
    expect(customer.received().perTurn).toEqual([1]);
  });

  it("English: the same answer in English", async () => {
    const [a, b] = await parcels(2);
    const customer = h.customer("en");
    await customer.say(`where are ${a} and ${b}`);
    customer.expectReply("The 2 tracking numbers you sent");
    customer.expectReply(`Parcel ${a}`);
    customer.expectReply(`Parcel ${b}`);
  });

  it("a complaint naming two numbers is still a complaint", async () => {
    const [a, b] = await parcels(2);
    const customer = h.customer();
    await customer.say(`我要投诉 ${a} ${b} 快递员态度很差`);
    customer.expectNoReply("您发来的 2 个单号");
  });
});
