import { describe, expect, it } from "vitest";
import { defaultPolicy, policySchema } from "../../../src/domain/config/policy";
import { dailyCronAt, parseDailyTime } from "../../../src/domain/deliveries/daily-time";
import { deliveryJobTimes } from "../../../src/domain/deliveries/jobs";

/** The deliveries' policy keys are optional: existing policy files load, and the defaults follow the SOP. */
describe("SOP-44, SOP-74 policy times", () => {
  const times = (input: Parameters<typeof defaultPolicy>[0]) =>
    Object.fromEntries(Object.entries(deliveryJobTimes(defaultPolicy(input))).map(([k, v]) => [k, v.text]));

  it("SOP-44, SOP-74: by default the list an hour before closing (17:30), the reminder at 09:30, the escalation at 10:00", () => {
    expect(times({})).toEqual({
      "undelivered-list": "17:30",
      "receipts-remind": "09:30",
      "receipts-escalate": "10:00",
    });
  });

  it("follows a branch's own closing and deadline when the new keys are not set (its policy still loads)", () => {
    expect(times({ deskHours: { closes: "17:00" }, receipts: { enterSignedBy: "09:00" } })).toEqual({
      "undelivered-list": "16:00",
      "receipts-remind": "08:30",
      "receipts-escalate": "09:00",
    });
    expect(times({ deskHours: { opens: "00:00", closes: "24:00" } })["undelivered-list"]).toBe("23:00");
  });

  it("takes the times it is given, with seconds for tests, and refuses a list after closing or a reminder after the deadline", () => {
    expect(times({ undelivered: { listAt: "16:45:30" }, receipts: { remindAt: "09:00" } })).toMatchObject({
      "undelivered-list": "16:45:30",
      "receipts-remind": "09:00",
    });
    expect(policySchema.safeParse({ undelivered: { listAt: "19:00" } }).success).toBe(false);
    expect(policySchema.safeParse({ receipts: { remindAt: "10:30" } }).success).toBe(false);
    expect(policySchema.safeParse({ undelivered: { listAt: "25:00" } }).success).toBe(false);
  });

  it("writes a daily time as a cron pattern, with a seconds field only when it has seconds", () => {
    const cron = (text: string) => dailyCronAt(parseDailyTime(text) ?? { text, seconds: -1 });
    expect(cron("17:30")).toBe("30 17 * * *");
    expect(cron("09:05:07")).toBe("7 5 9 * * *");
    expect(parseDailyTime("24:00")).toBeUndefined();
  });
});
