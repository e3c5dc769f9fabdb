import { z } from "zod";
import { checkClaimText } from "../../domain/claims/common";
import { COMPLAINT_QUERIES_SHOWN, queriesToComplainAbout } from "../../domain/complaints/queries-offered";
import { complaintForCustomer, levelText } from "../../domain/complaints/rules";
import { typedSubject } from "../../domain/complaints/typed-subject";
import { COMPLAINT_TEXT_MAX } from "../../domain/complaints/use-cases";
import type { Desk } from "../../domain/desk/desk";
import { durationMs } from "../../domain/kernel/duration";
import { excerpt } from "../../domain/kernel/format";
import { isMessageKey, type MessageKey } from "../../domain/messages";
import { ask, choice, handOver, say } from "../common";
import { CANCEL, type FormField, type FormState, form } from "../form";
import type { Flow, FlowContext, FlowInput } from "../types";
import {
  type Registered,
  readRegisteredArgs,
  registeredArgs,
  registeredState,
  replyToRegistered,
} from "./complain-reply";

/**
 * `/complain` (投诉, SOP-82): what it is about (a waybill typed, one of the customer's own recent
 * questions as a button, or nothing in particular), then what happened. The branch must act first:
 * the desk escalates a complaint nobody acts on within complaints.actWithin.
 */

/** A question without a waybill is shown by its first words (the button stays short). */
const QUERY_WORDS_SHOWN = 12;

const complainValues = z.object({
  /** What it is about: nothing in particular, a waybill, or one of the customer's questions. */
  subject: z
    .object({
      about: z.enum(["none", "tracking", "query"]),
      trackingNo: z.string().max(64).optional(),
      queryId: z.string().max(64).optional(),
    })
    .optional(),
  /** The customer's questions offered on the first question (read once, at the start). */
  queries: z
    .array(z.object({ id: z.string().max(64), ref: z.string().max(64) }))
    .max(COMPLAINT_QUERIES_SHOWN)
    .optional(),
  text: z
    .string()
    .max(COMPLAINT_TEXT_MAX * 2)
    .optional(),
});
type ComplainDraft = z.infer<typeof complainValues>;

const NONE = "none";
const QUERY = /^q\.(\d)$/;

function typedText(input: FlowInput): string | undefined {
  if (input.kind === "text") return input.text;
  if (input.kind === "photo") return input.caption;
  return undefined;
}

const fields: FormField<ComplainDraft, MessageKey>[] = [
  {
    key: "subject",
    ask: (ctx, values, error) => [
      ask(ctx.t(error ?? "complain.ask.subject"), [
        ...(values.queries ?? []).map((q, i) => ({
          label: ctx.t("complain.button.query", { ref: q.ref }),
          value: `q.${i}`,
        })),
        choice(ctx, "complain.button.none", NONE),
        choice(ctx, "button.cancel", CANCEL),
      ]),
    ],
    parse(ctx, input, values) {
      if (input.kind === "choice") {
        if (input.value === NONE) return { set: { subject: { about: "none" } } };
        const q = values.queries?.[Number(QUERY.exec(input.value)?.[1] ?? -1)];
        return q ? { set: { subject: { about: "query", queryId: q.id } } } : { error: "complain.hint" };
      }
      const typed = fromTyped(ctx, typedText(input) ?? "");
      return typed ? { set: typed } : { error: "complain.badSubject" };
    },
  },
  {
    key: "text",
    ask: (ctx, _v, error) => [
      ask(ctx.t(error ?? "complain.ask.text", { max: COMPLAINT_TEXT_MAX }), [
        choice(ctx, "button.cancel", CANCEL),
      ]),
    ],
    parse(_ctx, input) {
      const checked = checkClaimText(typedText(input) ?? "", COMPLAINT_TEXT_MAX);
      if (checked.ok) return { set: { text: checked.text } };
      return { error: checked.reason === "empty" ? "complain.text.empty" : "complain.text.tooLong" };
    },
  },
];

/**
 * A waybill typed alone or inside a sentence; the rest of the sentence, when it says something, is
 * what happened ("快递员态度很差,YT1000000002 打电话骂人": not asked again).
 */
/** "我要投诉", "投诉你们", "I want to complain": the request alone, with no words of what happened. */
const BARE_COMPLAINT =
  /^(?:我们?)?(?:要|想)?(?:投诉|申诉|举报)(?:一下|你们)?$|^i(?:want|wouldlike)tocomplain$|^complain$/iu;

