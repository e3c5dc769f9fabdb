import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import {
  collectBy,
  collectedTransition,
  goesBackAt,
  HEAD_OFFICE_PLACE,
  type HoldTransition,
  holdPlace,
  holdState,
  holdTimeline,
  isDueBack,
  markedForReturnTransition,
  originMessagedTransition,
  originReplyTransition,
  RETURN_MARKING_UNKNOWN_ORIGIN,
  returnDue,
  returnMarking,
  waybillReturnMarking,
} from "../../../src/domain/holds/timeline";
import { ManualClock } from "../../../src/domain/kernel/clock";
import { parcelView } from "../../../src/domain/parcels/parcel-view";
import type { SelfPickupHold } from "../../../src/domain/ports/records";

const policy = defaultPolicy();
const DAY = 24 * 60 * 60 * 1000;

function hold(over: Partial<SelfPickupHold> = {}): SelfPickupHold {
  return {
    id: "h1",
    trackingNo: "YT1234567890",
    place: "东关分点",
    originBranch: "苏州分公司",
    heldAt: new Date("2024-05-10T02:00:00Z"), // 10:00 in Shanghai
    originMessagedAt: null,
    originRepliedAt: null,
    markedForReturnAt: null,
    closedAt: null,
    closeReason: null,
    ...over,
  };
}

function ok(t: HoldTransition): SelfPickupHold {
  if (!t.ok) throw new Error(`refused: ${t.reason}`);
  return t.hold;
}

describe("the SOP-50/51 timeline", () => {
  it("SOP-50, SOP-51: a hold walks waiting → message due → awaiting reply → return due → marked for return", () => {
    const clock = new ManualClock("2024-05-10T02:00:00Z");
    let h = hold({ heldAt: clock.now() });

    expect(holdTimeline(h, policy)).toEqual({
      step: "message_origin",
      at: new Date("2024-05-13T02:00:00Z"),
      rule: "SOP-50",
    });
    clock.advance(3 * DAY - 1);
    expect(holdState(h, policy, clock.now())).toBe("waiting");
    clock.advance(1);
    expect(holdState(h, policy, clock.now())).toBe("message_origin_due");

    clock.advance(60 * 60 * 1000); // the agent messages the origin an hour later
    h = ok(originMessagedTransition(h, clock.now()));
    expect(holdTimeline(h, policy)).toEqual({
      step: "return",
      at: new Date("2024-05-18T03:00:00Z"),
      rule: "SOP-51",
    });
    expect(holdState(h, policy, clock.now())).toBe("awaiting_origin_reply");

    clock.set("2024-05-18T02:59:59Z");
    expect(holdState(h, policy, clock.now())).toBe("awaiting_origin_reply");
    clock.set("2024-05-18T03:00:00Z");
    expect(holdState(h, policy, clock.now())).toBe("return_due");

    h = ok(markedForReturnTransition(h, clock.now(), policy));
    expect(holdState(h, policy, clock.now())).toBe("marked_for_return");
    expect(holdTimeline(h, policy)).toBeNull();
  });

  it("SOP-51: a reply from the origin stops the return", () => {
    let h = ok(originMessagedTransition(hold(), new Date("2024-05-13T02:00:00Z")));
    h = ok(originReplyTransition(h, new Date("2024-05-14T08:00:00Z")));
    expect(holdTimeline(h, policy)).toBeNull();
    expect(holdState(h, policy, new Date("2024-06-30T00:00:00Z"))).toBe("origin_replied");
  });

  it("SOP-50: a collected parcel has no next step and stays closed", () => {
    const h = ok(collectedTransition(hold(), new Date("2024-05-11T09:00:00Z")));
    expect(h).toMatchObject({ closedAt: new Date("2024-05-11T09:00:00Z"), closeReason: "collected" });
    expect(holdTimeline(h, policy)).toBeNull();
    expect(holdState(h, policy, new Date("2024-05-20T00:00:00Z"))).toBe("closed");
  });

  it("SOP-50, SOP-51: the durations come from the policy, not from code", () => {
    const quick = defaultPolicy({ selfPickup: { messageOriginAfter: "PT5S", returnAfterNoReply: "PT10S" } });
    const h = hold();
    expect(holdTimeline(h, quick)?.at).toEqual(new Date("2024-05-10T02:00:05Z"));
    const messaged = ok(originMessagedTransition(h, new Date("2024-05-10T02:00:06Z")));
    expect(holdTimeline(messaged, quick)?.at).toEqual(new Date("2024-05-10T02:00:16Z"));
  });

  it("SOP-50: three days are calendar days on the branch's clock, across a DST change", () => {
    const berlin = defaultPolicy({ timezone: "Europe/Berlin" });
    // 11:00 CET on Friday 29 March 2024; the clocks go forward on Sunday 31 March.
    const h = hold({ heldAt: new Date("2024-03-29T10:00:00Z") });
    expect(holdTimeline(h, berlin)?.at).toEqual(new Date("2024-04-01T09:00:00Z")); // 11:00 CEST
  });
});

