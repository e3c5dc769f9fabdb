import { describe, expect, it } from "vitest";
import { useDeskHarness } from "../../support/desk-harness";
import { answeredQuery } from "../../support/queries";

/** SOP-90 in the chat: /workload, the duty lead's view of everyone, an agent's of their own. */

describe("SOP-90: /workload", () => {
  const h = useDeskHarness("workload");

  it("shows the duty lead every agent's month against the season's target, and last month on a tap", async () => {
    // The harness's clock: Friday 2026-11-27 at the branch (November: peak season).
    for (const at of ["2026-11-02T02:00:00Z", "2026-11-20T02:00:00Z"])
      await h.store.queries.insert(answeredQuery("wang", at));
    await h.store.queries.insert(answeredQuery("chen", "2026-11-21T02:00:00Z"));
    await h.store.queries.insert(answeredQuery("chen", "2026-10-21T02:00:00Z"));

    const li = h.staff("li");
    await li.say("/workload");
    li.expectReply("2026-11 话务量(旺季,目标每人每月 1150 件):");
    li.expectNoReply("SOP-");
    li.expectReply("• 王芳(017):2 件");
    li.expectReply("• 陈静(021):1 件");
    expect(li.received().perTurn).toEqual([1]);

    await li.press("上个月");
    li.expectReply("2026-10 话务量");
    li.expectReply("• 陈静(021):1 件");
    li.expectReply("• 王芳(017):0 件");
    expect(li.buttons()).toContain("本月");
  });

  it("shows an agent only their own line", async () => {
    const wang = h.staff("wang");
    await wang.say("/workload 2026-11");
    wang.expectReply("• 王芳(017):2 件");
    wang.expectNoReply("陈静");
  });

  it("refuses a courier, and answers a month written wrong", async () => {
    const zhang = h.staff("zhang");
    await zhang.say("/workload");
    zhang.expectNoReply("话务量(");
    zhang.expectReply("/workload");

    const li = h.staff("li");
    await li.say("/workload 2026-13");
    li.expectReply("请写成 2026-10、上个月 或 本月");
    expect(li.buttons()).toEqual(["上个月", "本月", "菜单"]);
    await li.press("上个月");
    li.expectReply("2026-10 话务量");
    expect(li.received().perTurn).toEqual([1, 1]);
  });

  it("accepts the month in words: /workload 上个月, last month, 本月, 2026年10月", async () => {
    const li = h.staff("li");
    await li.say("/workload 上个月");
    li.expectReply("2026-10 话务量");
    await li.say("/workload last month");
    li.expectReply("2026-10 话务量");
    await li.say("/workload 本月");
    li.expectReply("2026-11 话务量");
    await li.say("/workload 2026年9月");
    li.expectReply("2026-09 话务量");
    expect(li.received().perTurn).toEqual([1, 1, 1, 1]);
  });
});
