import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { formatLocalTime } from "../../domain/kernel/format";
import {
  type CategorySpec,
  checkFieldAnswer,
  conditionApplies,
  type FieldIssue,
  type FieldSpec,
  fieldChoices,
  nextMissingField,
  notAProblemReason,
  PROBLEM_CATEGORIES,
  type ProblemContext,
  problemCategory,
} from "../../domain/problems";
import { ask, forStaff, say } from "../common";
import type { Choice, Flow, FlowContext, FlowInput, Reply, Step } from "../types";
import { heldText } from "./hold-parcel";
import {
  cancelButton,
  common,
  done,
  flowButton,
  inLanguage,
  me,
  menuButton,
  readTrackingNo,
  startWithTrackingNo,
} from "./shared";

/**
 * `/problem` (问题件, SOP-30..SOP-45) for agents and couriers: tracking number → category →
 * what the desk refuses at once (problemPrecheck: an unknown parcel, SOP-43) → one question at a
 * time, as the taxonomy of problem-parcel.ts asks them → summary → confirm → desk.recordProblem
 * (which opens the self-pickup hold of SOP-37 / SOP-35 itself). Choices are buttons; a past time
 * offers "now", which can be corrected by typing HH:MM at the next question. A refusal is the rule
 * in plain words and nothing is stored until the staff member confirms a complete note.
 */
const problemState = z.object({
  step: z.enum(["tracking", "category", "field", "confirm"]),
  trackingNo: z.string().max(64).optional(),
  category: z.string().max(32).optional(),
  details: z.record(z.string(), z.string().max(600).nullable()),
  /** The field last filled with the "now" button: a typed HH:MM at the next question corrects it. */
  nowFilled: z.string().max(32).optional(),
});
type ProblemState = z.infer<typeof problemState>;

/** The category button for what SOP-42 says is no problem parcel at all. */
const NOT_A_PROBLEM = "k.sop42";

export function problemNoteFlow(desk: Desk): Flow<ProblemState> {
  const flow: Flow<ProblemState> = {
    name: "problem-note",
    roles: ["agent", "courier"],
    state: problemState,
    start: (ctx, args) => startWithTrackingNo(flow, ctx, args, { step: "tracking", details: {} }),
    async on(ctx, state, input) {
      const handled = common(ctx, input);
      if (handled) return handled;

      if (state.step === "tracking") {
        const trackingNo = input.kind === "text" ? readTrackingNo(ctx, input.text) : undefined;
        if (!trackingNo)
          return { replies: [ask(ctx.t("staff.badTrackingNo"), [cancelButton(ctx)])], next: state };
        // A number found unknown after the category was chosen: the category stands.
        const chosen = state.category ? problemCategory(state.category) : undefined;
        return chosen ? begin(desk, ctx, trackingNo, chosen) : askCategory(ctx, trackingNo);
      }

      const trackingNo = state.trackingNo ?? "";
      if (state.step === "category") return onCategory(desk, ctx, trackingNo, input);

      const spec = state.category ? problemCategory(state.category) : undefined;
      if (!spec) return askCategory(ctx, trackingNo);
      if (state.step === "field") return onField(ctx, state, spec, input);

      // step "confirm"
      if (input.kind === "choice" && input.value === "confirm") return record(desk, ctx, state, spec);
      if (input.kind === "text") {
        const corrected = correctNow(ctx, state, spec, input.text);
        if (corrected) return askNext(ctx, corrected.state, spec, corrected.replies);
      }
      return askNext(ctx, state, spec, [say(ctx.t("staff.useButtons"))]);
    },
  };
  return flow;
}

function problemContext(ctx: FlowContext): ProblemContext {
  return {
    now: ctx.now,
    timeZone: ctx.deps.policy.timezone,
    hasDeliveryScan: true, // only the validator reads it; the desk checks SOP-43 first (problemPrecheck)
    branchPoints: ctx.deps.directory.data.branchPoints.map((b) => b.name),
  };
}

// ---- category ---------------------------------------------------------------------------

function askCategory(ctx: FlowContext, trackingNo: string): Step<ProblemState> {
  const choices: Choice[] = [
    ...PROBLEM_CATEGORIES.map((c) => ({ label: inLanguage(ctx, c.label), value: `k.${c.code}` })),
    { label: ctx.t("staff.problem.button.notAProblem"), value: NOT_A_PROBLEM },
    cancelButton(ctx),
  ];
  return {
    replies: [ask(ctx.t("staff.problem.askCategory", { trackingNo }), choices)],
    next: { step: "category", trackingNo, details: {} },
  };
}

