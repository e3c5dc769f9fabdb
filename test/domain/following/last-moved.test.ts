import { describe, expect, it } from "vitest";
import { lastMovedFollowed } from "../../../src/domain/following/last-moved";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

/** Issue 17: "什么时候能送到" under a push is about the followed parcel that moved last. */
describe("the followed parcel that moved last", () => {
  const h = useDeskHarness("last-moved");

  it("is the followed parcel whose latest scan is newest, whatever the order followed", async () => {
    const [early, late, unfollowed] = [freshTrackingNo(), freshTrackingNo(), freshTrackingNo()];
    await h.ingest([
      scan(early, "arrived", shanghai("07:00")),
      scan(late, "out_for_delivery", shanghai("09:00")),
      scan(unfollowed, "arrived", shanghai("09:30")),
    ]);
    const chat = h.customer().who.chat;
    await h.desk.follow(chat, "zh", late);
    await h.desk.follow(chat, "zh", early);
    expect((await lastMovedFollowed(h.useCaseDeps(), chat))?.trackingNo).toBe(late);
    expect((await h.desk.lastMovedFollowed(chat))?.trackingNo).toBe(late);
  });

  it("none followed, or none with scans: undefined", async () => {
    const chat = h.customer().who.chat;
    expect(await lastMovedFollowed(h.useCaseDeps(), chat)).toBeUndefined();
    await h.desk.follow(chat, "zh", freshTrackingNo());
    expect(await lastMovedFollowed(h.useCaseDeps(), chat)).toBeUndefined();
  });
});
