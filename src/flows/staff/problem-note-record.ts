import type { Desk } from "../../domain/desk/desk";
import { type CategorySpec, conditionApplies, type FieldIssue, isFollowUpSaid } from "../../domain/problems";
import { ask } from "../common";
import type { FlowContext, Step } from "../types";
import { heldText } from "./hold-parcel";
import { done, flowButton, inLanguage, me, menuButton } from "./shared";

/**
 * The end of a problem note: recorded by the desk (which opens the self-pickup hold of SOP-37 /
 * SOP-35 itself) with what comes next, or refused with the rule in plain words. Either way the
 * staff member may start another note.
 */

/** The answers of a note: a taxonomy field's key to its value; null: an optional field skipped. */
export type Details = Record<string, string | null>;

/** The rule notes of the taxonomy that apply to these answers (SOP-34: no invoice still counts as delayed). */
export function ruleNotes(ctx: FlowContext, spec: CategorySpec, details: Details): string[] {
  return spec.notes
    .filter((n) => conditionApplies(n.when, details))
    .map((n) => ctx.t("staff.problem.note", { text: inLanguage(ctx, n.note.label) }));
}

export async function record(
  desk: Desk,
  ctx: FlowContext,
  note: { trackingNo: string; spec: CategorySpec; details: Details },
): Promise<Step<never>> {
  const { trackingNo, spec, details } = note;
  const result = await desk.recordProblem(me(ctx).id, trackingNo, { category: spec.code, details });
  if (!result.ok) return refused(ctx, [refusalText(ctx, spec, result)]);
  const recorded = result.note;
  const lines = [
    ctx.t("staff.problem.recorded", {
      trackingNo: recorded.trackingNo,
      category: inLanguage(ctx, spec.label),
    }),
  ];
  // SOP-34: "no invoice" is stored, and the staff member is told the parcel counts as delayed.
  if (recorded.countsAsDelayed) lines.push(ctx.t("staff.problem.countsAsDelayed"));
  lines.push(...ruleNotes(ctx, spec, details));
  for (const followUp of recorded.followUps) {
    // SOP-37, SOP-35 → SOP-50: the desk opened the hold with the note (or one was open already).
    if (followUp === "start_hold") {
      if (result.hold) lines.push(heldText(ctx, result.hold));
      else if (result.alreadyHeld) lines.push(ctx.t("staff.hold.alreadyHeld", { trackingNo }));
      else if (result.markedForReturn) {
        const { marking } = result.markedForReturn; // SOP-51/52: no hold, it goes back
        lines.push(ctx.t("staff.hold.returnMarked", { trackingNo, marking }));
      }
    } else if (isFollowUpSaid(followUp)) lines.push(ctx.t(`staff.problem.followUp.${followUp}`));
  }
  return done(
    ask(lines.join("\n"), [flowButton(ctx, "staff.problem.button.another", "problem-note"), menuButton(ctx)]),
  );
}

export function refusalText(
  ctx: FlowContext,
  spec: CategorySpec,
  result: { reason: string; issues?: FieldIssue[]; missing?: string[] | undefined },
): string {
  const labels = (keys: readonly string[]) =>
    [...new Set(keys)]
      .map((key) => {
        const f = spec.fields.find((x) => x.key === key);
        return f ? inLanguage(ctx, f.label) : key;
      })
      .join(ctx.t("staff.listSeparator"));
  switch (result.reason) {
    case "not_a_problem_reason":
      return ctx.t("staff.problem.refused.sop42");
    case "no_delivery_scan":
      return ctx.t("staff.problem.refused.noDeliveryScan");
    case "no_reason":
      return ctx.t("staff.problem.refused.noReason");
    case "missing_fields":
      return ctx.t("staff.problem.refused.missing", { fields: labels(result.missing ?? []) });
    case "invalid_values":
      return ctx.t("staff.problem.refused.invalid", {
        fields: labels((result.issues ?? []).map((i) => i.field)),
      });
    default:
      return ctx.t("staff.problem.refused.unknownCategory");
  }
}

/** SOP-42: refusal for stairs or rudeness is no problem-parcel reason: nothing is recorded. */
export function refusedSop42(ctx: FlowContext): Step<never> {
  return refused(ctx, [ctx.t("staff.problem.refused.sop42")]);
}

/** A refusal ends the flow: nothing half-filled is stored. */
export function refused(ctx: FlowContext, lines: string[]): Step<never> {
  return done(
    ask([...lines, ctx.t("staff.problem.notStored")].join("\n"), [
      flowButton(ctx, "staff.problem.button.another", "problem-note"),
      menuButton(ctx),
    ]),
  );
}
