import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

describe("SOP-74 /signed: corrections, spaces in names, stamps", () => {
  const h = useDeskHarness("staff-signed-correction");

  async function delivered(): Promise<string> {
    const no = freshTrackingNo("SC");
    await h.ingest([
      scan(no, "out_for_delivery", shanghai("08:00"), "扬州城东", { note: "业务员 105" }),
      scan(no, "delivered", shanghai("09:40"), "扬州城东"),
    ]);
    return no;
  }

  it("SOP-74: over someone else's entry, the entry is shown and the correction confirmed BEFORE it is replaced", async () => {
    const no = await delivered();
    const zhang = h.staff("zhang");
    await zhang.say(`/signed ${no} 王小明`);
    zhang.expectReply(`已录入:${no} 签收人 王小明`);

    const li = h.staff("li");
    await li.say(`/signed ${no}`);
    li.expectReply(`${no} 已由 张伟(105) 于`);
    li.expectReply("录入签收人:王小明。要更正吗?");
    expect(li.buttons()).toEqual(["更正", "取消"]);
    expect(await h.store.deliveries.getReceipt(no)).toMatchObject({ signer: "王小明", enteredBy: "zhang" });
    await li.press("更正");
    li.expectReply(`${no}(09:40 签收扫描)签收人怎么写的?`);
    await li.say("王晓明");
    li.expectReply(`已录入:${no} 签收人 王晓明`);
    expect(li.received().perTurn).toEqual([1, 1, 1]);
    expect(await h.store.deliveries.getReceipt(no)).toMatchObject({ signer: "王晓明", enteredBy: "li" });

    // In one message: the typed signer waits for the confirmation; 取消 keeps the entry.
    await zhang.say(`/signed ${no} 王小敏`);
    zhang.expectReply("已由 李强(003)");
    zhang.expectReply("更正为:王小敏");
    await zhang.press("取消");
    expect(await h.store.deliveries.getReceipt(no)).toMatchObject({ signer: "王晓明" });
    await zhang.say(`/signed ${no} 王小敏`);
    await zhang.press("更正");
    zhang.expectReply(`已录入:${no} 签收人 王小敏`);
    expect(zhang.received().perTurn).toEqual([1, 1, 1, 1, 1]);
    const audit = await h.store.audit.list({ subject: `parcel/${no}` });
    expect(audit.filter((a) => a.action === "receipt.corrected")).toHaveLength(2);
  });

  it("SOP-74: one's own entry again needs no confirmation; the re-prompt after a refusal shows the scan time", async () => {
    const no = await delivered();
    const zhang = h.staff("zhang");
    await zhang.say(`/signed ${no}`);
    await zhang.say("王小明2");
    zhang.expectReply(`${no}(09:40 签收扫描)`);
    zhang.expectNoReply("(— 签收扫描)");
    await zhang.say("王 小明"); // a space typed inside the name
    zhang.expectReply(`已录入:${no} 签收人 王小明(全名)`);
    await zhang.say(`/signed ${no} 草签`);
    zhang.expectReply(`已录入:${no} 签收人 草签`);
    expect(zhang.received().perTurn).toEqual([1, 1, 1, 1]);
  });

  it("SOP-74: after 公司盖章, 盖章 alone is no stamp: the company's name is asked for", async () => {
    const no = await delivered();
    const zhang = h.staff("zhang");
    await zhang.say(`/signed ${no}`);
    await zhang.press("公司盖章");
    await zhang.say("盖章");
    zhang.expectReply("请输入章上的单位名称");
    expect(await h.store.deliveries.getReceipt(no)).toBeUndefined();
    await zhang.say("扬州某某有限公司");
    zhang.expectReply(`已录入:${no} 签收人 章:扬州某某有限公司`);
    expect(zhang.received().perTurn).toEqual([1, 1, 1, 1]);
  });

  it("SOP-74: 盖章 typed for the signer's name is no person: the stamp's words are asked for, then stored as the stamp", async () => {
    const no = await delivered();
    const zhang = h.staff("zhang");
    for (const typed of ["盖章", "单位盖章", "盖了章"]) {
      await zhang.say(`/signed ${no}`);
      await zhang.say(typed);
      zhang.expectReply("请输入章上的单位名称");
      zhang.expectNoReply("全名");
      expect(await h.store.deliveries.getReceipt(no)).toBeUndefined();
      await zhang.say("/cancel");
    }
    await zhang.say(`/signed ${no} 盖章`);
    zhang.expectReply("请输入章上的单位名称");
    await zhang.say("扬州某某贸易有限公司");
    zhang.expectReply(`已录入:${no} 签收人 章:扬州某某贸易有限公司`);
  });
});
