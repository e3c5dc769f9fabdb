import { randomUUID } from "node:crypto";
import { afterAll } from "vitest";
import { DirectoryIndex, parseDirectory } from "../../src/domain/config/directory";
import { defaultPolicy, type PolicyInput } from "../../src/domain/config/policy";
import { createDesk, type Desk, type UseCaseDeps } from "../../src/domain/desk";
import { createBusinessCalendar } from "../../src/domain/kernel/calendar";
import type { ChatRef } from "../../src/domain/kernel/chat";
import { ManualClock } from "../../src/domain/kernel/clock";
import type { Store } from "../../src/domain/ports";
import type { AuditEntry, SelfPickupHold } from "../../src/domain/ports/records";
import { openStore } from "../../src/store";
import { FakeNotifier, FakePresence, FakeScheduler } from "./fakes";

/**
 * A small branch for the use-case tests: two agents (one reads English), a duty lead, a dispatcher,
 * two zones with their couriers (only the east zone has a driver), a branch point.
 * Asia/Shanghai is UTC+8: 2026-11-27T02:00:00Z is Friday 10:00 at the branch.
 */
export const FRIDAY_10 = "2026-11-27T02:00:00Z";

export const directory = new DirectoryIndex(
  parseDirectory({
    branch: { name: "扬州分公司", hotline: "0514-8000000" },
    dispatch: { telegramChatId: -1001234567 },
    zones: [
      { id: "east", name: "城东", keywords: ["文昌路", "东关街"], courier: "zhang", driver: "zhao" },
      { id: "west", name: "城西", keywords: ["西门街"], courier: "liu" },
    ],
    branchPoints: [{ name: "东关分点", address: "东关街 12 号", phone: "0514-8000001" }],
    people: [
      { id: "wang", name: "王芳", workNo: "017", roles: ["agent"], telegramId: 2001 },
      { id: "chen", name: "陈静", workNo: "021", roles: ["agent"], telegramId: 2005, language: "en" },
      { id: "li", name: "李强", workNo: "003", roles: ["supervisor"], telegramId: 2002 },
      { id: "sun", name: "孙丽", roles: ["dispatcher"], telegramId: 2006 },
      {
        id: "zhang",
        name: "张伟",
        workNo: "105",
        roles: ["courier"],
        telegramId: 2003,
        phone: "13800000003",
      },
      { id: "liu", name: "刘洋", workNo: "106", roles: ["courier"], telegramId: 2007, phone: "13800000007" },
      { id: "zhao", name: "赵军", roles: ["driver"], telegramId: 2004, phone: "13800000004" },
    ],
  }),
);

export const EAST_ADDRESS = "扬州市文昌路 100 号 3 栋 201 室";
export const WEST_ADDRESS = "扬州市西门街 8 号 2 单元 502 室";

export const customerChat = (id: string): ChatRef => ({ channel: "telegram", chatId: id, userId: id });

let ids = 0;
/**
 * Ids unique in the process (one store is shared by the tests of a file), distinct in their first
 * eight characters too (the short references staff read: pickupRef, queryRef).
 */
export const testId = (): string => `t${String(++ids).padStart(6, "0")}${randomUUID().slice(0, 8)}`;

/**
 * The in-memory store of one test file (its tests share it), closed after them. Call it with a
 * top-level await: opening PGlite takes about a second, much longer on a busy machine, and while
 * the file loads no hook's timeout runs.
 */
export async function fileStore(): Promise<Store> {
  const store = await openStore({});
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
