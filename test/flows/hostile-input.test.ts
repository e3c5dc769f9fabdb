import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { checkFullAddress } from "../../src/domain/kernel/address";
import { normalizePhone } from "../../src/domain/kernel/phone";
import { checkGoods } from "../../src/domain/pickups/rules";
import { PAYMENT_METHODS, PICKUP_STATUSES } from "../../src/domain/ports/records";
import { CUSTOMER_COMMANDS } from "../../src/flows/customer";
import { STAFF_COMMANDS } from "../../src/flows/staff";
import type { Who } from "../../src/flows/types";
import { useDeskHarness } from "../support/desk-harness";
import { assertHostileRuns, hostileActions, hostileText } from "../support/hostile";

/**
 * Issue 4's property: random and hostile input (empty, 10 000 characters, emoji, control
 * characters, forged and stale buttons) never throws out of the engine, never makes a flow fail
 * internally, and never leaves anything half-done in the store.
 */
const TRACKING = ["YT1234567890", "YT9999999999"];
const h = useDeskHarness("hostile");

beforeAll(async () => {
  await h.ingest([
    {
      trackingNo: "YT1234567890",
      at: new Date("2026-11-26T08:00:00Z"),
      kind: "out_for_delivery",
      location: "城东",
    },
  ]);
});

const hostile = hostileText({
  words: [
    ...TRACKING,
    "yt 1234-5678-90",
    "文昌路 88 号",
    "搬走了",
    "13800000000",
    "充电宝",
    "衣服",
    "09:30",
    "1",
    "不送上楼",
  ],
});

const action = hostileActions({
  text: hostile,
  commands: [
    ...Object.keys(CUSTOMER_COMMANDS),
    ...Object.keys(STAFF_COMMANDS),
    "start",
    "help",
    "cancel",
    "lang",
    "menu",
    "nonsense",
  ],
  forged: ["a.qt.00000000-0000-0000-0000-000000000000", "a.pa.x", "a.zz.1", "o0.flow:pickup", "l", "o1.lang"],
  others: [
    fc.record({ kind: fc.constant("contact" as const), phone: hostile, ownContact: fc.boolean() }),
    fc.record({
      kind: fc.constant("location" as const),
      latitude: fc.double({ noNaN: false }),
      longitude: fc.double(),
    }),
    fc.record({ kind: fc.constant("photo" as const), fileRef: fc.string({ maxLength: 100 }) }),
  ],
  maxTickMinutes: 600,
});

/** A customer, and staff of each role, each in a private chat. */
function users(): Who[] {
  return [undefined, 2001, 2002, 2003, 2006].map((id, i): Who => {
    const chatId = String(id ?? 900_000 + i);
    return {
      chat: { channel: "telegram", chatId, userId: chatId },
      person: id === undefined ? undefined : h.directory.byTelegramId(id),
      isGroup: false,
    };
  });
}

/** Nothing half-done: every stored change is whole and has its audit row. */
async function checkStoreIsWhole(): Promise<void> {
  for (const p of await h.store.pickups.listByStatus(PICKUP_STATUSES, 1000)) {
    expect(checkFullAddress(p.address).ok, `pickup ${p.id} address ${p.address}`).toBe(true); // SOP-20
    expect(normalizePhone(p.phone), `pickup ${p.id} phone`).toBeDefined();
    expect(checkGoods(p.goods, {}).ok, `pickup ${p.id} goods`).toBe(true); // SOP-26
    expect(PAYMENT_METHODS).toContain(p.payment); // SOP-28
    expect((await h.store.pickups.events(p.id)).length).toBeGreaterThan(0);
    expect((await h.store.audit.list({ subject: `pickup/${p.id}` })).length).toBeGreaterThan(0);
  }
  for (const q of await h.store.queries.listOpen(1000)) {
    expect(q.text.trim().length).toBeGreaterThan(0);
    expect((await h.store.queries.messages(q.id)).length).toBeGreaterThan(0);
    expect((await h.store.audit.list({ subject: `query/${q.id}` })).length).toBeGreaterThan(0);
  }
  for (const trackingNo of TRACKING) {
    for (const note of await h.store.problems.listByParcel(trackingNo)) {
      expect(note.category.length).toBeGreaterThan(0);
      expect((await h.store.audit.list({ subject: `problem/${note.id}` })).length).toBeGreaterThan(0);
    }
  }
}

describe("hostile input through the whole engine", () => {
  it("never throws, never fails inside a flow, and leaves the store whole", async () => {
    await assertHostileRuns(h, users, 5, action, 300);
    await checkStoreIsWhole();
  }, 300_000);
});
