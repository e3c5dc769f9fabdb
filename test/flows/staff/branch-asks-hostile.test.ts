import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChannelInput, Who } from "../../../src/flows/types";
import { useDeskHarness } from "../../support/desk-harness";
import { hostileText, payloadsOf } from "../../support/hostile";
import { freshTrackingNo } from "../../support/parcels";
import { privateChat } from "../../support/transcript";

/**
 * SOP-13 and SOP-14's flows under hostile input (empty, huge, forged and stale buttons, wrong
 * roles, the clock moving past 17:30): nothing throws, no flow fails inside, and every stored
 * branch ask is whole with its audit rows.
 */
const h = useDeskHarness("branch-asks-hostile");
const NO = freshTrackingNo();

const text = hostileText({
  maxLength: 30,
  unusual: false,
  words: ["南京分公司", NO, "q", "q 1", "record", "record ../x", "x", "已到站"],
  huge: "问".repeat(3000),
});

type Action =
  | { do: "send"; input: ChannelInput }
  | { do: "press"; pick: number }
  | { do: "tick"; minutes: number }
  | { do: "raise"; question: string };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: text.map((t) => ({ do: "send" as const, input: { kind: "text" as const, text: t } })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        name: fc.constantFrom("askbranch", "branchasks", "busy", "available", "queries", "cancel"),
        args: fc.oneof(fc.constant(""), text),
      })
      .map(({ name, args }) => ({ do: "send" as const, input: { kind: "command" as const, name, args } })),
  },
  { weight: 5, arbitrary: fc.nat().map((pick) => ({ do: "press" as const, pick })) },
  // The whole raise, its question hostile: /askbranch N, the branch, the question.
  { weight: 2, arbitrary: text.map((question) => ({ do: "raise" as const, question })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom("a.sb.wang", "a.sb.chen", "a.ba.nothing", "a.ba.x", "a.sb.../..")
      .map((payload) => ({ do: "send" as const, input: { kind: "choice" as const, payload } })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 300 }).map((minutes) => ({ do: "tick" as const, minutes })),
  },
);

function users(): Who[] {
  return ["wang", "chen", "li", "zhang"].map((id, i) =>
    privateChat(`bah-${process.pid}-${i}`, h.directory.person(id)),
  );
}

describe("SOP-13/SOP-14 flows under hostile input", () => {
  it("never throw, never fail inside a flow, and store only whole branch asks", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 3 }),
        fc.array(action, { minLength: 1, maxLength: 20 }),
        async (u, actions) => {
          const who = users()[u] as Who;
          const seen: string[] = [];
          for (const a of actions) {
            if (a.do === "tick") {
              h.clock.advance(a.minutes * 60_000);
              continue;
            }
            if (a.do === "raise") {
              const steps: ChannelInput[] = [
                { kind: "command", name: "askbranch", args: NO },
                { kind: "text", text: "南京分公司" },
                { kind: "text", text: a.question },
              ];
              for (const step of steps) {
                const replies = await h.engine.handle(who, step);
                seen.push(...payloadsOf(replies));
              }
              continue;
            }
            if (a.do === "press" && seen.length === 0) continue;
            const input: ChannelInput =
              a.do === "press" ? { kind: "choice", payload: seen[a.pick % seen.length] as string } : a.input;
            const replies = await h.engine.handle(who, input);
            seen.push(...payloadsOf(replies));
          }
          expect(h.errors).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
    const open = await h.store.branchAsks.listOpen(1000);
    expect(open.length).toBeGreaterThan(0); // the property did raise some
    for (const ask of open) {
      expect(ask.branch.length).toBeGreaterThanOrEqual(2);
      expect(ask.question.trim()).not.toBe("");
      const rows = await h.store.audit.list({ subject: `branch-ask/${ask.id}` });
      expect(rows.map((r) => r.action)).toEqual(["branch_ask.raised"]);
    }
  }, 300_000);
});
