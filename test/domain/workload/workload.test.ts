import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import type { Store } from "../../../src/domain/ports";
import {
  monthBounds,
  seasonOf,
  shiftMonth,
  workloadDigest,
  workloadReport,
  workloadText,
} from "../../../src/domain/workload/workload";
import { answeredQuery } from "../../support/queries";
import { directory, fileStore, world } from "../../support/use-case-harness";

/** SOP-90: queries handled per agent per month, against the season's target. */

async function answer(store: Store, by: string, at: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await store.queries.insert(answeredQuery(by, at));
}

const store = await fileStore();
// October 2026 (peak season) and April 2026 (off season), on the branch's clock (UTC+8).
await answer(store, "wang", "2026-10-01T00:30:00Z", 3); // Oct 1, 08:30
await answer(store, "chen", "2026-10-20T02:00:00Z", 2);
await answer(store, "li", "2026-10-20T03:00:00Z", 1); // the duty lead answered one too
await answer(store, "wang", "2026-09-30T15:59:00Z", 4); // Sep 30, 23:59 at the branch: September
await answer(store, "wang", "2026-10-31T16:00:00Z", 5); // Nov 1, 00:00 at the branch: November
await answer(store, "chen", "2026-04-10T02:00:00Z", 13);

const policy = defaultPolicy();
const sources = (p = policy) => ({
  workload: store.workload,
  directory,
  calendar: world(store).deps.calendar,
  policy: p,
});

describe("SOP-90: the season's target", () => {
  it("is 1,150 per agent from September to March and 650 from April to August", () => {
    expect(["2026-09", "2026-12", "2027-01", "2027-03"].map((m) => seasonOf(policy, m))).toEqual(
      Array(4).fill({ season: "peak", target: 1150 }),
    );
    expect(["2026-04", "2026-06", "2026-08"].map((m) => seasonOf(policy, m))).toEqual(
      Array(3).fill({ season: "off", target: 650 }),
    );
  });

  it("follows the policy's own figures when a branch sets them", () => {
    const own = defaultPolicy({ workload: { peakCallsPerAgentMonth: 900, offCallsPerAgentMonth: 500 } });
    expect(seasonOf(own, "2026-10")).toEqual({ season: "peak", target: 900 });
    expect(seasonOf(own, "2026-05")).toEqual({ season: "off", target: 500 });
  });

  it("counts months on the branch's clock", () => {
    const { calendar } = world(store).deps;
    expect(monthBounds(calendar, "2026-10")).toEqual({
      from: new Date("2026-09-30T16:00:00Z"),
      to: new Date("2026-10-31T16:00:00Z"),
    });
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
  });
});

describe("SOP-90: queries handled per agent per month", () => {
  it("counts each person's answered queries in the month against the peak target, agents with none included", async () => {
    const report = await workloadReport(sources(), "2026-10");
    expect(report).toMatchObject({ month: "2026-10", season: "peak", target: 1150, total: 6 });
    expect(report.rows.map((r) => [r.personId, r.handled, r.percent])).toEqual([
      ["wang", 3, 0],
      ["chen", 2, 0],
      ["li", 1, 0],
    ]);
  });

  it("uses the off-season target from April to August, and per cent of it", async () => {
    const report = await workloadReport(sources(), "2026-04");
    expect(report).toMatchObject({ season: "off", target: 650 });
    expect(report.rows.find((r) => r.personId === "chen")).toMatchObject({ handled: 13, percent: 2 });
    expect(report.rows.find((r) => r.personId === "wang")).toMatchObject({ handled: 0, percent: 0 });
  });

  it("reads as staff read it, in their language", async () => {
    const report = await workloadReport(sources(), "2026-10");
    expect(workloadText("zh", report)).toBe(
      "2026-10 话务量(旺季,目标每人每月 1150 件):\n• 王芳(017):3 件,完成 0%\n• 陈静(021):2 件,完成 0%\n• 李强(003):1 件,完成 0%",
    );
    expect(workloadText("en", report)).toContain(
      "2026-10 workload (peak season, target 1150 per agent per month",
    );
  });

  it("shows a duty lead everyone and an agent only their own line; others are refused", async () => {
    const { desk } = world(store, { at: "2026-10-25T02:00:00Z" });
    const lead = await desk.workload("li");
    expect(lead.ok && lead.report.rows.map((r) => r.personId)).toEqual(["wang", "chen", "li"]);
    const own = await desk.workload("chen", "2026-10");
    expect(own.ok && own.report.rows).toEqual([
      { personId: "chen", name: "陈静", workNo: "021", handled: 2, percent: 0 },
    ]);
    expect(await desk.workload("zhang")).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(await desk.workload("li", "2026-13")).toMatchObject({ ok: false, reason: "bad_month" });
  });

  it("the monthly digest, on the first of the month, gives each duty lead last month's figures", async () => {
    const { deps } = world(store, { at: "2026-11-01T00:00:00Z" }); // Nov 1, 08:00 at the branch
    const notices = await workloadDigest(deps);
    expect(notices.map((n) => n.to)).toEqual([{ kind: "person", personId: "li" }]);
    expect(notices[0]?.key).toBe("workload.digest");
    expect(String(notices[0]?.params.report)).toContain("2026-10 话务量(旺季,目标每人每月 1150 件");
    expect(String(notices[0]?.params.report)).toContain("王芳(017):3 件");
  });
});
