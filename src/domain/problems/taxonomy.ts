import {
  ADDRESS_CHANGE_REASONS,
  ADDRESS_UNCLEAR_REASONS,
  type Choice,
  COD_REFUSED_REASONS,
  CONTACT_FAILURES,
  choice,
  DAMAGED_CONTENTS_REASONS,
  type Label,
  MISSORTED_REASONS,
  NOBODY_HOME_REASONS,
  OUTSIDE_ZONE_REASONS,
  RECIPIENT_MOVED_REASONS,
  RETURN_REQUESTERS,
  SELF_PICKUP_REASONS,
  YES_NO,
  ZONE_OR_COMPANY,
} from "./choices";

/**
 * Problem parcels (问题件), SOP-30..SOP-45: the taxonomy as data, so a chat flow can walk it one
 * question at a time and render each step in zh or en. Reading one answer is answers.ts; checking a
 * whole note against the rules (and refusing it) is validation.ts.
 */

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
  | "start_hold" // the customer is to collect: a self-pickup hold starts (holds/)
  | "return_same_day" // a return the origin asked for goes back today, marked "退回 XX公司" (holds/)
  | "redeliver_next_day"; // SOP-33: 送无人联系明天送

/** The follow-ups staff are told in words once a note is stored (start_hold is told by its hold). */
const FOLLOW_UPS_SAID = [
  "message_origin",
  "return_same_day",
  "redeliver_next_day",
] as const satisfies readonly FollowUp[];
export function isFollowUpSaid(v: string): v is (typeof FOLLOW_UPS_SAID)[number] {
  return (FOLLOW_UPS_SAID as readonly string[]).includes(v);
}

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
    // A customer who will collect is on a self-pickup hold's clock.
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
    // A return the origin asked for goes back the same day (holds/timeline.ts returnMarking).
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

/** Whether a field, follow-up or note applies to these answers (no condition: always). */
export function conditionApplies(
  c: FieldCondition | undefined,
  answers: Readonly<Record<string, string | null>>,
): boolean {
  if (c === undefined) return true;
  const answer = answers[c.field];
  return typeof answer === "string" && c.in.includes(answer);
}
