import { describe, expect, it } from "vitest";
import { returnReasonText } from "../../../src/domain/pickups/return-reasons";
import { useDeskHarness } from "../../support/desk-harness";

/** SOP-26: a reason TYPED on /jobs (instead of tapped) is read as the button it names, and confirmed first. */
describe("SOP-26: a typed reason for collected goods going back", () => {
  const h = useDeskHarness("courier-return-typed");

  async function collected(byAir: boolean): Promise<string> {
    const made = await h.desk.requestPickup({
      customer: h.customer().who.chat,
      language: "zh",
      draft: {
        address: "文昌路 88 号 3 栋 502 室",
        phone: "13812345678",
        goods: "礼品盒",
        payment: "sender_pays",
        byAir,
      },
    });
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    await h.desk.assignPickup("sun", made.pickup.id, "zhang");
    await h.desk.acceptPickup("zhang", made.pickup.id);
    await h.desk.collectPickup("zhang", made.pickup.id);
    return made.pickup.id;
  }

  const toCustomer = () => h.notifier.withKey("notice.pickup.returned");

  it("SOP-26: by air, 电池 typed is the battery reason with the button's text, told only after 确认退回", async () => {
    const id = await collected(true);
    const zhang = h.staff("zhang");
    await zhang.say(`/jobs ${id}`);
    await zhang.press("物品不能寄,退回客户");
    const before = toCustomer().length;
    await zhang.say("电池");
    zhang.expectReply("原因记为“物品带有电池(手机、电脑、充电宝等),不能走航空”");
    expect(zhang.buttons()).toEqual(["确认退回", "重新选原因", "返回"]);
    expect(toCustomer()).toHaveLength(before);
    expect((await h.store.pickups.get(id))?.status).toBe("collected");
    await zhang.press("确认退回");
    zhang.expectReply("客户和调度已收到通知");
    const told = toCustomer().slice(before);
    expect(told.map((n) => n.params?.reason)).toEqual(["物品带有电池(手机、电脑、充电宝等),不能走航空"]);
    expect((await h.store.pickups.get(id))?.status).toBe("returned");
    expect(zhang.received().perTurn).toEqual([1, 1, 1, 1]);
  });

  it("SOP-26: words naming no reason stay the courier's; 重新选原因 goes back to the buttons; nothing is sent meanwhile", async () => {
    const id = await collected(false);
    const zhang = h.staff("zhang");
    await zhang.say(`/jobs ${id}`);
    await zhang.press("物品不能寄,退回客户");
    const before = toCustomer().length;
    await zhang.say("客户说不寄了"); // names no reason
    zhang.expectReply("原因记为“物品不符合收寄规定(客户说不寄了)”");
    await zhang.press("重新选原因");
    expect(zhang.buttons()).toEqual(["禁寄物品", "易碎品", "其他原因", "返回"]);
    await zhang.say("里面是玻璃杯");
    zhang.expectReply("原因记为“物品属于易碎物品,本网点不收寄”");
    expect(toCustomer()).toHaveLength(before);
    await zhang.press("确认退回");
    expect(
      toCustomer()
        .slice(before)
        .map((n) => n.params?.reason),
    ).toEqual(["物品属于易碎物品,本网点不收寄"]);
  });

  it("SOP-26: 其他原因 asks for a line; 跳过 returns it as 'other' without words", async () => {
    const id = await collected(false);
    const zhang = h.staff("zhang");
    await zhang.say(`/jobs ${id}`);
    await zhang.press("物品不能寄,退回客户");
    const before = toCustomer().length;
    await zhang.play([{ press: "其他原因", expect: ["请用一句话写下原因", "[跳过]", "[返回]"] }]);
    expect(toCustomer()).toHaveLength(before);
    await zhang.press("跳过");
    expect(
      toCustomer()
        .slice(before)
        .map((n) => n.params?.reason),
    ).toEqual([returnReasonText("zh", { reason: "other" })]);
    expect((await h.store.pickups.get(id))?.status).toBe("returned");
  });
});