async function onCategory(
  desk: Desk,
  ctx: FlowContext,
  trackingNo: string,
  input: FlowInput,
): Promise<Step<ProblemState>> {
  let spec: CategorySpec | undefined;
  if (input.kind === "choice") {
    if (input.value === NOT_A_PROBLEM) return refusedSop42(ctx);
    spec = problemCategory(input.value.replace(/^k\./, ""));
  } else if (input.kind === "text") {
    const typed = input.text.normalize("NFKC").trim();
    const lower = typed.toLowerCase();
    spec = PROBLEM_CATEGORIES.find(
      (c) => c.code === lower || c.label.zh === typed || c.label.en.toLowerCase() === lower,
    );
    // SOP-42: "the courier would not carry it upstairs / was rude" is not a category, nor a reason.
    if (!spec && notAProblemReason(typed)) return refusedSop42(ctx);
  }
  if (!spec) {
    const again = askCategory(ctx, trackingNo);
    return { ...again, replies: [say(ctx.t("staff.useButtons")), ...again.replies] };
  }
  return begin(desk, ctx, trackingNo, spec);
}

/**
 * What the desk refuses before any question (problemPrecheck): an unknown parcel (its number is
 * asked again, the category kept), or a return before the zone's delivery scan (SOP-43), said now
 * rather than after the questions.
 */
async function begin(
  desk: Desk,
  ctx: FlowContext,
  trackingNo: string,
  spec: CategorySpec,
): Promise<Step<ProblemState>> {
  const checked = await desk.problemPrecheck(trackingNo, spec.code);
  if (checked.ok) {
    return askNext(ctx, { step: "field", trackingNo, category: spec.code, details: {} }, spec, []);
  }
  if (checked.reason === "unknown_parcel") {
    return {
      replies: [ask(ctx.t("staff.unknownParcel", { trackingNo }), [cancelButton(ctx)])],
      next: { step: "tracking", category: spec.code, details: {} },
    };
  }
  return refused(ctx, [refusalText(ctx, spec, { ...checked, rule: checked.rule ?? spec.sop })]);
}

// ---- one field at a time ----------------------------------------------------------------

function askNext(
  ctx: FlowContext,
  state: ProblemState,
  spec: CategorySpec,
  before: Reply[],
): Step<ProblemState> {
  const field = nextMissingField(spec.code, state.details);
  if (!field) {
    return {
      replies: [...before, ask(summary(ctx, state, spec), confirmButtons(ctx))],
      next: { ...state, step: "confirm" },
    };
  }
  return { replies: [...before, question(ctx, spec, field)], next: { ...state, step: "field" } };
}

function offersNow(field: FieldSpec): boolean {
  // "Now" fits a time that already happened (the call, the failed attempt), not one still to come.
  return field.kind === "time" || (field.kind === "datetime" && field.notFuture === true);
}

function question(ctx: FlowContext, spec: CategorySpec, field: FieldSpec): Reply {
  const label = inLanguage(ctx, field.label);
  const rule = field.sop && field.sop !== spec.sop ? ` (${field.sop})` : "";
  const choices: Choice[] = [];
  let key: Parameters<FlowContext["t"]>[0];
  switch (field.kind) {
    case "choice":
      key = "staff.problem.ask.choice";
      fieldChoices(field, problemContext(ctx).branchPoints).forEach((c, i) => {
        choices.push({ label: inLanguage(ctx, c.label), value: `c.${i}` });
      });
      break;
    case "time":
      key = "staff.problem.ask.time";
      break;
    case "datetime":
      key = "staff.problem.ask.datetime";
      break;
    case "date": {
      key = "staff.problem.ask.date";
      const today = ctx.deps.calendar.localDate(ctx.now);
      choices.push({ label: ctx.t("staff.problem.button.today", { date: today.slice(5) }), value: "d.0" });
      const tomorrow = ctx.deps.calendar.addDays(today, 1);
      choices.push({
        label: ctx.t("staff.problem.button.tomorrow", { date: tomorrow.slice(5) }),
        value: "d.1",
      });
      break;
    }
    case "address":
      key = "staff.problem.ask.address";
      break;
    case "phone":
      key = "staff.problem.ask.phone";
      break;
    default:
      key = "staff.problem.ask.text";
  }
  if (offersNow(field)) {
    choices.push({
      label: ctx.t("staff.problem.button.now", { time: formatLocalTime(ctx.now, forStaff(ctx)) }),
      value: "now",
    });
  }
  if (field.optional) choices.push({ label: ctx.t("staff.problem.button.skip"), value: "skip" });
  choices.push(cancelButton(ctx));
  return ask(`${ctx.t(key, { field: label })}${rule}`, choices);
}

