import { describe, expect, it } from "vitest";
import type { Query } from "../../../src/domain/ports/records";
import { lastActivity, pickThread } from "../../../src/domain/queries/thread";

/**
 * Issue 14 §1: a customer's reply joins the conversation it answers: the thread where the desk (or
 * the customer) spoke last, not merely the newest open one; a number names its own thread.
 */
function query(id: string, trackingNo: string | null, createdAt: string, extra: Partial<Query> = {}): Query {
  const at = new Date(createdAt);
  return {
    id,
    kind: "customer",
    trackingNo,
    askedBy: { channel: "web", chatId: "carol" },
    fromBranch: null,
    language: "zh",
    text: "?",
    createdAt: at,
    warnAt: at,
    dueAt: at,
    status: "open",
    assignee: null,
    answeredAt: null,
    answeredBy: null,
    ...extra,
  };
}

describe("pickThread: which conversation a reply joins", () => {
  const first = query("q1", "YT1", "2026-11-27T02:00:00Z", {
    status: "answered",
    answeredAt: new Date("2026-11-27T02:20:00Z"),
  });
  const second = query("q2", "YT2", "2026-11-27T02:05:00Z");
  const newestFirst = [second, first];

  it("without a number: the thread answered last, not the newer one still open", () => {
    expect(pickThread(newestFirst)?.id).toBe("q1");
  });

  it("with a number: that number's thread, whatever moved last", () => {
    expect(pickThread(newestFirst, "YT2")?.id).toBe("q2");
  });

  it("a later message in the other thread makes it the live one", () => {
    const activity = new Map([
      ["q1", lastActivity(first)],
      ["q2", lastActivity(second, new Date("2026-11-27T02:30:00Z"))],
    ]);
    expect(pickThread(newestFirst, undefined, activity)?.id).toBe("q2");
  });

  it("equal activity: the newest first, as listed; branch queries never", () => {
    const a = query("a", null, "2026-11-27T02:00:00Z");
    const b = query("b", null, "2026-11-27T02:00:00Z");
    expect(pickThread([b, a])?.id).toBe("b");
    expect(pickThread([{ ...b, kind: "branch" }])).toBeUndefined();
  });
});
