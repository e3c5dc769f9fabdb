import { describe, expect, it } from "vitest";
import { defaultPolicy, type PolicyInput } from "../../../src/domain/config/policy";
import { createBusinessCalendar } from "../../../src/domain/kernel/calendar";
import type { QueryKind } from "../../../src/domain/ports/records";
import {
  byUrgency,
  isOverdue,
  newQuery,
  QUERY_TEXT_MAX_LENGTH,
  replyDeadline,
} from "../../../src/domain/queries/reply-deadline";
import { openQuery } from "../../support/queries";

// Asia/Shanghai is UTC+8: 2026-11-27T10:45:00Z is Friday 18:45 at the branch.
const at = (iso: string) => new Date(iso);

function deadline(kind: QueryKind, receivedAt: string, overrides: PolicyInput = {}) {
  const policy = defaultPolicy(overrides);
  return replyDeadline(policy, createBusinessCalendar(policy), kind, at(receivedAt));
}

describe("reply deadlines while the desk is open", () => {
  it("SOP-10: a customer query at 10:00 is due at 10:30, warned at 10:20", () => {
    const d = deadline("customer", "2026-11-27T02:00:00Z");
    expect(d.dueAt).toEqual(at("2026-11-27T02:30:00Z"));
    expect(d.warnAt).toEqual(at("2026-11-27T02:20:00Z"));
    expect(d.afterHours).toBe(false);
    expect(d.carriedOver).toBe(false);
  });

  it("SOP-11: a branch query at 10:00 is due at 12:00, warned at 11:50", () => {
    const d = deadline("branch", "2026-11-27T02:00:00Z");
    expect(d.dueAt).toEqual(at("2026-11-27T04:00:00Z"));
    expect(d.warnAt).toEqual(at("2026-11-27T03:50:00Z"));
  });

  it("SOP-10: a customer query at 18:00 is due exactly at closing, 18:30, the same day", () => {
    const d = deadline("customer", "2026-11-27T10:00:00Z");
    expect(d.dueAt).toEqual(at("2026-11-27T10:30:00Z"));
    expect(d.carriedOver).toBe(false);
  });

  it("SOP-10: the warning is never before the query arrived", () => {
    const d = deadline("customer", "2026-11-27T02:00:00Z", { queryReply: { warnBefore: "PT45M" } });
    expect(d.dueAt).toEqual(at("2026-11-27T02:30:00Z"));
    expect(d.warnAt).toEqual(at("2026-11-27T02:00:00Z"));
  });

  it("SOP-10: the durations come from the policy, not from the code", () => {
    const d = deadline("customer", "2026-11-27T02:00:00Z", { queryReply: { customer: "PT15M" } });
    expect(d.dueAt).toEqual(at("2026-11-27T02:15:00Z"));
  });
});

describe("reply deadlines across closing (the clock pauses overnight)", () => {
  it("SOP-12: a customer query at 18:20 is due at 08:20 the next day, warned at 08:10", () => {
    const d = deadline("customer", "2026-11-27T10:20:00Z");
    expect(d.dueAt).toEqual(at("2026-11-28T00:20:00Z"));
    expect(d.warnAt).toEqual(at("2026-11-28T00:10:00Z"));
    expect(d.afterHours).toBe(false);
    expect(d.carriedOver).toBe(true);
  });

  it("SOP-11: a branch query at 17:00 carries its last 30 minutes over: due 08:30 the next day", () => {
    expect(deadline("branch", "2026-11-27T09:00:00Z").dueAt).toEqual(at("2026-11-28T00:30:00Z"));
  });

  it("SOP-12: a branch query at 18:00 is due at 09:00 the next day, not 09:30", () => {
    const d = deadline("branch", "2026-11-27T10:00:00Z");
    expect(d.dueAt).toEqual(at("2026-11-28T01:00:00Z"));
    expect(d.warnAt).toEqual(at("2026-11-28T00:50:00Z"));
  });

  it("SOP-12: a customer query at 18:20 before a holiday week is due at 08:20 after it", () => {
    const d = deadline("customer", "2026-09-30T10:20:00Z", {
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
    });
    expect(d.dueAt).toEqual(at("2026-10-08T00:20:00Z"));
  });

  it("SOP-10: an always-open desk never pauses: 23:50 is due 00:20, no carry-over", () => {
    const d = deadline("customer", "2026-11-27T15:50:00Z", {
      deskHours: { opens: "00:00", closes: "24:00" },
    });
    expect(d.dueAt).toEqual(at("2026-11-27T16:20:00Z"));
    expect(d.afterHours).toBe(false);
    expect(d.carriedOver).toBe(false);
  });
});

