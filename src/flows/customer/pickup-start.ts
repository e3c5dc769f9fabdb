import { matchIntent, saidPlace } from "../../domain/intents";
import { checkDestination, checkPickupAddress, destinationProblem } from "../../domain/pickups/rules";
import { readPickupTime, type TimeAnswer, type WhenDeps } from "../../domain/pickups/when";
import { say } from "../common";
import type { Answer } from "../form";
import type { FlowContext, Reply } from "../types";
import { type Draft, type Issue, whenDraft } from "./pickup-replies";

/**
 * What the words that started a pickup already said (issue 14 §2): "明天下午3点来文昌路 100 号取件"
 * gives the time and the address, "我要寄快递,明天下午来取" the time. The form does not ask again what was said; anything the rules
 * refuse is asked in its turn, with the rules' answer.
 */

export const whenDeps = (ctx: FlowContext): WhenDeps => ({
  policy: ctx.deps.policy,
  calendar: ctx.deps.calendar,
  now: ctx.now,
});

/** A typed time judged by SOP-20/22/23 (readPickupTime), as the form takes it: a value or an issue. */
export type TypedWhen = Extract<TimeAnswer, { ok: true }> | { ok: false; issue: Issue } | undefined;

export function typedWhen(ctx: FlowContext, text: string): TypedWhen {
  const answer = readPickupTime(text, whenDeps(ctx));
  if (!answer || answer.ok) return answer;
  return {
    ok: false,
    issue: { field: "when", reason: answer.reason, matched: answer.asked, day: answer.offerDay },
  };
}

/** A typed address alone: SOP-20 (full) and SOP-27 (inside a zone, keywords inside longer roads). */
export function readAddress(ctx: FlowContext, text: string): Answer<Draft, Issue> {
  const checked = checkPickupAddress(text, ctx.deps.directory);
  if (!checked.ok) {
    const matched = text.normalize("NFKC").slice(0, 200);
    return { error: { field: "address", reason: checked.problem.reason, matched } };
  }
  const zone = checked.zone;
  const found = zone ? [say(ctx.t("customer.pickup.zoneFound", { zone: zone.name }))] : [];
  // The checked address, as the rules read it: never more than what was checked.
  return { set: { address: checked.address }, say: found };
}

/** SOP-27: a typed destination, inside the network's coverage; else the question again saying why. */
export function readDestination(ctx: FlowContext, text: string): Answer<Draft, Issue> {
  const checked = checkDestination(text, ctx.deps.policy.coverage);
  if (checked.ok) return { set: { destination: checked.destination } };
  const problem = destinationProblem(checked);
  const matched = problem.matched ?? text.normalize("NFKC").trim().slice(0, 40);
  return { error: { field: "destination", reason: problem.reason, matched } };
}

/** "寄到拉萨", "寄快递到香港", "发往新疆乌鲁木齐", "send it to Beijing": where the starting words say it goes. */
const SAID_DESTINATION = [
  /(?:寄|发|送|运)(?:个|一个|件|一件|快递|个快递|包裹|东西)?(?:到|往|去|至)(?<place>[^,，。;；!?！？\s]{1,20})/gu,
  /\bto\s+(?<place>[a-z][a-z ]{1,30}?)(?=[,.;!?]|$|\s+(?:tomorrow|today|by|at|please|pls)\b)/giu,
];

/**
 * SOP-27: the destination the starting words name: taken when covered, refused at once when not;
 * words after 到 or "to" that name no place ("come to collect") are passed over.
 */
function carriedDestination(ctx: FlowContext, text: string, carried: Carried): void {
  for (const pattern of SAID_DESTINATION) {
    for (const match of text.matchAll(pattern)) {
      const place = match.groups?.place;
      if (!place) continue;
      const answer = readDestination(ctx, place);
      if (answer.set) {
        Object.assign(carried.values, answer.set);
        return;
      }
      if (answer.error?.reason === "outside") {
        const refused = answer.error.matched ?? place;
        carried.lead.push(say(ctx.t("customer.pickup.destinationOutside", { place: refused })));
        return;
      }
    }
  }
}

/** Longest words kept to be judged again at the time step. */
const WHEN_WORDS_MAX = 200;

/** What the starting words fill in, and what is said before the first question. */
export interface Carried {
  values: Partial<Draft>;
  lead: Reply[];
}

/** Where a clause ends: a time is read only inside the clause of the pickup phrase. */
const CLAUSE_END = /(?<=[,，。;；!?！？])/;
/** A question ("3点前能到吗?"): what it names is asked about, never a pickup time. */
const QUESTION = /[?？吗]|能到|到达/;
/** A clause that asks for the pickup without the request's words: "明天下午来取", "下午上门". */
const COLLECT_WORDS = /来.{0,12}(?:取|收|揽|拿)|上门/;

/**
 * The clauses of the starting words a time may be read from: those holding the pickup phrase
 * ("我要寄快递,明天下午来取": both), or every clause when none does ("/pickup 明天下午3点"); never a
 * question ("寄个快递到北京,3点前能到吗": that 3 点 is a delivery question, not the pickup).
 */
function timeClauses(ctx: FlowContext, text: string): string[] {
  const clauses = text.split(CLAUSE_END).filter((c) => c.trim() !== "");
  const policy = ctx.deps.policy;
  const asking = clauses.filter(
    (c) => COLLECT_WORDS.test(c.replace(/\s+/g, "")) || matchIntent(c, policy).intent === "pickup",
  );
  return (asking.length > 0 ? asking : clauses).filter((c) => !QUESTION.test(c));
}

/**
 * The address (SOP-20, SOP-27: only a full one inside a zone, the place the sentence names; any
 * other is asked in its turn) and the time (SOP-20/22/23: the same reading as a typed answer at
 * the time step) in a pickup's starting words. The place is read first and taken out, so "100 号"
 * is never read as a date.
 */
export function carriedFromStart(ctx: FlowContext, args: string): Carried {
  const values: Partial<Draft> = {};
  const lead: Reply[] = [];
  const text = args.normalize("NFKC").trim();
  if (text === "") return { values, lead };
  // Only the place of 来…取件 ("来文昌路 100 号取件"), never the sentence around it.
  const place = saidPlace("pickup", text, ctx.deps.policy);
  const address = place ? readAddress(ctx, place) : undefined;
  if (address?.set) {
    Object.assign(values, address.set);
    lead.push(...(address.say ?? []));
  }
  const rest = timeClauses(ctx, text)
    .map((c) => (place ? c.replace(/\s+/g, "").replace(place, " ") : c))
    .join(" ")
    .trim();
  const when = rest ? typedWhen(ctx, rest) : undefined;
  if (when?.ok) values.when = whenDraft(when.when);
  else if (when) values.whenWords = rest.slice(0, WHEN_WORDS_MAX);
  carriedDestination(ctx, text, { values, lead });
  return { values, lead };
}
