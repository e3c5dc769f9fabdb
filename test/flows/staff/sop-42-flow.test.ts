import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

/**
 * SOP-42 through the engine: a courier typing, as a problem parcel's reason, that the courier
 * was rude or would not carry it upstairs, in the newer ways it is put (服务差, 态度不行, 凶,
 * 不送楼上), is refused the moment it is typed, in one message, and nothing is stored; a genuine
 * reason goes on to be recorded.
 */
describe("SOP-42: the free-text reason in the problem-parcel flow", () => {
  const h = useDeskHarness("sop-42-flow");

  async function returnNote() {
    const no = freshTrackingNo();
    await h.ingest([
      scan(no, "arrived", shanghai("07:00"), "扬州分公司", { originBranch: "南京分公司" }),
      scan(no, "out_for_delivery", shanghai("08:00"), "扬州分公司"),
    ]);
    const chat = h.staff("zhang");
    await chat.play([{ say: "/problem" }, { say: no }, { press: "退回件" }, { press: "收件人要求" }]);
    return { chat, no };
  }

  it.each(["服务差", "业务员态度不行", "派送员很凶", "不送楼上,收件人拒收"])(
    "SOP-42: %s typed as the reason is refused in one message, nothing stored",
    async (reason) => {
      const { chat, no } = await returnNote();
      await chat.say(reason);
      chat.expectReply("不送上楼或态度问题不作为问题件留言。");
      chat.expectNoReply("SOP-");
      expect(chat.received().perTurn.at(-1)).toBe(1);
      expect(await h.store.problems.listByParcel(no)).toEqual([]);
    },
  );

  it("SOP-42: a genuine reason is taken and the note goes on", async () => {
    const { chat, no } = await returnNote();
    await chat.say("收件人说没有订购,拒收");
    chat.expectNoReply("不作为问题件留言");
    expect(h.errors).toEqual([]);
    expect(chat.received().perTurn.at(-1)).toBe(1);
    await chat.say("/cancel");
    expect(await h.store.problems.listByParcel(no)).toEqual([]); // cancelled before saving
  });
});
