import { describe, expect, it } from "vitest";
import { useDeskHarness } from "../../support/desk-harness";

/** Inputs a customer sends where the desk had no answer for them but the menu or the same question. */

describe("'联系人工' typed (the menu button's own words, cut short)", () => {
  const h = useDeskHarness("typed-person");

  it("asks what the person should help with, not the bare menu", async () => {
    const customer = h.customer();
    await customer.say("联系人工");
    customer.expectReply("请简单说说您需要什么帮助");
    customer.expectNoReply("请选择您要办理的业务");
    expect(customer.received().perTurn).toEqual([1]);
  });
});

describe("a photo sent at a pickup question", () => {
  const h = useDeskHarness("pickup-photo");

  it("is said to be no answer, with the same question, in one message; the pickup goes on", async () => {
    const customer = h.customer();
    await customer.say("我要寄快递");
    await customer.say("扬州市文昌路 100 号 3 栋 201 室");
    await customer.send({ kind: "photo", fileRef: "photo-1" });
    customer.expectReply("这一步需要您直接输入文字回答");
    customer.expectReply("请留一个联系电话");
    await customer.say("13800138000");
    customer.expectReply("寄往哪个城市");
    expect(customer.received().perTurn).toEqual([1, 1, 1, 1]);
  });
});
