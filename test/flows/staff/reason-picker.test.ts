import { describe, expect, it } from "vitest";
import { DECLINE_REASONS, isDeclineReason } from "../../../src/domain/pickups/decline";
import { isReturnReason, returnReasonsFor } from "../../../src/domain/pickups/return-reasons";
import { type ReasonPicker, tappedReason } from "../../../src/flows/staff/reason-picker";

/** The courier's two "why?" pickers (decline, SOP-26 return) read their buttons with one helper. */
describe("the courier's reason picker", () => {
  const decline: ReasonPicker<string, "decline" | "reason"> = {
    reasons: () => DECLINE_REASONS,
    isReason: isDeclineReason,
    label: () => "pickup.decline.ask",
    prefix: "why",
    ask: "pickup.decline.ask",
    askText: "pickup.decline.askText",
    steps: { reason: "decline", words: "reason" },
  };
  const giveBack: ReasonPicker<string, "return" | "returnText"> = {
    reasons: returnReasonsFor,
    isReason: isReturnReason,
    label: () => "pickup.return.ask",
    prefix: "rr",
    ask: "pickup.return.ask",
    askText: "pickup.return.askText",
    steps: { reason: "return", words: "returnText" },
  };

  it("reads its own buttons, `<prefix>.<reason>`, and only reasons it knows", () => {
    expect(tappedReason(decline, "why.busy")).toBe("busy");
    expect(tappedReason(decline, "why.other")).toBe("other");
    expect(tappedReason(giveBack, "rr.battery")).toBe("battery");
    expect(tappedReason(decline, "why.battery")).toBeUndefined();
    expect(tappedReason(giveBack, "rr.busy")).toBeUndefined();
  });

  it("refuses the other picker's buttons, and anything not one button", () => {
    expect(tappedReason(giveBack, "why.other")).toBeUndefined();
    expect(tappedReason(decline, "rr.other")).toBeUndefined();
    for (const value of ["", "why", "why.", "why.busy.x", "xwhy.busy", "why.busy ", "skip"]) {
      expect(tappedReason(decline, value)).toBeUndefined();
    }
  });
});
