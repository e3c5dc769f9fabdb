import { z } from "zod";
import { checkClaimText } from "../../domain/claims/common";
import { claimKindAnswer, claimKindInText } from "../../domain/claims/kind-words";
import { CLAIM_TEXT_MAX } from "../../domain/claims/use-cases";
import type { Desk } from "../../domain/desk/desk";
import { formatLocalTime } from "../../domain/kernel/format";
import { findTrackingNumber, findTrackingNumbers } from "../../domain/kernel/tracking-number-in-text";
import { isMessageKey, type MessageKey } from "../../domain/messages";
import { CLAIM_KINDS, CLAIM_PHOTOS_MAX } from "../../domain/ports/claims-records";
import { ask, choice, forCustomer, handOver, say } from "../common";
import { CANCEL, type FormField, type FormState, form, type Outcome } from "../form";
import type { Flow, FlowContext, FlowInput, Reply, Step } from "../types";
import { findTrackingNo } from "./format";

/**
 * `/claim` (理赔, SOP-70..SOP-72): the customer's claim, one question at a time: the waybill (a
 * valid tracking number), loss / delay / damage, what happened, then photos where the channel can
 * send them (not the web chat); a summary to submit, change or cancel. The desk fixes the
 * deadline from the kind (30 days for a loss, 15 for a delay or damage) and the customer reads it.
 */

const claimValues = z.object({
  trackingNo: z.string().max(64).optional(),
  kind: z.enum(CLAIM_KINDS).optional(),
  description: z
    .string()
    .max(CLAIM_TEXT_MAX * 2)
    .optional(),
  /** The photos, once the customer is done sending them (the field's answer). */
  photos: z.array(z.string().max(256)).max(CLAIM_PHOTOS_MAX).optional(),
  /** The photos received so far, while the photo question is open. */
  received: z.array(z.string().max(256)).max(CLAIM_PHOTOS_MAX).optional(),
  /** Open one more claim though theirs of another kind on this parcel is open (false: not asked yet). */
  another: z.boolean().optional(),
  /** Their open claim of another kind, as the question about it says it. */
  other: z.object({ kind: z.enum(CLAIM_KINDS), due: z.string().max(64) }).optional(),
  /**
   * The sentence the claim was typed in, without this claim's number, when it names more ("我要索赔
   * A 和 B 都丢了"): one claim per waybill, so B's starts from it once A's is submitted.
   */
  rest: z.string().max(4000).optional(),
});
type ClaimDraft = z.infer<typeof claimValues>;
/** The question's error: a message key said in its place. */
type ClaimError = MessageKey;

const PHOTOS_DONE = "photos-done";
const ANOTHER = "another";
const KEEP = "keep";

const cancelChoice = (ctx: FlowContext) => choice(ctx, "button.cancel", CANCEL);

function typed(
  ctx: FlowContext,
  key: MessageKey,
  error?: ClaimError,
  params?: Record<string, string | number>,
) {
  return [ask(ctx.t(error ?? key, params), [cancelChoice(ctx)])];
}

function text(input: FlowInput): string | undefined {
  if (input.kind === "text") return input.text;
  if (input.kind === "photo") return input.caption;
  return undefined;
}

