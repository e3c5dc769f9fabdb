import type { Desk } from "../../domain/desk/desk";
import { matchIntent } from "../../domain/intents";
import { pickupRef } from "../../domain/kernel/format";
import { findPhone, normalizePhone } from "../../domain/kernel/phone";
import { pickupWhenText } from "../../domain/pickups/pings";
import { checkGoods, type PickupProblem, validatePickupDraft } from "../../domain/pickups/rules";
import { readPayment, readTransport } from "../../domain/pickups/typed-choices";
import { PAYMENT_METHODS } from "../../domain/ports/records";
import { ask, choice, handOver, say } from "../common";
import { type Answer, CANCEL, type FormField, type FormState, form, pressed } from "../form";
import type { Flow, FlowContext, FlowInput, Reply, Step } from "../types";
import { AFTER_SALES } from "./intents";
import {
  airRefusedPrompt,
  cutoffNotice,
  type Draft,
  draftSchema,
  type Issue,
  issueSchema,
  issueText,
  LAST_PHONE,
  morningContacts,
  morningReplies,
  phonePrompt,
  pickupDeps,
  saysLastPhone,
  toPickupDraft,
  whenButton,
  whenDraft,
  whenPrompt,
} from "./pickup-replies";
import { carriedFromStart, readAddressAnswer, readDestination, readGoods, typedWhen } from "./pickup-start";

/** The issue of a time the starting words named, judged now; undefined when it is within the rules. */
function carriedIssue(ctx: FlowContext, words: string | undefined): Issue | undefined {
  const answer = words ? typedWhen(ctx, words) : undefined;
  return answer && !answer.ok ? answer.issue : undefined;
}

/**
 * Request a pickup (预约取件), one question at a time: full address (SOP-20) in a zone (SOP-27),
 * contact phone (SOP-20), destination inside the network's coverage (SOP-27), goods (SOP-26), by air (SOP-26), payment (SOP-28), when (SOP-20,
 * SOP-22, SOP-23), then a summary with no price (SOP-21). Every rule is the pickup area's; nothing
 * is stored until the customer confirms and the desk accepts the whole request.
 */

/** A word typed where buttons are offered: the hint, and the question again as it was asked. */
function useButtons(ctx: FlowContext, asked?: Issue): Answer<Draft, Issue> {
  return { say: [say(ctx.t("customer.chooseBelow"))], error: asked };
}

/**
 * SOP-26: the transport typed at the air question, as the button it means: "要的,走航空快一点" is
 * yes, "by road then" no; after an air refusal only the road can be typed (air is what was refused).
 */
function typedTransport(input: FlowInput, asked: Issue | undefined): string | undefined {
  const transport = input.kind === "text" ? readTransport(input.text) : undefined;
  if (asked?.reason === "air_prohibited") return transport === "road" ? "road" : undefined;
  return transport === "air" ? "air:yes" : transport === "road" ? "air:no" : undefined;
}

