import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTrackingNo } from "../../src/domain/kernel/tracking-number";
import {
  CLAIM_KINDS,
  CLAIM_PAYOUTS,
  CLAIM_PHOTOS_MAX,
  COMPLAINT_LEVELS,
} from "../../src/domain/ports/claims-records";
import type { RenderedReply, Who } from "../../src/flows/types";
import { useDeskHarness } from "../support/desk-harness";
import {
  assertHostileRuns,
  expectWellFormed,
  hostileActions,
  hostileText,
  payloadsOf,
} from "../support/hostile";

/**
 * Issue 12's property: random and hostile input to the claims' and complaints' flows (/claim,
 * /complain, /claims, /complaints and another branch's complaint), typed, pressed (fresh, stale or
 * forged), photos and time passing, never throws out of the engine, never fails inside a flow, and
 * leaves every stored claim and complaint whole with its audit row.
 */
const h = useDeskHarness("after-sales-hostile");

const hostile = hostileText({
  words: [
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
  ],
  huge: "字".repeat(5_000),
});

const action = hostileActions({
  text: hostile,
  commands: ["claim", "complain", "claims", "complaints", "cancel", "menu", "lang"],
  forged: ["a.cv.x", "a.cx.../../", "a.cv.00000000-0000", "a.cx.", "o0.flow:staff-claims"],
  others: [
    fc.record({ kind: fc.constant("photo" as const), fileRef: fc.string({ minLength: 1, maxLength: 300 }) }),
    fc.record({ kind: fc.constant("contact" as const), phone: hostile, ownContact: fc.boolean() }),
  ],
  maxTickMinutes: 3000,
});

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
    await assertHostileRuns(h, users, 5, action, 200);
    await checkStoreIsWhole();
  }, 300_000);

  it("hostile answers at each step of a whole claim, settlement and complaint store only whole records", async () => {
    const steps = fc.array(hostile, { minLength: 6, maxLength: 6 });
    let opened = 0;
    await fc.assert(
      fc.asyncProperty(steps, fc.nat({ max: 9 }), async (texts, n) => {
        const customer = users()[0] as Who;
        const agent = users()[1] as Who;
        const no = `YT55${String(n).padStart(8, "0")}`;
        const press = async (who: Who, replies: RenderedReply[], i: number) => {
          const payloads = payloadsOf(replies);
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
        expectWellFormed(r);
        r = await h.engine.handle(agent, { kind: "command", name: "claims", args: "" });
        r = await press(agent, r, n);
        r = await press(agent, r, 1); // settle
        r = await h.engine.handle(agent, { kind: "text", text: texts[3] ?? "" });
        r = await press(agent, r, n);
        expectWellFormed(r);
        r = await h.engine.handle(customer, { kind: "command", name: "complain", args: texts[4] ?? "" });
        r = await h.engine.handle(customer, { kind: "text", text: texts[5] ?? "" });
        expectWellFormed(r);
        expect(h.errors).toEqual([]);
        opened = (await h.store.claims.listOpen(10_000)).length;
      }),
      { numRuns: 100 },
    );
    await checkStoreIsWhole();
    expect(opened).toBeGreaterThan(0);
  }, 300_000);
});
