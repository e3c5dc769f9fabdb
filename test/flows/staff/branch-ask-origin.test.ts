import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

describe("SOP-13: /askbranch offers the origin the scans name", () => {
  const h = useDeskHarness("branch-ask-origin");

  async function parcelFromNanjing(): Promise<string> {
    const no = freshTrackingNo();
    await h.ingest([scan(no, "arrived", shanghai("08:00"), "扬州城东", { originBranch: "南京分公司" })]);
    return no;
  }

  it("SOP-13: the origin is a button; one tap, the question, recorded: one message a turn", async () => {
    const no = await parcelFromNanjing();
    const wang = h.staff("wang");
    await wang.say(`/askbranch ${no}`);
    wang.expectReply("扫描记录的发件公司是 南京分公司");
    expect(wang.buttons()).toEqual(["发件公司:南京分公司", "取消"]);
    await wang.press("发件公司:南京分公司");
    wang.expectReply(`请输入要问 南京分公司 的问题(运单 ${no})`);
    await wang.say("这个件到你们中转了吗?");
    wang.expectReply("南京分公司");
    expect(wang.received().perTurn).toEqual([1, 1, 1]);
    const open = await h.desk.openBranchAsks();
    expect(open.filter((a) => a.trackingNo === no).map((a) => [a.branch, a.question])).toEqual([
      ["南京分公司", "这个件到你们中转了吗?"],
    ]);
  });

  it("SOP-13: a question typed at the branch step is not taken as a branch; 南京 alone is the origin it starts", async () => {
    const no = await parcelFromNanjing();
    const wang = h.staff("wang");
    await wang.say(`/askbranch ${no}`);
    await wang.say("请问这个件现在到哪里了?");
    wang.expectReply("这里只填公司名称");
    expect(wang.buttons()).toEqual(["发件公司:南京分公司", "取消"]);
    await wang.say("能帮我查一下吗");
    wang.expectReply("这里只填公司名称");
    // Short questions and statements, as agents type them (the outside trial's).
    for (const sentence of [
      "收件人电话打不通,请核实收件人电话",
      "地址不全,麻烦提供详细地址",
      "南京分公司 收件人电话打不通",
    ]) {
      await wang.say(sentence);
      wang.expectReply("这里只填公司名称");
    }
    await wang.say("南京"); // the start of the origin's name: that branch
    wang.expectReply(`请输入要问 南京分公司 的问题(运单 ${no})`);
    await wang.say("到了没有");
    expect(wang.received().perTurn).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    const open = await h.desk.openBranchAsks();
    expect(open.filter((a) => a.trackingNo === no).map((a) => a.branch)).toEqual(["南京分公司"]);
  });

  it("SOP-13: a waybill with no origin in its scans is asked as before, without a button", async () => {
    const wang = h.staff("wang");
    await wang.say(`/askbranch ${freshTrackingNo()}`);
    wang.expectReply("请输入公司名称(如:南京分公司)");
    expect(wang.buttons()).toEqual(["取消"]);
    await wang.press("取消");
  });
});
