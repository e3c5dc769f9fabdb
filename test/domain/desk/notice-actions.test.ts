import { describe, expect, it } from "vitest";
import {
  acceptPickupAction,
  declinePickupAction,
  NOTICE_ACTION_NAMES,
  NOTICE_ACTIONS,
  noticePayload,
  originMessagedAction,
  originRepliedAction,
  pickupActions,
  takeQueryAction,
} from "../../../src/domain/desk";
import { overdueQueryActions, reassignQueryAction } from "../../../src/domain/desk/notice-actions";
import { isMessageKey } from "../../../src/domain/messages";

/** The buttons on the desk's notices: one list, which the flows' ActionHandlers are named after. */
describe("notice actions", () => {
  it("are one list: take or reassign a query, accept or decline a pickup, origin messaged (SOP-50) or replied (SOP-51)", () => {
    expect(NOTICE_ACTIONS).toEqual({
      takeQuery: "qt",
      reassignQuery: "qr",
      acceptPickup: "pa",
      declinePickup: "pd",
      assignPickup: "pz",
      originMessaged: "ho",
      originReplied: "hr",
      acknowledgeBroadcast: "bk", // SOP-83
      originTaskSent: "os", // SOP-38, SOP-45
      returnNow: "rt", // SOP-51 after SOP-43
      undeliveredHandled: "uh", // SOP-44
      undeliveredAllHandled: "ua", // SOP-44
      enterSigner: "rs", // SOP-74
      claimView: "cv", // SOP-70..SOP-72 (issue 12)
      complaintView: "cx", // SOP-82 (issue 12)
      approveBusy: "sb", // SOP-14
      recordBranchAnswer: "ba", // SOP-13
    });
    // One name, one action: no two buttons share a name.
    expect(new Set(NOTICE_ACTION_NAMES).size).toBe(NOTICE_ACTION_NAMES.length);
    // The flow engine's ActionHandler names: [a-z]{1,8}.
    for (const name of NOTICE_ACTION_NAMES) expect(name).toMatch(/^[a-z]{1,8}$/);
  });

  it("each builder makes `<name>.<id>` with a label from the catalogue", () => {
    const built = [
      [takeQueryAction("q1"), "qt.q1"],
      [reassignQueryAction("q1"), "qr.q1"],
      [acceptPickupAction("p1"), "pa.p1"],
      [declinePickupAction("p1"), "pd.p1"],
      [originMessagedAction("h1"), "ho.h1"],
      [originRepliedAction("h1"), "hr.h1"],
    ] as const;
    for (const [action, expected] of built) {
      expect(action.action).toBe(expected);
      expect(isMessageKey(action.labelKey)).toBe(true);
    }
    expect(pickupActions("p1").map((a) => a.action)).toEqual(["pa.p1", "pd.p1"]);
    // Issue 14 §6: the overdue escalation carries take and take-back-and-reassign.
    expect(overdueQueryActions("q1").map((a) => a.action)).toEqual(["qt.q1", "qr.q1"]);
    expect(new Set(built.map(([a]) => a.labelKey)).size).toBe(built.length);
  });

  it("a notice button's payload is `a.<name>.<id>`, as the flow engine reads it", () => {
    expect(noticePayload(takeQueryAction("q1").action)).toBe("a.qt.q1");
  });
});
