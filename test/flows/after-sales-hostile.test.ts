import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTrackingNo } from "../../src/domain/kernel/tracking-number";
import {
  CLAIM_KINDS,
  CLAIM_PAYOUTS,
  CLAIM_PHOTOS_MAX,
  COMPLAINT_LEVELS,
} from "../../src/domain/ports/claims-records";
import type { ChannelInput, RenderedReply, Who } from "../../src/flows/types";
import { useDeskHarness } from "../support/desk-harness";

/**
 * Issue 12's property: random and hostile input to the claims' and complaints' flows (/claim,
 * /complain, /claims, /complaints and another branch's complaint), typed, pressed (fresh, stale or
 * forged), photos and time passing, never throws out of the engine, never fails inside a flow, and
 * leaves every stored claim and complaint whole with its audit row.
 */
const h = useDeskHarness("after-sales-hostile");

type Action =
  | { do: "send"; input: ChannelInput }
  | { do: "press"; pick: number }
  | { do: "tick"; minutes: number };

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
  fc.constantFrom(
    "",
    "   ",
    "📦💥",
    "\u202Eevil",
    "YT1234567890",
    "yt 1234-5678-90",
    "13800000000",
    "丢了",
    "破损",
    "200",
    "199.999",
    "-5",
    "1e9",
    "￥300 元",
    "完成",
    "done",
    "南京分公司",
    "'; drop table claims; --",
  ),
  fc.constant("字".repeat(5_000)),
);

const commands = ["claim", "complain", "claims", "complaints", "cancel", "menu", "lang"];

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
        name: fc.constantFrom(...commands),
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
            fc.constantFrom("a.cv.x", "a.cx.../../", "a.cv.00000000-0000", "a.cx.", "o0.flow:staff-claims"),
          ),
        }),
        fc.record({
          kind: fc.constant("photo" as const),
          fileRef: fc.string({ minLength: 1, maxLength: 300 }),
        }),
        fc.record({ kind: fc.constant("contact" as const), phone: hostileText, ownContact: fc.boolean() }),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ do: fc.constant("tick" as const), minutes: fc.integer({ min: 1, max: 3000 }) }),
  },
);

/** A customer, an agent, the duty lead, a courier (refused) and a web customer. */
function users(): Who[] {
  const telegram = [undefined, 2001, 2002, 2003].map((id, i): Who => {
    const chatId = String(id ?? 910_000 + i);
    return {
      chat: { channel: "telegram", chatId, userId: chatId },
      person: id === undefined ? undefined : h.directory.byTelegramId(id),
      isGroup: false,
    };
  });
  return [
    ...telegram,
    { chat: { channel: "web", chatId: "web-hostile" }, person: undefined, isGroup: false },
  ];
}

function checkWellFormed(replies: RenderedReply[]): void {
  for (const r of replies) {
    if (r.kind === "choices") {
      expect(r.text.length).toBeGreaterThan(0);
      for (const c of r.choices) {
        expect(c.label.trim().length).toBeGreaterThan(0);
        expect(Buffer.byteLength(c.payload)).toBeLessThanOrEqual(64);
      }
    } else if (r.kind === "photo") {
      expect(r.fileRef.length).toBeGreaterThan(0);
    } else if (r.kind !== "list") {
      expect(r.text.trim().length).toBeGreaterThan(0);
    }
  }
}

