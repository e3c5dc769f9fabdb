import { describe, expect, it } from "vitest";
import * as claimModule from "../../../src/domain/claims/deadlines";
import { claimDeadline, claimStatus } from "../../../src/domain/claims/deadlines";
import { defaultPolicy } from "../../../src/domain/config/policy";
import type { Claim } from "../../../src/domain/ports/records";

const policy = defaultPolicy();
const OPENED = new Date("2024-05-10T02:00:00Z"); // 10:00 in Shanghai
const HOUR = 60 * 60 * 1000;

function claim(over: Partial<Claim> = {}): Claim {
  return {
    id: "c1",
    trackingNo: "YT1234567890",
    kind: "loss",
    customer: null,
    openedAt: OPENED,
    dueAt: new Date("2024-06-09T02:00:00Z"),
    openedBy: "wang",
    settledAt: null,
    note: null,
    ...over,
  };
}

describe("claim deadlines", () => {
  it("SOP-70: a loss is settled within 30 calendar days", () => {
    expect(claimDeadline("loss", OPENED, policy)).toEqual(new Date("2024-06-09T02:00:00Z"));
  });

  it("SOP-71: a delay or a damage is settled within 15 calendar days", () => {
    expect(claimDeadline("delay", OPENED, policy)).toEqual(new Date("2024-05-25T02:00:00Z"));
    expect(claimDeadline("damage", OPENED, policy)).toEqual(new Date("2024-05-25T02:00:00Z"));
  });

  it("SOP-70: calendar days on the branch's clock, across a DST change", () => {
    const berlin = defaultPolicy({ timezone: "Europe/Berlin" });
    // 11:00 CET on 15 March 2024 → 11:00 CEST on 14 April 2024.
    expect(claimDeadline("loss", new Date("2024-03-15T10:00:00Z"), berlin)).toEqual(
      new Date("2024-04-14T09:00:00Z"),
    );
  });

  it("SOP-70, SOP-71: the periods come from the policy", () => {
    const p = defaultPolicy({ claims: { loss: "P10D", delayOrDamage: "P2D" } });
    expect(claimDeadline("loss", OPENED, p)).toEqual(new Date("2024-05-20T02:00:00Z"));
    expect(claimDeadline("damage", OPENED, p)).toEqual(new Date("2024-05-12T02:00:00Z"));
  });
});

describe("claim status", () => {
  const due = new Date("2024-06-09T02:00:00Z");

  it("SOP-72: a claim with more than 3 days left is open", () => {
    expect(claimStatus(claim(), new Date(due.getTime() - 3 * 24 * HOUR - 1))).toBe("open");
  });

  it("SOP-72: within 3 days of the deadline a claim is due soon", () => {
    expect(claimStatus(claim(), new Date(due.getTime() - 3 * 24 * HOUR))).toBe("due_soon");
    expect(claimStatus(claim(), new Date(due.getTime() - HOUR))).toBe("due_soon");
    expect(claimStatus(claim(), due)).toBe("due_soon");
  });

  it("SOP-72: past the deadline a claim is overdue, whatever head office is doing", () => {
    const waiting = claim({ note: "总公司尚未答复 (head office has not decided)" });
    expect(claimStatus(waiting, new Date(due.getTime() + 1))).toBe("overdue");
  });

  it("SOP-70: a settled claim is settled, even when it was settled late", () => {
    expect(
      claimStatus(
        claim({ settledAt: new Date(due.getTime() + 5 * HOUR) }),
        new Date(due.getTime() + 10 * HOUR),
      ),
    ).toBe("settled");
  });

  it("SOP-72: the module offers no way to extend or move a deadline", () => {
    const names = Object.keys(claimModule);
    expect(names.filter((n) => /extend|postpone|defer|delay|move|reschedule/i.test(n))).toEqual([]);
    expect(names.sort()).toEqual(["CLAIM_DUE_SOON_MS", "claimDeadline", "claimStatus"]);
  });
});
