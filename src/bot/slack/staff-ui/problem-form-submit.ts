import type { Policy } from "../../../domain/config/policy";
import type { Desk } from "../../../domain/desk/desk";
import type { Language } from "../../../domain/kernel/chat";
import { checkTrackingNo } from "../../../domain/kernel/tracking-number";
import { type MessageKey, t } from "../../../domain/messages";
import {
  type CategorySpec,
  type FieldIssue,
  isFollowUpSaid,
  notAProblemReason,
  type ProblemRefusalReason,
  problemCategory,
} from "../../../domain/problems";
import { fieldBlockId, PROBLEM_FORM } from "./ids";
import { shownFields } from "./problem-form-views";

/**
 * The problem-parcel form submitted (issue 10 §4): read from the modal's state, checked and
 * recorded by the desk (problemPrecheck, recordProblem: the same use cases the chat flow calls),
 * and every refusal put on the field that caused it (`response_action: "errors"`): SOP-40 on the
 * reason, SOP-42 on the field that says it (or the category), SOP-43 on the category, a missing
 * or mistyped answer on its own field.
 */

/** One input's state as Slack sends it (view.state.values[block][action]). */
export interface ViewStateValue {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_time?: string | null;
  selected_date?: string | null;
  selected_date_time?: number | null;
}
export type ViewState = Record<string, Record<string, ViewStateValue>>;

export interface ProblemFormInput {
  trackingNo: string;
  category: string;
  /** A taxonomy field's key to its answer as typed or chosen. */
  details: Record<string, string>;
}

function inputValue(state: ViewStateValue | undefined): string | undefined {
  if (!state) return undefined;
  if (state.selected_option) return state.selected_option.value;
  if (typeof state.selected_date_time === "number")
    return new Date(state.selected_date_time * 1000).toISOString();
  return state.selected_time ?? state.selected_date ?? state.value ?? undefined;
}

/** What the modal holds now (a submission, or the state a dispatched action carries). */
export function readProblemForm(values: ViewState): ProblemFormInput {
  const read = (block: string) => inputValue(values[block]?.[block])?.trim() ?? "";
  const details: Record<string, string> = {};
  for (const block of Object.keys(values)) {
    if (!block.startsWith(PROBLEM_FORM.fieldPrefix)) continue;
    const value = read(block);
    if (value !== "") details[block.slice(PROBLEM_FORM.fieldPrefix.length)] = value;
  }
  return {
    trackingNo: read(PROBLEM_FORM.trackingBlock),
    category: read(PROBLEM_FORM.categoryBlock),
    details,
  };
}

export type ProblemFormOutcome = { ok: true; text: string } | { ok: false; errors: Record<string, string> };

interface Refusal {
  rule?: string | undefined;
  reason: ProblemRefusalReason | "unknown_parcel";
  issues?: FieldIssue[] | undefined;
  missing?: string[] | undefined;
}

/** Each refusal on the block that caused it; what has no block of its own goes on the category. */
export function problemFormErrors(
  language: Language,
  spec: CategorySpec | undefined,
  input: ProblemFormInput,
  refusal: Refusal,
): Record<string, string> {
  const shown = new Set(spec ? shownFields(spec, input.details).map((f) => fieldBlockId(f.key)) : []);
  const errors: Record<string, string> = {};
  const put = (block: string, text: string) => {
    const at = shown.has(block) || block === PROBLEM_FORM.trackingBlock ? block : PROBLEM_FORM.categoryBlock;
    errors[at] = errors[at] ? `${errors[at]} ${text}` : text;
  };
  // The rule stays in the refusal (and the audit), not in what the person reads.
  const say = (key: MessageKey) => t(language, key);
  switch (refusal.reason) {
    case "unknown_parcel":
      put(PROBLEM_FORM.trackingBlock, say("problemForm.error.unknownParcel"));
      break;
    case "not_a_problem_reason": {
      // SOP-42: on the answer that says it; the category when the category itself does.
      const saying = Object.entries(input.details).find(([, v]) => notAProblemReason(v) !== undefined);
      put(saying ? fieldBlockId(saying[0]) : PROBLEM_FORM.categoryBlock, say("staff.problem.refused.sop42"));
      break;
    }
    case "no_reason":
      put(fieldBlockId("reason"), say("staff.problem.refused.noReason"));
      break;
    case "no_delivery_scan":
      put(PROBLEM_FORM.categoryBlock, say("staff.problem.refused.noDeliveryScan"));
      break;
    case "missing_fields":
    case "invalid_values":
      for (const key of refusal.missing ?? []) put(fieldBlockId(key), say("problemForm.error.required"));
      for (const issue of refusal.issues ?? [])
        put(fieldBlockId(issue.field), say(`staff.problem.why.${issue.why}`));
      break;
    default:
      put(PROBLEM_FORM.categoryBlock, say("staff.problem.refused.unknownCategory"));
  }
  return errors;
}

/** What the person is told once the note is stored: the same facts the chat flow tells. */
function recordedText(
  language: Language,
  spec: CategorySpec,
  result: Extract<Awaited<ReturnType<Desk["recordProblem"]>>, { ok: true }>,
): string {
  const lines = [
    t(language, "staff.problem.recorded", {
      trackingNo: result.note.trackingNo,
      category: spec.label[language],
    }),
  ];
  if (result.note.countsAsDelayed) lines.push(t(language, "staff.problem.countsAsDelayed")); // SOP-34
  for (const n of result.notes ?? []) {
    lines.push(t(language, "staff.problem.note", { text: n.label[language] }));
  }
  for (const followUp of result.note.followUps) {
    if (followUp === "start_hold") {
      if (result.hold) lines.push(t(language, "problemForm.holdOpened"));
      else if (result.alreadyHeld)
        lines.push(t(language, "staff.hold.alreadyHeld", { trackingNo: result.note.trackingNo }));
      else if (result.markedForReturn) {
        // SOP-51/52: no hold, the parcel goes back (as the chat flow says, problem-note-record.ts).
        const { marking } = result.markedForReturn;
        lines.push(t(language, "staff.hold.returnMarked", { trackingNo: result.note.trackingNo, marking }));
      }
    } else if (isFollowUpSaid(followUp)) lines.push(t(language, `staff.problem.followUp.${followUp}`));
  }
  return lines.join("\n");
}

/** Checks and records the note for `personId`; a refusal stores nothing. */
export async function submitProblemForm(
  deps: { desk: Desk; policy: Pick<Policy, "trackingNumber"> },
  personId: string,
  language: Language,
  input: ProblemFormInput,
): Promise<ProblemFormOutcome> {
  const tracking = checkTrackingNo(input.trackingNo, deps.policy);
  const spec = problemCategory(input.category);
  const refuse = (refusal: Refusal): ProblemFormOutcome => ({
    ok: false,
    errors: problemFormErrors(language, spec, input, refusal),
  });
  if (!tracking.ok) {
    return {
      ok: false,
      errors: { [PROBLEM_FORM.trackingBlock]: t(language, "problemForm.error.trackingNo") },
    };
  }
  const precheck = await deps.desk.problemPrecheck(tracking.trackingNo, input.category);
  if (!precheck.ok) return refuse(precheck);
  if (!spec) return refuse({ reason: "unknown_category", rule: "SOP-40" });
  const result = await deps.desk.recordProblem(personId, tracking.trackingNo, {
    category: spec.code,
    details: input.details,
  });
  if (!result.ok) return refuse(result);
  return { ok: true, text: recordedText(language, spec, result) };
}