/** What happened, when the words say more than the request itself. */
function complaintWords(text: string): string | undefined {
  const bare = text.toLowerCase().replace(/[\s,,。.!!~~、]+/gu, "");
  if (bare === "" || BARE_COMPLAINT.test(bare)) return undefined;
  // What happened, without the request before it and the gap where a waybill was taken out.
  const words = text
    .replace(COMPLAINT_LEAD, "")
    .replace(/\s{2,}/gu, " ")
    .trim();
  const said = checkClaimText(words === "" ? text : words, COMPLAINT_TEXT_MAX);
  return said.ok ? said.text : undefined;
}

/** "我要投诉", "I want to complain about" before what happened. */
const COMPLAINT_LEAD =
  /^\s*(?:(?:我们?)?(?:要|想)?(?:投诉|申诉|举报)(?:一下|你们)?|i\s+(?:want|would\s+like)\s+to\s+complain(?:\s+about)?)[\s,,。.!!::~~、]*/iu;

/** The words the complaint started with ("我要投诉,快递员态度很差"): with no waybill, what happened. */
function fromStart(ctx: FlowContext, text: string): Partial<ComplainDraft> | undefined {
  const typed = fromTyped(ctx, text);
  if (typed) return typed;
  const said = complaintWords(text);
  return said === undefined ? undefined : { text: said };
}

function fromTyped(ctx: FlowContext, text: string): Partial<ComplainDraft> | undefined {
  const typed = typedSubject(text, ctx.deps.policy);
  if (!typed) return undefined;
  const subject = { about: "tracking" as const, trackingNo: typed.trackingNo };
  const said = typed.rest === undefined ? undefined : complaintWords(typed.rest);
  return said === undefined ? { subject } : { subject, text: said };
}

async function recentQueries(ctx: FlowContext): Promise<{ id: string; ref: string }[]> {
  const queries = await queriesToComplainAbout(ctx.deps.lookups, ctx.who.chat, ctx.now);
  // What the customer can recognise: the waybill, else the start of their own words (no internal id).
  return queries.map((q) => ({ id: q.id, ref: q.trackingNo ?? `“${excerpt(q.text, QUERY_WORDS_SHOWN)}”` }));
}

export function complainFlow(desk: Desk): Flow<FormState<ComplainDraft, MessageKey> | Registered> {
  const complainForm = form<ComplainDraft, MessageKey>({
    values: complainValues,
    errors: z.custom<MessageKey>((v) => typeof v === "string" && isMessageKey(v)),
    fields,
    hint: "complain.hint",
    cancel: (ctx) => ({ replies: [say(ctx.t("flow.cancelled"))] }),
    async submit(ctx, v) {
      const done = await desk.complain({
        customer: ctx.who.chat,
        language: ctx.language,
        text: v.text ?? "",
        trackingNo: v.subject?.trackingNo,
        queryId: v.subject?.queryId,
      });
      if (!done.ok) {
        const clear: Partial<ComplainDraft> =
          done.reason === "empty" || done.reason === "too_long"
            ? { text: undefined }
            : { subject: undefined };
        return { set: clear, say: [say(ctx.t("complain.failed"))] };
      }
      if (done.existing) {
        // SOP-82: one complaint per matter; theirs is open and now holds what they wrote.
        const c = done.complaint;
        const about = complaintForCustomer(ctx.deps, ctx.language, c);
        const level = levelText(ctx.language, c.level);
        return {
          end: handOver([say(ctx.t("complain.existing", { about, level }))], "complain", registered(v)),
        };
      }
      const { actWithin } = ctx.deps.policy.complaints;
      const hours = Math.max(
        1,
        Math.round(durationMs(ctx.now, actWithin, ctx.deps.policy.timezone) / 3_600_000),
      );
      return { end: handOver([say(ctx.t("complain.opened", { hours }))], "complain", registered(v)) };
    },
  });

  return {
    name: "complain",
    command: "complain",
    menu: { label: "menu.complain", position: 60 },
    state: z.union([registeredState, complainForm.state]),
    async start(ctx, args) {
      // Registered: the flow stays on that complaint for what the customer says next (complain-reply.ts).
      const done = readRegisteredArgs(args);
      if (done) return { replies: [], next: done };
      const typed = args.trim() === "" ? undefined : fromStart(ctx, args);
      const queries = await recentQueries(ctx);
      const values: ComplainDraft = { ...typed, queries };
      return complainForm.start(ctx, values);
    },
    on: (ctx, state, input) =>
      "step" in state ? replyToRegistered(desk, ctx, state, input) : complainForm.on(ctx, state, input),
    resume: async (ctx, state) => ("step" in state ? undefined : complainForm.resume(ctx, state)),
  };
}

/** The args of the hand-over to the complaint just registered: what is said next is about it. */
function registered(v: Partial<ComplainDraft>): string {
  return registeredArgs(v.subject ?? {});
}
