import {
  type AnswerContext,
  checkFieldAnswer,
  choiceValue,
  type FieldProblem,
  normalizeAnswerText,
} from "./answers";
import {
  conditionApplies,
  type FieldSpec,
  type FollowUp,
  type ProblemCategory,
  problemCategory,
  type RuleNote,
} from "./taxonomy";

/**
 * A whole problem note against the rules (SOP-30..SOP-45): its answers checked field by field as
 * the taxonomy asks them, and refused with the rule when it is no problem parcel at all (SOP-40,
 * SOP-42), is a return too early (SOP-43), or misses or mistypes a field.
 */

/**
 * SOP-42: refusal because the courier would not carry it upstairs or was rude is not a
 * problem-parcel reason (不作留言处理). The patterns catch the same thing in free text.
 */
export const NOT_A_PROBLEM_REASONS = [
  {
    code: "not_carried_upstairs",
    label: { zh: "业务员不送上楼", en: "the courier would not carry it upstairs" },
    pattern: /(不|没|拒)[^,.;!?，。；！？]{0,4}上楼|up\s*stairs|up the stairs/i,
  },
  {
    code: "courier_rude",
    label: { zh: "业务员态度差", en: "the courier was rude" },
    pattern: /态度(差|不好|恶劣|很差|太差|极差|蛮横)|不礼貌|没有?礼貌|骂人|\brude\b|impolite|bad attitude/i,
  },
] as const;

export type NotAProblemReason = (typeof NOT_A_PROBLEM_REASONS)[number];

export function notAProblemReason(text: string): NotAProblemReason | undefined {
  const t = normalizeAnswerText(text);
  return NOT_A_PROBLEM_REASONS.find((r) => t === r.code || t === r.label.zh || r.pattern.test(t));
}

export interface ProblemContext extends AnswerContext {
  /** SOP-43: a return needs the zone's delivery scan first. */
  hasDeliveryScan: boolean;
}

export interface FieldIssue {
  field: string;
  why: FieldProblem;
}

export type ProblemRefusalReason =
  | "unknown_category" // forged or mistyped category: SOP-40, a problem parcel carries a known category
  | "not_a_problem_reason" // SOP-42
  | "no_delivery_scan" // SOP-43
  | "no_reason" // SOP-40
  | "missing_fields"
  | "invalid_values";

export type ProblemValidation =
  | {
      ok: true;
      category: ProblemCategory;
      details: Record<string, string>;
      countsAsDelayed: boolean;
      followUps: FollowUp[];
      notes: RuleNote[];
      rule: string;
    }
  | {
      ok: false;
      rule: string;
      reason: ProblemRefusalReason;
      missing: string[];
      invalid: FieldIssue[];
    };

export interface ProblemNoteInput {
  category: string;
  details: Record<string, unknown>;
}

/** Validates and normalises a problem note; every outcome is a value, forged input included. */
export function validateProblemNote(input: ProblemNoteInput, ctx: ProblemContext): ProblemValidation {
  const categoryText = typeof input?.category === "string" ? normalizeAnswerText(input.category) : "";
  const details = isRecord(input?.details) ? input.details : {};
  const refuse = (
    rule: string,
    reason: ProblemRefusalReason,
    missing: string[] = [],
    invalid: FieldIssue[] = [],
  ) => ({ ok: false, rule, reason, missing, invalid }) as const;

  const spec = problemCategory(categoryText);
  if (!spec) {
    return notAProblemReason(categoryText)
      ? refuse("SOP-42", "not_a_problem_reason")
      : refuse("SOP-40", "unknown_category", categoryText === "" ? ["category"] : []);
  }

  // SOP-42 before anything else: such a note is not taken at all, however complete.
  const saysNotAProblem = spec.fields.some((f) => {
    const v = own(details, f.key);
    return (
      (f.key === "reason" || f.kind === "text") && typeof v === "string" && notAProblemReason(v) !== undefined
    );
  });
  if (saysNotAProblem) return refuse("SOP-42", "not_a_problem_reason");

  const answers: Record<string, string> = {};
  const missing: string[] = [];
  const invalid: FieldIssue[] = [];
  let invalidRule: string | undefined;
  for (const field of spec.fields) {
    if (!conditionApplies(field.when, answers)) continue;
    const raw = own(details, field.key);
    if (isBlank(raw)) {
      if (!field.optional) missing.push(field.key);
      continue;
    }
    const checked = checkFieldAnswer(field, raw, ctx);
    if (checked.ok) {
      answers[field.key] = checked.value;
    } else {
      invalid.push({ field: field.key, why: checked.why });
      invalidRule ??= field.sop ?? spec.sop;
    }
  }

  // SOP-43: no return before the zone's delivery scan.
  if (spec.code === "return" && !ctx.hasDeliveryScan)
    return refuse("SOP-43", "no_delivery_scan", missing, invalid);
  // SOP-40: no reason, no problem parcel (it goes out again tomorrow, the delay is the courier's).
  if (missing.includes("reason")) return refuse("SOP-40", "no_reason", missing, invalid);
  if (invalid.length > 0) return refuse(invalidRule ?? spec.sop, "invalid_values", missing, invalid);
  if (missing.length > 0) return refuse(spec.sop, "missing_fields", missing, invalid);

  return {
    ok: true,
    category: spec.code,
    details: answers,
    countsAsDelayed:
      spec.countsAsDelayedWhen !== undefined && conditionApplies(spec.countsAsDelayedWhen, answers),
    followUps: spec.followUps.filter((f) => conditionApplies(f.when, answers)).map((f) => f.followUp),
    notes: spec.notes.filter((n) => conditionApplies(n.when, answers)).map((n) => n.note),
    rule: spec.sop,
  };
}

/**
 * The next field a flow should ask, or null when nothing is left. A key absent from the
 * partial answers has not been asked; null or "" on an optional field means it was skipped,
 * on a required field that it must be asked again. An unknown category has nothing to ask
 * (validateProblemNote refuses it).
 */
export function nextMissingField(
  category: string,
  partialDetails: Record<string, unknown>,
): FieldSpec | null {
  const spec = problemCategory(category);
  if (!spec) return null;
  const details = isRecord(partialDetails) ? partialDetails : {};
  const answers: Record<string, string> = {};
  for (const field of spec.fields) {
    if (!conditionApplies(field.when, answers)) continue;
    const raw = own(details, field.key);
    if (raw === undefined) return field;
    if (isBlank(raw)) {
      if (field.optional) continue;
      return field;
    }
    if (field.kind === "choice") {
      const value = choiceValue(field.choices ?? [], raw);
      if (value !== undefined) answers[field.key] = value;
    }
  }
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Own properties only: a forged "__proto__" or "toString" key is not an answer. */
function own(details: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(details, key) ? details[key] : undefined;
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
}
