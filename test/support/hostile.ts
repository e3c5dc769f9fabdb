import fc from "fast-check";
import { expect } from "vitest";
import type { ChannelInput, RenderedReply, Who } from "../../src/flows/types";
import type { DeskHarness } from "./desk-harness";

/**
 * The hostile-input properties' shared parts (test/flows/hostile-input.test.ts and the area
 * tests after it): hostile text, the actions a user can take (type, command, press a button seen
 * before, fresh or stale, or a forged one, let time pass), running them through the engine, and
 * the check that every reply is well formed.
 */

/** Typed nonsense every hostile property tries: empty, blanks, emoji, a right-to-left override. */
export const HOSTILE_WORDS = ["", "   ", "📦", "📦📦📦", "\u202Eevil"] as const;

export interface HostileTextOptions {
  /** Words of the area (tracking numbers, amounts, places) tried beside HOSTILE_WORDS. */
  words?: readonly string[];
  /** Longest random string. */
  maxLength?: number;
  /** Also random graphemes and ASCII control characters. */
  unusual?: boolean;
  /** A huge text (by default 10 000 characters). */
  huge?: string;
}

/** Random and hostile text: random strings, the words given, and one huge text. */
export function hostileText(options: HostileTextOptions = {}): fc.Arbitrary<string> {
  const { words = [], maxLength = 40, unusual = true, huge = "字".repeat(10_000) } = options;
  const controls = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
  return fc.oneof(
    fc.string({ maxLength }),
    ...(unusual
      ? [fc.string({ unit: "grapheme", maxLength }), fc.string({ unit: controls, maxLength: 20 })]
      : []),
    fc.constantFrom(...HOSTILE_WORDS, ...words),
    fc.constant(huge),
  );
}

/** What a user can do: send something, press the pick-th button seen so far in the run, let time pass. */
export type HostileAction =
  | { do: "send"; input: ChannelInput }
  | { do: "press"; pick: number }
  | { do: "tick"; minutes: number };

export interface HostileActionOptions {
  text: fc.Arbitrary<string>;
  /** Command names tried, with empty or hostile arguments. */
  commands: readonly string[];
  /** Forged button payloads tried beside random ones. */
  forged: readonly string[];
  /** Other inputs (contact, photo, location) sent as rarely as a forged button. */
  others: fc.Arbitrary<ChannelInput>[];
  maxTickMinutes: number;
}

export function hostileActions(o: HostileActionOptions): fc.Arbitrary<HostileAction> {
  const forged = fc.record({
    kind: fc.constant("choice" as const),
    payload: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom(...o.forged)),
  });
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        do: fc.constant("send" as const),
        input: o.text.map((text) => ({ kind: "text" as const, text })),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        do: fc.constant("send" as const),
        input: fc.record({
          kind: fc.constant("command" as const),
          name: fc.constantFrom(...o.commands),
          args: fc.oneof(fc.constant(""), o.text),
        }),
      }),
    },
    { weight: 6, arbitrary: fc.record({ do: fc.constant("press" as const), pick: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        do: fc.constant("send" as const),
        input: fc.oneof(forged as fc.Arbitrary<ChannelInput>, ...o.others),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        do: fc.constant("tick" as const),
        minutes: fc.integer({ min: 1, max: o.maxTickMinutes }),
      }),
    },
  );
}

/** The payloads of the buttons in `replies`. */
export function payloadsOf(replies: RenderedReply[]): string[] {
  return replies.flatMap((r) => (r.kind === "choices" ? r.choices.map((c) => c.payload) : []));
}

/** Every reply can be shown: texts not blank, buttons labelled with payloads within Telegram's 64 bytes. */
export function expectWellFormed(replies: RenderedReply[]): void {
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

/** Runs `actions` as `who` through the harness's engine, each reply checked well formed. */
export async function runHostileActions(h: DeskHarness, who: Who, actions: HostileAction[]): Promise<void> {
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
    expectWellFormed(replies);
    seen.push(...payloadsOf(replies));
  }
}

/**
 * The property every hostile test states first: any of `userCount` users (from `users()`, read
 * once the harness is open) running any 1 to 25 actions gets only well-formed replies and no flow
 * fails inside.
 */
export function assertHostileRuns(
  h: DeskHarness,
  users: () => Who[],
  userCount: number,
  action: fc.Arbitrary<HostileAction>,
  numRuns: number,
): Promise<void> {
  return fc.assert(
    fc.asyncProperty(
      fc.nat({ max: userCount - 1 }),
      fc.array(action, { minLength: 1, maxLength: 25 }),
      async (u, actions) => {
        await runHostileActions(h, users()[u] as Who, actions);
        expect(h.errors).toEqual([]);
      },
    ),
    { numRuns },
  );
}
