import { describe, expect, it } from "vitest";
import { useDeskHarness } from "../../support/desk-harness";

/**
 * English pickup sentences start the pickup request (SOP-20), in English: the chat's /lang is
 * kept when set; otherwise the customer is answered in the language they wrote, and the chat
 * stays in it (a Chinese address typed next does not switch it back).
 */
describe("a pickup asked for in English", () => {
  const h = useDeskHarness("english-pickup");

  for (const sentence of [
    "I want to send a parcel",
    "pick up a package from my home",
    "can someone collect a parcel",
  ]) {
    it(`"${sentence}" in a chat with no language chosen starts the pickup in English`, async () => {
      const customer = h.customer();
      await customer.say(sentence);
      customer.expectReply("Please send the full pickup address");
      customer.expectNoReply("请选择您要办理的业务");
      await customer.say("文昌中路 88 号 3 栋 502 室");
      expect(customer.text()).toMatch(/[A-Za-z]{4,} [A-Za-z]{3,}/); // the next question, still English
      expect(customer.text()).not.toMatch(/请|您/);
      expect(customer.received().perTurn).toEqual([1, 1]);
    });
  }

  it("a chat that chose Chinese with /lang keeps it", async () => {
    const customer = h.customer();
    await customer.say("/lang zh");
    await customer.say("pick up a package from my home");
    customer.expectReply("请发送上门取件的详细地址");
  });

  it("an English thank-you is no request: the chat stays in Chinese", async () => {
    const customer = h.customer();
    await customer.say("ok thank you very much");
    await customer.say("我要寄快递");
    customer.expectReply("请发送上门取件的详细地址");
  });

  it("English words typed at a question of a Chinese pickup change no language", async () => {
    const customer = h.customer();
    await customer.say("我要寄快递");
    customer.expectReply("请发送上门取件的详细地址");
    await customer.say("not sure yet sorry");
    customer.expectNoReply("Please");
  });
});
