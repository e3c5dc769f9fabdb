import { describe, expect, it } from "vitest";
import { claimLeftText } from "../../../src/domain/claims/common";
import * as claimModule from "../../../src/domain/claims/deadlines";
import { claimDeadline, claimWarnAt, parseYuan, yuanText } from "../../../src/domain/claims/deadlines";
import { defaultPolicy } from "../../../src/domain/config/policy";
import type { Claim } from "../../../src/domain/ports/records";
import { claimFixture } from "../../support/claims";

const policy = defaultPolicy();
const OPENED = new Date("2024-05-10T02:00:00Z"); // 10:00 in Shanghai
const HOUR = 60 * 60 * 1000;

/** A loss claim opened at OPENED and due 30 days later (SOP-70); `over` sets what a test needs. */
const claim = (over: Partial<Claim> = {}): Claim =>
  claimFixture({ kind: "loss", openedAt: OPENED, dueAt: new Date("2024-06-09T02:00:00Z"), ...over });

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

describe("the warning and the time left", () => {
  const due = new Date("2024-06-09T02:00:00Z");

  it("SOP-70: a loss claim is warned 5 days before its deadline; SOP-71: a damage 3 days before", () => {
    expect(claimWarnAt(claim(), policy)).toEqual(new Date(due.getTime() - 5 * 24 * HOUR));
    const damage = claim({ kind: "damage", dueAt: due });
    expect(claimWarnAt(damage, policy)).toEqual(new Date(due.getTime() - 3 * 24 * HOUR));
  });

  it("SOP-72: past the deadline staff read 'overdue', whatever head office is doing; before it, whole days up", () => {
    const waiting = claim({ note: "总公司尚未答复 (head office has not decided)" });
    expect(claimLeftText("zh", waiting, due)).toBe("已超期");
    expect(claimLeftText("en", waiting, new Date(due.getTime() + 1))).toBe("overdue");
    expect(claimLeftText("zh", waiting, new Date(due.getTime() - HOUR))).toBe("剩 1 天");
    expect(claimLeftText("en", waiting, new Date(due.getTime() - 24 * HOUR - 1))).toBe("2 days left");
  });

  it("the warning falls the policy's lead before the deadline, never before the claim was opened", () => {
    expect(claimWarnAt(claim(), policy)).toEqual(new Date("2024-06-04T02:00:00Z"));
    const quick = defaultPolicy({ claims: { loss: "P2D", warnBeforeLoss: "P5D" } });
    const c = claim({ dueAt: claimDeadline("loss", OPENED, quick) });
    expect(claimWarnAt(c, quick)).toEqual(OPENED);
  });

  it("reads amounts in yuan as staff type them, in fen; refuses what is no amount", () => {
    expect(parseYuan("200")).toBe(20_000);
    expect(parseYuan("199.5")).toBe(19_950);
    expect(parseYuan("￥ 1,200.05 元")).toBe(120_005);
    for (const bad of ["0", "-5", "abc", "1.234", "", "100001", "1e3"])
      expect(parseYuan(bad)).toBeUndefined();
    expect(yuanText(20_000)).toBe("200");
    expect(yuanText(19_950)).toBe("199.50");
  });

  it("SOP-72: the module offers no way to extend or move a deadline", () => {
    const names = Object.keys(claimModule);
    expect(names.filter((n) => /extend|postpone|defer|delay|move|reschedule/i.test(n))).toEqual([]);
    expect(names.sort()).toEqual([
      "CLAIM_AMOUNT_MAX_YUAN",
      "claimDaysLeft",
      "claimDeadline",
      "claimWarnAt",
      "parseYuan",
      "yuanText",
    ]);
  });
});
