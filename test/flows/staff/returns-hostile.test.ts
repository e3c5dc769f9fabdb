import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { quoteReturnFee } from "../../../src/domain/returns/origin-return";
import type { ChannelInput, Who } from "../../../src/flows/types";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { expectWellFormed, hostileText, payloadsOf } from "../../support/hostile";
import { scan } from "../../support/parcels";

/**
 * The hostile-input property (as test/flows/hostile-input.test.ts) on the returns' steps: /return,
 * /hold's SOP-53 question and "origin asks it back", and the returns' notice buttons, fed random
 * and hostile input, forged and stale buttons, by staff of each role. Nothing throws, no flow fails
 * inside, and every return stored is whole: its fee is the policy's for its weight and
 * destination, and it has its audit row.
 */
const READY = "YT8800000001"; // out for delivery: a return may be recorded
const UNSCANNED = "YT8800000002"; // no delivery scan (SOP-43)
const HELD = "YT8800000003"; // on hold, the origin messaged
const TRACKING = [READY, UNSCANNED, HELD];
const h = useDeskHarness("returns-hostile");

beforeAll(async () => {
  await h.ingest([
    scan(READY, "out_for_delivery", shanghai("08:00"), "城东", { originBranch: "南京分公司" }),
    scan(UNSCANNED, "arrived", shanghai("07:00"), "扬州分公司"),
    scan(HELD, "out_for_delivery", shanghai("08:00"), "城东", { originBranch: "苏州分公司" }),
  ]);
  const held = await h.desk.markHeld("wang", HELD, "东关分点", "reached");
  if (held.ok) await h.desk.recordOriginMessaged("wang", held.hold.id);
  // One return on record already: the runs press its stale buttons and try to record it again.
  await h.desk.markOriginReturn("wang", { trackingNo: HELD, weightKg: 6, destination: "湖北", heldBy: null });
});

/** Send; press a button seen so far in the run (fresh or stale); press one of the last replies' buttons. */
type Action = { do: "send"; input: ChannelInput } | { do: "press" | "pressLast"; pick: number };

const typed = hostileText({
  maxLength: 30,
  words: [
    ...TRACKING,
    "7",
    "7.5 kg",
    "0",
    "-1",
    "1001",
    "1e3",
    "NaN",
    "黑龙江",
    "Xinjiang",
    "西藏",
    "火星",
    "江苏南京",
    "南京分公司",
    "\u202E退回",
  ],
});

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: typed.map((text) => ({ do: "send" as const, input: { kind: "text" as const, text } })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      do: fc.constant("send" as const),
      input: fc.record({
        kind: fc.constant("command" as const),
        name: fc.constantFrom("return", "hold", "cancel", "menu"),
        args: fc.oneof(fc.constantFrom("", ...TRACKING), typed),
      }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ do: fc.constant("press" as const), pick: fc.nat() }) },
  { weight: 6, arbitrary: fc.record({ do: fc.constant("pressLast" as const), pick: fc.nat() }) },
  // The answers that move /return on, so that runs reach its confirmation.
  {
    weight: 4,
    arbitrary: fc
      .constantFrom("7", "12.5", "黑龙江", "新疆", "Tibet", "江苏")
      .map((text) => ({ do: "send" as const, input: { kind: "text" as const, text } })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant("send" as const),
      input: fc.record({
        kind: fc.constant("choice" as const),
        payload: fc.oneof(
          fc.string({ maxLength: 70 }),
          fc.constantFrom(
            "a.os.nope",
            "a.rt.nope",
            "a.os.",
            "a.rt.../../x",
            "a.os.ä",
            "h.zhang",
            "c.reached",
            "back",
          ),
        ),
      }),
    }),
  },
);

/** A customer, an agent, a supervisor and a courier, each in a private chat. */
function users(): Who[] {
  return [undefined, 2001, 2002, 2003].map((id, i): Who => {
    const chatId = String(id ?? 910_000 + i);
    return {
      chat: { channel: "telegram", chatId, userId: chatId },
      person: id === undefined ? undefined : h.directory.byTelegramId(id),
      isGroup: false,
    };
  });
}

/** Every stored return is whole: the policy's fee for what it stores, and its audit row. */
async function checkReturnsWhole(): Promise<void> {
  for (const r of await h.store.returns.listNotScannedOut(1000)) {
    expect(TRACKING).toContain(r.trackingNo);
    expect(r.trackingNo).not.toBe(UNSCANNED); // SOP-43
    expect(r.marking).toMatch(/^退回 /);
    if (r.rule === "SOP-52") {
      const fee = quoteReturnFee(h, r.weightKg ?? Number.NaN, r.destination ?? "");
      expect(fee.ok && fee.yuan).toBe(r.feeYuan);
    }
    const audit = await h.store.audit.list({ subject: `return/${r.id}` });
    expect(audit.map((a) => a.action)).toEqual(["return.marked"]);
  }
  for (const no of TRACKING) {
    const hold = await h.store.holds.openForParcel(no);
    if (!hold) continue;
    const actions = (await h.store.audit.list({ subject: `hold/${hold.id}` })).map((a) => a.action);
    expect(actions).toContain("hold.opened");
    if (hold.markedForReturnAt) expect(actions).toContain("hold.marked_for_return");
  }
}

describe("hostile input to the returns' steps", () => {
  it("never throws, never fails inside a flow, and leaves every return whole", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 3 }),
        fc.constantFrom(...TRACKING),
        fc.array(action, { minLength: 1, maxLength: 20 }),
        async (u, start, actions) => {
          const who = users()[u] as Who;
          const seen: string[] = [];
          // Every run starts with /return on a parcel, so that its later steps and confirmation are reached.
          const first = await h.engine.handle(who, { kind: "command", name: "return", args: start });
          seen.push(...payloadsOf(first));
          let last = seen.slice();
          for (const a of actions) {
            let input: ChannelInput;
            if (a.do === "send") {
              input = a.input;
            } else {
              const from = a.do === "press" ? seen : last;
              if (from.length === 0) continue;
              input = { kind: "choice", payload: from[a.pick % from.length] as string };
            }
            const replies = await h.engine.handle(who, input);
            expectWellFormed(replies);
            last = payloadsOf(replies);
            seen.push(...last);
          }
          expect(h.errors).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
    await checkReturnsWhole();
    // The held parcel's return (recorded before the runs) is among those checked.
    expect((await h.store.returns.listNotScannedOut(1000)).map((r) => r.trackingNo)).toContain(HELD);
  }, 300_000);
});