describe("transitions refuse what is closed or out of order", () => {
  const messagedAt = new Date("2024-05-13T02:00:00Z");

  it("SOP-51: no reply and no return before the origin was messaged (SOP-50 first)", () => {
    expect(originReplyTransition(hold(), new Date("2024-05-14T00:00:00Z"))).toEqual({
      ok: false,
      reason: "origin_not_messaged",
    });
    expect(markedForReturnTransition(hold(), new Date("2024-05-30T00:00:00Z"))).toEqual({
      ok: false,
      reason: "origin_not_messaged",
    });
  });

  it("SOP-51: with the policy, a return before returnAfterNoReply and without a reply is refused", () => {
    const h = ok(originMessagedTransition(hold(), messagedAt));
    expect(markedForReturnTransition(h, new Date("2024-05-17T02:00:00Z"), policy)).toEqual({
      ok: false,
      reason: "return_not_due",
    });
    expect(markedForReturnTransition(h, new Date("2024-05-18T02:00:00Z"), policy).ok).toBe(true);
  });

  it("SOP-52: a return the origin asked for may go back at once after its reply", () => {
    const replied = ok(
      originReplyTransition(
        ok(originMessagedTransition(hold(), messagedAt)),
        new Date("2024-05-13T05:00:00Z"),
      ),
    );
    const h = ok(markedForReturnTransition(replied, new Date("2024-05-13T06:00:00Z"), policy));
    expect(h.markedForReturnAt).toEqual(new Date("2024-05-13T06:00:00Z"));
  });

  it("SOP-50: the origin is messaged once, and not before the parcel was held", () => {
    const h = ok(originMessagedTransition(hold(), messagedAt));
    expect(originMessagedTransition(h, new Date("2024-05-14T00:00:00Z"))).toEqual({
      ok: false,
      reason: "already_messaged",
    });
    expect(originMessagedTransition(hold(), new Date("2024-05-09T00:00:00Z"))).toEqual({
      ok: false,
      reason: "before_previous_step",
    });
    expect(originMessagedTransition(hold(), new Date("not a date"))).toEqual({
      ok: false,
      reason: "invalid_time",
    });
  });

  it("SOP-51: a reply is recorded once and not dated before the message", () => {
    const h = ok(originMessagedTransition(hold(), messagedAt));
    expect(originReplyTransition(h, new Date("2024-05-12T00:00:00Z"))).toEqual({
      ok: false,
      reason: "before_previous_step",
    });
    const replied = ok(originReplyTransition(h, new Date("2024-05-14T00:00:00Z")));
    expect(originReplyTransition(replied, new Date("2024-05-15T00:00:00Z"))).toEqual({
      ok: false,
      reason: "already_replied",
    });
  });

  it("SOP-51: a parcel marked for return is not collected, replied to or marked again", () => {
    const h = ok(
      markedForReturnTransition(
        ok(originMessagedTransition(hold(), messagedAt)),
        new Date("2024-05-18T03:00:00Z"),
        policy,
      ),
    );
    const later = new Date("2024-05-18T04:00:00Z");
    expect(collectedTransition(h, later)).toEqual({ ok: false, reason: "marked_for_return" });
    expect(originReplyTransition(h, later)).toEqual({ ok: false, reason: "marked_for_return" });
    expect(markedForReturnTransition(h, later)).toEqual({ ok: false, reason: "marked_for_return" });
  });

  it("SOP-50: every step on a closed hold is refused", () => {
    const closed = ok(collectedTransition(hold(), new Date("2024-05-11T00:00:00Z")));
    const later = new Date("2024-05-20T00:00:00Z");
    for (const t of [
      originMessagedTransition,
      originReplyTransition,
      collectedTransition,
      markedForReturnTransition,
    ]) {
      expect(t(closed, later)).toEqual({ ok: false, reason: "closed" });
    }
  });

  it("SOP-50: transitions return a changed copy and leave the input hold alone", () => {
    const h = hold();
    ok(originMessagedTransition(h, messagedAt));
    expect(h.originMessagedAt).toBeNull();
  });
});