/** The questions, in the order asked; each reads its answer with the pickup area's rules. */
const fields: FormField<Draft, Issue>[] = [
  {
    key: "address",
    label: "customer.pickup.field.address",
    ask: (ctx, _draft, issue) =>
      // SOP-27: outside every zone the customer may give up here; the words give the nearest
      // zones and the hotline.
      issue?.field === "address" && issue.reason !== "incomplete" && issue.reason !== "too_long"
        ? [ask(issueText(ctx, issue), [choice(ctx, "button.cancel", CANCEL)])]
        : [say(issue ? issueText(ctx, issue) : ctx.t("customer.pickup.askAddress"))],
    // SOP-20: a phone, a destination or goods typed with the address fill their own fields.
    parse: (ctx, input, draft) => (input.kind === "text" ? readAddressAnswer(ctx, input.text, draft) : {}),
  },
  {
    key: "phone",
    label: "customer.pickup.field.phone",
    // SOP-20: a second pickup offers the last one's phone back, one tap (or a new one typed),
    // asked again with that button after a number that is not one.
    ask: (ctx, draft, issue) => phonePrompt(ctx, draft.lastPhone, issue),
    parse(_ctx, input, draft) {
      if (pressed(input) === LAST_PHONE && draft.lastPhone) return { set: { phone: draft.lastPhone } };
      if (input.kind === "contact") {
        const shared = normalizePhone(input.phone);
        return shared ? { set: { phone: shared } } : { error: { field: "phone", reason: "invalid" } };
      }
      if (input.kind !== "text") return {};
      // "我的电话 138-1234-5678": the number inside the sentence; "就用上次的": the last one.
      const phone =
        findPhone(input.text) ?? (draft.lastPhone && saysLastPhone(input.text) ? draft.lastPhone : undefined);
      return phone ? { set: { phone } } : { error: { field: "phone", reason: "invalid" } };
    },
  },
  {
    // SOP-27: where it goes, inside the network's coverage (a city, or a province and a city).
    key: "destination",
    label: "customer.pickup.field.destination",
    ask: (ctx, _draft, issue) => [
      say(issue?.field === "destination" ? issueText(ctx, issue) : ctx.t("customer.pickup.askDestination")),
    ],
    parse: (ctx, input) => (input.kind === "text" ? readDestination(ctx, input.text) : {}),
  },
  {
    key: "goods",
    label: "customer.pickup.field.goods",
    ask: (ctx, _draft, issue) => [say(issue ? issueText(ctx, issue) : ctx.t("customer.pickup.askGoods"))],
    parse: (ctx, input, draft) => (input.kind === "text" ? readGoods(ctx, input.text, draft) : {}),
  },
  {
    key: "byAir",
    editValue: "air", // the value before forms had keys
    label: "customer.pickup.field.air",
    ask: (ctx, _draft, issue) =>
      issue?.reason === "air_prohibited"
        ? [airRefusedPrompt(ctx, issue)]
        : [
            ask(ctx.t("customer.pickup.askAir"), [
              choice(ctx, "button.yes", "air:yes"),
              choice(ctx, "button.no", "air:no"),
            ]),
          ],
    parse(ctx, input, draft, asked) {
      switch (pressed(input) ?? typedTransport(input, asked)) {
        case "air:yes": {
          // SOP-26: no batteries, liquids, knives or powders by air.
          const checked = checkGoods(draft.goods ?? "", { byAir: true, lists: ctx.deps.policy.goods });
          if (checked.ok || checked.reason !== "air_prohibited") return { set: { byAir: true } };
          return { error: { field: "goods", reason: checked.reason, matched: checked.matched } };
        }
        case "air:no":
        case "road":
          return { set: { byAir: false } };
        case "other":
          return { set: { byAir: true, goods: undefined, keepAir: true } };
        default:
          return useButtons(ctx, asked);
      }
    },
  },
  {
    key: "payment",
    label: "customer.pickup.field.payment",
    ask: (ctx, _draft, issue) => [
      ask(
        issue ? issueText(ctx, issue) : ctx.t("customer.pickup.askPayment"),
        PAYMENT_METHODS.map((m) => choice(ctx, `payment.${m}`, `pay:${m}`)),
      ),
    ],
    parse(ctx, input) {
      // SOP-28: a button, or a sentence that names one method ("到付吧", "那就寄付").
      const payment =
        PAYMENT_METHODS.find((m) => `pay:${m}` === pressed(input)) ??
        (input.kind === "text" ? readPayment(input.text) : undefined);
      return payment ? { set: { payment } } : useButtons(ctx);
    },
  },
  {
    key: "when",
    label: "customer.pickup.field.when",
    // A time the starting words named but the rules refused ("今晚8点来取件") is asked with the
    // rules' answer, judged now.
    ask: (ctx, draft, issue) =>
      whenPrompt(ctx, issue?.field === "when" ? issue : carriedIssue(ctx, draft.whenWords)),
    parse(ctx, input, draft, asked) {
      let chosen = whenButton(pressed(input));
      if (!chosen && input.kind === "text") {
        // A typed time ("晚上8点可以吗", "明天下午", "tomorrow 3pm"), judged by SOP-20/22/23.
        const answer = typedWhen(ctx, input.text);
        if (!answer) return { error: { field: "when", reason: "not_understood" } };
        if (!answer.ok) return { error: answer.issue };
        chosen = answer.when;
      }
      if (!chosen) return useButtons(ctx, asked ?? carriedIssue(ctx, draft.whenWords));
      // SOP-23: a morning pickup is agreed with the zone's courier, who is named at once.
      const set = { when: whenDraft(chosen), whenWords: undefined };
      const contacts =
        chosen.kind === "morning" ? morningReplies(ctx, morningContacts(ctx, { ...draft, ...set })) : [];
      return { set, say: contacts };
    },
  },
];