/** Every claim and complaint stored is whole, and has its audit row (one transaction each). */
async function checkStoreIsWhole(): Promise<void> {
  for (const c of await h.store.claims.listOpen(10_000)) {
    expect(checkTrackingNo(c.trackingNo, h.policy).ok).toBe(true);
    expect(CLAIM_KINDS).toContain(c.kind);
    expect(c.description.trim().length).toBeGreaterThan(0);
    expect(c.photos.length).toBeLessThanOrEqual(CLAIM_PHOTOS_MAX);
    const audit = (await h.store.audit.list({ subject: `claim/${c.id}` })).map((e) => e.action);
    expect(audit).toContain("claim.opened");
  }
  for (const c of await h.store.complaints.listOpen(10_000)) {
    expect(c.text.trim().length).toBeGreaterThan(0);
    expect(COMPLAINT_LEVELS).toContain(c.level);
    if (c.trackingNo) expect(checkTrackingNo(c.trackingNo, h.policy).ok).toBe(true);
    const audit = (await h.store.audit.list({ subject: `complaint/${c.id}` })).map((e) => e.action);
    expect(audit).toContain("complaint.opened");
    const escalations = audit.filter((a) => a === "complaint.escalated").length;
    expect(escalations).toBe(COMPLAINT_LEVELS.indexOf(c.level));
  }
  for (const subject of (await h.store.audit.list({ limit: 100_000 })).map((e) => e.subject)) {
    if (subject.startsWith("claim/")) expect(await h.store.claims.get(subject.slice(6))).toBeDefined();
  }
  // A settled claim says how much and how it was paid.
  const settled = (await h.store.audit.list({ limit: 100_000 })).filter((e) => e.action === "claim.settled");
  for (const e of settled) {
    expect(Number(e.data.amountFen)).toBeGreaterThan(0);
    expect(CLAIM_PAYOUTS).toContain(e.data.paidBy);
  }
}

describe("hostile input to the claims' and complaints' flows", () => {
  it("never throws, never fails inside a flow, and leaves every claim and complaint whole", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 4 }),
        fc.array(action, { minLength: 1, maxLength: 25 }),
        async (u, actions) => {
          const who = users()[u] as Who;
          const seen: string[] = [];
          for (const a of actions) {
            if (a.do === "tick") {
              h.clock.advance(a.minutes * 60_000);
              continue;
            }
            let input: ChannelInput;
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
      { numRuns: 200 },
    );
    await checkStoreIsWhole();
  }, 300_000);

  it("hostile answers at each step of a whole claim, settlement and complaint store only whole records", async () => {
    const steps = fc.array(hostileText, { minLength: 6, maxLength: 6 });
    let opened = 0;
    await fc.assert(
      fc.asyncProperty(steps, fc.nat({ max: 9 }), async (texts, n) => {
        const customer = users()[0] as Who;
        const agent = users()[1] as Who;
        const no = `YT55${String(n).padStart(8, "0")}`;
        const press = async (who: Who, replies: RenderedReply[], i: number) => {
          const payloads = replies.flatMap((r) =>
            r.kind === "choices" ? r.choices.map((c) => c.payload) : [],
          );
          return payloads.length === 0
            ? replies
            : h.engine.handle(who, { kind: "choice", payload: payloads[i % payloads.length] as string });
        };
        let r = await h.engine.handle(customer, { kind: "command", name: "claim", args: no });
        r = await press(customer, r, n);
        for (const text of texts.slice(0, 2)) r = await h.engine.handle(customer, { kind: "text", text });
        r = await h.engine.handle(customer, { kind: "photo", fileRef: texts[2] || "f" });
        r = await press(customer, r, 0);
        r = await press(customer, r, 0);
        checkWellFormed(r);
        r = await h.engine.handle(agent, { kind: "command", name: "claims", args: "" });
        r = await press(agent, r, n);
        r = await press(agent, r, 1); // settle
        r = await h.engine.handle(agent, { kind: "text", text: texts[3] ?? "" });
        r = await press(agent, r, n);
        checkWellFormed(r);
        r = await h.engine.handle(customer, { kind: "command", name: "complain", args: texts[4] ?? "" });
        r = await h.engine.handle(customer, { kind: "text", text: texts[5] ?? "" });
        checkWellFormed(r);
        expect(h.errors).toEqual([]);
        opened = (await h.store.claims.listOpen(10_000)).length;
      }),
      { numRuns: 100 },
    );
    await checkStoreIsWhole();
    expect(opened).toBeGreaterThan(0);
  }, 300_000);
});
