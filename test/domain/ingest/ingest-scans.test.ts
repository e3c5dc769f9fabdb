import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import {
  batchProblems,
  type IngestDeps,
  ingestScans,
  scanBatchSchema,
} from "../../../src/domain/ingest/ingest-scans";
import { ManualClock } from "../../../src/domain/kernel/clock";
import { type Store, timerId } from "../../../src/domain/ports";
import { FakeScheduler } from "../../support/fake-scheduler";
import { FakeNotifier } from "../../support/fakes";
import { openMemoryStore } from "../../support/memory/store";
import { freshTrackingNo, scan } from "../../support/parcels";
import { directory } from "../../support/use-case-harness";

const policy = defaultPolicy();
const schema = scanBatchSchema(policy);

describe("scanBatchSchema (DESIGN.md ingest API)", () => {
  const valid = {
    trackingNo: "yt 1234-5678-90",
    at: "2024-05-01T10:00:00+08:00",
    kind: "arrived",
    location: "扬州转运中心",
  };

  it("accepts a batch and normalises tracking numbers and times", () => {
    const parsed = schema.parse([
      valid,
      { ...valid, kind: "held_for_pickup", note: "货架 A3", originBranch: "苏州分公司" },
    ]);
    expect(parsed[0]).toEqual({
      trackingNo: "YT1234567890",
      at: new Date("2024-05-01T02:00:00Z"),
      kind: "arrived",
      location: "扬州转运中心",
    });
    expect(parsed[1]).toMatchObject({ note: "货架 A3", originBranch: "苏州分公司" });
  });

  it("refuses control characters (a NUL byte cannot even be stored) with the path of the field", () => {
    const result = schema.safeParse([
      valid,
      { ...valid, location: "扬州\u0000中心" },
      { ...valid, note: "\u202Eevil" },
    ]);
    expect(result.success).toBe(false);
    const problems = result.success ? [] : batchProblems(result.error);
    expect(problems.map((p) => [p.index, p.path])).toEqual([
      [1, "location"],
      [2, "note"],
    ]);
  });

  it("accepts UTC written as Z", () => {
    expect(schema.parse([{ ...valid, at: "2024-05-01T02:00:00.123Z" }])[0]?.at).toEqual(
      new Date("2024-05-01T02:00:00.123Z"),
    );
  });

  it("gives the reasons per index and path", () => {
    const result = schema.safeParse([
      valid,
      { ...valid, at: "2024-05-01T10:00:00" }, // no offset: which clock?
      { ...valid, kind: "teleported" },
      { ...valid, trackingNo: "not a number!" },
      { ...valid, location: "" },
      { ...valid, extra: 1 },
      { ...valid, note: "x".repeat(501) },
      { ...valid, originBranch: "x".repeat(101) },
      { ...valid, location: "x".repeat(201) },
    ]);
    expect(result.success).toBe(false);
    const problems = batchProblems(result.error as never);
    expect(problems.map((p) => [p.index, p.path])).toEqual([
      [1, "at"],
      [2, "kind"],
      [3, "trackingNo"],
      [4, "location"],
      [5, ""],
      [6, "note"],
      [7, "originBranch"],
      [8, "location"],
    ]);
    expect(problems[0]?.message).toMatch(/offset/);
    expect(problems[2]?.message).toMatch(/tracking number/);
  });

  it("rejects what is not a batch of 1..5000 events", () => {
    for (const body of [{}, [], "[]", null, Array.from({ length: 5001 }, () => valid)]) {
      const result = schema.safeParse(body);
      expect(result.success).toBe(false);
      expect(batchProblems(result.error as never)[0]?.index).toBeNull();
    }
    expect(schema.safeParse(Array.from({ length: 5000 }, () => valid)).success).toBe(true);
  });
});

