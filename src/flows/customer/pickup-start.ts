import { matchIntent, saidPlace } from "../../domain/intents";
import { isLatinAddress } from "../../domain/kernel/address";
import {
  checkDestination,
  checkGoods,
  checkPickupAddress,
  destinationProblem,
} from "../../domain/pickups/rules";
import {
  leftOver,
  saidDestinations,
  saidGoods,
  splitClauses,
  takePhone,
} from "../../domain/pickups/said-details";
import { readPickupTime, readTypedTime, type TimeAnswer, type WhenDeps } from "../../domain/pickups/when";
import { say } from "../common";
import type { Answer } from "../form";
import type { FlowContext, Reply } from "../types";
import { type Draft, type Issue, issueText, whenDraft } from "./pickup-replies";

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

/**
 * SOP-27: the destination the words name ("寄到北京"): taken when covered, refused at once when not;
 * words after 到 or "to" that name no place ("come to collect") are passed over. Returns the words
 * that named it (taken or refused), to be taken out of an address.
 */
function carriedDestination(
  ctx: FlowContext,
  text: string,
  carried: Carried,
  answered = false,
): string | undefined {
  for (const { place, said } of saidDestinations(text)) {
    const answer = readDestination(ctx, place);
    if (answer.set) {
      if (!answered && carried.values.destination === undefined) Object.assign(carried.values, answer.set);
      return said;
    }
    if (answer.error?.reason === "outside") {
      if (answered) return said;
      const refused = answer.error.matched ?? place;
      carried.lead.push(say(ctx.t("customer.pickup.destinationOutside", { place: refused })));
      return said;
    }
  }
  return undefined;
}

/**
 * SOP-26: goods, as the goods question reads them. Goods refused are said at once and asked in
 * their turn; other goods after an air refusal were checked for air; goods changed from the
 * summary after choosing air ask the transport again, so air never survives a change of goods unasked.
 */
export function readGoods(ctx: FlowContext, text: string, draft: Partial<Draft>): Answer<Draft, Issue> {
  const checked = checkGoods(text, { byAir: draft.byAir === true, lists: ctx.deps.policy.goods });
  const transport = draft.byAir === true && !draft.keepAir ? { byAir: undefined } : {};
  if (checked.ok) return { set: { goods: checked.goods, keepAir: undefined, ...transport } };
  const issue: Issue = {
    field: "goods",
    reason: checked.reason,
    matched: "matched" in checked ? checked.matched : undefined,
  };
  // SOP-26: goods that may not fly are kept, and "by air?" becomes "by road, or other goods?".
  if (checked.reason === "air_prohibited") {
    return { set: { goods: text.trim(), byAir: undefined }, error: issue };
  }
  return { error: issue };
}

/**
 * SOP-20: the details typed with an address ("文昌路100号3栋,电话13812345678,寄到北京,一箱衣服"):
 * the phone, the destination (SOP-27) and the goods (SOP-26) are taken out, each read by its own
 * question's reader, and fill what is not answered yet; refused ones are said and asked in their
 * turn. What is left is the address: it never holds the phone.
 */
export function takeDetails(
  ctx: FlowContext,
  text: string,
  draft: Partial<Draft>,
): Carried & { rest: string } {
  const carried: Carried = { values: {}, lead: [] };
  const taken = takePhone(text);
  if (taken.phone && draft.phone === undefined) carried.values.phone = taken.phone;
  const kept: string[] = [];
  for (const clause of splitClauses(taken.rest)) {
    let rest: string | undefined = clause;
    // A destination already answered stays; the words that name one are no address all the same.
    const said = carriedDestination(ctx, clause, carried, draft.destination !== undefined);
    if (said) rest = leftOver(clause.replace(said, " "));
    const goods = rest === undefined ? undefined : saidGoods(rest);
    if (goods !== undefined) {
      rest = undefined;
      const answer = draft.goods === undefined ? readGoods(ctx, goods, draft) : {};
      if (answer.set) Object.assign(carried.values, answer.set);
      if (answer.error) carried.lead.push(say(issueText(ctx, answer.error)));
    }
    if (rest !== undefined) kept.push(rest);
  }
  // "Room 5, 12 Nanjing Road": English keeps a space after its commas ("Room 5,12" reads as one number).
  const latin = kept.length > 1 && isLatinAddress(kept.join(" "));
  return { ...carried, rest: kept.map((k) => (latin ? k.trim() : k)).join(latin ? ", " : ",") };
}

/** The address step: the address, and what else the answer says (takeDetails). */
export function readAddressAnswer(
  ctx: FlowContext,
  text: string,
  draft: Partial<Draft>,
): Answer<Draft, Issue> {
  const details = takeDetails(ctx, text, draft);
  // Nothing of an address left: the address is asked again (SOP-20), what was given is kept.
  const address: Answer<Draft, Issue> =
    details.rest === ""
      ? { error: { field: "address", reason: "incomplete" } }
      : readAddress(ctx, details.rest);
  const error = address.error;
  return {
    set: { ...details.values, ...(error ? {} : address.set) },
    say: [...details.lead, ...(error ? [] : (address.say ?? []))],
    error,
  };
}

/** Longest words kept to be judged again at the time step. */
const WHEN_WORDS_MAX = 200;

/** What the starting words fill in, and what is said before the first question. */
export interface Carried {
  values: Partial<Draft>;
  lead: Reply[];
  /** The day the words named ("明天下午": tomorrow), on the branch's clock; absent when none. */
  day?: string | undefined;
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
  const typed = args.normalize("NFKC").trim();
  if (typed === "") return { values, lead };
  // SOP-20: a phone in the sentence is taken, and never read as a place or a time.
  const phone = takePhone(typed);
  if (phone.phone) values.phone = phone.phone;
  const text = phone.phone ? phone.rest : typed;
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
  carriedGoods(ctx, text, { values, lead });
  const day = when ? readTypedTime(rest, whenDeps(ctx))?.day : undefined;
  return { values, lead, day };
}

/** SOP-26: goods a clause of the starting words names ("明天来取件,一箱衣服"), read as the goods question reads them. */
function carriedGoods(ctx: FlowContext, text: string, carried: Carried): void {
  for (const clause of splitClauses(text)) {
    const goods = saidGoods(clause);
    if (goods === undefined) continue;
    const answer = readGoods(ctx, goods, carried.values);
    if (answer.set) Object.assign(carried.values, answer.set);
    if (answer.error) carried.lead.push(say(issueText(ctx, answer.error)));
    return;
  }
}
