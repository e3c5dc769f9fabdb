import { randomUUID } from "node:crypto";
import type { Query } from "../../src/domain/ports/records";

/**
 * A customer's query `by` answered `at` (asked ten minutes before), as SOP-90's workload counts
 * them; `id` when a test names it, else a fresh one.
 */
export function answeredQuery(by: string, at: string, id = `aq-${randomUUID()}`): Query {
  const created = new Date(new Date(at).getTime() - 600_000);
  return {
    id,
    kind: "customer",
    trackingNo: null,
    askedBy: { channel: "telegram", chatId: "1", userId: "1" },
    fromBranch: null,
    language: "zh",
    text: "我的快递到哪了",
    createdAt: created,
    warnAt: created,
    dueAt: created,
    status: "answered",
    assignee: by,
    answeredAt: new Date(at),
    answeredBy: by,
  };
}

/**
 * A customer's open query due at `dueAt` (warned then too), asked at 09:00 Shanghai on
 * 2026-11-27 unless `change` says otherwise: the list and deadline rules' fixture.
 */
export function openQuery(id: string, dueAt: string, change: Partial<Query> = {}): Query {
  return {
    id,
    kind: "customer",
    trackingNo: null,
    askedBy: { channel: "web", chatId: `c-${id}` },
    fromBranch: null,
    language: "zh",
    text: "我的快递到哪了",
    createdAt: new Date("2026-11-27T01:00:00Z"),
    warnAt: new Date(dueAt),
    dueAt: new Date(dueAt),
    status: "open",
    assignee: null,
    answeredAt: null,
    answeredBy: null,
    ...change,
  };
}
