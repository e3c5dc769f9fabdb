import { describe, expect, it } from "vitest";
import { queriesToComplainAbout } from "../../../src/domain/complaints/queries-offered";
import { deskLookups } from "../../../src/domain/desk/lookups";
import type { Query } from "../../../src/domain/ports/records";
import { fileStore, testId } from "../../support/use-case-harness";

/** SOP-82: the customer's own questions /complain offers: open or answered in 30 days, newest 3. */
const store = await fileStore();
const lookups = deskLookups(store);
const now = new Date("2026-11-27T02:00:00Z");
const DAY = 86_400_000;

function query(chatId: string, createdDaysAgo: number, answeredDaysAgo?: number): Query {
  const created = new Date(now.getTime() - createdDaysAgo * DAY);
  const answeredAt = answeredDaysAgo === undefined ? null : new Date(now.getTime() - answeredDaysAgo * DAY);
  return {
    id: testId(),
    kind: "customer",
    trackingNo: null,
    askedBy: { channel: "telegram", chatId },
    fromBranch: null,
    language: "zh",
    text: `第 ${createdDaysAgo} 天前的问题`,
    createdAt: created,
    warnAt: created,
    dueAt: created,
    status: answeredAt ? "answered" : "open",
    assignee: answeredAt ? "wang" : null,
    answeredAt,
    answeredBy: answeredAt ? "wang" : null,
  };
}

describe("SOP-82: the questions a complaint may be about", () => {
  it("offers the newest three of those open or answered within 30 days", async () => {
    const chat = `c-${testId()}`;
    const [recent, older, open, oldest] = [
      query(chat, 2, 1),
      query(chat, 10, 9),
      query(chat, 40),
      query(chat, 45, 20),
    ];
    for (const q of [recent, older, open, oldest]) await store.queries.insert(q);
    // Another chat's question is never offered.
    await store.queries.insert(query(`other-${testId()}`, 1, 1));
    const offered = await queriesToComplainAbout(lookups, { channel: "telegram", chatId: chat }, now);
    expect(offered.map((q) => q.id)).toEqual([recent.id, older.id, open.id]);
  });

  it("leaves out a question answered more than 30 days ago", async () => {
    const chat = `c-${testId()}`;
    const stale = query(chat, 35, 31);
    const within = query(chat, 35, 29);
    for (const q of [stale, within]) await store.queries.insert(q);
    const offered = await queriesToComplainAbout(lookups, { channel: "telegram", chatId: chat }, now);
    expect(offered.map((q) => q.id)).toEqual([within.id]);
  });
});
