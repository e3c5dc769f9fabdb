import { describe, expect, it } from "vitest";
import { useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo } from "../../support/parcels";

/**
 * SOP-70, SOP-71: "我要索赔,A 丢了,B 破损了" says each waybill's kind next to it: neither claim
 * asks it again, and each gets its own deadline (loss 30 days, damage 15).
 */
describe("SOP-70, SOP-71: two waybills, a kind each, in one sentence", () => {
  const h = useDeskHarness("claims-kind-per-waybill");

  it("A's claim is a loss, B's a damage, no kind question for either", async () => {
    const [a, b] = [freshTrackingNo(), freshTrackingNo()];
    const customer = h.customer();
    await customer.say(`我要索赔,${a} 丢了,${b} 破损了`);
    customer.expectReply("请简单描述发生了什么");
    customer.expectNoReply("请选择理赔原因");
    await customer.play([
      { say: "一直没送到" },
      { press: "完成", expect: [`运单号:${a}`, "原因:丢失"] },
      {
        press: "提交申请",
        expect: [`运单 ${a},丢失`, "12月27日", `接着办运单 ${b} 的理赔`, "请简单描述发生了什么"],
      },
      { say: "箱子压扁了" },
      { press: "完成", expect: [`运单号:${b}`, "原因:破损"] },
      { press: "提交申请", expect: [`运单 ${b},破损`, "12月12日"] },
    ]);
    expect(customer.received().perTurn).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });
});
