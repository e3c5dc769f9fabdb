import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/domain/ports";
import type { ProblemNote } from "../../src/domain/ports/records";
import type { OriginTask, ParcelReturn } from "../../src/domain/ports/returns-records";
import { StoreConflictError } from "../../src/store/rows";
import { freshTrackingNo, scan } from "../support/parcels";
import { BACKENDS, openTestStore, type TestStore } from "../support/store-backends";

/** Returns (SOP-51, SOP-52, SOP-60) and origin tasks (SOP-38, SOP-45), the same on every backend. */

let n = 0;
const id = (prefix: string) => `${prefix}-${process.pid}-${++n}`;

function parcelReturn(trackingNo: string, markedAt: string, extra: Partial<ParcelReturn> = {}): ParcelReturn {
  return {
    id: id("r"),
    trackingNo,
    holdId: null,
    originBranch: "南京分公司",
    marking: "退回 南京分公司",
    rule: "SOP-52",
    markedAt: new Date(markedAt),
    markedBy: "wang",
    destination: "黑龙江",
    weightKg: 7,
    feeYuan: 14,
    heldBy: "zhang",
    ...extra,
  };
}

function note(trackingNo: string): ProblemNote {
  return {
    id: id("n"),
    trackingNo,
    category: "missorted",
    details: { reason: "wrong_sort" },
    countsAsDelayed: false,
    followUps: ["message_origin"],
    recordedBy: "zhang",
    recordedAt: new Date("2026-11-27T02:00:00Z"),
  };
}

function task(n: ProblemNote, createdAt = "2026-11-27T02:00:00Z"): OriginTask {
  return {
    id: id("o"),
    trackingNo: n.trackingNo,
    rule: "SOP-38",
    noteId: n.id,
    originBranch: "南京分公司",
    text: `运单号 ${n.trackingNo}:此件错分到我司`,
    createdAt: new Date(createdAt),
    sentAt: null,
    sentBy: null,
  };
}

describe.each(BACKENDS)("returns and origin tasks on %s", (backend) => {
  let t: TestStore;
  let store: Store;
  beforeAll(async () => {
    t = await openTestStore(backend, "returns");
    store = t.store;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("SOP-52: keeps a return as written (fee, weight, destination) and finds it by parcel", async () => {
    const no = freshTrackingNo();
    const r = parcelReturn(no, "2026-11-27T02:00:00Z", { weightKg: 7.5 });
    await store.transaction((tx) => tx.returns.insert(r));
    expect(await store.returns.get(r.id)).toEqual(r);
    expect(await store.returns.forParcel(no)).toEqual(r);
    // /track reads it with the parcel, in the same statement (ParcelRecord.markedReturn).
    expect((await store.parcels.get(no))?.markedReturn).toEqual(r);
    expect(await store.returns.get("no-such")).toBeUndefined();
    expect(await store.returns.forParcel(freshTrackingNo())).toBeUndefined();
  });

  it("one return per parcel: a second one is a conflict and nothing of it is stored", async () => {
    const no = freshTrackingNo();
    await store.returns.insert(parcelReturn(no, "2026-11-27T02:00:00Z"));
    const second = parcelReturn(no, "2026-11-27T03:00:00Z");
    await expect(store.returns.insert(second)).rejects.toBeInstanceOf(StoreConflictError);
    expect(await store.returns.get(second.id)).toBeUndefined();
  });

  it("refuses a row the schema does not allow (a weight of 0 kg, a negative fee)", async () => {
    await expect(
      store.returns.insert(parcelReturn(freshTrackingNo(), "2026-11-27T02:00:00Z", { weightKg: 0 })),
    ).rejects.toThrow();
    await expect(
      store.returns.insert(parcelReturn(freshTrackingNo(), "2026-11-27T02:00:00Z", { feeYuan: -1 })),
    ).rejects.toThrow();
  });

  it("SOP-52: lists returns with no returned or departed scan since their marking, oldest first", async () => {
    const [outReturned, outDeparted, before, waiting, arrived] = [1, 2, 3, 4, 5].map(() => freshTrackingNo());
    const at = "2026-11-20T02:00:00Z";
    for (const no of [outReturned, outDeparted, before, waiting, arrived]) {
      await store.returns.insert(parcelReturn(no as string, no === waiting ? "2026-11-19T02:00:00Z" : at));
    }
    await store.parcels.addScans(
      [
        scan(outReturned as string, "returned", "2026-11-20T05:00:00Z"),
        scan(outDeparted as string, "departed", "2026-11-20T05:00:00Z"),
        // A departure before the marking is not the return's.
        scan(before as string, "departed", "2026-11-20T01:00:00Z"),
        scan(arrived as string, "arrived", "2026-11-20T06:00:00Z"),
      ],
      new Date("2026-11-20T06:00:00Z"),
    );
    const listed = (await store.returns.listNotScannedOut(10_000)).map((r) => r.trackingNo);
    expect(listed).not.toContain(outReturned);
    expect(listed).not.toContain(outDeparted);
    expect(listed).toContain(before);
    expect(listed).toContain(arrived);
    expect(listed.indexOf(waiting as string)).toBeLessThan(listed.indexOf(before as string));
  });

  it("SOP-38: keeps an origin task; marks it sent once (compare and set); lists only unsent ones", async () => {
    const no = freshTrackingNo();
    const n1 = note(no);
    await store.parcels.addScans(
      [scan(no, "arrived", "2026-11-27T01:00:00Z")],
      new Date("2026-11-27T01:00:00Z"),
    );
    await store.problems.insert(n1);
    const t1 = task(n1);
    await store.transaction((tx) => tx.originTasks.insert(t1));
    expect(await store.originTasks.get(t1.id)).toEqual(t1);
    expect((await store.originTasks.listOpen(10_000)).map((x) => x.id)).toContain(t1.id);
    const at = new Date("2026-11-27T03:00:00Z");
    expect(await store.originTasks.markSent(t1.id, at, "wang")).toEqual({
      ...t1,
      sentAt: at,
      sentBy: "wang",
    });
    expect(await store.originTasks.markSent(t1.id, new Date("2026-11-27T04:00:00Z"), "chen")).toBeUndefined();
    expect(await store.originTasks.get(t1.id)).toMatchObject({ sentBy: "wang", sentAt: at });
    expect((await store.originTasks.listOpen(10_000)).map((x) => x.id)).not.toContain(t1.id);
    expect(await store.originTasks.markSent("no-such", at, "wang")).toBeUndefined();
  });

  it("an origin task needs its problem note", async () => {
    const no = freshTrackingNo();
    await store.parcels.addScans(
      [scan(no, "arrived", "2026-11-27T01:00:00Z")],
      new Date("2026-11-27T01:00:00Z"),
    );
    await expect(store.originTasks.insert(task({ ...note(no), id: "no-such-note" }))).rejects.toThrow();
  });
});
