import { z } from "zod";
import { dailyTimeSchema } from "../deliveries/daily-time";
import { clockTimeSchema } from "../kernel/clock-time";
import { isoDurationSchema } from "../kernel/duration";
import { coveragePolicySchema, goodsPolicySchema } from "../pickups/policy-keys";

/**
 * The branch's policy: every number of SOP.md, with SOP.md's values as defaults.
 * Keys documented in DESIGN.md are a contract: add keys, never rename them.
 */
const timeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "is not an IANA time zone such as Asia/Shanghai" },
);

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const yuan = z.number().nonnegative();

export const policySchema = z
  .object({
    timezone: timeZoneSchema.default("Asia/Shanghai"),
    // SOP-12: query lines staffed until 18:30. opens "00:00" + closes "24:00" means always open.
    deskHours: z
      .object({
        opens: clockTimeSchema.prefault("08:00"),
        closes: clockTimeSchema.prefault("18:30"),
        // SOP-14: after 17:30 one query seat stays open.
        oneSeatAfter: clockTimeSchema.prefault("17:30"),
        // SOP-14: a seat busy (示忙) for longer than this is told to the duty lead (queries/seats.ts).
        awayNoticeAfter: isoDurationSchema.prefault("PT5M"),
        // Days the desk does not open at all (additions, not in SOP.md: a branch's own calendar).
        closedWeekdays: z
          .array(z.enum(WEEKDAYS))
          .max(6, "the desk must open on at least one weekday")
          .default([]),
        closedDates: z.array(isoDate).default([]),
      })
      .strict()
      .prefault({}),
    queryReply: z
      .object({
        customer: isoDurationSchema.prefault("PT30M"), // SOP-10
        branch: isoDurationSchema.prefault("PT2H"), // SOP-11
        warnBefore: isoDurationSchema.prefault("PT10M"),
        afterHoursBy: clockTimeSchema.prefault("09:00"), // SOP-12: answered before 09:00 the next day
        lateBranchComplaintFineYuan: yuan.default(200), // SOP-11
        // After an answer, what the customer sends this long joins the query's thread and reopens it.
        threadFor: isoDurationSchema.prefault("PT24H"),
      })
      .strict()
      .prefault({}),
    pickup: z
      .object({
        earliest: clockTimeSchema.prefault("15:00"), // SOP-20
        cutoff: clockTimeSchema.prefault("19:00"), // SOP-22
        businessLineUntil: clockTimeSchema.prefault("19:30"), // SOP-22
        // SOP-23: a morning pickup is agreed with the courier from the desk's opening until this time.
        morningEnds: clockTimeSchema.prefault("12:00"),
        acceptWithin: isoDurationSchema.prefault("PT15M"),
      })
      .strict()
      .prefault({}),
    // SOP-26: the words that refuse goods (prohibited, fragile, by air; `add` extends the defaults).
    goods: goodsPolicySchema,
    // SOP-27: the destinations the network delivers to (default: the mainland's 31 divisions).
    coverage: coveragePolicySchema,
    selfPickup: z
      .object({
        messageOriginAfter: isoDurationSchema.prefault("P3D"), // SOP-50
        returnAfterNoReply: isoDurationSchema.prefault("P5D"), // SOP-51
      })
      .strict()
      .prefault({}),
    claims: z
      .object({
        loss: isoDurationSchema.prefault("P30D"), // SOP-70
        delayOrDamage: isoDurationSchema.prefault("P15D"), // SOP-71
        // Issue 12: the claim's holder is warned this long before its deadline.
        warnBeforeLoss: isoDurationSchema.prefault("P5D"),
        warnBeforeDelayOrDamage: isoDurationSchema.prefault("P3D"),
      })
      .strict()
      .prefault({}),
    // SOP-82: a complaint nobody acts on within this time goes up a level (branch → region → head office).
    complaints: z
      .object({ actWithin: isoDurationSchema.prefault("PT24H") })
      .strict()
      .prefault({}),
    // SOP-60: return fees by destination.
    returnFees: z
      .object({
        freeRegions: z
          .array(z.string().min(1))
          .default(["江苏", "浙江", "上海", "安徽", "菏泽", "济宁", "枣庄"]),
        shuttleFreeUpToKg: z.number().nonnegative().default(5),
        shuttlePerKgYuan: yuan.default(2),
        // SOP-60: "over 5 kg, 2 yuan/kg" read as the whole weight ("whole": 7 kg → 14 yuan), or only
        // the kilograms over the free limit ("over_free": 7 kg → 4 yuan).
        shuttleChargedWeight: z.enum(["whole", "over_free"]).default("whole"),
        // Provinces the network shuttle (网络班车) does not reach; Tibet has its own rate below.
        noShuttleRegions: z.array(z.string().min(1)).default(["新疆", "青海"]),
        noShuttlePerKgYuan: yuan.default(5),
        tibetRegions: z.array(z.string().min(1)).default(["西藏"]),
        tibetPerKgYuan: yuan.default(8),
      })
      .strict()
      .prefault({}),
    // SOP-50, SOP-38, SOP-45: a message to the origin branch nobody has recorded as sent is
    // repeated to the agents each desk morning and goes to the supervisors after this long.
    originMessage: z
      .object({ escalateAfter: isoDurationSchema.prefault("P1D") })
      .strict()
      .prefault({}),
    // SOP-73, SOP-74: signed receipts.
    receipts: z
      .object({
        keepFor: isoDurationSchema.prefault("P180D"),
        // SOP-74: deliveries not entered by then the next day go to the duty leads (deliveries/receipts-jobs.ts).
        enterSignedBy: dailyTimeSchema.prefault("10:00"),
        // SOP-74: the couriers are reminded of their deliveries not yet entered; unset, half an hour before enterSignedBy.
        remindAt: dailyTimeSchema.optional(),
      })
      .strict()
      .prefault({}),
    // SOP-44: the day's undelivered parcels are listed for the agents at this time, before closing;
    // unset, an hour before deskHours.closes (17:30 with the SOP's 18:30).
    undelivered: z.object({ listAt: dailyTimeSchema.optional() }).strict().prefault({}),
    trackingNumber: z
      .object({
        // Waybill numbers of the network after normalisation (upper-case, no spaces or dashes).
        pattern: z
          .string()
          // Letters then digits (YT…, JD…), 12+ digits (SF, ZTO, STO, Yunda…), or UPU S10 (EA123456789CN).
          // Eleven digits alone are a mobile number, never a waybill: 13800000003 is not tracked.
          .default("^(?:[A-Z]{1,4}[0-9]{8,18}|[0-9]{12,18}|[A-Z]{2}[0-9]{9}[A-Z]{2})$")
          .refine(
            (p) => {
              try {
                new RegExp(p);
                return true;
              } catch {
                return false;
              }
            },
            { message: "is not a valid regular expression" },
          ),
      })
      .strict()
      .prefault({}),
    // Issue 17: pushes to a parcel's followers wait for the morning inside these hours (starts = ends: never).
    following: z
      .object({
        quietHours: z
          .object({ starts: clockTimeSchema.prefault("21:00"), ends: clockTimeSchema.prefault("08:00") })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    // A conversation left idle this long starts afresh.
    session: z
      .object({ idleAfter: isoDurationSchema.prefault("PT30M") })
      .strict()
      .prefault({}),
    // SOP-90: calls per agent per month.
    workload: z
      .object({
        peakMonths: z.array(z.number().int().min(1).max(12)).default([9, 10, 11, 12, 1, 2, 3]),
        peakCallsPerAgentMonth: z.number().int().positive().default(1150),
        offCallsPerAgentMonth: z.number().int().positive().default(650),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.deskHours.opens.minutes >= p.deskHours.closes.minutes) {
      ctx.addIssue({
        code: "custom",
        path: ["deskHours", "closes"],
        message: "must be later than deskHours.opens",
      });
    }
    if (p.pickup.earliest.minutes >= p.pickup.cutoff.minutes) {
      ctx.addIssue({
        code: "custom",
        path: ["pickup", "cutoff"],
        message: "must be later than pickup.earliest",
      });
    }
    // SOP-44: the list is worked through the same day, before the desk closes.
    if (p.undelivered.listAt && p.undelivered.listAt.seconds >= p.deskHours.closes.minutes * 60) {
      ctx.addIssue({
        code: "custom",
        path: ["undelivered", "listAt"],
        message: "must be earlier than deskHours.closes",
      });
    }
    if (p.receipts.remindAt && p.receipts.remindAt.seconds >= p.receipts.enterSignedBy.seconds) {
      ctx.addIssue({
        code: "custom",
        path: ["receipts", "remindAt"],
        message: "must be earlier than receipts.enterSignedBy",
      });
    }
  });

export type Policy = z.output<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

/** The SOP defaults, for tests and for a branch with no policy file. */
export function defaultPolicy(overrides: PolicyInput = {}): Policy {
  return policySchema.parse(overrides);
}