function onField(
  ctx: FlowContext,
  state: ProblemState,
  spec: CategorySpec,
  input: FlowInput,
): Step<ProblemState> {
  const field = nextMissingField(spec.code, state.details);
  if (!field) return askNext(ctx, state, spec, []);
  const set = (value: string | null, extra: Partial<ProblemState> = {}, before: Reply[] = []) =>
    askNext(ctx, { ...state, ...extra, details: { ...state.details, [field.key]: value } }, spec, before);

  let raw: string | undefined;
  if (input.kind === "choice") {
    const v = input.value;
    if (v === "now" && offersNow(field)) {
      return set(ctx.now.toISOString(), { nowFilled: field.key }, [
        say(ctx.t("staff.problem.nowFilled", { time: formatLocalTime(ctx.now, forStaff(ctx)) })),
      ]);
    }
    if (v === "skip" && field.optional) return set(null);
    const index = /^c\.(\d{1,3})$/.exec(v)?.[1];
    if (index !== undefined && field.kind === "choice") {
      raw = fieldChoices(field, problemContext(ctx).branchPoints)[Number(index)]?.value;
    }
    const days = /^d\.([01])$/.exec(v)?.[1];
    if (days !== undefined && field.kind === "date") {
      raw = ctx.deps.calendar.addDays(ctx.deps.calendar.localDate(ctx.now), Number(days));
    }
  } else if (input.kind === "text") {
    const text = input.text;
    // A typed HH:MM at a button question corrects the time just filled with "now".
    if (field.kind === "choice") {
      const corrected = correctNow(ctx, state, spec, text);
      if (corrected) return askNext(ctx, corrected.state, spec, corrected.replies);
    }
    // SOP-42: refusal for stairs or rudeness is no problem-parcel reason: nothing is recorded.
    if ((field.key === "reason" || field.kind === "text") && notAProblemReason(text))
      return refusedSop42(ctx);
    raw = field.kind === "datetime" || field.kind === "date" ? withYear(ctx, text) : text;
  }
  if (raw === undefined)
    return { replies: [say(ctx.t("staff.useButtons")), question(ctx, spec, field)], next: state };

  const checked = checkFieldAnswer(field, raw, problemContext(ctx));
  if (!checked.ok) {
    const why = ctx.t(`staff.problem.why.${checked.why}`, { rule: field.sop ?? spec.sop });
    return { replies: [say(why), question(ctx, spec, field)], next: state };
  }
  return set(checked.value, field.key === state.nowFilled ? { nowFilled: undefined } : {});
}

const TIME = /^\d{1,2}:\d{2}$/;

