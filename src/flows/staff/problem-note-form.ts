import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { formatLocalTime } from "../../domain/kernel/format";
import type { MessageKey } from "../../domain/messages";
import {
  type AnswerContext,
  type CategorySpec,
  checkFieldAnswer,
  conditionApplies,
  type FieldProblem,
  type FieldSpec,
  fieldChoices,
  notAProblemReason,
} from "../../domain/problems";
import { ask, forStaff, say } from "../common";
import { type Answer, type Form, type FormField, form, type Outcome } from "../form";
import type { Choice, FlowContext, FlowInput, Reply } from "../types";
import { type Details, record, refusedSop42, ruleNotes } from "./problem-note-record";
import { cancelButton, done, inLanguage, menuButton } from "./shared";

/**
 * The questions of a problem note, as the taxonomy asks them for its category: one field at a
 * time (a field applies when its condition holds on the answers before it), each answer checked at
 * once, then the summary to confirm. Choices are buttons; a past time offers "now".
 */
export const detailsSchema = z.record(z.string().max(32), z.string().max(600).nullable());

/** The note being filled: its parcel, its category and the field last filled with "now". */
export interface Note {
  trackingNo: string;
  spec: CategorySpec;
  nowFilled?: string | undefined;
}

export const NOW = "now";

export function answerContext(ctx: FlowContext): AnswerContext {
  return {
    now: ctx.now,
    timeZone: ctx.deps.policy.timezone,
    branchPoints: ctx.deps.directory.data.branchPoints.map((b) => b.name),
  };
}

/** "Now" fits a time that already happened (the call, the failed attempt), not one still to come. */
export function offersNow(field: FieldSpec): boolean {
  return field.kind === "time" || (field.kind === "datetime" && field.notFuture === true);
}

const ASK_KEYS: Record<FieldSpec["kind"], MessageKey> = {
  choice: "staff.problem.ask.choice",
  time: "staff.problem.ask.time",
  datetime: "staff.problem.ask.datetime",
  date: "staff.problem.ask.date",
  address: "staff.problem.ask.address",
  phone: "staff.problem.ask.phone",
  text: "staff.problem.ask.text",
};

function question(ctx: FlowContext, field: FieldSpec): Reply {
  const choices: Choice[] = [];
  if (field.kind === "choice") {
    fieldChoices(field, answerContext(ctx).branchPoints).forEach((c, i) => {
      choices.push({ label: inLanguage(ctx, c.label), value: `c.${i}` });
    });
  }
  if (field.kind === "date") {
    const today = ctx.deps.calendar.localDate(ctx.now);
    const tomorrow = ctx.deps.calendar.addDays(today, 1);
    choices.push({ label: ctx.t("staff.problem.button.today", { date: today.slice(5) }), value: "d.0" });
    choices.push({
      label: ctx.t("staff.problem.button.tomorrow", { date: tomorrow.slice(5) }),
      value: "d.1",
    });
  }
  if (offersNow(field)) {
    const time = formatLocalTime(ctx.now, forStaff(ctx));
    choices.push({ label: ctx.t("staff.problem.button.now", { time }), value: NOW });
  }
  if (field.optional) choices.push({ label: ctx.t("staff.problem.button.skip"), value: "skip" });
  choices.push(cancelButton(ctx));
  // The rule that asks for the field stays in the code (taxonomy.ts): no SOP id reaches a chat.
  return ask(ctx.t(ASK_KEYS[field.kind], { field: inLanguage(ctx, field.label) }), choices);
}

/** Why an answer was not taken. */
function why(ctx: FlowContext, problem: FieldProblem): string {
  return ctx.t(`staff.problem.why.${problem}`);
}

/** The raw answer of a button or a typed text, before the taxonomy checks it. */
function rawAnswer(ctx: FlowContext, field: FieldSpec, input: FlowInput): string | undefined {
  if (input.kind === "text") {
    return field.kind === "datetime" || field.kind === "date" ? withYear(ctx, input.text) : input.text;
  }
  if (input.kind !== "choice") return undefined;
  const index = /^c\.(\d{1,3})$/.exec(input.value)?.[1];
  if (index !== undefined && field.kind === "choice") {
    return fieldChoices(field, answerContext(ctx).branchPoints)[Number(index)]?.value;
  }
  const days = /^d\.([01])$/.exec(input.value)?.[1];
  if (days !== undefined && field.kind === "date") {
    return ctx.deps.calendar.addDays(ctx.deps.calendar.localDate(ctx.now), Number(days));
  }
  return undefined;
}

function parseAnswer(ctx: FlowContext, field: FieldSpec, input: FlowInput): Outcome<Details, string> {
  if (input.kind === "choice" && input.value === "skip" && field.optional)
    return { set: { [field.key]: null } };
  // SOP-42: refusal for stairs or rudeness is no problem-parcel reason: nothing is recorded.
  if (
    input.kind === "text" &&
    (field.key === "reason" || field.kind === "text") &&
    notAProblemReason(input.text)
  ) {
    return { end: refusedSop42(ctx) };
  }
  const raw = rawAnswer(ctx, field, input);
  if (raw === undefined) return { error: ctx.t("staff.useButtons") };
  const checked = checkFieldAnswer(field, raw, answerContext(ctx));
  if (!checked.ok) return { error: why(ctx, checked.why) };
  return { set: { [field.key]: checked.value } };
}

