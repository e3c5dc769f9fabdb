import { checkFullAddress } from "../kernel/address";
import { dateOnClock, instantOnClock, isCalendarDate } from "../kernel/calendar";
import { normalizePhone } from "../kernel/phone";
import { type Choice, choice } from "./choices";
import type { FieldSpec } from "./taxonomy";

/**
 * Reading one answer of a problem note (SOP-30..SOP-45): a typed or tapped answer becomes the
 * value the note stores, or the reason it is not one, so a flow can ask again at once.
 */

/** Strings a note stores are capped here (chat input is otherwise unbounded). */
export const MAX_NOTE_TEXT_LENGTH = 500;

/** What reading an answer needs: the branch's clock, and its branch points (SOP-37's place). */
export interface AnswerContext {
  now: Date;
  timeZone: string;
  branchPoints: readonly string[];
}

export type FieldProblem =
  | "not_a_choice"
  | "must_confirm"
  | "not_text"
  | "too_short"
  | "not_an_address"
  | "not_a_time"
  | "not_a_date"
  | "in_the_future"
  | "in_the_past"
  | "not_a_phone";

export type AnswerCheck = { ok: true; value: string } | { ok: false; why: FieldProblem };

/** The choices a flow offers for a field: its own, plus the branch points for SOP-37's place. */
export function fieldChoices(field: FieldSpec, branchPoints: readonly string[]): Choice[] {
  const own = [...(field.choices ?? [])];
  if (!field.choicesFromBranchPoints) return own;
  return [...own, ...branchPoints.map((name) => choice(name, name, name))];
}

/** Checks one answer as the flow receives it, so a wrong answer is asked again at once. */
export function checkFieldAnswer(field: FieldSpec, raw: unknown, ctx: AnswerContext): AnswerCheck {
  switch (field.kind) {
    case "choice": {
      const value = choiceValue(fieldChoices(field, ctx.branchPoints), raw);
      if (value === undefined) return { ok: false, why: "not_a_choice" };
      if (field.mustBe !== undefined && value !== field.mustBe) return { ok: false, why: "must_confirm" };
      return { ok: true, value };
    }
    case "text": {
      if (typeof raw !== "string") return { ok: false, why: "not_text" };
      const text = capped(raw);
      return [...text].length < (field.minLength ?? 1)
        ? { ok: false, why: "too_short" }
        : { ok: true, value: text };
    }
    case "address": {
      if (typeof raw !== "string") return { ok: false, why: "not_an_address" };
      const checked = checkFullAddress(raw.slice(0, MAX_NOTE_TEXT_LENGTH + 1));
      return checked.ok ? { ok: true, value: checked.address } : { ok: false, why: "not_an_address" };
    }
    case "phone":
      return checkPhone(raw);
    case "date":
      return checkDate(field, raw, ctx);
    case "time":
    case "datetime": {
      const at = parseInstant(raw, ctx);
      if (!at) return { ok: false, why: "not_a_time" };
      if (field.notFuture && at.getTime() > ctx.now.getTime()) return { ok: false, why: "in_the_future" };
      return { ok: true, value: at.toISOString() };
    }
  }
}

/** Typed text as it is compared and stored: width-folded (NFKC), one space between words, trimmed. */
export function normalizeAnswerText(text: string): string {
  return text
    .slice(0, MAX_NOTE_TEXT_LENGTH * 4)
    .normalize("NFKC")
    .replace(/\s+/g, " ")
    .trim();
}

function capped(text: string): string {
  return [...normalizeAnswerText(text)].slice(0, MAX_NOTE_TEXT_LENGTH).join("");
}

/** The value of the choice an answer names: by its value, or its zh or en label as a person types it. */
export function choiceValue(choices: readonly Choice[], raw: unknown): string | undefined {
  if (typeof raw === "boolean" && choices.some((c) => c.value === "yes")) return raw ? "yes" : "no";
  if (typeof raw !== "string") return undefined;
  const t = normalizeAnswerText(raw);
  const lower = t.toLowerCase();
  return choices.find((c) => c.value === t || c.label.zh === t || c.label.en.toLowerCase() === lower)?.value;
}

/** A new phone number is read as a pickup's contact phone is (pickups/rules.ts: mobile or landline). */
function checkPhone(raw: unknown): AnswerCheck {
  if (typeof raw !== "string" && typeof raw !== "number") return { ok: false, why: "not_a_phone" };
  const phone = normalizePhone(String(raw));
  return phone ? { ok: true, value: phone } : { ok: false, why: "not_a_phone" };
}

const HH_MM = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATETIME = /^(\d{4}-\d{2}-\d{2})[ T]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const ISO_WITH_OFFSET =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * "HH:MM" is on today's branch date (ctx.now on the branch's clock); "YYYY-MM-DD HH:MM"
 * is on the branch's clock; an ISO string with an offset is taken as it says.
 */
function parseInstant(raw: unknown, ctx: AnswerContext): Date | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw;
  if (typeof raw !== "string") return undefined;
  const text = normalizeAnswerText(raw);
  const hm = HH_MM.exec(text);
  if (hm) {
    const today = dateOnClock(ctx.now, ctx.timeZone);
    return instantOnClock(today, { hours: Number(hm[1]), minutes: Number(hm[2]) }, ctx.timeZone);
  }
  const local = LOCAL_DATETIME.exec(text);
  if (local) {
    const [date = "", hours, minutes, seconds] = local.slice(1);
    if (!isCalendarDate(date)) return undefined;
    const time = { hours: Number(hours), minutes: Number(minutes), seconds: Number(seconds ?? 0) };
    return instantOnClock(date, time, ctx.timeZone);
  }
  const iso = ISO_WITH_OFFSET.exec(text);
  if (iso && isCalendarDate(iso[1] ?? "")) {
    const at = new Date(text);
    return Number.isNaN(at.getTime()) ? undefined : at;
  }
  return undefined;
}

function checkDate(field: FieldSpec, raw: unknown, ctx: AnswerContext): AnswerCheck {
  if (typeof raw !== "string") return { ok: false, why: "not_a_date" };
  const text = normalizeAnswerText(raw);
  if (!isCalendarDate(text)) return { ok: false, why: "not_a_date" };
  // Dates "YYYY-MM-DD" compare as text.
  if (field.notPast && text < dateOnClock(ctx.now, ctx.timeZone)) return { ok: false, why: "in_the_past" };
  return { ok: true, value: text };
}