describe("reply deadlines for queries received while the desk is closed", () => {
  it("SOP-12: a query at 18:45 is due at 09:00 the next day, warned at 08:50", () => {
    const d = deadline("customer", "2026-11-27T10:45:00Z");
    expect(d.dueAt).toEqual(at("2026-11-28T01:00:00Z"));
    expect(d.warnAt).toEqual(at("2026-11-28T00:50:00Z"));
    expect(d.afterHours).toBe(true);
  });

  it("SOP-12: a branch query after closing is due at 09:00 too, not two hours after opening", () => {
    expect(deadline("branch", "2026-11-27T10:45:00Z").dueAt).toEqual(at("2026-11-28T01:00:00Z"));
  });

  it("SOP-12: a query at 02:00, past midnight, is due at 09:00 that same day", () => {
    expect(deadline("customer", "2026-11-27T18:00:00Z").dueAt).toEqual(at("2026-11-28T01:00:00Z"));
  });

  it("SOP-12: a query at 07:00 on a desk day is due at 09:00 that same day", () => {
    const d = deadline("customer", "2026-11-26T23:00:00Z");
    expect(d.dueAt).toEqual(at("2026-11-27T01:00:00Z"));
    expect(d.afterHours).toBe(true);
  });

  it("SOP-12: a query on Friday evening with weekends closed is due Monday 09:00", () => {
    const weekends = { deskHours: { closedWeekdays: ["sat", "sun"] as ("sat" | "sun")[] } };
    expect(deadline("customer", "2026-11-27T10:45:00Z", weekends).dueAt).toEqual(at("2026-11-30T01:00:00Z"));
    // Saturday noon too.
    expect(deadline("customer", "2026-11-28T04:00:00Z", weekends).dueAt).toEqual(at("2026-11-30T01:00:00Z"));
  });

  it("SOP-12: the morning deadline is never before the desk opens (opens 10:00, afterHoursBy 09:00)", () => {
    const d = deadline("customer", "2026-11-27T10:45:00Z", { deskHours: { opens: "10:00" } });
    expect(d.dueAt).toEqual(at("2026-11-28T02:00:00Z"));
  });

  it("SOP-12: a London branch reads 18:45 and 09:00 on its own clock", () => {
    const d = deadline("customer", "2026-11-27T18:45:00Z", { timezone: "Europe/London" });
    expect(d.dueAt).toEqual(at("2026-11-28T09:00:00Z"));
    expect(d.afterHours).toBe(true);
  });
});

const query = openQuery;

describe("overdue queries and the desk's order", () => {
  it("SOP-10: an open query is overdue from its due time on; an answered one never is", () => {
    const q = query("a", "2026-11-27T02:30:00Z");
    expect(isOverdue(q, at("2026-11-27T02:29:59Z"))).toBe(false);
    expect(isOverdue(q, at("2026-11-27T02:30:00Z"))).toBe(true);
    expect(isOverdue({ ...q, status: "answered" }, at("2026-11-27T05:00:00Z"))).toBe(false);
  });

  it("SOP-10: overdue queries come first, then the earliest due, then the oldest", () => {
    const now = at("2026-11-27T03:00:00Z");
    const answeredEarly = query("answered", "2026-11-27T01:00:00Z", { status: "answered" });
    const overdue = query("overdue", "2026-11-27T02:00:00Z");
    const laterNew = query("later-new", "2026-11-27T04:00:00Z", { createdAt: at("2026-11-27T02:00:00Z") });
    const laterOld = query("later-old", "2026-11-27T04:00:00Z");
    const soon = query("soon", "2026-11-27T03:30:00Z");
    const sorted = [laterNew, soon, answeredEarly, laterOld, overdue].sort(byUrgency(now));
    expect(sorted.map((q) => q.id)).toEqual(["overdue", "answered", "soon", "later-old", "later-new"]);
  });
});

describe("opening a query", () => {
  const policy = defaultPolicy();
  const deps = { policy, calendar: createBusinessCalendar(policy) };
  const base = {
    id: "q1",
    kind: "customer" as const,
    askedBy: { channel: "telegram" as const, chatId: "42" },
    language: "zh" as const,
    receivedAt: at("2026-11-27T10:20:00Z"),
  };

  it("SOP-10: a new query is open, trimmed, and carries its SOP-12 deadline", () => {
    const r = newQuery({ ...base, text: "  查一下 YT1234567890 \n", trackingNo: "YT1234567890" }, deps);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.query.text).toBe("查一下 YT1234567890");
    expect(r.query.status).toBe("open");
    expect(r.query.trackingNo).toBe("YT1234567890");
    expect(r.query.createdAt).toEqual(base.receivedAt);
    expect(r.query.dueAt).toEqual(at("2026-11-28T00:20:00Z"));
    expect(r.query.warnAt).toEqual(at("2026-11-28T00:10:00Z"));
    expect(r.deadline.carriedOver).toBe(true);
  });

  it("SOP-11: a branch query keeps the branch that asked", () => {
    const r = newQuery({ ...base, kind: "branch", text: "请查件", fromBranch: " 南京分公司 " }, deps);
    expect(r.ok && r.query.fromBranch).toBe("南京分公司");
    expect(r.ok && r.query.kind).toBe("branch");
  });

  it("SOP-10: blank text is refused as a value, not an exception", () => {
    expect(newQuery({ ...base, text: " \n\t " }, deps)).toEqual({ ok: false, reason: "empty" });
  });

  it("SOP-10: text longer than 2000 characters is refused; 2000 characters (emoji count once) pass", () => {
    expect(newQuery({ ...base, text: "查".repeat(QUERY_TEXT_MAX_LENGTH + 1) }, deps)).toEqual({
      ok: false,
      reason: "too_long",
    });
    expect(newQuery({ ...base, text: "📦".repeat(QUERY_TEXT_MAX_LENGTH) }, deps).ok).toBe(true);
  });
});