/** A taxonomy field as a question of the form. */
function noteField(field: FieldSpec): FormField<Details, string> {
  return {
    key: field.key,
    applies: (answers) => conditionApplies(field.when, answers as Details),
    ask: (ctx, _details, error) => [...(error ? [say(error)] : []), question(ctx, field)],
    parse: (ctx, input) => parseAnswer(ctx, field, input),
  };
}

/** "Now" pressed: the time of this moment, said so it can be corrected. */
export function nowAnswer(ctx: FlowContext, field: FieldSpec): Answer<Details, string> {
  const time = formatLocalTime(ctx.now, forStaff(ctx));
  return {
    set: { [field.key]: ctx.now.toISOString() },
    say: [say(ctx.t("staff.problem.nowFilled", { time }))],
  };
}

const TIME = /^\d{1,2}:\d{2}$/;

/** The "now" correction: a typed HH:MM replaces the time the "now" button filled in. */
export function correctNow(ctx: FlowContext, note: Note, text: string): Answer<Details, string> | undefined {
  const typed = text.normalize("NFKC").trim();
  const field = note.spec.fields.find((f) => f.key === note.nowFilled);
  if (!field || !TIME.test(typed)) return undefined;
  const checked = checkFieldAnswer(field, typed.padStart(5, "0"), answerContext(ctx));
  if (!checked.ok) return { say: [say(why(ctx, checked.why))] };
  const time = formatLocalTime(new Date(checked.value), forStaff(ctx));
  return {
    set: { [field.key]: checked.value },
    say: [say(ctx.t("staff.problem.corrected", { field: inLanguage(ctx, field.label), time }))],
  };
}

/**
 * Staff type "11-28 10:00" or "11-28", not the year: the branch's current year is added. A bare
 * "9:30" becomes "09:30" (the taxonomy reads HH:MM as today).
 */
function withYear(ctx: FlowContext, text: string): string {
  const typed = text.normalize("NFKC").trim();
  const year = ctx.deps.calendar.localDate(ctx.now).slice(0, 4);
  const pad = (s: string) => s.padStart(2, "0");
  const m = /^(\d{1,2})[-/.月](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2}))?$/.exec(typed);
  if (m?.[1] && m[2]) {
    const date = `${year}-${pad(m[1])}-${pad(m[2])}`;
    return m[3] && m[4] ? `${date} ${pad(m[3])}:${m[4]}` : date;
  }
  const full = /^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}):(\d{2})$/.exec(typed);
  if (full?.[1] && full[2] && full[3]) return `${full[1]} ${pad(full[2])}:${full[3]}`;
  return TIME.test(typed) ? typed.padStart(5, "0") : typed;
}

function displayValue(ctx: FlowContext, field: FieldSpec, value: string): string {
  if (field.kind === "choice") {
    const choice = fieldChoices(field, answerContext(ctx).branchPoints).find((c) => c.value === value);
    return choice ? inLanguage(ctx, choice.label) : value;
  }
  if (field.kind === "time" || field.kind === "datetime") {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? value : formatLocalTime(at, forStaff(ctx));
  }
  return value;
}

function summary(ctx: FlowContext, note: Note, details: Details): string {
  const { spec } = note;
  const lines = [
    ctx.t("staff.problem.summary", {
      trackingNo: note.trackingNo,
      category: inLanguage(ctx, spec.label),
    }),
  ];
  for (const field of spec.fields) {
    const value = details[field.key];
    if (typeof value !== "string") continue;
    const shown = displayValue(ctx, field, value);
    lines.push(ctx.t("staff.problem.line", { field: inLanguage(ctx, field.label), value: shown }));
  }
  lines.push(...ruleNotes(ctx, spec, details));
  if (note.nowFilled) lines.push(ctx.t("staff.problem.correctHint"));
  lines.push(ctx.t("staff.problem.confirm"));
  return lines.join("\n");
}

/** The form of one note: the category's fields, the summary, and the desk's record on confirm. */
export function noteForm(desk: Desk, note: Note): Form<Details, string> {
  return form<Details, string>({
    values: detailsSchema,
    fields: note.spec.fields.map(noteField),
    hint: "staff.useButtons",
    summary: {
      text: (ctx, details) => summary(ctx, note, details as Details),
      submit: "button.confirm",
      submitValue: "confirm",
    },
    submit: async (ctx, details) => ({
      end: await record(desk, ctx, {
        trackingNo: note.trackingNo,
        spec: note.spec,
        details: details as Details,
      }),
    }),
    cancel: (ctx) => done(ask(ctx.t("flow.cancelled"), [menuButton(ctx)])),
  });
}