const ORDER = fields.map((f) => f.key);

/** A question about the price ("运费多少钱?", "how much is it?"), not words that merely name one ("运费到付"). */
function asksPrice(ctx: FlowContext, text: string): boolean {
  const match = matchIntent(text, ctx.deps.policy);
  return match.intent === "price" && !match.trackingNo && /[?？吗呢]|多少|几|怎么|how much|what/i.test(text);
}

/**
 * Another request typed at any of the pickup's questions ("我的快递丢了要索赔" where the address is
 * asked): a claim or a complaint said in a sentence is no answer to a pickup question ("来之前给我
 * 打电话" is: a person's words stay the pickup's). The pickup is set aside (nothing was stored),
 * said so in the same message, and the request's flow starts with the words, as the route starts
 * it outside any flow (intents.ts); a whole-message one the engine takes already.
 */
function otherRequest(ctx: FlowContext, text: string): Step<never> | undefined {
  const { intent } = matchIntent(text, ctx.deps.policy);
  if (intent !== "claim" && intent !== "complaint") return undefined;
  return handOver([say(ctx.t("customer.pickup.setAside"))], AFTER_SALES[intent], text);
}

/** Problems found (by the pickup rules or the desk): clear the bad fields, ask the first one again. */
function reopen(ctx: FlowContext, problems: readonly PickupProblem[]): Answer<Draft, Issue> {
  const issues: Issue[] = problems.map((p) => ({ field: p.field, reason: p.reason, matched: p.matched }));
  issues.sort((a, b) => ORDER.indexOf(a.field) - ORDER.indexOf(b.field));
  const [first, ...rest] = issues;
  const set: Partial<Draft> = {};
  // An air refusal keeps the goods: the customer may still send them by road.
  for (const issue of issues) set[issue.reason === "air_prohibited" ? "byAir" : issue.field] = undefined;
  const intro = [ctx.t("customer.pickup.problemsIntro"), ...rest.map((i) => `• ${issueText(ctx, i)}`)];
  return { set, say: rest.length > 0 ? [say(intro.join("\n"))] : [], error: first };
}

/**
 * When the courier comes, as the customer reads it on the summary, on the confirmation and in 我的取件
 * 预约 alike: the words of the courier's notice (pickupWhenText), so a time asked as 3点 reads
 * "15:00 以后" everywhere, as the courier reads it (SOP-20: the earliest the courier comes).
 */
function customerWhen(ctx: FlowContext, pickup: { pickupDay: string; earliestAt: Date; morning: boolean }) {
  return pickupWhenText(ctx.deps, pickup, ctx.language, ctx.now, "customer");
}

