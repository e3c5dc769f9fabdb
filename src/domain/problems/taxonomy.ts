import { TZDate } from "@date-fns/tz";
import { checkFullAddress } from "../kernel/address";
import { normalizePhone } from "../pickups/rules";

/**
 * Problem parcels (问题件), SOP-30..SOP-45: the taxonomy as data (so a chat flow can walk
 * it one question at a time and render each step in zh or en) and the validator that
 * turns a flow's answers into a ProblemNote's details, or refuses them with the rule.
 */

export interface Label {
  readonly zh: string;
  readonly en: string;
}

export interface Choice {
  readonly value: string;
  readonly label: Label;
}

export type FieldKind = "choice" | "text" | "address" | "time" | "datetime" | "date" | "phone";

/** A field applies only when an earlier choice field was answered with one of these values. */
export interface FieldCondition {
  readonly field: string;
  readonly in: readonly string[];
}

export interface FieldSpec {
  readonly key: string;
  readonly kind: FieldKind;
  readonly label: Label;
  /** The rule that asks for this field, when it is not the category's own (e.g. SOP-41). */
  readonly sop?: string;
  readonly when?: FieldCondition;
  readonly optional?: boolean;
  readonly choices?: readonly Choice[];
  /** "place" of SOP-37: the branch points (分点) of the directory are choices too. */
  readonly choicesFromBranchPoints?: boolean;
  /** The only acceptable answer of a confirmation (SOP-45: signed "拒收"). */
  readonly mustBe?: string;
  readonly minLength?: number;
  /** A time that already happened (the failed call, the failed attempt). */
  readonly notFuture?: boolean;
  /** A day that is still to come (today counts). */
  readonly notPast?: boolean;
}

export type FollowUp =
  | "message_origin" // SOP-38, SOP-45: 留言对方公司
  | "start_hold" // SOP-50: the customer is to collect; the self-pickup timeline starts
  | "return_same_day" // SOP-52: a return the origin asked for goes back today, marked "退回 XX公司"
  | "redeliver_next_day"; // SOP-33: 送无人联系明天送

export interface RuleNote {
  readonly rule: string;
  readonly label: Label;
}

export interface CategorySpec {
  readonly code: ProblemCategory;
  readonly sop: string;
  readonly label: Label;
  /** The sub-reasons: the choices of the "reason" field (empty where the reason is free text). */
  readonly reasons: readonly Choice[];
  /** In the order a flow asks them; a condition only refers to an earlier field. */
  readonly fields: readonly FieldSpec[];
  readonly followUps: readonly { readonly followUp: FollowUp; readonly when?: FieldCondition }[];
  readonly notes: readonly { readonly note: RuleNote; readonly when?: FieldCondition }[];
  readonly countsAsDelayedWhen?: FieldCondition;
}

export const PROBLEM_CATEGORY_CODES = [
  "address_unclear",
  "recipient_moved",
  "address_change",
  "nobody_home",
  "cod_refused",
  "outside_zone",
  "open_to_inspect",
  "self_pickup",
  "missorted",
  "return",
  "damaged_contents",
] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORY_CODES)[number];

/** Strings a note stores are capped here (chat input is otherwise unbounded). */
export const MAX_TEXT_LENGTH = 500;

const choice = (value: string, zh: string, en: string): Choice => ({ value, label: { zh, en } });

/** SOP-41: every failed phone contact is classified. */
export const CONTACT_FAILURES: readonly Choice[] = [
  choice("fault", "故障", "phone fault"),
  choice("unreachable", "不通", "unreachable"),
  choice("busy", "通话中", "busy"),
  choice("suspended", "停机", "suspended"),
  choice("switched_off", "关机", "switched off"),
  choice("no_answer", "无人接", "no answer"),
];

const CONTACT_OUTCOMES = [
  choice("contacted", "已联系上", "contacted"),
  choice("not_reached", "未联系上", "not reached"),
];
const ZONE_OR_COMPANY = [choice("zone", "片区", "the zone"), choice("company", "公司", "the company")];
const YES_NO = [choice("yes", "是", "yes"), choice("no", "否", "no")];

