import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import type { ParcelView as DeskParcelView } from "../../../src/domain/desk/desk";
import type { ScanKind } from "../../../src/domain/kernel/scan";
import { parcelView } from "../../../src/domain/parcels/parcel-view";
import type {
  ParcelRecord,
  ParcelView,
  ProblemNote,
  SelfPickupHold,
  StoredScan,
} from "../../../src/domain/ports/records";

const policy = defaultPolicy();
const NO = "YT123456789012";
let seq = 0;

function scan(kind: ScanKind, at: string, extra: Partial<StoredScan> = {}): StoredScan {
  seq += 1;
  return {
    id: String(seq),
    trackingNo: NO,
    at: new Date(at),
    kind,
    location: "扬州转运中心",
    receivedAt: new Date(at),
    ...extra,
  };
}

function hold(over: Partial<SelfPickupHold> = {}): SelfPickupHold {
  return {
    id: "h1",
    trackingNo: NO,
    place: "东关分点",
    originBranch: "苏州分公司",
    heldAt: new Date("2026-11-27T02:00:00Z"),
    originMessagedAt: null,
    originRepliedAt: null,
    markedForReturnAt: null,
    closedAt: null,
    closeReason: null,
    ...over,
  };
}

function note(at: string, category = "nobody_home"): ProblemNote {
  return {
    id: "n1",
    trackingNo: NO,
    category,
    details: {},
    countsAsDelayed: false,
    followUps: [],
    recordedBy: "zhang",
    recordedAt: new Date(at),
  };
}

function record(over: Partial<ParcelRecord>): ParcelRecord {
  return {
    trackingNo: NO,
    firstSeenAt: new Date("2026-11-25T00:00:00Z"),
    scans: [],
    openHold: undefined,
    problems: [],
    ...over,
  };
}

describe("parcelView", () => {
  it("follows the newest scan, whatever order the scans come in", () => {
    const view = parcelView(
      record({
        scans: [scan("arrived", "2026-11-26T02:00:00Z"), scan("out_for_delivery", "2026-11-27T01:00:00Z")],
      }),
      policy,
    );
    expect(view?.status).toBe("out_for_delivery");
    expect(view?.latest.kind).toBe("out_for_delivery");
    expect(view?.history.map((h) => h.kind)).toEqual(["out_for_delivery", "arrived"]);
  });

  it("is in transit while the scans say nothing more", () => {
    expect(parcelView(record({ scans: [scan("departed", "2026-11-26T02:00:00Z")] }), policy)?.status).toBe(
      "in_transit",
    );
  });

  it("delivered and returned are final, whatever else is known", () => {
    const delivered = record({
      scans: [scan("delivered", "2026-11-27T03:00:00Z")],
      openHold: hold(),
      problems: [note("2026-11-27T04:00:00Z")],
    });
    expect(parcelView(delivered, policy)).toMatchObject({ status: "delivered" });
    expect(parcelView(delivered, policy)?.hold).toBeUndefined();
    expect(parcelView(record({ scans: [scan("returned", "2026-11-27T03:00:00Z")] }), policy)?.status).toBe(
      "returned",
    );
  });

  it("SOP-50: an open hold is held for pickup, to collect by heldAt + messageOriginAfter (3 days)", () => {
    const view = parcelView(
      record({ scans: [scan("arrived", "2026-11-27T01:00:00Z")], openHold: hold() }),
      policy,
    );
    expect(view).toMatchObject({
      status: "held_for_pickup",
      hold: {
        place: "东关分点",
        since: new Date("2026-11-27T02:00:00Z"),
        collectBy: new Date("2026-11-30T02:00:00Z"),
      },
    });
  });

  it("SOP-51: a hold marked for return reads so", () => {
    const view = parcelView(
      record({
        scans: [scan("arrived", "2026-11-27T01:00:00Z")],
        openHold: hold({ markedForReturnAt: new Date("2026-12-05T02:00:00Z") }),
      }),
      policy,
    );
    expect(view?.status).toBe("marked_for_return");
  });

  it("SOP-52: a return the desk marked without a hold reads so; a delivered or returned scan still wins", () => {
    const marked = { markedAt: new Date("2026-11-27T04:00:00Z") };
    const onTheWay = record({ scans: [scan("out_for_delivery", "2026-11-27T01:00:00Z")] });
    expect(parcelView(onTheWay, policy)?.status).toBe("out_for_delivery");
    expect(parcelView(onTheWay, policy, marked)?.status).toBe("marked_for_return");
    const back = record({ scans: [scan("returned", "2026-11-28T01:00:00Z")] });
    expect(parcelView(back, policy, marked)?.status).toBe("returned");
  });

  it("a problem note newer than the newest scan makes it a problem parcel; an older one does not", () => {
    const scans = [scan("out_for_delivery", "2026-11-27T01:00:00Z")];
    expect(parcelView(record({ scans, problems: [note("2026-11-27T03:00:00Z")] }), policy)).toMatchObject({
      status: "problem",
      problem: { category: "nobody_home", at: new Date("2026-11-27T03:00:00Z") },
    });
    const older = parcelView(record({ scans, problems: [note("2026-11-26T03:00:00Z")] }), policy);
    expect(older?.status).toBe("out_for_delivery");
    expect(older?.problem).toBeUndefined();
  });

  it("a problem scan is a problem parcel", () => {
    expect(parcelView(record({ scans: [scan("problem", "2026-11-27T01:00:00Z")] }), policy)?.status).toBe(
      "problem",
    );
  });

  it("masks phones and names in notes, keeps locations", () => {
    const view = parcelView(
      record({
        scans: [
          scan("delivered", "2026-11-27T01:00:00Z", {
            note: "签收人:张三 13800000003",
            location: "文昌路 100 号",
          }),
        ],
      }),
      policy,
    );
    expect(view?.latest).toEqual({
      at: new Date("2026-11-27T01:00:00Z"),
      kind: "delivered",
      location: "文昌路 100 号",
      note: "签收人:张* 138****0003",
    });
  });

  it("a hold with no scans still shows; nothing at all is undefined", () => {
    expect(parcelView(record({ openHold: hold() }), policy)).toMatchObject({
      status: "held_for_pickup",
      latest: { kind: "held_for_pickup", location: "东关分点" },
      history: [],
    });
    expect(parcelView(record({}), policy)).toBeUndefined();
  });
});

describe("ParcelView's home", () => {
  it("is a record of records.ts; the Desk re-exports the same type for the flows", () => {
    const view: ParcelView | undefined = parcelView(
      {
        trackingNo: NO,
        firstSeenAt: new Date("2026-11-27T00:00:00Z"),
        scans: [scan("arrived", "2026-11-27T00:00:00Z")],
        openHold: undefined,
        problems: [],
      },
      policy,
    );
    const same: DeskParcelView | undefined = view;
    expect(same?.status).toBe("in_transit");
  });
});
