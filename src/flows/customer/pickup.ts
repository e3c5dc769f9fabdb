import { z } from "zod";
import type { BranchPoint } from "../../domain/config/directory";
import type { Desk } from "../../domain/desk/desk";
import { ADDRESS_MAX_LENGTH } from "../../domain/kernel/address";
import { formatClock, pickupRef } from "../../domain/kernel/format";
import type { MessageKey } from "../../domain/messages";
import {
  checkGoods,
  GOODS_MAX_LENGTH,
  normalizePhone,
  type PickupDeps,
  type PickupDraft,
  type PickupProblem,
  pickupSchedule,
  validatePickupDraft,
} from "../../domain/pickups/rules";
import { PAYMENT_METHODS } from "../../domain/ports/records";
import { ask, choice, say } from "../common";
import type { Flow, FlowContext, FlowInput, Reply, Step } from "../types";
import { formatDay } from "./format";

/**
 * Request a pickup (预约取件), one question at a time: full address (SOP-20) in a zone (SOP-27),
 * contact phone (SOP-20), goods (SOP-26), by air (SOP-26), payment (SOP-28), when (SOP-20,
 * SOP-22, SOP-23), then a summary with no price (SOP-21). Every rule is pickup.ts's; nothing is
 * stored until the customer confirms and the desk accepts the whole request.
 */
const FIELDS = ["address", "phone", "goods", "air", "payment", "when"] as const;
type Field = (typeof FIELDS)[number];
const STEPS = [...FIELDS, "air_refused", "confirm", "edit"] as const;
type PickupStep = (typeof STEPS)[number];
const WHEN = ["afternoon", "morning"] as const;

const draftSchema = z.object({
  address: z
    .string()
    .max(ADDRESS_MAX_LENGTH * 2)
    .optional(),
  phone: z.string().max(40).optional(),
  goods: z
    .string()
    .max(GOODS_MAX_LENGTH * 2)
    .optional(),
  byAir: z.boolean().optional(),
  payment: z.enum(PAYMENT_METHODS).optional(),
  when: z.enum(WHEN).optional(),
});
type Draft = z.infer<typeof draftSchema>;

const pickupState = z.object({ step: z.enum(STEPS), draft: draftSchema });
type PickupState = z.infer<typeof pickupState>;

/** Something to put right in one field: a PickupProblem of pickup.ts, or the same from a step. */
type Issue = Pick<PickupProblem, "reason" | "matched"> & { field: Field };

const FIELD_KEYS = {
  address: "customer.pickup.field.address",
  phone: "customer.pickup.field.phone",
  goods: "customer.pickup.field.goods",
  air: "customer.pickup.field.air",
  payment: "customer.pickup.field.payment",
  when: "customer.pickup.field.when",
} as const satisfies Record<Field, string>;

function missing(draft: Draft, field: Field): boolean {
  switch (field) {
    case "address":
      return draft.address === undefined;
    case "phone":
      return draft.phone === undefined;
    case "goods":
      return draft.goods === undefined;
    case "air":
      return draft.byAir === undefined;
    case "payment":
      return draft.payment === undefined;
    case "when":
      return draft.when === undefined;
  }
}

/** The first unanswered question, in the order asked; all answered: the summary. */
function nextStep(draft: Draft): PickupStep {
  return FIELDS.find((f) => missing(draft, f)) ?? "confirm";
}

function withoutField(draft: Draft, field: Field): Draft {
  const key = (
    {
      address: "address",
      phone: "phone",
      goods: "goods",
      air: "byAir",
      payment: "payment",
      when: "when",
    } as const
  )[field];
  const { [key]: _dropped, ...rest } = draft;
  return rest;
}

function toPickupDraft(draft: Draft): PickupDraft {
  return {
    address: draft.address,
    phone: draft.phone,
    goods: draft.goods,
    payment: draft.payment,
    byAir: draft.byAir,
    morning: draft.when === "morning",
  };
}

