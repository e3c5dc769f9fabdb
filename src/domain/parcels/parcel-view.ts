import type { Policy } from "../config/policy";
import { collectBy } from "../holds/timeline";
import { maskPersonalData } from "../kernel/privacy";
import type { ParcelRecord, ParcelView, StoredScan } from "../ports/records";
import type { ParcelReturn } from "../ports/returns-records";

type ViewScan = ParcelView["latest"];

/**
 * A scan as a customer reads it. A problem scan's note is the staff's working text (rule ids,
 * 疑难件, contacts): the customer reads the status in their own words only, never that note; staff
 * reading the same view get it as `staffNote` (masked too).
 */
function viewScan(scan: StoredScan): ViewScan {
  const out: ViewScan = { at: scan.at, kind: scan.kind, location: scan.location };
  const note = scan.note?.trim() ? maskPersonalData(scan.note) : undefined;
  if (note && scan.kind === "problem") out.staffNote = note;
  else if (note) out.note = note;
  return out;
}

/**
 * What a customer may read of a parcel: a status derived from the newest scan, the open
 * self-pickup hold (holds/timeline.ts: collect by its collectBy, or marked for return) and
 * the newest problem note; the scan history newest first with other people's phones and names
 * masked. Undefined when there is nothing to show (no scan and no hold).
 *
 * Precedence: a final scan (delivered, returned) wins; then a return the desk marked (`marked`: a
 * hold due to go back, holds/, or the origin asking, returns/, with or without a hold) or an open
 * hold marked for return; then an open hold (held for pickup); then a problem (a problem scan, or a
 * problem note newer than the newest scan); then the newest scan's own meaning.
 */
export function parcelView(
  record: ParcelRecord,
  policy: Pick<Policy, "selfPickup" | "timezone">,
  marked?: Pick<ParcelReturn, "markedAt">,
): ParcelView | undefined {
  const scans = [...record.scans].sort((a, b) => b.at.getTime() - a.at.getTime());
  const newest = scans[0];
  const hold = record.openHold;
  const note = [...record.problems].sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())[0];

  let latest: ViewScan;
  if (newest) latest = viewScan(newest);
  else if (hold) latest = { at: hold.heldAt, kind: "held_for_pickup", location: hold.place };
  else return undefined;

  const view: ParcelView = {
    trackingNo: record.trackingNo,
    status: "in_transit",
    latest,
    history: scans.map(viewScan),
  };

  const problemIsNewest = note !== undefined && (!newest || note.recordedAt.getTime() >= newest.at.getTime());
  if (newest?.kind === "delivered") view.status = "delivered";
  else if (newest?.kind === "returned") view.status = "returned";
  else if (marked || hold?.markedForReturnAt) view.status = "marked_for_return";
  else if (hold) view.status = "held_for_pickup";
  else if (newest?.kind === "problem" || problemIsNewest) view.status = "problem";
  else if (newest?.kind === "held_for_pickup") view.status = "held_for_pickup";
  else if (newest?.kind === "out_for_delivery") view.status = "out_for_delivery";

  if (hold && view.status !== "delivered" && view.status !== "returned") {
    view.hold = {
      place: hold.place,
      since: hold.heldAt,
      // From collectBy on the origin branch is messaged; the customer collects before.
      collectBy: collectBy(hold, policy),
    };
  }
  if (view.status === "problem" && note) view.problem = { category: note.category, at: note.recordedAt };
  return view;
}
