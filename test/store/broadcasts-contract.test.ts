import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/domain/ports";
import type { Broadcast } from "../../src/domain/ports/broadcast-records";
import type { Query } from "../../src/domain/ports/records";
import { BACKENDS, openTestStore, type TestStore } from "../support/store-backends";

/** The SOP-83 broadcasts and the SOP-90 counts, the same on every backend. */

let n = 0;
const id = (prefix: string) => `${prefix}-${process.pid}-${++n}`;

function broadcast(sentAt: string, recipients: string[]): Broadcast {
  return {
    id: id("b"),
    sentBy: "li",
    text: "今天有暴雨,请注意行车安全",
    sentAt: new Date(sentAt),
    recipients: recipients.map((personId) => ({ personId, acknowledgedAt: null })),
  };
}

function answered(by: string, at: string): Query {
  const created = new Date(new Date(at).getTime() - 600_000);
  return {
    id: id("q"),
    kind: "customer",
    trackingNo: null,
    askedBy: { channel: "telegram", chatId: "1", userId: "1" },
    fromBranch: null,
    language: "zh",
    text: "在哪里",
    createdAt: created,
    warnAt: created,
    dueAt: created,
    status: "answered",
    assignee: by,
    answeredAt: new Date(at),
    answeredBy: by,
  };
}

describe.each(BACKENDS)("broadcasts and workload on %s", (backend) => {
  let t: TestStore;
  let store: Store;
  beforeAll(async () => {
    t = await openTestStore(backend, "broadcasts");
    store = t.store;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("keeps a broadcast with its recipients in the order sent, none acknowledged", async () => {
    const b = broadcast("2026-11-27T02:00:00Z", ["zhang", "liu", "zhao"]);
    await store.transaction((tx) => tx.broadcasts.insert(b));
    expect(await store.broadcasts.get(b.id)).toEqual(b);
    expect(await store.broadcasts.get("no-such")).toBeUndefined();
  });

  it("SOP-83: acknowledges once (compare and set); a second tap, a stranger and an unknown broadcast are told apart", async () => {
    const b = broadcast("2026-11-27T03:00:00Z", ["zhang", "liu"]);
    await store.broadcasts.insert(b);
    const at = new Date("2026-11-27T03:05:00Z");
    expect(await store.broadcasts.acknowledge(b.id, "zhang", at)).toBe("acknowledged");
    expect(await store.broadcasts.acknowledge(b.id, "zhang", new Date("2026-11-27T03:09:00Z"))).toBe(
      "already",
    );
    expect(await store.broadcasts.acknowledge(b.id, "wang", at)).toBe("not_recipient");
    expect(await store.broadcasts.acknowledge("no-such", "zhang", at)).toBe("not_found");
    const read = await store.broadcasts.get(b.id);
    expect(read?.recipients).toEqual([
      { personId: "zhang", acknowledgedAt: at },
      { personId: "liu", acknowledgedAt: null },
    ]);
  });

  it("lists the newest broadcasts first, at most the limit", async () => {
    const newest = broadcast("2026-11-28T01:00:00Z", ["zhao"]);
    await store.broadcasts.insert(newest);
    const recent = await store.broadcasts.listRecent(2);
    expect(recent.map((b) => b.id)[0]).toBe(newest.id);
    expect(recent).toHaveLength(2);
    expect(recent[0]?.recipients).toEqual([{ personId: "zhao", acknowledgedAt: null }]);
  });

  it("a broadcast rolled back with its transaction leaves nothing", async () => {
    const b = broadcast("2026-11-27T04:00:00Z", ["zhang"]);
    await expect(
      store.transaction(async (tx) => {
        await tx.broadcasts.insert(b);
        throw new Error("audit down");
      }),
    ).rejects.toThrow("audit down");
    expect(await store.broadcasts.get(b.id)).toBeUndefined();
  });

  it("SOP-90: counts answered queries per person within [from, to)", async () => {
    for (const q of [
      answered("wang", "2026-10-31T15:59:59Z"), // 23:59:59 on Oct 31 in Shanghai
      answered("wang", "2026-10-31T16:00:00Z"), // Nov 1, 00:00 in Shanghai
      answered("wang", "2026-11-15T02:00:00Z"),
      answered("chen", "2026-11-30T15:59:59Z"),
      answered("chen", "2026-11-30T16:00:00Z"), // December
    ]) {
      await store.queries.insert(q);
    }
    const counts = await store.workload.answeredCounts(
      new Date("2026-10-31T16:00:00Z"),
      new Date("2026-11-30T16:00:00Z"),
    );
    expect(counts).toEqual([
      { personId: "chen", count: 1 },
      { personId: "wang", count: 2 },
    ]);
  });
});