function pickupDeps(ctx: FlowContext): PickupDeps {
  const { policy, calendar, directory } = ctx.deps;
  return { policy, calendar, directory, now: ctx.now };
}

/** What to say about an issue; the words of the catalogue, the rules of pickup.ts. */
function issueText(ctx: FlowContext, issue: Issue): string {
  const matched = issue.matched ?? "";
  switch (issue.field) {
    case "address":
      if (issue.reason === "outside_coverage") {
        // SOP-27: outside every zone; the hotline helps (SOP-13: the customer is not left alone).
        return ctx.t("customer.pickup.outsideCoverage", { hotline: ctx.deps.directory.branch.hotline });
      }
      if (issue.reason === "too_long")
        return ctx.t("customer.pickup.addressTooLong", { max: ADDRESS_MAX_LENGTH });
      return ctx.t("customer.pickup.halfAddress"); // SOP-20: do not take half an address
    case "phone":
      return ctx.t("customer.pickup.badPhone");
    case "goods":
      if (issue.reason === "prohibited") return ctx.t("customer.pickup.goodsProhibited", { matched });
      if (issue.reason === "fragile") return ctx.t("customer.pickup.goodsFragile", { matched });
      if (issue.reason === "air_prohibited") return ctx.t("customer.pickup.goodsAir", { matched });
      if (issue.reason === "too_long")
        return ctx.t("customer.pickup.goodsTooLong", { max: GOODS_MAX_LENGTH });
      return ctx.t("customer.pickup.askGoods");
    case "payment":
      return ctx.t("customer.pickup.paymentAgain");
    case "air":
    case "when":
      return ctx.t("customer.chooseBelow");
  }
}

interface MorningContacts {
  courierName?: string | undefined;
  courierPhone?: string | undefined;
  branchPoints?: readonly BranchPoint[] | undefined;
}

/** SOP-23: a morning pickup is agreed with the zone's courier directly; branch points are the fallback. */
function morningReplies(ctx: FlowContext, contacts: MorningContacts): Reply[] {
  const { courierName, courierPhone } = contacts;
  const replies: Reply[] = [
    say(
      courierName && courierPhone
        ? ctx.t("customer.pickup.morning", { name: courierName, phone: courierPhone })
        : ctx.t("customer.pickup.morningHotline", { hotline: ctx.deps.directory.branch.hotline }),
    ),
  ];
  const points = contacts.branchPoints ?? [];
  if (points.length > 0) {
    replies.push({
      kind: "list",
      title: ctx.t("customer.pickup.branchPointsTitle"),
      items: points.map((p) =>
        ctx.t("customer.pickup.branchPoint", { name: p.name, address: p.address, phone: p.phone }),
      ),
    });
  }
  return replies;
}

/** The morning contacts pickup.ts gives for this draft (SOP-23). */
function morningContacts(ctx: FlowContext, draft: Draft): MorningContacts {
  const checked = validatePickupDraft({ ...toPickupDraft(draft), morning: true }, pickupDeps(ctx));
  if (!checked.ok) return { branchPoints: ctx.deps.directory.data.branchPoints };
  const v = checked.value;
  return { courierName: v.courier?.name, courierPhone: v.courierPhone, branchPoints: v.branchPoints };
}

/** SOP-20/SOP-22: the afternoon on the day the schedule allows; after the cut-off that is the next day. */
function whenPrompt(ctx: FlowContext): Reply[] {
  const { policy, calendar } = ctx.deps;
  const schedule = pickupSchedule(policy, calendar, ctx.now);
  const day = formatDay(ctx, schedule.pickupDay);
  const replies: Reply[] = [];
  if (schedule.nextDay) {
    const today = calendar.localDate(ctx.now);
    replies.push(
      say(
        calendar.isDeskDay(today)
          ? ctx.t("customer.pickup.afterCutoff", { cutoff: policy.pickup.cutoff.text, day })
          : ctx.t("customer.pickup.closedToday", { day }),
      ),
    );
  }
  const time = formatClock(schedule.earliestAt, calendar);
  replies.push(
    ask(ctx.t("customer.pickup.askWhen"), [
      { label: ctx.t("customer.pickup.when.afternoon", { day, time }), value: "when:afternoon" },
      choice(ctx, "customer.pickup.when.morning", "when:morning"),
    ]),
  );
  return replies;
}