/** The "now" correction: a typed HH:MM replaces the time the "now" button filled in. */
function correctNow(
  ctx: FlowContext,
  state: ProblemState,
  spec: CategorySpec,
  text: string,
): { state: ProblemState; replies: Reply[] } | undefined {
  const typed = text.normalize("NFKC").trim();
  const field = spec.fields.find((f) => f.key === state.nowFilled);
  if (!field || !TIME.test(typed)) return undefined;
  const checked = checkFieldAnswer(field, typed.padStart(5, "0"), problemContext(ctx));
  if (!checked.ok) {
    return {
      state,
      replies: [say(ctx.t(`staff.problem.why.${checked.why}`, { rule: field.sop ?? spec.sop }))],
    };
  }
  return {
    state: { ...state, details: { ...state.details, [field.key]: checked.value } },
    replies: [
      say(
        ctx.t("staff.problem.corrected", {
          field: inLanguage(ctx, field.label),
          time: formatLocalTime(new Date(checked.value), forStaff(ctx)),
        }),
      ),
    ],
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

// ---- summary, confirm, record -------------------------------------------------------------

function displayValue(ctx: FlowContext, field: FieldSpec, value: string): string {
  if (field.kind === "choice") {
    const choice = fieldChoices(field, problemContext(ctx).branchPoints).find((c) => c.value === value);
    return choice ? inLanguage(ctx, choice.label) : value;
  }
  if (field.kind === "time" || field.kind === "datetime") {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? value : formatLocalTime(at, forStaff(ctx));
  }
  return value;
}

function ruleNotes(ctx: FlowContext, spec: CategorySpec, details: Record<string, string | null>): string[] {
  return spec.notes
    .filter((n) => conditionApplies(n.when, details))
    .map((n) => ctx.t("staff.problem.note", { rule: n.note.rule, text: inLanguage(ctx, n.note.label) }));
}

function summary(ctx: FlowContext, state: ProblemState, spec: CategorySpec): string {
  const lines = [
    ctx.t("staff.problem.summary", {
      trackingNo: state.trackingNo ?? "—",
      category: inLanguage(ctx, spec.label),
      rule: spec.sop,
    }),
  ];
  for (const field of spec.fields) {
    const value = state.details[field.key];
    if (typeof value !== "string" || !conditionApplies(field.when, state.details)) continue;
    lines.push(
      ctx.t("staff.problem.line", {
        field: inLanguage(ctx, field.label),
        value: displayValue(ctx, field, value),
      }),
    );
  }
  lines.push(...ruleNotes(ctx, spec, state.details));
  if (state.nowFilled) lines.push(ctx.t("staff.problem.correctHint"));
  lines.push(ctx.t("staff.problem.confirm"));
  return lines.join("\n");
}

function confirmButtons(ctx: FlowContext): Choice[] {
  return [{ label: ctx.t("button.confirm"), value: "confirm" }, cancelButton(ctx)];
}

async function record(
  desk: Desk,
  ctx: FlowContext,
  state: ProblemState,
  spec: CategorySpec,
): Promise<Step<never>> {
  const person = me(ctx);
  const trackingNo = state.trackingNo ?? "";
  const result = await desk.recordProblem(person.id, trackingNo, {
    category: spec.code,
    details: state.details,
  });
  if (!result.ok) return refused(ctx, [refusalText(ctx, spec, result)]);
  const note = result.note;
  const lines = [
    ctx.t("staff.problem.recorded", { trackingNo: note.trackingNo, category: inLanguage(ctx, spec.label) }),
  ];
  // SOP-34: "no invoice" is stored, and the staff member is told the parcel counts as delayed.
  if (note.countsAsDelayed) lines.push(ctx.t("staff.problem.countsAsDelayed"));
  lines.push(...ruleNotes(ctx, spec, state.details));
  for (const followUp of note.followUps) {
    // SOP-37, SOP-35 → SOP-50: the desk opened the hold with the note (or one was open already).
    if (followUp === "start_hold") {
      if (result.hold) lines.push(heldText(ctx, result.hold));
      else if (result.alreadyHeld) lines.push(ctx.t("staff.hold.alreadyHeld", { trackingNo }));
    } else if (isFollowUp(followUp)) lines.push(ctx.t(`staff.problem.followUp.${followUp}`));
  }
  return done(
    ask(lines.join("\n"), [flowButton(ctx, "staff.problem.button.another", "problem-note"), menuButton(ctx)]),
  );
}

const FOLLOW_UPS = ["message_origin", "return_same_day", "redeliver_next_day"] as const;
function isFollowUp(v: string): v is (typeof FOLLOW_UPS)[number] {
  return (FOLLOW_UPS as readonly string[]).includes(v);
}

function refusalText(
  ctx: FlowContext,
  spec: CategorySpec,
  result: { rule: string; reason: string; issues?: FieldIssue[]; missing?: string[] | undefined },
): string {
  const rule = result.rule;
  const labels = (keys: readonly string[]) =>
    [...new Set(keys)]
      .map((key) => {
        const f = spec.fields.find((x) => x.key === key);
        return f ? inLanguage(ctx, f.label) : key;
      })
      .join(ctx.t("staff.listSeparator"));
  switch (result.reason) {
    case "not_a_problem_reason":
      return ctx.t("staff.problem.refused.sop42", { rule });
    case "no_delivery_scan":
      return ctx.t("staff.problem.refused.noDeliveryScan", { rule });
    case "no_reason":
      return ctx.t("staff.problem.refused.noReason", { rule });
    case "missing_fields":
      return ctx.t("staff.problem.refused.missing", { rule, fields: labels(result.missing ?? []) });
    case "invalid_values":
      return ctx.t("staff.problem.refused.invalid", {
        rule,
        fields: labels((result.issues ?? []).map((i) => i.field)),
      });
    default:
      return ctx.t("staff.problem.refused.unknownCategory", { rule });
  }
}

function refusedSop42(ctx: FlowContext): Step<never> {
  return refused(ctx, [ctx.t("staff.problem.refused.sop42", { rule: "SOP-42" })]);
}

/** A refusal ends the flow: nothing half-filled is stored. */
function refused(ctx: FlowContext, lines: string[]): Step<never> {
  return done(
    ask([...lines, ctx.t("staff.problem.notStored")].join("\n"), [
      flowButton(ctx, "staff.problem.button.another", "problem-note"),
      menuButton(ctx),
    ]),
  );
}