/** The request as it will be recorded, checked by the pickup rules first; no price (SOP-21). */
function summary(ctx: FlowContext, draft: Draft): string | Answer<Draft, Issue> {
  const checked = validatePickupDraft(toPickupDraft(draft), pickupDeps(ctx));
  if (!checked.ok) return reopen(ctx, checked.problems);
  const v = checked.value;
  const when = customerWhen(ctx, v);
  return ctx.t("customer.pickup.summary", {
    address: v.address,
    phone: v.phone,
    destination: v.destination ?? "—",
    goods: v.goods,
    transport: ctx.t(v.byAir ? "customer.pickup.transport.air" : "customer.pickup.transport.road"),
    payment: ctx.t(`payment.${v.payment}`),
    when,
  });
}

type Recorded = Extract<Awaited<ReturnType<Desk["requestPickup"]>>, { ok: true }>;

/** What the customer reads once the desk recorded the request. */
function recorded(ctx: FlowContext, result: Recorded): Step<never> {
  const { pickup } = result;
  const ref = pickupRef(pickup);
  if (!pickup.morning) {
    return {
      replies: [say(ctx.t("customer.pickup.recorded", { ref, when: customerWhen(ctx, pickup) }))],
    };
  }
  const { directory } = ctx.deps;
  const zone = pickup.zoneId ? directory.zone(pickup.zoneId) : undefined;
  const courier = zone ? directory.courierOf(zone) : undefined;
  const replies: Reply[] = [
    say(ctx.t("customer.pickup.recordedMorning", { ref })),
    ...morningReplies(ctx, {
      courierName: courier?.name,
      courierPhone: result.courierPhone,
      branchPoints: result.branchPoints,
    }),
  ];
  return { replies };
}

export function pickupFlow(desk: Desk): Flow<FormState<Draft, Issue>> {
  const pickup = form<Draft, Issue>({
    values: draftSchema,
    errors: issueSchema,
    fields,
    hint: "customer.chooseBelow",
    summary: {
      text: summary,
      submit: "customer.pickup.button.submit",
      edit: {
        button: "customer.pickup.button.edit",
        prompt: "customer.pickup.editWhich",
        back: "button.back",
      },
    },
    async submit(ctx, draft) {
      const result = await desk.requestPickup({
        customer: ctx.who.chat,
        language: ctx.language,
        draft: toPickupDraft(draft),
      });
      return result.ok ? { end: recorded(ctx, result) } : reopen(ctx, result.problems);
    },
    cancel: (ctx) => ({ replies: [say(ctx.t("customer.pickup.notSubmitted"))] }),
  });

  return {
    name: "pickup",
    command: "pickup",
    menu: { label: "menu.pickup", position: 20 },
    state: pickup.state,
    async start(ctx, args) {
      // SOP-22: the cut-off is said first, before any question; SOP-20: the last phone comes back.
      const last = await desk.lastPickup(ctx.who.chat);
      // "/pickup 明天下午3点", "明天下午3点来文昌路 100 号取件" (a typed request handed over with its
      // words): what they said is not asked again (pickup-start.ts).
      const carried = carriedFromStart(ctx, args);
      const values: Partial<Draft> = { ...(last ? { lastPhone: last.phone } : {}), ...carried.values };
      return pickup.start(ctx, values, [...cutoffNotice(ctx, carried.day), ...carried.lead]);
    },
    async on(ctx, state, input) {
      // SOP-21: a price asked in the middle of the request: the courier agrees it; the question again.
      if (input.kind === "text" && asksPrice(ctx, input.text)) {
        const again = await pickup.resume(ctx, state);
        return { ...again, replies: [say(ctx.t("coverage.priceInPickup")), ...again.replies] };
      }
      // A photo answers none of the questions: said so, the question again (not it alone, unexplained).
      if (input.kind === "photo") {
        const again = await pickup.resume(ctx, state);
        return { ...again, replies: [say(ctx.t("customer.pickup.photoNotAnswer")), ...again.replies] };
      }
      const other = input.kind === "text" ? otherRequest(ctx, input.text) : undefined;
      return other ?? pickup.on(ctx, state, input);
    },
    resume: (ctx, state) => pickup.resume(ctx, state),
  };
}