const NOT_REACHED = { field: "reason", in: ["not_reached"] } as const;
const CONTACTED = { field: "reason", in: ["contacted"] } as const;

// SOP-30, SOP-31: not reached → the exact contact time (hh:mm) and why, classified as SOP-41 asks.
const contactFailureFields: readonly FieldSpec[] = [
  {
    key: "contactAt",
    kind: "time",
    label: { zh: "联系时间(时:分)", en: "time of the call (hh:mm)" },
    sop: "SOP-41",
    when: NOT_REACHED,
    notFuture: true,
  },
  {
    key: "contactFailure",
    kind: "choice",
    label: { zh: "未联系上的原因", en: "why the call failed" },
    sop: "SOP-41",
    when: NOT_REACHED,
    choices: CONTACT_FAILURES,
  },
];

const reasonField = (choices: readonly Choice[]): FieldSpec => ({
  key: "reason",
  kind: "choice",
  label: { zh: "原因", en: "reason" },
  choices,
});

const ADDRESS_UNCLEAR_REASONS = CONTACT_OUTCOMES;
const RECIPIENT_MOVED_REASONS = CONTACT_OUTCOMES;
const ADDRESS_CHANGE_REASONS = [
  choice("recipient_asked", "收件人要求", "the recipient asked"),
  choice("sender_asked", "寄件人要求", "the sender asked"),
];
// SOP-33: agreed for tomorrow, or the phone contact failed; SOP-41: a failed phone contact is
// always classified with its six classes, so those are SOP-33's failure choices too.
const NOBODY_HOME_REASONS = [
  choice("agreed_tomorrow", "送无人联系明天送", "nobody home, agreed to deliver tomorrow"),
  ...CONTACT_FAILURES,
];
const COD_REFUSED_REASONS = [
  choice("too_expensive", "嫌贵", "too expensive"),
  choice("no_cod", "不收到付件", "won't accept cash on delivery"),
  choice("no_invoice", "没有发票", "no invoice"),
];
const OUTSIDE_ZONE_REASONS = [
  choice("will_collect", "客户自取", "will collect"),
  choice("wont_collect", "客户不自取", "won't collect"),
  choice("cannot_today", "今天取不了", "can't collect today"),
];
const SELF_PICKUP_REASONS = [
  choice("customer_asked", "客户要求自取", "the customer asked to collect"),
  choice("agreed_after_attempt", "派送未果,约定自取", "agreed after a failed delivery"),
];
const MISSORTED_REASONS = [
  choice("not_our_coverage", "非本网点派送范围", "outside this branch's coverage"),
  choice("wrong_sort", "分拣错误", "sorted to the wrong branch"),
];
const DAMAGED_CONTENTS_REASONS = [
  choice("broken", "内件破损", "contents broken"),
  choice("leaked", "内件渗漏或受潮", "contents leaked or wet"),
  choice("deformed", "内件变形", "contents deformed"),
];
const RETURN_REQUESTERS = [
  choice("sender_company", "发件公司要求", "the sender's company asked"),
  choice("recipient", "收件人要求", "the recipient asked"),
];

