import { Kysely, PostgresDialect, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy } from "../../src/domain/config/policy";
import type { UseCaseDeps } from "../../src/domain/desk/context";
import { trackParcel } from "../../src/domain/parcels/use-cases";
import type { Store } from "../../src/domain/ports";
import type { SelfPickupHold } from "../../src/domain/ports/records";
import type { Database } from "../../src/store";
import { createStore } from "../../src/store";
import { migrateToLatest } from "../../src/store/migrations";
import { PGlitePool, ReadCache } from "../../src/store/pglite-dialect";
import { memoryPGlite } from "../../src/store/pglite-template";
import { freshTrackingNo, scan } from "../support/parcels";

/**
 * PGlite's read cache (pglite-dialect.ts, issue 15): a tracking answer read again comes from
 * memory, and every write, whichever repository makes it, shows in the next answer.
 */
describe("the PGlite read cache", () => {
  const policy = defaultPolicy();
  let pool: PGlitePool;
  let db: Kysely<Database>;
  let store: Store;
  const track = (no: string) => trackParcel({ store, policy } as unknown as UseCaseDeps, no);
  const chat = { channel: "telegram" as const, chatId: "4242" };

  beforeAll(async () => {
    pool = new PGlitePool(await memoryPGlite(), true);
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrateToLatest(db, { schema: "public" });
    store = createStore(db);
  });
  afterAll(() => store.close());

  /** A parcel with one scan, read once so that the cache holds it. */
  async function knownParcel(): Promise<string> {
    const no = freshTrackingNo("RC");
    await store.parcels.addScans([scan(no, "departed", "2026-11-27T01:00:00Z")], new Date());
    await track(no);
    return no;
  }

  /** Reads the parcel and says whether the cache answered. */
  async function trackCounted(no: string) {
    const hits = pool.readCache.hits;
    const view = await track(no);
    return { view, cached: pool.readCache.hits > hits };
  }

  it("answers a read again from memory, each caller with a record of its own", async () => {
    const no = await knownParcel();
    const first = await store.parcels.get(no, 10);
    const again = await trackCounted(no);
    expect(again.cached).toBe(true);
    expect(again.view?.status).toBe("in_transit");
    first?.scans.splice(0); // a caller changing its record
    const third = await store.parcels.get(no, 10);
    expect(third?.scans).toHaveLength(1);
    expect(third).not.toBe(first);
  });

  it("shows a scan ingested since", async () => {
    const no = await knownParcel();
    await store.transaction((tx) =>
      tx.parcels.addScans([scan(no, "out_for_delivery", "2026-11-27T02:00:00Z")], new Date()),
    );
    const after = await trackCounted(no);
    expect(after.cached).toBe(false);
    expect(after.view?.status).toBe("out_for_delivery");
    expect((await trackCounted(no)).cached).toBe(true);
  });

  it("shows a hold, a problem note and a return recorded since", async () => {
    const no = await knownParcel();
    const hold: SelfPickupHold = {
      id: `h-${no}`,
      trackingNo: no,
      place: "文昌路门店",
      originBranch: null,
      heldAt: new Date("2026-11-27T03:00:00Z"),
      originMessagedAt: null,
      originRepliedAt: null,
      markedForReturnAt: null,
      closedAt: null,
      closeReason: null,
    };
    await store.holds.insert(hold);
    expect((await track(no))?.status).toBe("held_for_pickup");
    await store.returns.insert({
      id: `r-${no}`,
      trackingNo: no,
      holdId: hold.id,
      originBranch: null,
      marking: "退回 南京分公司",
      rule: "SOP-52",
      markedAt: new Date("2026-11-27T04:00:00Z"),
      markedBy: "wang",
      destination: null,
      weightKg: null,
      feeYuan: null,
      heldBy: null,
    });
    expect((await track(no))?.status).toBe("marked_for_return");

    const other = await knownParcel();
    await store.problems.insert({
      id: `n-${other}`,
      trackingNo: other,
      category: "missorted",
      details: {},
      countsAsDelayed: false,
      followUps: [],
      recordedBy: "zhang",
      recordedAt: new Date("2026-11-27T05:00:00Z"),
    });
    expect((await track(other))?.status).toBe("problem");
  });

  it("gives each caller a follow of its own: a date one changes is not what the next read sees", async () => {
    const no = await knownParcel();
    const at = new Date("2026-11-27T02:00:00Z");
    await store.subscriptions.subscribe({ trackingNo: no, chat, language: "zh", createdAt: at });
    const first = await store.subscriptions.get(no, chat);
    first?.createdAt.setTime(0);
    expect((await store.subscriptions.get(no, chat))?.createdAt).toEqual(at);
  });

  it("shows a follow, a change to it and a stop", async () => {
    const no = await knownParcel();
    expect(await store.subscriptions.get(no, chat)).toBeUndefined();
    const createdAt = new Date("2026-11-27T02:00:00Z");
    const other = { channel: "telegram" as const, chatId: "4343" };
    await store.subscriptions.subscribe({ trackingNo: no, chat: other, language: "en", createdAt });
    expect(await store.subscriptions.get(no, chat)).toBeUndefined(); // another chat's follow
    await store.subscriptions.subscribe({ trackingNo: no, chat, language: "zh", createdAt });
    expect((await store.subscriptions.get(no, chat))?.language).toBe("zh");
    expect((await store.subscriptions.get(no, chat))?.everyScan).toBeUndefined();
    await store.subscriptions.setEveryScan(no, chat, true);
    expect((await store.subscriptions.get(no, chat))?.everyScan).toBe(true);
    await store.subscriptions.unsubscribe(no, chat);
    expect(await store.subscriptions.get(no, chat)).toBeUndefined();
  });

  it("keeps nothing a rolled-back transaction read", async () => {
    const no = await knownParcel();
    const failed = store.transaction(async (tx) => {
      await tx.parcels.addScans([scan(no, "delivered", "2026-11-27T06:00:00Z")], new Date());
      expect((await tx.parcels.get(no))?.scans).toHaveLength(2); // read (and kept) inside
      throw new Error("changed my mind");
    });
    await expect(failed).rejects.toThrow("changed my mind");
    const after = await trackCounted(no);
    expect(after.cached).toBe(false);
    expect(after.view?.status).toBe("in_transit");
  });

  it("shows a write made with SQL of its own, and a read not marked is never kept", async () => {
    const no = await knownParcel();
    await sql`update scans set kind = 'delivered' where tracking_no = ${no}`.execute(db);
    expect((await track(no))?.status).toBe("delivered");
    const size = pool.readCache.size;
    await sql`select * from scans where tracking_no = ${no}`.execute(db);
    expect(pool.readCache.size).toBe(size);
  });

  it("keeps at most its limit of results, the least recently used going first", async () => {
    const cache = new ReadCache(2);
    let runs = 0;
    const read = (key: string) =>
      cache.read(key, async () => {
        runs++;
        return { command: "SELECT" as const, rowCount: 1, rows: [{ key }] };
      });
    await read("a");
    await read("b");
    await read("a"); // a used last: b is the oldest used
    await read("c");
    expect(cache.size).toBe(2);
    expect(runs).toBe(3);
    await read("a");
    expect(runs).toBe(3);
    await read("b");
    expect(runs).toBe(4);
  });
});
