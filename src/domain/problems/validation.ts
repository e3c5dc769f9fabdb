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

/** Text that ends a clause: a pattern looks for its words within one clause. */
const C = "[^,.;!?，。；！？、]";

/**
 * SOP-42: refusal because the courier would not carry it upstairs or was rude is not a
 * problem-parcel reason (不作留言处理). The patterns catch the same thing in free text, in the ways
 * people put it: 不送上楼 / 不给送上楼 / 不送楼上 / 只放楼下 / 让我下楼拿; 态度差 / 态度不好 / 态度不行 /
 * 服务差 / 凶 / 骂人 / 不耐烦; and in English. Tested against a table of phrasings
 * (test/domain/problems/sop-42-free-text.test.ts): what must be refused and genuine reasons that
 * must pass.
 */
export const NOT_A_PROBLEM_REASONS = [
  {
    code: "not_carried_upstairs",
    label: { zh: "业务员不送上楼", en: "the courier would not carry it upstairs" },
    pattern: new RegExp(
      [
        `(不|没|拒)${C}{0,4}上楼`, // 不送上楼, 不给送上楼, 没送上楼, 拒绝上楼
        `(不|没|拒)${C}{0,3}(送|搬|拿|扛|背|提|带|爬)${C}{0,2}楼上`, // 不送楼上, 不肯搬到楼上
        `(只|就|直接)(送|放|扔|丢|搁)(到|在)?楼下`, // 只放楼下, 直接扔在楼下
        `(让|叫|要)${C}{0,4}(自己)?下楼(来)?(取|拿|领|接|搬)`, // 让我下楼拿
        `不(肯|愿|愿意|想)?爬楼`, // 不爬楼, 不愿意爬楼
        String.raw`up\s*stairs|up the stairs|(carry|bring|take) (it|the parcel|the package) up\b`,
      ].join("|"),
      "i",
    ),
  },
  {
    code: "courier_rude",
    label: { zh: "业务员态度差", en: "the courier was rude" },
    pattern: new RegExp(
      [
        "态度(很|太|极|非常|特别|真)?(差|不好|不行|恶劣|蛮横|生硬|冷淡|粗暴|有问题|不端正)",
        "服务(很|太|极|非常|特别|真)?(差|不好|不行|恶劣|态度|太烂|很烂)",
        "不礼貌|没有?礼貌|骂人|骂了|辱骂|骂骂咧咧",
        // 凶 / 吼 of a person, not of a dog at the door ("门口的狗很凶,无法派送" is a genuine reason).
        `(?<!(狗|犬)${C}{0,3})(凶|吼)|嚷|甩脸|摆脸色|脸色难看|不耐烦|脾气(很|太)?(差|大|不好|暴躁)`,
        String.raw`\brude\b|impolite|\bbad attitude|\b(bad|poor|terrible|awful) service|\bshout(ed|ing)?\b|\byell(ed|ing)?\b`,
      ].join("|"),
      "i",
    ),
  },
] as const;

export type NotAProblemReason = (typeof NOT_A_PROBLEM_REASONS)[number];

export function notAProblemReason(text: string): NotAProblemReason | undefined {
  const t = normalizeAnswerText(text);
  // Chinese is matched without spaces ("态度 不好" is 态度不好); English with them.
  const compact = t.replace(/\s+/g, "");
  return NOT_A_PROBLEM_REASONS.find(
    (r) => t === r.code || t === r.label.zh || r.pattern.test(t) || r.pattern.test(compact),
  );
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