describe("ingestScans", () => {
  let ts: { store: Store };
  let scheduler: FakeScheduler;
  let deps: IngestDeps;
  const clock = new ManualClock("2024-05-01T12:00:00Z");

  beforeAll(async () => {
    ts = { store: openMemoryStore() };
  });
  afterAll(async () => {
    await ts?.store.close();
  });
  beforeEach(() => {
    scheduler = new FakeScheduler();
    deps = { store: ts.store, scheduler, policy, clock };
  });

  it("stores a batch and reports how much of it was new; the same batch twice is stored once", async () => {
    const no = freshTrackingNo();
    const batch = [
      scan(no, "collected", "2024-05-01T01:00:00Z"),
      scan(no, "departed", "2024-05-01T02:00:00Z"),
    ];
    expect(await ingestScans(deps, batch)).toMatchObject({
      received: 2,
      stored: 2,
      duplicates: 0,
      holdsOpened: 0,
      holdsClosed: 0,
    });
    expect(await ingestScans(deps, batch)).toMatchObject({ received: 2, stored: 0, duplicates: 2 });
    expect((await ts.store.parcels.get(no))?.scans).toHaveLength(2);
    expect(scheduler.scheduled).toEqual([]);
  });

  it("writes one audit row per batch", async () => {
    clock.set("2024-05-01T12:34:56Z");
    const no = freshTrackingNo();
    await ingestScans(deps, [scan(no, "arrived", "2024-05-01T01:00:00Z")]);
    const [entry] = await ts.store.audit.list({ subject: "ingest/2024-05-01T12:34:56.000Z" });
    expect(entry).toMatchObject({
      action: "scans.ingested",
      actor: { kind: "system", name: "ingest" },
      data: { received: 1, stored: 1, duplicates: 0 },
    });
  });

  it("SOP-50: a held_for_pickup scan opens a hold and schedules the message to the origin", async () => {
    const no = freshTrackingNo();
    const outcome = await ingestScans(deps, [
      scan(no, "arrived", "2024-05-01T01:00:00Z"),
      scan(no, "held_for_pickup", "2024-05-01T02:00:00Z", "东关分点", { originBranch: "苏州分公司" }),
    ]);
    expect(outcome.holdsOpened).toBe(1);
    const hold = await ts.store.holds.openForParcel(no);
    expect(hold).toMatchObject({
      place: "东关分点",
      originBranch: "苏州分公司",
      heldAt: new Date("2024-05-01T02:00:00Z"),
      closedAt: null,
    });
    // messageOriginAfter P3D: three calendar days on the branch's clock.
    expect(scheduler.scheduled).toEqual([
      {
        id: timerId("hold-origin", hold?.id ?? ""),
        kind: "hold-origin",
        subjectId: hold?.id,
        dueAt: new Date("2024-05-04T02:00:00Z"),
      },
    ]);
    const audit = await ts.store.audit.list({ subject: `hold/${hold?.id}` });
    expect(audit.map((e) => e.action)).toEqual(["hold.opened"]);
  });

  it("opens no second hold while one is open", async () => {
    const no = freshTrackingNo();
    await ingestScans(deps, [scan(no, "held_for_pickup", "2024-05-01T02:00:00Z", "东关分点")]);
    const first = await ts.store.holds.openForParcel(no);
    const outcome = await ingestScans(deps, [scan(no, "held_for_pickup", "2024-05-02T02:00:00Z", "总公司")]);
    expect(outcome).toMatchObject({ stored: 1, holdsOpened: 0 });
    expect(await ts.store.holds.openForParcel(no)).toEqual(first);
  });

  it("a delivered scan closes the open hold and cancels its timers", async () => {
    const no = freshTrackingNo();
    await ingestScans(deps, [scan(no, "held_for_pickup", "2024-05-01T02:00:00Z", "东关分点")]);
    const hold = await ts.store.holds.openForParcel(no);
    const outcome = await ingestScans(deps, [scan(no, "delivered", "2024-05-02T03:00:00Z", "文昌路")]);
    expect(outcome.holdsClosed).toBe(1);
    expect(await ts.store.holds.get(hold?.id ?? "")).toMatchObject({
      closedAt: new Date("2024-05-02T03:00:00Z"),
      closeReason: "delivered",
    });
    expect(scheduler.cancelled).toEqual([
      timerId("hold-origin", hold?.id ?? ""),
      timerId("hold-return", hold?.id ?? ""),
    ]);
    expect(scheduler.pending.size).toBe(0);
    const audit = await ts.store.audit.list({ subject: `hold/${hold?.id}` });
    expect(audit.map((e) => e.action)).toEqual(["hold.closed", "hold.opened"]);
  });

  it("a returned scan closes the hold as returned (SOP-51, SOP-52)", async () => {
    const no = freshTrackingNo();
    await ingestScans(deps, [scan(no, "held_for_pickup", "2024-05-01T02:00:00Z")]);
    const hold = await ts.store.holds.openForParcel(no);
    await ingestScans(deps, [scan(no, "returned", "2024-05-09T02:00:00Z")]);
    expect(await ts.store.holds.get(hold?.id ?? "")).toMatchObject({ closeReason: "returned" });
    expect((await ts.store.parcels.get(no))?.openHold).toBeUndefined();
  });

  it("applies the scans of a batch in time order, not in the order posted", async () => {
    const no = freshTrackingNo();
    const outcome = await ingestScans(deps, [
      scan(no, "delivered", "2024-05-03T02:00:00Z"),
      scan(no, "held_for_pickup", "2024-05-01T02:00:00Z"),
    ]);
    expect(outcome).toMatchObject({ holdsOpened: 1, holdsClosed: 1 });
    expect(await ts.store.holds.openForParcel(no)).toBeUndefined();
    // Opened and closed inside the batch: nothing to wait for.
    expect(scheduler.scheduled).toEqual([]);
  });

  it("a delivered scan older than the hold leaves it open", async () => {
    const no = freshTrackingNo();
    await ingestScans(deps, [scan(no, "held_for_pickup", "2024-05-02T02:00:00Z")]);
    const outcome = await ingestScans(deps, [scan(no, "delivered", "2024-05-01T02:00:00Z")]);
    expect(outcome.holdsClosed).toBe(0);
    expect(await ts.store.holds.openForParcel(no)).toBeDefined();
  });

  it("a held_for_pickup scan arriving after the parcel was delivered opens nothing", async () => {
    const no = freshTrackingNo();
    await ingestScans(deps, [scan(no, "delivered", "2024-05-03T02:00:00Z")]);
    const outcome = await ingestScans(deps, [scan(no, "held_for_pickup", "2024-05-01T02:00:00Z")]);
    expect(outcome).toMatchObject({ stored: 1, holdsOpened: 0 });
    expect(await ts.store.holds.openForParcel(no)).toBeUndefined();
  });

  it("stores nothing of a batch when any part of it fails", async () => {
    const no = freshTrackingNo();
    const failingStore: Store = {
      ...ts.store,
      transaction: (work) =>
        ts.store.transaction((tx) =>
          work({
            ...tx,
            audit: {
              ...tx.audit,
              append: async () => {
                throw new Error("disk full");
              },
            },
          }),
        ),
    };
    await expect(
      ingestScans({ ...deps, store: failingStore }, [scan(no, "held_for_pickup", "2024-05-01T02:00:00Z")]),
    ).rejects.toThrow("disk full");
    expect(await ts.store.parcels.get(no)).toBeUndefined();
    expect(await ts.store.holds.openForParcel(no)).toBeUndefined();
    expect(scheduler.scheduled).toEqual([]);
  });

  it("SOP-50: a hold opened by a scan tells the parcel's followers where to collect it, as one staff open does", async () => {
    const no = freshTrackingNo();
    const follower = { channel: "telegram" as const, chatId: `f-${no}` };
    await ts.store.subscriptions.subscribe({
      trackingNo: no,
      chat: follower,
      language: "en",
      createdAt: new Date("2024-05-01T00:00:00Z"),
    });
    const notifier = new FakeNotifier();
    await ingestScans({ ...deps, notifier, directory }, [
      scan(no, "held_for_pickup", "2024-05-01T02:00:00Z", "东关分点", { originBranch: "苏州分公司" }),
    ]);
    expect(notifier.sent).toEqual([
      {
        to: { kind: "chat", chat: follower, language: "en" },
        key: "notice.hold.ready",
        params: { trackingNo: no, place: "东关分点", phone: "0514-8000001", collectBy: "2024-05-04" },
      },
    ]);
    // The same audit row as a hold staff open (holds.createHold), naming the scan.
    const hold = await ts.store.holds.openForParcel(no);
    expect(await ts.store.audit.list({ subject: `hold/${hold?.id}` })).toMatchObject([
      {
        action: "hold.opened",
        actor: { kind: "system", name: "ingest" },
        data: {
          trackingNo: no,
          place: "东关分点",
          originBranch: "苏州分公司",
          heldAt: "2024-05-01T02:00:00.000Z",
        },
      },
    ]);
  });

  it("tells nobody of a hold opened and closed within the same batch", async () => {
    const no = freshTrackingNo();
    await ts.store.subscriptions.subscribe({
      trackingNo: no,
      chat: { channel: "telegram", chatId: `f-${no}` },
      language: "zh",
      createdAt: new Date("2024-05-01T00:00:00Z"),
    });
    const notifier = new FakeNotifier();
    await ingestScans({ ...deps, notifier, directory }, [
      scan(no, "held_for_pickup", "2024-05-01T02:00:00Z", "东关分点"),
      scan(no, "delivered", "2024-05-01T05:00:00Z", "文昌路"),
    ]);
    expect(notifier.sent).toEqual([]);
  });

  it("keeps the stored batch when the Scheduler fails afterwards, and reports the timer", async () => {
    const no = freshTrackingNo();
    scheduler.failNext = new Error("redis down");
    const outcome = await ingestScans(deps, [scan(no, "held_for_pickup", "2024-05-01T02:00:00Z")]);
    expect(outcome.holdsOpened).toBe(1);
    expect(outcome.timerFailures).toHaveLength(1);
    expect(outcome.timerFailures[0]?.timerId).toMatch(/^hold-origin-/);
    expect(await ts.store.holds.openForParcel(no)).toBeDefined();
  });
});