export const PROBLEM_CATEGORIES: readonly CategorySpec[] = [
  {
    code: "address_unclear",
    sop: "SOP-30",
    label: { zh: "地址不详", en: "address unclear" },
    reasons: ADDRESS_UNCLEAR_REASONS,
    fields: [
      reasonField(ADDRESS_UNCLEAR_REASONS),
      // SOP-30: the zone handles it when the zone can be told from the address, else the company.
      {
        key: "handledBy",
        kind: "choice",
        label: { zh: "处理方", en: "handled by" },
        choices: ZONE_OR_COMPANY,
      },
      {
        key: "correctedAddress",
        kind: "address",
        label: { zh: "更正后的详细地址", en: "corrected detailed address" },
        when: CONTACTED,
      },
      {
        key: "deliveryAt",
        kind: "datetime",
        label: { zh: "客户要求的派送时间", en: "delivery time the customer asked for" },
        when: CONTACTED,
      },
      ...contactFailureFields,
    ],
    followUps: [],
    notes: [],
  },
  {
    code: "recipient_moved",
    sop: "SOP-31",
    label: { zh: "地址搬迁", en: "recipient moved" },
    reasons: RECIPIENT_MOVED_REASONS,
    fields: [
      reasonField(RECIPIENT_MOVED_REASONS),
      // SOP-31: the confirmed detailed new address, never just "moved".
      {
        key: "newAddress",
        kind: "address",
        label: { zh: "确认后的详细新地址", en: "confirmed detailed new address" },
        when: CONTACTED,
      },
      ...contactFailureFields,
    ],
    followUps: [],
    notes: [],
  },
  {
    code: "address_change",
    sop: "SOP-32",
    label: { zh: "改地址", en: "address change" },
    reasons: ADDRESS_CHANGE_REASONS,
    fields: [
      reasonField(ADDRESS_CHANGE_REASONS),
      { key: "newAddress", kind: "address", label: { zh: "详细新地址", en: "detailed new address" } },
      {
        key: "newRecipient",
        kind: "text",
        label: { zh: "新收件人(如有变更)", en: "new recipient (if changed)" },
        optional: true,
        minLength: 1,
      },
      {
        key: "newPhone",
        kind: "phone",
        label: { zh: "新电话(如有变更)", en: "new phone (if changed)" },
        optional: true,
      },
    ],
    followUps: [],
    notes: [],
  },
  {
    code: "nobody_home",
    sop: "SOP-33",
    label: { zh: "送无人", en: "nobody home" },
    reasons: NOBODY_HOME_REASONS,
    fields: [
      reasonField(NOBODY_HOME_REASONS),
      // SOP-33: always the date and time of the failed attempt, whatever the reason.
      {
        key: "attemptAt",
        kind: "datetime",
        label: { zh: "派送未成功的日期和时间", en: "date and time of the failed attempt" },
        notFuture: true,
      },
    ],
    followUps: [{ followUp: "redeliver_next_day", when: { field: "reason", in: ["agreed_tomorrow"] } }],
    notes: [],
  },
  {
    code: "cod_refused",
    sop: "SOP-34",
    label: { zh: "到付拒收", en: "COD refused" },
    reasons: COD_REFUSED_REASONS,
    fields: [reasonField(COD_REFUSED_REASONS)],
    followUps: [],
    notes: [
      {
        note: {
          rule: "SOP-34",
          label: {
            zh: "没有发票不是认可的拒收理由:此件仍计为延误",
            en: "No invoice is not an accepted reason: the parcel counts as delayed all the same",
          },
        },
        when: { field: "reason", in: ["no_invoice"] },
      },
    ],
    // SOP-34: "no invoice" is recorded, but it does not excuse the delay.
    countsAsDelayedWhen: { field: "reason", in: ["no_invoice"] },
  },
  {
    code: "outside_zone",
    sop: "SOP-35",
    label: { zh: "超区件", en: "outside the zone" },
    reasons: OUTSIDE_ZONE_REASONS,
    fields: [
      reasonField(OUTSIDE_ZONE_REASONS),
      {
        key: "day",
        kind: "date",
        label: { zh: "哪一天取", en: "on which day" },
        when: { field: "reason", in: ["will_collect", "cannot_today"] },
        notPast: true,
      },
    ],
    // A customer who will collect is on the SOP-50 self-pickup clock.
    followUps: [{ followUp: "start_hold", when: { field: "reason", in: ["will_collect"] } }],
    notes: [],
  },
  {
    code: "open_to_inspect",
    sop: "SOP-36",
    label: { zh: "拆包验货件", en: "open-to-inspect" },
    reasons: [],
    fields: [
      { key: "reason", kind: "text", label: { zh: "详细原因", en: "detailed reason" }, minLength: 6 },
      {
        key: "told",
        kind: "choice",
        label: { zh: "派送时已告知", en: "told during delivery" },
        choices: ZONE_OR_COMPANY,
      },
    ],
    followUps: [],
    notes: [
      {
        note: {
          rule: "SOP-36",
          label: { zh: "业务员不得自行带回", en: "The courier may not take the parcel back on their own" },
        },
      },
    ],
  },
  {
    code: "self_pickup",
    sop: "SOP-37",
    label: { zh: "自取件", en: "self-pickup" },
    reasons: SELF_PICKUP_REASONS,
    fields: [
      reasonField(SELF_PICKUP_REASONS),
      { key: "pickupAt", kind: "datetime", label: { zh: "自取时间", en: "when" } },
      {
        key: "place",
        kind: "choice",
        label: { zh: "自取地点", en: "where" },
        choices: [choice("head_office", "总公司", "head office")],
        choicesFromBranchPoints: true,
      },
    ],
    followUps: [{ followUp: "start_hold" }],
    notes: [],
  },
  {
    code: "missorted",
    sop: "SOP-38",
    label: { zh: "错分件", en: "missorted" },
    reasons: MISSORTED_REASONS,
    fields: [reasonField(MISSORTED_REASONS)],
    followUps: [{ followUp: "message_origin" }],
    notes: [],
  },
  {
    code: "return",
    sop: "SOP-39",
    label: { zh: "退回件", en: "return" },
    reasons: [],
    fields: [
      {
        key: "requestedBy",
        kind: "choice",
        label: { zh: "要求方", en: "requested by" },
        choices: RETURN_REQUESTERS,
      },
      { key: "reason", kind: "text", label: { zh: "退回原因", en: "reason for the return" }, minLength: 2 },
    ],
    // SOP-52: a return the origin asked for goes back the same day.
    followUps: [{ followUp: "return_same_day", when: { field: "requestedBy", in: ["sender_company"] } }],
    notes: [],
  },
  {
    code: "damaged_contents",
    sop: "SOP-45",
    label: { zh: "外包装完好内件破损", en: "contents damaged, packaging intact" },
    reasons: DAMAGED_CONTENTS_REASONS,
    fields: [
      reasonField(DAMAGED_CONTENTS_REASONS),
      {
        key: "signedRefusal",
        kind: "choice",
        label: { zh: "收件人已在签名后写“拒收”", en: 'the recipient signed with "拒收" after the name' },
        choices: YES_NO,
        mustBe: "yes",
      },
    ],
    followUps: [{ followUp: "message_origin" }],
    notes: [
      {
        note: {
          rule: "SOP-45",
          label: { zh: "发件公司不得推诿", en: "The sender's branch may not shirk it" },
        },
      },
    ],
  },
];