const fields: FormField<ClaimDraft, ClaimError>[] = [
  {
    // Never asked: set when the flow starts ("" when the sentence named one waybill at most), so
    // that the submit reads it with the answers.
    key: "rest",
    ask: () => [],
    parse: () => ({}),
  },
  {
    key: "trackingNo",
    label: "claim.field.trackingNo",
    ask: (ctx, _v, error) => typed(ctx, "claim.ask.trackingNo", error),
    parse(ctx, input) {
      // Alone or inside a sentence ("单号是YT1000000004", "the number is YT1000000004").
      const trackingNo = findTrackingNo(ctx, text(input) ?? "");
      return trackingNo ? { set: { trackingNo } } : { error: "claim.badTrackingNo" };
    },
  },
  {
    key: "kind",
    label: "claim.field.kind",
    ask: (ctx, values) => [
      ask(ctx.t("claim.ask.kind", { trackingNo: values.trackingNo ?? "" }), [
        ...CLAIM_KINDS.map((k) => choice(ctx, `claim.kind.${k}`, k)),
        cancelChoice(ctx),
      ]),
    ],
    parse(ctx, input) {
      const value = input.kind === "choice" ? input.value : (text(input) ?? "");
      const kind = CLAIM_KINDS.find((k) => k === value) ?? claimKindAnswer(value);
      return kind ? { set: { kind } } : { say: [say(ctx.t("claim.hint"))] };
    },
  },
  {
    key: "description",
    label: "claim.field.description",
    ask: (ctx, _v, error) => typed(ctx, "claim.ask.description", error, { max: CLAIM_TEXT_MAX }),
    parse(_ctx, input, values) {
      // A photo sent with (or instead of) the words is kept with the claim's photos.
      const received = values.received ?? [];
      const photo =
        input.kind === "photo" && received.length < CLAIM_PHOTOS_MAX
          ? { received: [...received, input.fileRef] }
          : {};
      const checked = checkClaimText(text(input) ?? "", CLAIM_TEXT_MAX);
      if (checked.ok) return { set: { ...photo, description: checked.text } };
      return {
        set: photo,
        error: checked.reason === "empty" ? "claim.description.empty" : "claim.description.tooLong",
      };
    },
  },
  {
    // Photos where the channel can send them: the web chat cannot (README).
    key: "photos",
    ask: (ctx, values, error) => photosQuestion(ctx, values, error),
    parse(ctx, input, values) {
      const received = values.received ?? [];
      const finish = { set: { photos: received } };
      if (input.kind === "choice" && input.value === PHOTOS_DONE) return finish;
      if (input.kind === "photo") {
        if (received.length >= CLAIM_PHOTOS_MAX) return { error: "claim.photos.full" };
        return { set: { received: [...received, input.fileRef] } };
      }
      if (/^(完成|好了|没有|无|done|no|none)$/i.test((text(input) ?? "").trim())) return finish;
      return { error: ctx.who.chat.channel === "web" ? "claim.hint" : "claim.photos.onlyPhotos" };
    },
  },
];

/** The customer's answer to "yours of another kind is open: open one more?" (asked after a submit). */
function anotherField(desk: Desk): FormField<ClaimDraft, ClaimError> {
  return {
    key: "another",
    ask(ctx, values) {
      const trackingNo = values.trackingNo ?? "";
      const other = values.other;
      const text = other
        ? ctx.t("claim.other.ask", {
            trackingNo,
            kind: ctx.t(`claim.kind.${other.kind}`),
            due: other.due,
            newKind: ctx.t(`claim.kind.${values.kind ?? "loss"}`),
          })
        : ctx.t("claim.other.plain", { trackingNo });
      return [
        ask(text, [
          choice(ctx, "claim.button.another", ANOTHER),
          choice(ctx, "claim.button.keep", KEEP),
          cancelChoice(ctx),
        ]),
      ];
    },
    parse(ctx, input, values) {
      if (input.kind !== "choice") return { say: [say(ctx.t("claim.hint"))] };
      if (input.value === ANOTHER) return submitClaim(desk, ctx, { ...values, another: true });
      const other = values.other;
      const params = {
        trackingNo: values.trackingNo ?? "",
        kind: ctx.t(`claim.kind.${other?.kind ?? values.kind ?? "loss"}`),
        due: other?.due ?? "",
      };
      return { end: nextClaim(ctx, values, [say(ctx.t("claim.other.kept", params))]) };
    },
  };
}

/** Opens the claim; theirs of another kind on the parcel open: the question whether to open one more. */
async function submitClaim(
  desk: Desk,
  ctx: FlowContext,
  v: Partial<ClaimDraft>,
): Promise<Outcome<ClaimDraft, ClaimError>> {
  const opened = await desk.openClaim({
    customer: ctx.who.chat,
    language: ctx.language,
    trackingNo: v.trackingNo ?? "",
    kind: v.kind ?? "loss",
    description: v.description ?? "",
    photos: v.photos ?? [],
    another: v.another === true,
  });
  if (!opened.ok && opened.reason === "other_open") {
    const other = { kind: opened.open.kind, due: formatLocalTime(opened.open.dueAt, forCustomer(ctx)) };
    return { set: { another: undefined, other } };
  }
  if (!opened.ok) {
    const clear: Partial<ClaimDraft> =
      opened.reason === "bad_tracking_no"
        ? { trackingNo: undefined }
        : opened.reason === "bad_kind"
          ? { kind: undefined }
          : opened.reason === "bad_photos"
            ? { photos: undefined, received: undefined }
            : { description: undefined };
    return { set: clear, say: [say(ctx.t("claim.refused.input"))] };
  }
  const claim = opened.claim;
  const params = {
    trackingNo: claim.trackingNo,
    kind: ctx.t(`claim.kind.${claim.kind}`),
    due: formatLocalTime(claim.dueAt, forCustomer(ctx)),
  };
  const key = opened.existing ? (opened.added ? "claim.existing.added" : "claim.existing") : "claim.opened";
  return { end: nextClaim(ctx, v, [say(ctx.t(key, params))]) };
}

