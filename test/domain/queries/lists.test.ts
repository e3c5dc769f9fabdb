import { describe, expect, it } from "vitest";
import { agentQueryList, overdueQueryList, ownQueryList } from "../../../src/domain/queries/lists";
import { openQuery } from "../../support/queries";

const at = (iso: string) => new Date(iso);

const query = openQuery;

/** The list rules of /queries, /overdue and the Slack App Home. */
describe("which open queries staff see, in which order", () => {
  const now = at("2026-11-27T03:00:00Z");
  const open = [
    query("later", "2026-11-27T03:20:00Z"),
    query("colleague", "2026-11-27T03:10:00Z", { assignee: "chen" }),
    query("late", "2026-11-27T02:50:00Z", { assignee: "wang" }),
    query("untaken", "2026-11-27T03:05:00Z"),
  ];

  it("SOP-10: an agent sees every open query, a colleague's too, the overdue first then the earliest due", () => {
    expect(agentQueryList(open, now).map((q) => q.id)).toEqual(["late", "untaken", "colleague", "later"]);
    expect(open.map((q) => q.id)).toEqual(["later", "colleague", "late", "untaken"]); // not sorted in place
  });

  it("an agent's own list (the App Home) keeps the untaken and their own, not a colleague's, in the same order", () => {
    expect(ownQueryList(open, "wang", now).map((q) => q.id)).toEqual(["late", "untaken", "later"]);
    expect(ownQueryList(open, "chen", now).map((q) => q.id)).toEqual(["untaken", "colleague", "later"]);
  });

  it("SOP-10, SOP-11: the duty lead's list is the overdue part, in the same order", () => {
    const alsoLate = query("also-late", "2026-11-27T02:40:00Z", { kind: "branch" });
    expect(overdueQueryList([...open, alsoLate], now).map((q) => q.id)).toEqual(["also-late", "late"]);
    expect(overdueQueryList(open, at("2026-11-27T02:00:00Z"))).toEqual([]);
  });
});