export function problemCategory(code: string): CategorySpec | undefined {
  return PROBLEM_CATEGORIES.find((c) => c.code === code);
}

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
  const t = clean(text);
  return NOT_A_PROBLEM_REASONS.find((r) => t === r.code || t === r.label.zh || r.pattern.test(t));
}

export interface ProblemContext {
  now: Date;
  timeZone: string;
  /** SOP-43: a return needs the zone's delivery scan first. */
  hasDeliveryScan: boolean;
  /** SOP-37: the names of the branch points (分点) of the directory. */
  branchPoints: string[];
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
  const categoryText = typeof input?.category === "string" ? clean(input.category) : "";
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
    countsAsDelayed: spec.countsAsDelayedWhen !== undefined && matches(spec.countsAsDelayedWhen, answers),
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
      const value = matchChoice(field.choices ?? [], raw);
      if (value !== undefined) answers[field.key] = value;
    }
  }
  return null;
}

/** The choices a flow offers for a field: its own, plus the branch points for SOP-37's place. */
export function fieldChoices(field: FieldSpec, branchPoints: readonly string[]): Choice[] {
  const own = [...(field.choices ?? [])];
  if (!field.choicesFromBranchPoints) return own;
  return [...own, ...branchPoints.map((name) => choice(name, name, name))];
}

