import { describe, expect, it } from "vitest";
import { useDeskHarness } from "../../support/desk-harness";
import type { Transcript } from "../../support/transcript";

/**
 * SOP-26 "found later, the parcel is returned": the customer books a pickup, the courier collects
 * it and finds the goods may not be sent; one button on the courier's pickup returns them. The
 * customer hears once that the goods come back and why; dispatch hears once.
 */
describe("SOP-26: collected goods marked prohibited by the courier go back to the customer", () => {
  const h = useDeskHarness("prohibited-return");
  let house = 300;

  /** A customer's pickup, booked in the chat (by air or not), accepted and collected by zhang. */
  async function collectedPickup(
    byAir: boolean,
  ): Promise<{ customer: Transcript; id: string; road: string }> {
    house += 1;
    const road = `文昌路 ${house} 号`; // how the courier's buttons show it
    const address = `扬州市${road} 1 栋 101 室`;
    const customer = h.customer();
    await customer.play([
      { say: "/pickup" },
      { say: address },
      { say: "13812345678" },
      { say: "成都" },
      { say: "礼品盒" },
      { press: byAir ? "是" : "否" },
      { press: "现付(寄件人付)" },
      { press: "今天(11月27日) 15:00 以后" },
      { press: "确认提交", expect: "已登记" },
    ]);
    const [pickup] = await h.desk.myPickups(customer.who.chat);
    if (!pickup) throw new Error("no pickup booked");
    await h.desk.assignPickup("sun", pickup.id, "zhang");
    await h.desk.acceptPickup("zhang", pickup.id);
    return { customer, id: pickup.id, road };
  }

  const toCustomer = (customer: Transcript) =>
    h.notifier.toChat(customer.who.chat).filter((n) => n.key === "notice.pickup.returned");
  const toDispatch = (id: string) =>
    h.notifier
      .withKey("notice.pickup.returnedForDispatch")
      .filter((n) => n.to.kind === "dispatch" && String(n.params?.ref) === `#${id.slice(0, 8)}`);

  it("SOP-26: by air, the courier taps 'battery': the customer is told once why, dispatch once; a second tap changes nothing", async () => {
    const { customer, id, road } = await collectedPickup(true);
    const zhang = h.staff("zhang");
    await zhang.play([
      { say: "/jobs" },
      { press: road },
      { press: "已取件", expect: "已登记取件" },
      { press: "物品不能寄,退回客户", expect: "物品为什么不能寄" },
    ]);
    expect(zhang.buttons()).toEqual([
      "带电池",
      "液体",
      "粉末",
      "刀具",
      "禁寄物品",
      "易碎品",
      "其他原因",
      "返回",
    ]);
    const battery = zhang.payloadOf("带电池");
    await zhang.press("带电池");
    zhang.expectReply("的物品退回客户(物品带有电池");
    zhang.expectReply("客户和调度已收到通知");
    expect(zhang.received().perTurn.at(-1)).toBe(1);

    expect((await h.store.pickups.get(id))?.status).toBe("returned");
    const told = toCustomer(customer);
    expect(told).toHaveLength(1);
    expect(told[0]?.params?.reason).toBe("物品带有电池(手机、电脑、充电宝等),不能走航空");
    expect(toDispatch(id)).toHaveLength(1);

    await zhang.pressPayload(battery); // the old button, pressed again
    expect(toCustomer(customer)).toHaveLength(1);
    expect(toDispatch(id)).toHaveLength(1);
  });

  it("SOP-26: by road, no air reasons are offered; 'other' takes the courier's line, which the customer reads", async () => {
    const { customer, id } = await collectedPickup(false);
    await h.desk.collectPickup("zhang", id);
    const zhang = h.staff("zhang");
    await zhang.say(`/jobs ${id}`);
    await zhang.press("物品不能寄,退回客户");
    expect(zhang.buttons()).toEqual(["禁寄物品", "易碎品", "其他原因", "返回"]);
    await zhang.play([
      { press: "其他原因", expect: "请用一句话写下原因" },
      { say: "盒子里有两个打火机", expect: "原因记为“物品不符合收寄规定(盒子里有两个打火机)”" },
    ]);
    expect(toCustomer(customer)).toEqual([]); // typed words are read back first (SOP-26)
    await zhang.press("确认退回");
    zhang.expectReply("物品不符合收寄规定(盒子里有两个打火机)");
    expect(toCustomer(customer).map((n) => n.params?.reason)).toEqual([
      "物品不符合收寄规定(盒子里有两个打火机)",
    ]);
    expect(toDispatch(id)).toHaveLength(1);
  });

  it("SOP-26: the goods collected lately are one button away on the courier's list", async () => {
    const { customer, id, road } = await collectedPickup(false);
    await h.desk.collectPickup("zhang", id);
    const zhang = h.staff("zhang");
    await zhang.say("/jobs");
    await zhang.press("近 3 天已取件");
    await zhang.press(road);
    await zhang.press("物品不能寄,退回客户");
    await zhang.press("易碎品");
    zhang.expectReply("物品属于易碎物品");
    expect(toCustomer(customer)).toHaveLength(1);
    expect((await h.store.pickups.get(id))?.status).toBe("returned");
  });

  it("a pickup not yet collected offers no return; another courier cannot return it", async () => {
    const { id } = await collectedPickup(false);
    const zhang = h.staff("zhang");
    await zhang.say(`/jobs ${id}`);
    expect(zhang.buttons()).not.toContain("物品不能寄,退回客户");
    await h.desk.collectPickup("zhang", id);
    const liu = h.staff("liu");
    await liu.say(`/jobs ${id}`);
    expect(liu.buttons()).not.toContain("物品不能寄,退回客户"); // not liu's pickup: their list instead
    expect((await h.store.pickups.get(id))?.status).toBe("collected");
  });
});
