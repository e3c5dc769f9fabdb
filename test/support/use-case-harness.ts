import { randomUUID } from "node:crypto";
import { afterAll } from "vitest";
import { defaultPolicy, type PolicyInput } from "../../src/domain/config/policy";
import { createDesk, type Desk, type UseCaseDeps } from "../../src/domain/desk";
import { createBusinessCalendar } from "../../src/domain/kernel/calendar";
import type { ChatRef } from "../../src/domain/kernel/chat";
import { ManualClock } from "../../src/domain/kernel/clock";
import type { Store } from "../../src/domain/ports";
import type { AuditEntry, SelfPickupHold } from "../../src/domain/ports/records";
import { branchDirectory } from "./branch";
import { FakeNotifier, FakePresence, FakeScheduler } from "./fakes";
import { openMemoryStore } from "./memory/store";

/**
 * The use-case tests' world: the shared branch of ./branch (two agents, chen reading English; a duty
 * lead; a dispatcher; two zones with their couriers, only the east one with a driver; a branch point).
 * Asia/Shanghai is UTC+8: 2026-11-27T02:00:00Z is Friday 10:00 at the branch.
 */
export const FRIDAY_10 = "2026-11-27T02:00:00Z";

export const directory = branchDirectory();

export { EAST_ADDRESS, WEST_ADDRESS } from "./branch";

export const customerChat = (id: string): ChatRef => ({ channel: "telegram", chatId: id, userId: id });

let ids = 0;
/**
 * Ids unique in the process (one store is shared by the tests of a file), distinct in their first
 * eight characters too (the short references staff read: pickupRef, queryRef).
 */
export const testId = (): string => `t${String(++ids).padStart(6, "0")}${randomUUID().slice(0, 8)}`;

/**
 * The in-memory store of one test file (its tests share it; ./memory/store, proven by the store
 * contract), closed after them.
 */
export async function fileStore(): Promise<Store> {
  const store = openMemoryStore();
  afterAll(async () => {
    await store.close();
  });
  return store;
}

export interface World {
  desk: Desk;
  deps: UseCaseDeps;
  clock: ManualClock;
  scheduler: FakeScheduler;
  notifier: FakeNotifier;
  presence: FakePresence;
  warnings: { obj: object; msg?: string | undefined }[];
}

export function world(store: Store, options: { at?: string; policy?: PolicyInput } = {}): World {
  const policy = defaultPolicy(options.policy ?? {});
  const clock = new ManualClock(options.at ?? FRIDAY_10);
  const scheduler = new FakeScheduler();
  const notifier = new FakeNotifier();
  const presence = new FakePresence();
  const warnings: World["warnings"] = [];
  const deps: UseCaseDeps = {
    store,
    scheduler,
    notifier,
    presence,
    policy,
    calendar: createBusinessCalendar(policy),
    directory,
    clock,
    newId: testId,
    log: { warn: (obj, msg) => warnings.push({ obj, msg }) },
  };
  return { desk: createDesk(deps), deps, clock, scheduler, notifier, presence, warnings };
}

export class AuditDown extends Error {
  override name = "AuditDown";
}

/**
 * The store, except that writing an audit row inside a transaction fails: whatever the use case
 * wrote before it in the same transaction must be rolled back.
 */
export function storeWithFailingAudit(store: Store): Store {
  return {
    ...store,
    transaction: (work) =>
      store.transaction((tx) =>
        work({
          ...tx,
          audit: {
            ...tx.audit,
            append: async (_entry: AuditEntry) => {
              throw new AuditDown("audit log unavailable");
            },
          },
        }),
      ),
  };
}

/** The audit rows of one subject, oldest first. */
export async function auditOf(store: Store, subject: string) {
  return (await store.audit.list({ subject })).reverse();
}

export const at = (iso: string): Date => new Date(iso);

/**
 * The store, except that reading this hold (by id or by parcel) gives the snapshot someone saw
 * before a change made meanwhile: a use case or timer acting on it must not undo that change.
 */
export function withStaleHold(store: Store, seen: SelfPickupHold): Store {
  return {
    ...store,
    holds: {
      ...store.holds,
      get: async (id) => (id === seen.id ? seen : store.holds.get(id)),
      openForParcel: async (trackingNo) =>
        trackingNo === seen.trackingNo ? seen : store.holds.openForParcel(trackingNo),
    },
  };
}
