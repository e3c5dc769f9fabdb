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

  it("SOP-20, SOP-27: a full English address in an English pickup is taken; the dispatcher places it", async () => {
    const customer = h.customer("en");
    await customer.say("I want to send a parcel");
    await customer.say("Room 5, 12 Nanjing Road, Shanghai");
    customer.expectReply("contact number");
    customer.expectNoReply("in Chinese");
    for (let i = 0; i < 8 && !customer.buttons().includes("Submit"); i++) {
      const text = customer.text();
      if (text.includes("contact number")) await customer.say("13812345678");
      else if (text.includes("Which city")) await customer.say("Beijing");
      else if (text.includes("What would you like to send")) await customer.say("books");
      else if (text.includes("by air")) await customer.press("No");
      else if (text.includes("How will it be paid")) await customer.press("Sender pays now");
      else if (text.includes("When should the courier come"))
        await customer.press(customer.buttons()[0] ?? "");
      else throw new Error(`unexpected question:\n${text}`);
    }
    customer.expectReply("Address: Room 5, 12 Nanjing Road, Shanghai");
    await customer.press("Submit");
    const [pickup] = await h.desk.myPickups(customer.who.chat);
    expect(pickup?.address).toBe("Room 5, 12 Nanjing Road, Shanghai");
    expect(pickup?.zoneId).toBeNull();
    expect(customer.received().perTurn.every((n) => n === 1)).toBe(true);
  });

  it("half an English address is still asked for in full (SOP-20)", async () => {
    const customer = h.customer("en");
    await customer.say("I want to send a parcel");
    await customer.say("Nanjing Road");
    customer.expectNoReply("contact number");
  });
});
