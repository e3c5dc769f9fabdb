import { describe, expect, it } from "vitest";
import { defaultPolicy, policySchema } from "../../../src/domain/config/policy";

describe("policy", () => {
  it("SOP-10/11/12: defaults are the SOP's numbers", () => {
    const p = defaultPolicy();
    expect(p.queryReply.customer.iso).toBe("PT30M");
    expect(p.queryReply.branch.iso).toBe("PT2H");
    expect(p.deskHours.closes.text).toBe("18:30");
    expect(p.queryReply.afterHoursBy.text).toBe("09:00");
  });

  it("SOP-20/22/50/51/70/71: pickup, self-pickup and claim defaults", () => {
    const p = defaultPolicy();
    expect([p.pickup.earliest.text, p.pickup.cutoff.text]).toEqual(["15:00", "19:00"]);
    expect([p.selfPickup.messageOriginAfter.iso, p.selfPickup.returnAfterNoReply.iso]).toEqual([
      "P3D",
      "P5D",
    ]);
    expect([p.claims.loss.iso, p.claims.delayOrDamage.iso]).toEqual(["P30D", "P15D"]);
  });

  it("takes seconds for tests (PT5S) and keeps the other defaults", () => {
    const p = defaultPolicy({ queryReply: { customer: "PT5S" } });
    expect(p.queryReply.customer.parts).toEqual({ seconds: 5 });
    expect(p.queryReply.branch.parts).toEqual({ hours: 2 });
  });

  it("an always-open desk is 00:00 to 24:00", () => {
    const p = defaultPolicy({ deskHours: { opens: "00:00", closes: "24:00" } });
    expect([p.deskHours.opens.minutes, p.deskHours.closes.minutes]).toEqual([0, 1440]);
  });

  it.each([
    [{ timezone: "Mars/Olympus" }, "timezone"],
    [{ deskHours: { opens: "8:00" } }, "deskHours.opens"],
    [{ deskHours: { opens: "19:00", closes: "18:30" } }, "deskHours.closes"],
    [{ pickup: { earliest: "20:00" } }, "pickup.cutoff"],
    [{ pickup: { acceptWithin: "15 minutes" } }, "pickup.acceptWithin"],
    [{ pickup: { acceptWithin: "PT0S" } }, "pickup.acceptWithin"], // would re-ping at once, forever
    [{ queryReply: { customer: "PT0M" } }, "queryReply.customer"], // SOP-10: due as it arrives
    [
      { deskHours: { closedWeekdays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] } },
      "deskHours.closedWeekdays",
    ],
    [{ trackingNumber: { pattern: "([" } }, "trackingNumber.pattern"],
  ])("rejects %o at %s", (input, path) => {
    const result = policySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join(".")).toBe(path);
  });
});
