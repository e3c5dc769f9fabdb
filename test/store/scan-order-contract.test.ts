import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshTrackingNo, scan } from "../support/parcels";
import { openTestStore, SQL_BACKENDS, type TestStore } from "../support/store-backends";

/**
 * A parcel's scans newest first, and of two at the same instant the one recorded last first
 * (parcel-repository.ts get): by the id as a number, not as text ("10" before "9").
 */
describe.each(SQL_BACKENDS)("scans at the same instant on %s", (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(backend, "scan_order");
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("come newest recorded first, ids 9 and 10 included", async () => {
    await t.exec("select setval(pg_get_serial_sequence('scans', 'id'), 8)");
    const no = freshTrackingNo();
    const at = new Date("2026-11-27T01:00:00Z");
    await t.store.parcels.addScans([scan(no, "arrived", at), scan(no, "departed", at)], at);
    const record = await t.store.parcels.get(no, 1);
    expect(record?.scans.map((s) => [s.id, s.kind])).toEqual([["10", "departed"]]);
    const both = await t.store.parcels.get(no);
    expect(both?.scans.map((s) => s.id)).toEqual(["10", "9"]);
  });
});
