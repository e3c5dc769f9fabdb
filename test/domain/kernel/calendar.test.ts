import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { createBusinessCalendar, MAX_SEARCH_DAYS } from "../../../src/domain/kernel/calendar";
import { parseClockTime } from "../../../src/domain/kernel/clock-time";

// Asia/Shanghai is UTC+8 all year: 2026-11-27T10:45:00Z is Friday 18:45 in the branch.
const at = (iso: string) => new Date(iso);
const time = (text: string) => {
  const t = parseClockTime(text);
  if (!t) throw new Error(text);
  return t;
};

const standard = createBusinessCalendar(defaultPolicy());
const weekdaysOnly = createBusinessCalendar(defaultPolicy({ deskHours: { closedWeekdays: ["sat", "sun"] } }));
const nationalDay = createBusinessCalendar(
  defaultPolicy({
    deskHours: {
      closedDates: [
        "2026-10-01",
        "2026-10-02",
        "2026-10-03",
        "2026-10-04",
        "2026-10-05",
        "2026-10-06",
        "2026-10-07",
      ],
    },
  }),
);

describe("branch clock", () => {
  it("SOP-12: the local date follows the branch clock across midnight", () => {
    expect(standard.localDate(at("2026-11-27T15:59:00Z"))).toBe("2026-11-27"); // 23:59
    expect(standard.localDate(at("2026-11-27T16:00:00Z"))).toBe("2026-11-28"); // 00:00
    expect(standard.localMinutes(at("2026-11-27T10:45:00Z"))).toBe(18 * 60 + 45);
  });

  it("SOP-12: a clock time on a date is read on the branch clock, 24:00 being the next midnight", () => {
    expect(standard.atLocalTime("2026-11-27", time("08:00"))).toEqual(at("2026-11-27T00:00:00Z"));
    expect(standard.atLocalTime("2026-11-27", time("18:30"))).toEqual(at("2026-11-27T10:30:00Z"));
    expect(standard.atLocalTime("2026-11-27", time("24:00"))).toEqual(at("2026-11-27T16:00:00Z"));
    expect(standard.atLocalTime("2026-12-31", time("24:00"))).toEqual(at("2026-12-31T16:00:00Z"));
  });

  it("SOP-12: plain date arithmetic crosses month and year ends", () => {
    expect(standard.addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(standard.addDays("2028-03-01", -1)).toBe("2028-02-29");
  });
});

describe("desk days and hours", () => {
  it("SOP-12: the desk is open from 08:00 up to, not including, 18:30", () => {
    expect(standard.isDeskOpen(at("2026-11-26T23:59:00Z"))).toBe(false); // 07:59
    expect(standard.isDeskOpen(at("2026-11-27T00:00:00Z"))).toBe(true); // 08:00
    expect(standard.isDeskOpen(at("2026-11-27T10:29:59Z"))).toBe(true); // 18:29:59
    expect(standard.isDeskOpen(at("2026-11-27T10:30:00Z"))).toBe(false); // 18:30
  });

  it("SOP-12: closed weekdays and closed dates are not desk days", () => {
    expect(weekdaysOnly.isDeskDay("2026-11-27")).toBe(true); // Friday
    expect(weekdaysOnly.isDeskDay("2026-11-28")).toBe(false); // Saturday
    expect(weekdaysOnly.isDeskDay("2026-11-29")).toBe(false); // Sunday
    expect(nationalDay.isDeskDay("2026-10-01")).toBe(false);
    expect(nationalDay.isDeskDay("2026-10-08")).toBe(true);
    // Saturday 10:00 is within the hours, but the desk does not open that day.
    expect(weekdaysOnly.isDeskOpen(at("2026-11-28T02:00:00Z"))).toBe(false);
  });

  it("SOP-12: the next desk day skips a weekend and a holiday week", () => {
    expect(weekdaysOnly.nextDeskDay("2026-11-27")).toBe("2026-11-30");
    expect(weekdaysOnly.deskDayOnOrAfter("2026-11-27")).toBe("2026-11-27");
    expect(weekdaysOnly.deskDayOnOrAfter("2026-11-28")).toBe("2026-11-30");
    expect(nationalDay.nextDeskDay("2026-09-30")).toBe("2026-10-08");
  });
});

describe("next opening", () => {
  it("SOP-12: while the desk is open the next opening is now", () => {
    const now = at("2026-11-27T02:00:00Z");
    expect(standard.nextOpening(now)).toEqual(now);
    expect(standard.deliverableAt(now)).toEqual(now);
  });

  it("SOP-12: before opening on a desk day the desk opens at 08:00 that same day", () => {
    expect(standard.nextOpening(at("2026-11-26T23:00:00Z"))).toEqual(at("2026-11-27T00:00:00Z")); // 07:00
  });

  it("SOP-12: after closing the desk opens at 08:00 the next day, before or after midnight", () => {
    expect(standard.nextOpening(at("2026-11-27T10:45:00Z"))).toEqual(at("2026-11-28T00:00:00Z")); // 18:45
    expect(standard.nextOpening(at("2026-11-27T15:30:00Z"))).toEqual(at("2026-11-28T00:00:00Z")); // 23:30
    expect(standard.nextOpening(at("2026-11-27T16:30:00Z"))).toEqual(at("2026-11-28T00:00:00Z")); // 00:30
  });

  it("SOP-12: Friday evening with weekends closed opens Monday 08:00, also from Saturday night", () => {
    expect(weekdaysOnly.nextOpening(at("2026-11-27T10:45:00Z"))).toEqual(at("2026-11-30T00:00:00Z"));
    expect(weekdaysOnly.nextOpening(at("2026-11-28T16:30:00Z"))).toEqual(at("2026-11-30T00:00:00Z"));
  });

  it("SOP-12: a notice due at night is held until the desk opens (deliverableAt)", () => {
    expect(standard.deliverableAt(at("2026-11-27T19:00:00Z"))).toEqual(at("2026-11-28T00:00:00Z")); // 03:00
    expect(nationalDay.deliverableAt(at("2026-10-03T02:00:00Z"))).toEqual(at("2026-10-08T00:00:00Z"));
  });

  it("SOP-12: a desk with so many closed dates that no day opens within the search limit throws", () => {
    // Monday to Saturday closed by weekday, and every Sunday for more than the limit closed by date.
    const sundays = Array.from({ length: Math.ceil(MAX_SEARCH_DAYS / 7) + 2 }, (_, i) =>
      standard.addDays("2026-11-29", 7 * i),
    );
    const never = createBusinessCalendar(
      defaultPolicy({
        deskHours: { closedWeekdays: ["mon", "tue", "wed", "thu", "fri", "sat"], closedDates: sundays },
      }),
    );
    expect(() => never.nextOpening(at("2026-11-27T10:45:00Z"))).toThrow(/no desk day within 400 days/);
  });
});

describe("an always-open desk", () => {
  const always = createBusinessCalendar(
    defaultPolicy({ deskHours: { opens: "00:00", closes: "24:00", closedWeekdays: ["sun"] } }),
  );

  it("SOP-12: opens 00:00 and closes 24:00 is open at any hour of a desk day, midnight included", () => {
    expect(always.isDeskOpen(at("2026-11-27T19:00:00Z"))).toBe(true); // Sat 03:00
    expect(always.isDeskOpen(at("2026-11-27T15:59:59Z"))).toBe(true); // Fri 23:59:59
    expect(always.isDeskOpen(at("2026-11-27T16:00:00Z"))).toBe(true); // Sat 00:00
    expect(always.nextOpening(at("2026-11-27T19:00:00Z"))).toEqual(at("2026-11-27T19:00:00Z"));
  });

  it("SOP-12: a closed day still closes an always-open desk until the next midnight", () => {
    expect(always.isDeskOpen(at("2026-11-29T04:00:00Z"))).toBe(false); // Sunday 12:00
    expect(always.nextOpening(at("2026-11-29T04:00:00Z"))).toEqual(at("2026-11-29T16:00:00Z")); // Mon 00:00
  });
});

describe("a branch in another time zone", () => {
  const newYork = createBusinessCalendar(
    defaultPolicy({
      timezone: "America/New_York",
      deskHours: { opens: "09:00", closes: "17:00", closedWeekdays: ["sat", "sun"] },
    }),
  );

  it("SOP-12: desk hours are read on the branch's own clock, daylight saving included", () => {
    expect(newYork.isDeskOpen(at("2026-03-06T13:30:00Z"))).toBe(false); // Fri 08:30 EST
    expect(newYork.nextOpening(at("2026-03-06T13:30:00Z"))).toEqual(at("2026-03-06T14:00:00Z")); // 09:00 EST
    expect(newYork.isDeskOpen(at("2026-03-09T13:30:00Z"))).toBe(true); // Mon 09:30 EDT
  });

  it("SOP-12: Friday evening in New York opens Monday 09:00 after the clocks went forward", () => {
    expect(newYork.localDate(at("2026-03-07T03:00:00Z"))).toBe("2026-03-06"); // Fri 22:00 EST
    expect(newYork.nextOpening(at("2026-03-07T03:00:00Z"))).toEqual(at("2026-03-09T13:00:00Z"));
  });
});
