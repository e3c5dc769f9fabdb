import { describe, expect, it } from "vitest";
import { claimKindInText } from "../../src/domain/claims/kind-words";
import { useDeskHarness } from "../support/desk-harness";
import { freshTrackingNo } from "../support/parcels";

/**
 * SOP-70, SOP-71: a claim typed as a sentence ("我要索赔,YT… 丢了") keeps what it says: the
 * waybill and the kind (丢 = loss; 坏了/破了/损坏 = damage; 晚了/延误/一直没到 = delay) are not
 * asked again; the next question is what happened. One message per answer.
 */
describe("a claim typed as a sentence", () => {
  const h = useDeskHarness("claims-typed");

  const cases: [words: string, kind: string][] = [
    ["丢了", "丢失"],
    ["坏了", "破损"],
    ["破了", "破损"],
    ["外箱损坏", "破损"],
    ["晚了三天", "延误"],
    ["延误了", "延误"],
    ["一直没到", "延误"],
  ];

  for (const [words, kind] of cases) {
    it(`我要索赔,<number> ${words}: ${kind}, neither the number nor the kind asked again`, async () => {
      const no = freshTrackingNo();
      const customer = h.customer();
      await customer.say(`我要索赔,${no} ${words}`);
      customer.expectReply("请简单描述发生了什么");
      customer.expectNoReply("请选择理赔原因");
      customer.expectNoReply("请发送需要理赔的快件运单号");
      await customer.play([
        { say: "打开箱子发现杯子碎了,外箱有压痕" },
        { press: "完成", expect: ["请确认理赔申请", no, kind] },
        { press: "提交申请", expect: "您的理赔申请已受理" },
      ]);
      expect(customer.received().perTurn).toEqual([1, 1, 1, 1]);
    });
  }

  it("English: 'I want compensation, <number> was lost' is a loss", async () => {
    const no = freshTrackingNo();
    const customer = h.customer("en");
    await customer.say(`I want compensation, ${no} was lost`);
    customer.expectReply("Please tell us briefly what happened");
    customer.expectNoReply("reason");
  });

  it("two kinds at once, or none: the kind is asked (with the number kept)", async () => {
    const no = freshTrackingNo();
    const customer = h.customer();
    await customer.say(`我要索赔 ${no} 晚了还坏了`);
    customer.expectReply(`运单 ${no}:请选择理赔原因`);
    await customer.say("一直没到");
    customer.expectReply("请简单描述发生了什么");
    expect(claimKindInText(`我要理赔 ${no}`)).toBeUndefined();
  });

  it("no kind is read inside a waybill or a phone number", () => {
    expect(claimKindInText("索赔 LOST1234567 13800000003")).toBeUndefined();
  });
});
