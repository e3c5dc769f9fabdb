import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { checkFullAddress } from "../../src/domain/kernel/address";
import { normalizePhone } from "../../src/domain/kernel/phone";
import { checkGoods } from "../../src/domain/pickups/rules";
import { PAYMENT_METHODS, PICKUP_STATUSES } from "../../src/domain/ports/records";
import { CUSTOMER_COMMANDS } from "../../src/flows/customer";
import { STAFF_COMMANDS } from "../../src/flows/staff";
import type { ChannelInput, RenderedReply, Who } from "../../src/flows/types";
import { useDeskHarness } from "../support/desk-harness";

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

/** What a user can do: type, command, press a button seen before (fresh or stale) or a forged one. */
type Action =
  | { do: "send"; input: ChannelInput }
  | { do: "press"; pick: number } // the pick-th button payload seen so far in this run
  | { do: "tick"; minutes: number };

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
  fc.constantFrom(
    "",
    "   ",
    "📦📦📦",
    "\u202Eevil",
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
  ),
  fc.constant("字".repeat(10_000)),
);

const commandNames = [
  ...Object.keys(CUSTOMER_COMMANDS),
  ...Object.keys(STAFF_COMMANDS),
  "start",
  "help",
  "cancel",
  "lang",
  "menu",
  "nonsense",
];

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      do: fc.constant("send" as const),
      input: hostileText.map((text) => ({ kind: "text" as const, text })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      do: fc.constant("send" as const),
      input: fc.record({
        kind: fc.constant("command" as const),
        name: fc.constantFrom(...commandNames),
        args: fc.oneof(fc.constant(""), hostileText),
      }),
    }),
  },
  { weight: 6, arbitrary: fc.record({ do: fc.constant("press" as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant("send" as const),
      input: fc.oneof(
        fc.record({
          kind: fc.constant("choice" as const),
          payload: fc.oneof(
            fc.string({ maxLength: 80 }),
            fc.constantFrom(
              "a.qt.00000000-0000-0000-0000-000000000000",
              "a.pa.x",
              "a.zz.1",
              "o0.flow:pickup",
              "l",
              "o1.lang",
            ),
          ),
        }),
        fc.record({ kind: fc.constant("contact" as const), phone: hostileText, ownContact: fc.boolean() }),
        fc.record({
          kind: fc.constant("location" as const),
          latitude: fc.double({ noNaN: false }),
          longitude: fc.double(),
        }),
        fc.record({ kind: fc.constant("photo" as const), fileRef: fc.string({ maxLength: 100 }) }),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ do: fc.constant("tick" as const), minutes: fc.integer({ min: 1, max: 600 }) }),
  },
);

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

function checkWellFormed(replies: RenderedReply[]): void {
  expect(Array.isArray(replies)).toBe(true);
  for (const r of replies) {
    if (r.kind === "choices") {
      expect(r.text.length).toBeGreaterThan(0);
      for (const c of r.choices) {
        expect(c.label.trim().length).toBeGreaterThan(0);
        expect(Buffer.byteLength(c.payload)).toBeLessThanOrEqual(64);
      }
    } else if (r.kind === "list") {
      expect(r.title.length).toBeGreaterThan(0);
    } else if (r.kind === "photo") {
      expect(r.fileRef.length).toBeGreaterThan(0);
    } else {
      expect(r.text.trim().length).toBeGreaterThan(0);
    }
  }
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
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 4 }),
        fc.array(action, { minLength: 1, maxLength: 25 }),
        async (u, actions) => {
          const who = users()[u] as Who;
          const seen: string[] = [];
          for (const a of actions) {
            let input: ChannelInput;
            if (a.do === "tick") {
              h.clock.advance(a.minutes * 60_000);
              continue;
            }
            if (a.do === "press") {
              if (seen.length === 0) continue;
              input = { kind: "choice", payload: seen[a.pick % seen.length] as string };
            } else {
              input = a.input;
            }
            const replies = await h.engine.handle(who, input);
            checkWellFormed(replies);
            for (const r of replies) if (r.kind === "choices") seen.push(...r.choices.map((c) => c.payload));
          }
          expect(h.errors).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
    await checkStoreIsWhole();
  }, 300_000);
});
