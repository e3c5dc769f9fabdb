import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/domain/ports";
import type { BranchAsk } from "../../src/domain/ports/branch-ask-records";
import type { Query } from "../../src/domain/ports/records";
import { BACKENDS, openTestStore, type TestStore } from "../support/store-backends";

/** SOP-13: the queries raised to another branch (branch_asks), the same on every backend. */

let n = 0;
const id = (prefix: string) => `${prefix}-${process.pid}-${++n}`;
const at = (iso: string) => new Date(iso);

function query(): Query {
  return {
    id: id("q"),
    kind: "customer",
    trackingNo: "YT1234567890",
    askedBy: { channel: "telegram", chatId: id("chat") },
    fromBranch: null,
    language: "zh",
    text: "到哪了",
    createdAt: at("2026-11-27T02:00:00Z"),
    warnAt: at("2026-11-27T02:20:00Z"),
    dueAt: at("2026-11-27T02:30:00Z"),
    status: "open",
    assignee: null,
    answeredAt: null,
    answeredBy: null,
  };
}

function ask(overrides: Partial<BranchAsk> = {}): BranchAsk {
  return {
    id: id("ba"),
    trackingNo: "YT1234567890",
    branch: "南京分公司",
    question: "这票件到你们那边了吗?",
    queryId: null,
    askedBy: "wang",
    askedAt: at("2026-11-27T02:05:00Z"),
    dueAt: at("2026-11-27T04:05:00Z"),
    status: "open",
    answer: null,
    answeredAt: null,
    answeredBy: null,
    ...overrides,
  };
}

describe.each(BACKENDS)("SOP-13 branch asks on %s", (backend) => {
  let t: TestStore;
  let store: Store;
  beforeAll(async () => {
    t = await openTestStore(backend, "branch_asks");
    store = t.store;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("stores an ask and reads it back as it was", async () => {
    const a = ask();
    await store.branchAsks.insert(a);
    expect(await store.branchAsks.get(a.id)).toEqual(a);
    expect(await store.branchAsks.get(id("none"))).toBeUndefined();
  });

  it("lists the open asks, the earliest due first, up to the limit; an answered one drops out", async () => {
    const late = ask({ dueAt: at("2020-01-01T05:00:00Z") });
    const early = ask({ dueAt: at("2020-01-01T04:00:00Z") });
    await store.branchAsks.insert(late);
    await store.branchAsks.insert(early);
    const open = await store.branchAsks.listOpen(1000);
    const mine = open.filter((a) => a.id === late.id || a.id === early.id).map((a) => a.id);
    expect(mine).toEqual([early.id, late.id]);
    expect(await store.branchAsks.listOpen(1)).toHaveLength(1);
    await store.branchAsks.recordAnswer(early.id, {
      answer: "到了",
      answeredAt: at("2020-01-01T03:00:00Z"),
      answeredBy: "chen",
    });
    expect((await store.branchAsks.listOpen(1000)).map((a) => a.id)).not.toContain(early.id);
  });

  it("records the answer once (compare and set): a second record returns undefined and changes nothing", async () => {
    const a = ask();
    await store.branchAsks.insert(a);
    const first = await store.branchAsks.recordAnswer(a.id, {
      answer: "已到站,明天派送",
      answeredAt: at("2026-11-27T03:00:00Z"),
      answeredBy: "chen",
    });
    expect(first).toEqual({
      ...a,
      status: "answered",
      answer: "已到站,明天派送",
      answeredAt: at("2026-11-27T03:00:00Z"),
      answeredBy: "chen",
    });
    expect(
      await store.branchAsks.recordAnswer(a.id, {
        answer: "又一个",
        answeredAt: at("2026-11-27T03:05:00Z"),
        answeredBy: "wang",
      }),
    ).toBeUndefined();
    expect((await store.branchAsks.get(a.id))?.answer).toBe("已到站,明天派送");
    expect(
      await store.branchAsks.recordAnswer(id("none"), {
        answer: "x",
        answeredAt: at("2026-11-27T03:05:00Z"),
        answeredBy: "wang",
      }),
    ).toBeUndefined();
  });

  it("lists the asks of a query, the earliest first; an ask must name a query that exists", async () => {
    const q = query();
    await store.queries.insert(q);
    const second = ask({ queryId: q.id, askedAt: at("2026-11-27T02:10:00Z") });
    const first = ask({ queryId: q.id, askedAt: at("2026-11-27T02:06:00Z") });
    await store.branchAsks.insert(second);
    await store.branchAsks.insert(first);
    await store.branchAsks.insert(ask());
    expect((await store.branchAsks.listByQuery(q.id)).map((a) => a.id)).toEqual([first.id, second.id]);
    await expect(store.branchAsks.insert(ask({ queryId: id("missing") }))).rejects.toThrow();
  });

  it("refuses a second ask with the same id and an answered ask without its answer; a failed transaction stores nothing", async () => {
    const a = ask();
    await store.branchAsks.insert(a);
    await expect(store.branchAsks.insert(a)).rejects.toThrow();
    await expect(store.branchAsks.insert(ask({ status: "answered" }))).rejects.toThrow();
    const b = ask();
    await expect(
      store.transaction(async (tx) => {
        await tx.branchAsks.insert(b);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await store.branchAsks.get(b.id)).toBeUndefined();
  });
});
