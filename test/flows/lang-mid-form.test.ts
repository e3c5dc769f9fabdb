import { describe, expect, it } from "vitest";
import { t } from "../../src/domain/messages";
import { shanghai, useDeskHarness } from "../support/desk-harness";
import { freshTrackingNo, scan } from "../support/parcels";
import { messagesOf } from "../support/transcript";

/**
 * /lang in the middle of a form (issue 14 §4): the language changes and the form goes on. ONE
 * message, in the new language, says so and asks the current question again with its buttons;
 * the next answer carries on where the person was.
 */
describe("/lang in the middle of a form", () => {
  const h = useDeskHarness("lang-mid-form");

  it("a staff member's /hold: /lang en at the place question, then the place completes the hold", async () => {
    const no = freshTrackingNo();
    await h.ingest([scan(no, "arrived", shanghai("07:00"), "扬州分公司", { originBranch: "南京分公司" })]);
    const zhang = h.staff("zhang");
    await zhang.say("/hold");
    await zhang.say(no);
    await zhang.press("已联系上客户"); // SOP-53
    zhang.expectReply(`${no} 暂存在哪里自提?`);

    const replies = await zhang.say("/lang en");
    expect(messagesOf(replies)).toHaveLength(1);
    zhang.expectReply(t("en", "language.set"));
    zhang.expectReply(`Where does ${no} wait for collection?`);
    expect(zhang.buttons()).toEqual(["东关分点", "Head office", "Cancel"]);

    await zhang.press("Head office");
    zhang.expectReply(`Recorded`);
    expect((await h.store.holds.openForParcel(no))?.place).toBe("总公司");
  });

  it("a staff member's /hold: /lang en at the tracking-number question, then the number goes on", async () => {
    const no = freshTrackingNo();
    await h.ingest([scan(no, "arrived", shanghai("07:00"), "扬州分公司", { originBranch: "南京分公司" })]);
    const zhang = h.staff("zhang");
    await zhang.say("/hold");
    const replies = await zhang.say("/lang en");
    expect(messagesOf(replies)).toHaveLength(1);
    zhang.expectReply(t("en", "language.set"));
    zhang.expectReply(t("en", "staff.askTrackingNo"));
    expect(zhang.buttons()).toEqual(["Cancel"]);
    await zhang.say(no);
    zhang.expectReply(t("en", "staff.hold.askCalled", { trackingNo: no }));
  });

  it("a customer's pickup: /lang en at the 'when' question, then the answers go on to the stored request", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup", expect: "详细地址" },
      { say: "扬州市文昌路 88 号 3 栋 502 室", expect: "联系电话" },
      { contact: "+86 138 1234 5678", expect: "寄往哪个城市" },
      { say: "北京", expect: "要寄什么物品" },
      { say: "衣服", expect: "需要走航空件吗" },
      { press: "否", expect: "付款方式" },
      { press: "现付(寄件人付)", expect: "什么时候上门" },
    ]);

    const replies = await chat.say("/lang en");
    expect(messagesOf(replies)).toHaveLength(1);
    chat.expectReply(t("en", "language.set"));
    chat.expectReply(t("en", "customer.pickup.askWhen"));
    expect(chat.buttons()).toHaveLength(2);
    expect(chat.text()).not.toMatch(/[\u4e00-\u9fff]/); // all of it in English now

    await chat.press(chat.buttons()[0] ?? "");
    await chat.press(t("en", "customer.pickup.button.submit"));
    const stored = await h.desk.myPickups(chat.who.chat);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ phone: "13812345678", goods: "衣服", pickupDay: "2026-11-27" });
  });
});
