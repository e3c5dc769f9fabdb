import { describe, expect, it } from "vitest";
import { parseScanRows } from "../../src/store/parcel-rows";
import { parseRow, StoreRowError, scanRow } from "../../src/store/rows";

/** Issue 15: the parcel read's scans are checked by hand, to the same records and errors as scanRow's. */
describe("the parcel read's scan rows", () => {
  const row = {
    id: "42",
    tracking_no: "YT9000000000001",
    at: "2026-11-27T01:00:00+00:00",
    kind: "arrived",
    location: "扬州转运中心",
    note: null,
    origin_branch: "南京",
    received_at: "2026-11-27T01:00:05.123+00:00",
  };

  it("reads a row as json or as driver values into the record scanRow makes", () => {
    const asDates = { ...row, at: new Date(row.at), received_at: new Date(row.received_at), note: "门口" };
    for (const r of [row, asDates]) {
      const [scan] = parseScanRows([r]);
      expect(scan).toEqual(parseRow(scanRow, "scans", r));
    }
    expect(parseScanRows([row])[0]).toEqual({
      id: "42",
      trackingNo: "YT9000000000001",
      at: new Date("2026-11-27T01:00:00Z"),
      kind: "arrived",
      location: "扬州转运中心",
      originBranch: "南京",
      receivedAt: new Date("2026-11-27T01:00:05.123Z"),
    });
  });

  it("refuses what scanRow refuses, naming the table and the row", () => {
    const bad = [
      { ...row, kind: "teleported" },
      { ...row, at: "yesterday" },
      { ...row, location: "" },
      { ...row, id: "x1" },
      { ...row, note: undefined },
      { ...row, received_at: "2026-11-27T01:00:05" },
    ];
    for (const r of bad) {
      expect(() => parseScanRows([r])).toThrow(StoreRowError);
      expect(() => parseScanRows([r])).toThrow(/invalid row in scans \(id /);
    }
  });

  it("takes what scanRow also takes though the hand check does not (a numeric id)", () => {
    expect(parseScanRows([{ ...row, id: 42 }])[0]?.id).toBe("42");
  });
});