/** The claim's last words, then (the sentence named another waybill) the next one's claim at once. */
function nextClaim(ctx: FlowContext, v: Partial<ClaimDraft>, replies: Reply[]): Step<never> {
  const next = v.rest ? findTrackingNo(ctx, v.rest) : undefined;
  if (!next || !v.rest) return { replies };
  return handOver([...replies, say(ctx.t("claim.next", { trackingNo: next }))], "claim", v.rest);
}

/** The waybill numbers a typed claim names: the first is this claim's; the rest of the sentence, the next ones'. */
function namedWaybills(
  ctx: FlowContext,
  args: string,
): { trackingNo?: string; rest?: string; own?: string; lead: Reply[] } {
  const numbers = findTrackingNumbers(args, ctx.deps.policy);
  const first = numbers.length > 1 ? findTrackingNumber(args, ctx.deps.policy) : undefined;
  if (!first) return { ...(numbers[0] ? { trackingNo: numbers[0] } : {}), lead: [] };
  const typed = args.normalize("NFKC");
  // "A 丢了,B 破损了": the words up to the next number are this claim's (its kind), the next
  // number's words stay with it; "A 和 B 都丢了": the words after both are both claims'.
  const second = findTrackingNumber(typed.slice(first.end), ctx.deps.policy);
  const next = second ? first.end + second.start : first.end;
  const rest = `${typed.slice(0, first.start)} ${typed.slice(next)}`;
  const own = typed.slice(0, next);
  const params = { count: numbers.length, first: first.trackingNo, others: numbers.slice(1).join("、") };
  return { trackingNo: first.trackingNo, rest, own, lead: [say(ctx.t("claim.several", params))] };
}

function photosQuestion(ctx: FlowContext, values: ClaimDraft, error?: ClaimError): Reply[] {
  const n = values.received?.length ?? 0;
  const key: MessageKey = error ?? (n > 0 ? "claim.photos.received" : "claim.ask.photos");
  return [
    ask(ctx.t(key, { n, max: CLAIM_PHOTOS_MAX }), [
      choice(ctx, "claim.button.photosDone", PHOTOS_DONE),
      cancelChoice(ctx),
    ]),
  ];
}

function withRest(state: FormState<ClaimDraft, ClaimError>): FormState<ClaimDraft, ClaimError> {
  return state.values.rest === undefined ? { ...state, values: { ...state.values, rest: "" } } : state;
}

export function claimFlow(desk: Desk): Flow<FormState<ClaimDraft, ClaimError>> {
  const claimForm = form<ClaimDraft, ClaimError>({
    values: claimValues,
    errors: z.custom<ClaimError>((v) => typeof v === "string" && isMessageKey(v)),
    fields: [...fields, anotherField(desk)],
    hint: "claim.hint",
    summary: {
      text: (ctx, v) =>
        ctx.t("claim.summary", {
          trackingNo: v.trackingNo ?? "",
          kind: ctx.t(`claim.kind.${v.kind ?? "loss"}`),
          description: v.description ?? "",
          photos: v.photos?.length ?? 0,
        }),
      submit: "claim.button.submit",
      edit: { button: "claim.button.edit", prompt: "claim.edit.prompt", back: "claim.edit.back" },
    },
    cancel: (ctx) => ({ replies: [say(ctx.t("flow.cancelled"))] }),
    submit: (ctx, v) => submitClaim(desk, ctx, v),
  });

  return {
    name: "claim",
    command: "claim",
    menu: { label: "menu.claim", position: 50 },
    state: claimForm.state,
    start(ctx, args) {
      // "我要索赔,YT… 丢了": the number and the kind the sentence says are not asked again; two
      // numbers ("A 和 B 都丢了"): A's claim, then B's (namedWaybills).
      const several = namedWaybills(ctx, args);
      const trackingNo = args.trim() === "" ? undefined : (several.trackingNo ?? findTrackingNo(ctx, args));
      const kind =
        (several.own === undefined ? undefined : claimKindInText(several.own)) ?? claimKindInText(args);
      // The web chat sends no photos: its customers go from the words straight to the summary.
      const web = ctx.who.chat.channel === "web";
      const values: ClaimDraft = {
        ...(trackingNo ? { trackingNo } : {}),
        ...(kind ? { kind } : {}),
        ...(web ? { photos: [] } : {}),
        another: false,
        rest: several.rest ?? "",
      };
      return claimForm.start(ctx, values, several.lead);
    },
    // A claim started before `rest` was kept has none: "" (its question is never asked).
    on: (ctx, state, input) => claimForm.on(ctx, withRest(state), input),
    resume: (ctx, state) => claimForm.resume(ctx, withRest(state)),
  };
}