describe("SOP-52: the return marking", () => {
  it("SOP-52: a return is marked 退回 and the origin company", () => {
    expect(returnMarking("苏州分公司")).toBe("退回 苏州分公司");
    expect(returnMarking("  苏州  分公司 ")).toBe("退回 苏州 分公司");
  });

  it("SOP-52: with no origin branch there is nothing to mark", () => {
    expect(returnMarking(null)).toBeNull();
    expect(returnMarking("   ")).toBeNull();
  });
});

describe("SOP-50/SOP-51: the deadlines, computed in one place", () => {
  it("SOP-50: collectBy is heldAt + messageOriginAfter on the branch's calendar; the timeline and the parcel view use it", () => {
    const h = hold();
    expect(collectBy(h, policy)).toEqual(new Date("2024-05-13T02:00:00Z"));
    expect(holdTimeline(h, policy)?.at).toEqual(collectBy(h, policy));
    const view = parcelView(
      { trackingNo: h.trackingNo, firstSeenAt: h.heldAt, scans: [], openHold: h, problems: [] },
      policy,
    );
    expect(view?.hold?.collectBy).toEqual(collectBy(h, policy));
    // A policy of its own moves every use at once.
    const quick = defaultPolicy({ selfPickup: { messageOriginAfter: "P1D" } });
    expect(collectBy(h, quick)).toEqual(new Date("2024-05-11T02:00:00Z"));
  });

  it("SOP-51: returnDue is the message + returnAfterNoReply, none before the origin was messaged", () => {
    expect(returnDue(hold(), policy)).toBeUndefined();
    const messaged = hold({ originMessagedAt: new Date("2024-05-13T03:00:00Z") });
    expect(returnDue(messaged, policy)).toEqual(new Date("2024-05-18T03:00:00Z"));
    expect(holdTimeline(messaged, policy)).toEqual({
      step: "return",
      at: returnDue(messaged, policy),
      rule: "SOP-51",
    });
    expect(markedForReturnTransition(messaged, new Date("2024-05-18T02:59:59Z"), policy)).toEqual({
      ok: false,
      reason: "return_not_due",
    });
  });

  it("SOP-51/52: goesBackAt is the marking, else returnDue; none once the origin answered", () => {
    const messagedAt = new Date("2024-05-13T03:00:00Z");
    const messaged = hold({ originMessagedAt: messagedAt });
    expect(goesBackAt(hold(), policy)).toBeUndefined();
    expect(goesBackAt(messaged, policy)).toEqual(returnDue(messaged, policy));
    const replied = hold({ originMessagedAt: messagedAt, originRepliedAt: new Date("2024-05-14T03:00:00Z") });
    expect(goesBackAt(replied, policy)).toBeUndefined();
    // Marked after the answer (SOP-52: the origin asked for it back): it goes back when marked.
    const markedAt = new Date("2024-05-14T05:00:00Z");
    expect(goesBackAt({ ...replied, markedForReturnAt: markedAt }, policy)).toEqual(markedAt);
  });

  it("SOP-51: isDueBack once past the return time or marked, not while waiting for the answer", () => {
    const messaged = hold({ originMessagedAt: new Date("2024-05-13T03:00:00Z") });
    expect(isDueBack(holdState(messaged, policy, new Date("2024-05-18T02:59:59Z")))).toBe(false);
    expect(isDueBack(holdState(messaged, policy, new Date("2024-05-18T03:00:00Z")))).toBe(true);
    const marked = { ...messaged, markedForReturnAt: new Date("2024-05-18T04:00:00Z") };
    expect(isDueBack(holdState(marked, policy, new Date("2024-05-18T04:00:00Z")))).toBe(true);
    expect(isDueBack(holdState(hold(), policy, new Date("2024-06-30T00:00:00Z")))).toBe(false);
  });
});

describe("SOP-52: the waybill marking, defined once", () => {
  it("SOP-52: an unknown origin is marked 退回 发件公司 (always Chinese: it is written on the waybill)", () => {
    expect(RETURN_MARKING_UNKNOWN_ORIGIN).toBe("退回 发件公司");
    expect(waybillReturnMarking(null)).toBe("退回 发件公司");
    expect(waybillReturnMarking("苏州分公司")).toBe("退回 苏州分公司");
  });

  it("SOP-37: the problem note's head_office is stored as 总公司", () => {
    expect(holdPlace("head_office")).toBe(HEAD_OFFICE_PLACE);
    expect(HEAD_OFFICE_PLACE).toBe("总公司");
    expect(holdPlace("东关分点")).toBe("东关分点");
  });
});
