import { describe, expect, it } from "vitest";
import { expectedTimers } from "../../../src/domain/desk";
import { freshTrackingNo, scan } from "../../support/parcels";
import { AuditDown, at, fileStore, storeWithFailingAudit, world } from "../../support/use-case-harness";

/** SOP-52 and SOP-38 changes are one transaction with their audit rows: all of it, or none. */
const store = await fileStore();

async function parcel(): Promise<string> {
  const no = freshTrackingNo();
  await store.parcels.addScans(
    [
      scan(no, "arrived", "2026-11-27T00:00:00Z", "扬州分公司", { originBranch: "南京分公司" }),
      scan(no, "out_for_delivery", "2026-11-27T01:00:00Z", "城东"),
    ],
    at("2026-11-27T01:00:00Z"),
  );
  return no;
}

describe("returns: one transaction with the audit row", () => {
  it("SOP-52: when the audit row cannot be written, neither the return nor the hold's marking is stored", async () => {
    const no = await parcel();
    const w = world(store);
    const held = await w.desk.markHeld("wang", no, "东关分点", "reached");
    if (!held.ok) throw new Error("hold refused");
    const broken = world(storeWithFailingAudit(store));
    await expect(
      broken.desk.markOriginReturn("wang", {
        trackingNo: no,
        weightKg: 7,
        destination: "黑龙江",
        heldBy: null,
      }),
    ).rejects.toBeInstanceOf(AuditDown);
    expect(await store.returns.forParcel(no)).toBeUndefined();
    expect((await store.holds.get(held.hold.id))?.markedForReturnAt).toBeNull();
    expect(broken.notifier.sent).toEqual([]);
  });

  it("SOP-52: a courier cannot record a return, and a forged courier id stores nothing", async () => {
    const no = await parcel();
    const w = world(store);
    await expect(
      w.desk.markOriginReturn("zhang", { trackingNo: no, weightKg: 7, destination: "黑龙江", heldBy: null }),
    ).rejects.toThrow(/not one of agent, supervisor/);
    expect(
      await w.desk.markOriginReturn("wang", {
        trackingNo: no,
        weightKg: 7,
        destination: "黑龙江",
        heldBy: "li",
      }),
    ).toEqual({ ok: false, reason: "not_courier" });
    expect(
      await w.desk.markOriginReturn("wang", {
        trackingNo: no,
        weightKg: 0,
        destination: "黑龙江",
        heldBy: null,
      }),
    ).toMatchObject({ ok: false, reason: "bad_weight", rule: "SOP-60" });
    expect(
      await w.desk.markOriginReturn("wang", {
        trackingNo: no,
        weightKg: 7,
        destination: "火星",
        heldBy: null,
      }),
    ).toMatchObject({ ok: false, reason: "bad_destination" });
    expect(await store.returns.forParcel(no)).toBeUndefined();
  });

  it("SOP-52: an origin the scans do not name is typed, checked, and written in the marking", async () => {
    const no = freshTrackingNo();
    await store.parcels.addScans(
      [scan(no, "out_for_delivery", "2026-11-27T01:00:00Z", "城东")],
      at("2026-11-27T01:00:00Z"),
    );
    const w = world(store);
    const request = { trackingNo: no, weightKg: 2, destination: "浙江", heldBy: null };
    expect(await w.desk.markOriginReturn("wang", { ...request, originBranch: " " })).toMatchObject({
      ok: false,
      reason: "bad_origin",
    });
    const marked = await w.desk.markOriginReturn("wang", { ...request, originBranch: "杭州 分公司" });
    expect(marked).toMatchObject({ ok: true, parcelReturn: { marking: "退回 杭州 分公司", feeYuan: 0 } });
  });

  it("SOP-45: a damaged-contents note and its origin task are stored together, or neither", async () => {
    const no = await parcel();
    const broken = world(storeWithFailingAudit(store));
    await expect(
      broken.desk.recordProblem("zhang", no, {
        category: "damaged_contents",
        details: { reason: "broken", signedRefusal: "yes" },
      }),
    ).rejects.toBeInstanceOf(AuditDown);
    expect(await store.problems.listByParcel(no)).toEqual([]);
    expect((await store.originTasks.listOpen(10_000)).filter((t) => t.trackingNo === no)).toEqual([]);

    const w = world(store);
    const noted = await w.desk.recordProblem("zhang", no, {
      category: "damaged_contents",
      details: { reason: "broken", signedRefusal: "yes" },
    });
    expect(noted.ok).toBe(true);
    const tasks = (await store.originTasks.listOpen(10_000)).filter((t) => t.trackingNo === no);
    expect(tasks).toMatchObject([{ rule: "SOP-45", originBranch: "南京分公司" }]);
    expect(tasks[0]?.text).toBe(
      `运单号 ${no}:外包装完好,内件破损,收件人已在签名后注明“拒收”。请贵司联系寄件人处理。`,
    );
    expect(w.notifier.recipients("notice.originTask.new")).toEqual(["person:wang", "person:chen"]);
    // A lost timer is restored by the jobs' reconciliation: the next desk morning (08:00 Saturday).
    const expected = await expectedTimers(w.deps);
    expect(expected.find((x) => x.id === `origin-task-${tasks[0]?.id}`)?.dueAt).toEqual(
      at("2026-11-28T00:00:00Z"),
    );
  });
});