function airRefusedPrompt(ctx: FlowContext, text: string): Reply {
  return ask(text, [
    choice(ctx, "customer.pickup.button.road", "road"),
    choice(ctx, "customer.pickup.button.otherGoods", "other"),
  ]);
}

export function pickupFlow(desk: Desk): Flow<PickupState> {
  /** The question of a step; with an issue, the issue's words take the place of the question. */
  function prompt(ctx: FlowContext, step: PickupStep, draft: Draft, issue?: Issue): Step<PickupState> {
    const next = { step, draft };
    const text = (key: MessageKey) => (issue ? issueText(ctx, issue) : ctx.t(key));
    switch (step) {
      case "address":
        if (issue?.reason === "outside_coverage") {
          return {
            replies: [ask(issueText(ctx, issue), [choice(ctx, "button.cancel", "cancel")])],
            next,
          };
        }
        return { replies: [say(text("customer.pickup.askAddress"))], next };
      case "phone":
        return {
          replies: [
            {
              kind: "ask_contact",
              text: text("customer.pickup.askPhone"),
              buttonLabel: ctx.t("customer.pickup.sharePhone"),
            },
          ],
          next,
        };
      case "goods":
        return { replies: [say(text("customer.pickup.askGoods"))], next };
      case "air":
        return {
          replies: [
            ask(text("customer.pickup.askAir"), [
              choice(ctx, "button.yes", "air:yes"),
              choice(ctx, "button.no", "air:no"),
            ]),
          ],
          next,
        };
      case "air_refused": {
        const checked = checkGoods(draft.goods ?? "", { byAir: true });
        const matched = !checked.ok && "matched" in checked ? checked.matched : "";
        return { replies: [airRefusedPrompt(ctx, ctx.t("customer.pickup.goodsAir", { matched }))], next };
      }
      case "payment":
        return {
          replies: [
            ask(
              text("customer.pickup.askPayment"),
              PAYMENT_METHODS.map((m) => choice(ctx, `payment.${m}`, `pay:${m}`)),
            ),
          ],
          next,
        };
      case "when":
        return { replies: [...(issue ? [say(issueText(ctx, issue))] : []), ...whenPrompt(ctx)], next };
      case "edit":
        return {
          replies: [
            ask(ctx.t("customer.pickup.editWhich"), [
              ...FIELDS.map((f) => choice(ctx, FIELD_KEYS[f], `edit:${f}`)),
              choice(ctx, "button.back", "back"),
            ]),
          ],
          next,
        };
      case "confirm":
        return summary(ctx, draft);
    }
  }

  /** The request as it will be recorded, checked by pickup.ts first; no price (SOP-21). */
  function summary(ctx: FlowContext, draft: Draft): Step<PickupState> {
    const checked = validatePickupDraft(toPickupDraft(draft), pickupDeps(ctx));
    if (!checked.ok) return backTo(ctx, draft, checked.problems);
    const v = checked.value;
    const day = formatDay(ctx, v.pickupDay);
    // SOP-23: the time of a morning pickup is agreed with the courier, so no day is promised here.
    const when = v.morning
      ? ctx.t("customer.pickup.when.morningSummary")
      : ctx.t("customer.pickup.when.afternoon", {
          day,
          time: formatClock(v.earliestAt, ctx.deps.calendar),
        });
    const text = ctx.t("customer.pickup.summary", {
      address: v.address,
      phone: v.phone,
      goods: v.goods,
      transport: ctx.t(draft.byAir ? "customer.pickup.transport.air" : "customer.pickup.transport.road"),
      payment: ctx.t(`payment.${v.payment}`),
      when,
    });
    return {
      replies: [
        ask(text, [
          choice(ctx, "customer.pickup.button.submit", "submit"),
          choice(ctx, "customer.pickup.button.edit", "edit"),
          choice(ctx, "button.cancel", "cancel"),
        ]),
      ],
      next: { step: "confirm", draft },
    };
  }

  /** Problems found (by pickup.ts or the desk): clear the bad fields, ask the first one again. */
  function backTo(ctx: FlowContext, draft: Draft, problems: readonly PickupProblem[]): Step<PickupState> {
    const issues: Issue[] = problems.map((p) => ({ field: p.field, reason: p.reason, matched: p.matched }));
    issues.sort((a, b) => FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field));
    const [first, ...rest] = issues;
    if (!first) return summary(ctx, draft);
    let cleared = draft;
    for (const issue of issues) {
      // An air refusal keeps the goods: the customer may still send them by road.
      cleared =
        issue.reason === "air_prohibited" ? withoutField(cleared, "air") : withoutField(cleared, issue.field);
    }
    const lead: Reply[] =
      rest.length > 0
        ? [
            say(
              [ctx.t("customer.pickup.problemsIntro"), ...rest.map((i) => `• ${issueText(ctx, i)}`)].join(
                "\n",
              ),
            ),
          ]
        : [];
    const step: Step<PickupState> =
      first.reason === "air_prohibited"
        ? {
            replies: [airRefusedPrompt(ctx, issueText(ctx, first))],
            next: { step: "air_refused", draft: cleared },
          }
        : prompt(ctx, first.field, cleared, first);
    return { ...step, replies: [...lead, ...step.replies] };
  }

  /** An answer taken: on to the next open question (or back to the summary after an edit). */
  function advance(ctx: FlowContext, draft: Draft, lead: Reply[] = []): Step<PickupState> {
    const step = prompt(ctx, nextStep(draft), draft);
    return { ...step, replies: [...lead, ...step.replies] };
  }

  function onAddress(ctx: FlowContext, draft: Draft, text: string): Step<PickupState> {
    // pickup.ts judges the address alone: SOP-20 (full) and SOP-27 (inside a zone).
    const checked = validatePickupDraft({ address: text }, pickupDeps(ctx));
    const problem = checked.ok ? undefined : checked.problems.find((p) => p.field === "address");
    if (problem) return prompt(ctx, "address", draft, { field: "address", reason: problem.reason });
    const zone = ctx.deps.directory.zoneForAddress(text);
    const lead = zone ? [say(ctx.t("customer.pickup.zoneFound", { zone: zone.name }))] : [];
    return advance(ctx, { ...draft, address: text }, lead);
  }

  function onPhone(ctx: FlowContext, draft: Draft, raw: string): Step<PickupState> {
    const phone = normalizePhone(raw);
    if (!phone) return prompt(ctx, "phone", draft, { field: "phone", reason: "invalid" });
    return advance(ctx, { ...draft, phone });
  }

  function onGoods(ctx: FlowContext, draft: Draft, text: string): Step<PickupState> {
    const checked = checkGoods(text, { byAir: draft.byAir === true });
    if (checked.ok) return advance(ctx, { ...draft, goods: checked.goods });
    if (checked.reason === "air_prohibited") {
      const kept = withoutField({ ...draft, goods: text.trim() }, "air");
      return {
        replies: [airRefusedPrompt(ctx, issueText(ctx, { field: "goods", ...checked }))],
        next: { step: "air_refused", draft: kept },
      };
    }
    return prompt(ctx, "goods", draft, {
      field: "goods",
      reason: checked.reason,
      matched: "matched" in checked ? checked.matched : undefined,
    });
  }

  async function submit(ctx: FlowContext, draft: Draft): Promise<Step<PickupState>> {
    const result = await desk.requestPickup({
      customer: ctx.who.chat,
      language: ctx.language,
      draft: toPickupDraft(draft),
    });
    if (!result.ok) return backTo(ctx, draft, result.problems);
    const { pickup } = result;
    const ref = pickupRef(pickup);
    if (!pickup.morning) {
      return {
        replies: [say(ctx.t("customer.pickup.recorded", { ref, day: formatDay(ctx, pickup.pickupDay) }))],
      };
    }
    const { directory } = ctx.deps;
    const zone = pickup.zoneId ? directory.zone(pickup.zoneId) : undefined;
    const courier = zone ? directory.courierOf(zone) : undefined;
    return {
      replies: [
        say(ctx.t("customer.pickup.recordedMorning", { ref })),
        ...morningReplies(ctx, {
          courierName: courier?.name,
          courierPhone: result.courierPhone,
          branchPoints: result.branchPoints,
        }),
      ],
    };
  }

  async function onChoice(ctx: FlowContext, state: PickupState, value: string): Promise<Step<PickupState>> {
    const { step, draft } = state;
    if (value === "cancel") return { replies: [say(ctx.t("customer.pickup.notSubmitted"))] };
    if (step === "air" && (value === "air:yes" || value === "air:no")) {
      const byAir = value === "air:yes";
      const checked = checkGoods(draft.goods ?? "", { byAir });
      if (!checked.ok && checked.reason === "air_prohibited") {
        // SOP-26: no batteries, liquids, knives or powders by air.
        return {
          replies: [airRefusedPrompt(ctx, issueText(ctx, { field: "goods", ...checked }))],
          next: { step: "air_refused", draft },
        };
      }
      return advance(ctx, { ...draft, byAir });
    }
    if (step === "air_refused" && value === "road") return advance(ctx, { ...draft, byAir: false });
    if (step === "air_refused" && value === "other")
      return advance(ctx, { ...withoutField(draft, "goods"), byAir: true });
    if (step === "payment" && value.startsWith("pay:")) {
      const payment = PAYMENT_METHODS.find((m) => `pay:${m}` === value);
      if (payment) return advance(ctx, { ...draft, payment });
    }
    if (step === "when" && (value === "when:afternoon" || value === "when:morning")) {
      const next: Draft = { ...draft, when: value === "when:morning" ? "morning" : "afternoon" };
      return advance(
        ctx,
        next,
        next.when === "morning" ? morningReplies(ctx, morningContacts(ctx, next)) : [],
      );
    }
    if (step === "confirm" && value === "submit") return submit(ctx, draft);
    if (step === "confirm" && value === "edit") return prompt(ctx, "edit", draft);
    if (step === "edit" && value === "back") return summary(ctx, draft);
    if (step === "edit" && value.startsWith("edit:")) {
      const field = FIELDS.find((f) => `edit:${f}` === value);
      if (field) return advance(ctx, withoutField(draft, field));
    }
    return prompt(ctx, step, draft);
  }

  async function onInput(ctx: FlowContext, state: PickupState, input: FlowInput): Promise<Step<PickupState>> {
    const { step, draft } = state;
    if (input.kind === "choice") return onChoice(ctx, state, input.value);
    if (step === "address" && input.kind === "text") return onAddress(ctx, draft, input.text);
    if (step === "phone" && input.kind === "contact") return onPhone(ctx, draft, input.phone);
    if (step === "phone" && input.kind === "text") return onPhone(ctx, draft, input.text);
    if (step === "goods" && input.kind === "text") return onGoods(ctx, draft, input.text);
    // Anything else (a photo, a typed word where buttons are offered): the same question again.
    const again = prompt(ctx, step, draft);
    const hint = ["address", "phone", "goods"].includes(step) ? [] : [say(ctx.t("customer.chooseBelow"))];
    return { ...again, replies: [...hint, ...again.replies] };
  }

  return {
    name: "pickup",
    state: pickupState,
    async start(ctx) {
      return prompt(ctx, "address", {});
    },
    on: onInput,
  };
}
