import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import type { ScanKind } from "../../../src/domain/kernel/scan";
import { parcelView } from "../../../src/domain/parcels/parcel-view";
import type { StoredScan } from "../../../src/domain/ports/records";

/**
 * Trial finding 2: a problem scan's note is the staff's text ("疑难件 SOP-33 收件人拒收 电话… 联系人:…");
 * the customer reads the status in their words, never the note. Other notes stay, masked.
 */
const policy = defaultPolicy();
const NO = "YT1000000006";
const STAFF_NOTE = "疑难件 SOP-33 收件人拒收 电话13912345678 联系人:刘德华";

function scan(id: string, kind: ScanKind, at: string, note?: string): StoredScan {
  const when = new Date(at);
  return {
    id,
    trackingNo: NO,
    at: when,
    kind,
    location: "扬州东关营业部",
    receivedAt: when,
    ...(note ? { note } : {}),
  };
}

describe("parcelView: a problem scan's note is not shown to customers", () => {
  it("shows the problem status with no note, in the latest scan and the history", () => {
    const view = parcelView(
      {
        trackingNo: NO,
        firstSeenAt: new Date("2026-11-27T00:00:00Z"),
        scans: [
          scan("2", "problem", "2026-11-27T03:00:00Z", STAFF_NOTE),
          scan("1", "out_for_delivery", "2026-11-27T01:00:00Z", "派件员:王师傅 电话13800000003"),
        ],
        openHold: undefined,
        problems: [],
      },
      policy,
    );
    expect(view?.status).toBe("problem");
    expect(view?.latest.note).toBeUndefined();
    expect(view?.history[0]?.note).toBeUndefined();
    // Staff reading the same view get the note apart, masked (never rendered for a customer).
    expect(view?.latest.staffNote).toBe("疑难件 SOP-33 收件人拒收 电话139****5678 联系人:刘*");
    const { latest, history, ...rest } = view ?? {};
    const customerText = JSON.stringify([rest, latest?.note, history?.map((h) => h.note)]);
    expect(customerText).not.toMatch(/SOP-|疑难件|刘|拒\*/);
    // Another scan's note is still shown, its phone masked.
    expect(view?.history[1]?.note).toBe("派件员:王师傅 电话138****0003");
  });
});
