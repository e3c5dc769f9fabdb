import { describe, expect, it } from "vitest";
import { useDeskHarness } from "../../support/desk-harness";

/**
 * SOP-82 inside "talk to a person": asked what it is about, a customer who answers with a
 * complaint in their own words gets the query marked as a complaint for the agent, as the complain
 * hand-over marks it (HumanRequest.complaint), read with the router's complaint words. One message.
 */
describe("SOP-82: a complaint typed at the human flow's question", () => {
  const h = useDeskHarness("human-complaint");

  it.each([
    ["zh", "请简单说说您需要什么帮助", "我要投诉快递员", "您的问题已转给客服", "【投诉】 我要投诉快递员"],
    [
      "en",
      "Please tell us briefly what you need help with",
      "I want to complain, the courier was rude",
      "Your question is with our desk",
      "[Complaint] I want to complain, the courier was rude",
    ],
  ])(
    "SOP-82 (%s): asked %j, %j is a query marked as a complaint, one message",
    async (language, asked, said, told, marked) => {
      const customer = h.customer(language);
      await customer.say("/human");
      customer.expectReply(asked);
      await customer.say(said);
      customer.expectReply(told);
      customer.expectNoReply("投诉已登记");
      expect(customer.received().perTurn).toEqual([1, 1]);
      const open = await h.store.queries.listOpenByAsker(customer.who.chat);
      expect(open.map((q) => q.text)).toEqual([marked]);
    },
  );

  it("SOP-82: a question that only names the courier is no complaint: not marked", async () => {
    const customer = h.customer();
    await customer.say("/human");
    await customer.say("快递员明天几点来");
    const open = await h.store.queries.listOpenByAsker(customer.who.chat);
    expect(open.map((q) => q.text)).toEqual(["快递员明天几点来"]);
  });
});