/** Checks one answer as the flow receives it, so a wrong answer is asked again at once. */
export function checkFieldAnswer(field: FieldSpec, raw: unknown, ctx: ProblemContext): AnswerCheck {
  switch (field.kind) {
    case "choice": {
      const value = matchChoice(fieldChoices(field, ctx.branchPoints), raw);
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
      const checked = checkFullAddress(raw.slice(0, MAX_TEXT_LENGTH + 1));
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

// --- helpers ---------------------------------------------------------------------------

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

function clean(text: string): string {
  return text
    .slice(0, MAX_TEXT_LENGTH * 4)
    .normalize("NFKC")
    .replace(/\s+/g, " ")
    .trim();
}

function capped(text: string): string {
  return [...clean(text)].slice(0, MAX_TEXT_LENGTH).join("");
}

function matches(c: FieldCondition, answers: Readonly<Record<string, string | null>>): boolean {
  const answer = answers[c.field];
  return typeof answer === "string" && c.in.includes(answer);
}

/** Whether a field, follow-up or note applies to these answers (no condition: always). */
export function conditionApplies(
  c: FieldCondition | undefined,
  answers: Readonly<Record<string, string | null>>,
): boolean {
  return c === undefined || matches(c, answers);
}

/** A choice is given by its value, or by its zh or en label as a person would type it. */
function matchChoice(choices: readonly Choice[], raw: unknown): string | undefined {
  if (typeof raw === "boolean" && choices.some((c) => c.value === "yes")) return raw ? "yes" : "no";
  if (typeof raw !== "string") return undefined;
  const t = clean(raw);
  const lower = t.toLowerCase();
  return choices.find((c) => c.value === t || c.label.zh === t || c.label.en.toLowerCase() === lower)?.value;
}

/** A new phone number is read as a pickup's contact phone is (pickup.ts: mobile or landline). */
function checkPhone(raw: unknown): AnswerCheck {
  if (typeof raw !== "string" && typeof raw !== "number") return { ok: false, why: "not_a_phone" };
  const phone = normalizePhone(String(raw));
  return phone ? { ok: true, value: phone } : { ok: false, why: "not_a_phone" };
}

function branchDate(at: Date, timeZone: string): { y: number; m: number; d: number } {
  const local = new TZDate(at.getTime(), timeZone);
  return { y: local.getFullYear(), m: local.getMonth() + 1, d: local.getDate() };
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * "HH:MM" is on today's branch date (ctx.now on the branch's clock); "YYYY-MM-DD HH:MM"
 * is on the branch's clock; an ISO string with an offset is taken as it says.
 */
function parseInstant(raw: unknown, ctx: ProblemContext): Date | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw;
  if (typeof raw !== "string") return undefined;
  const text = clean(raw);
  const hm = HH_MM.exec(text);
  if (hm) {
    const { y, m, d } = branchDate(ctx.now, ctx.timeZone);
    return branchInstant(y, m, d, Number(hm[1]), Number(hm[2]), 0, ctx.timeZone);
  }
  const local = LOCAL_DATETIME.exec(text);
  if (local) {
    const [y, m, d, h, min, s] = local.slice(1).map((p) => Number(p ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    return branchInstant(y, m, d, h, min, s, ctx.timeZone);
  }
  const iso = ISO_WITH_OFFSET.exec(text);
  if (iso && isCalendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))) {
    const at = new Date(text);
    return Number.isNaN(at.getTime()) ? undefined : at;
  }
  return undefined;
}

function branchInstant(y: number, m: number, d: number, h: number, min: number, s: number, tz: string) {
  if (!isCalendarDate(y, m, d)) return undefined;
  return new Date(TZDate.tz(tz, y, m - 1, d, h, min, s).getTime());
}

function checkDate(field: FieldSpec, raw: unknown, ctx: ProblemContext): AnswerCheck {
  if (typeof raw !== "string") return { ok: false, why: "not_a_date" };
  const text = clean(raw);
  const m = DATE.exec(text);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])))
    return { ok: false, why: "not_a_date" };
  if (field.notPast) {
    const today = branchDate(ctx.now, ctx.timeZone);
    const todayText = `${today.y}-${pad(today.m)}-${pad(today.d)}`;
    if (text < todayText) return { ok: false, why: "in_the_past" };
  }
  return { ok: true, value: text };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
