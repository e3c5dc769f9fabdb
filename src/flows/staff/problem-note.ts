import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import {
  type CategorySpec,
  notAProblemReason,
  PROBLEM_CATEGORIES,
  problemCategory,
} from "../../domain/problems";
import { ask, say } from "../common";
import { type FormState, formState, pressed } from "../form";
import type { Choice, Flow, FlowContext, FlowInput, Step } from "../types";
import {
  correctNow,
  detailsSchema,
  NOW,
  type Note,
  noteForm,
  nowAnswer,
  offersNow,
} from "./problem-note-form";
import { type Details, refusalText, refused, refusedSop42 } from "./problem-note-record";
import { cancelButton, common, inLanguage, readTrackingNo, startWithTrackingNo } from "./shared";

/**
 * `/problem` (问题件, SOP-30..SOP-45) for agents and couriers: tracking number → category →
 * what the desk refuses at once (problemPrecheck: an unknown parcel, SOP-43) → the category's
 * form: one question at a time, as the taxonomy asks them → summary → confirm → desk.recordProblem
 * (which opens the self-pickup hold of SOP-37 / SOP-35 itself). Choices are buttons; a past time
 * offers "now", which can be corrected by typing HH:MM at a later button question or the summary.
 * A refusal is the rule in plain words and nothing is stored until the staff member confirms.
 */
const problemState = z.object({
  step: z.enum(["tracking", "category", "fields"]),
  trackingNo: z.string().max(64).optional(),
  category: z.string().max(32).optional(),
  /** The field last filled with the "now" button: a typed HH:MM corrects it. */
  nowFilled: z.string().max(32).optional(),
  form: formState<Details, string>(detailsSchema).optional(),
});
type ProblemState = z.infer<typeof problemState>;

/** The category button for what SOP-42 says is no problem parcel at all. */
const NOT_A_PROBLEM = "k.sop42";

export function problemNoteFlow(desk: Desk): Flow<ProblemState> {
  const flow: Flow<ProblemState> = {
    name: "problem-note",
    command: "problem",
    menu: { label: "staff.menu.problem", position: 70 },
    roles: ["agent", "courier"],
    state: problemState,
    start: (ctx, args) => startWithTrackingNo(flow, ctx, args, { step: "tracking" }),
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
      if (!spec || !state.form) return askCategory(ctx, trackingNo);
      return onFields(desk, ctx, { trackingNo, spec, nowFilled: state.nowFilled }, state.form, input);
    },
    resume: async (ctx, state) => (state.step === "fields" ? resumeFields(desk, ctx, state) : undefined),
  };
  return flow;
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
    next: { step: "category", trackingNo },
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
    const note: Note = { trackingNo, spec };
    return within(note, await noteForm(desk, note).start(ctx));
  }
  if (checked.reason === "unknown_parcel") {
    return {
      replies: [ask(ctx.t("staff.unknownParcel", { trackingNo }), [cancelButton(ctx)])],
      next: { step: "tracking", category: spec.code },
    };
  }
  return refused(ctx, [refusalText(ctx, spec, checked)]);
}

// ---- the category's form ----------------------------------------------------------------

/**
 * One input while the form runs. The "now" button and its correction are this flow's (the note
 * remembers which field "now" filled); every other input is the form's.
 */
async function onFields(
  desk: Desk,
  ctx: FlowContext,
  note: Note,
  state: FormState<Details, string>,
  input: FlowInput,
): Promise<Step<ProblemState>> {
  const form = noteForm(desk, note);
  const asked = form.asking(state);
  const field = asked && note.spec.fields.find((f) => f.key === asked.key);
  const nowPressed = pressed(input) === NOW && state.offered.includes(NOW);
  if (field && offersNow(field) && nowPressed) {
    const filled: Note = { ...note, nowFilled: field.key };
    return within(filled, await noteForm(desk, filled).answer(ctx, state, nowAnswer(ctx, field)));
  }
  // A typed HH:MM at a button question, or at the summary, corrects the time "now" filled in.
  if (input.kind === "text" && (!field || field.kind === "choice")) {
    const corrected = correctNow(ctx, note, input.text);
    if (corrected) return within(note, await form.answer(ctx, state, corrected));
  }
  return within(note, await form.on(ctx, state, input));
}

/** After /lang at the form (issue 14 §4): its question asked again in the new language, answers kept. */
async function resumeFields(
  desk: Desk,
  ctx: FlowContext,
  state: ProblemState,
): Promise<Step<ProblemState> | undefined> {
  const spec = state.category ? problemCategory(state.category) : undefined;
  if (!spec || !state.form) return undefined;
  const note: Note = { trackingNo: state.trackingNo ?? "", spec, nowFilled: state.nowFilled };
  return within(note, await noteForm(desk, note).resume(ctx, state.form));
}

/** The form's step as this flow's: the note around the form's state (none: the flow ended). */
function within(note: Note, step: Step<FormState<Details, string>>): Step<ProblemState> {
  const { next, ...rest } = step;
  if (!next) return rest;
  const { trackingNo, spec, nowFilled } = note;
  return { ...rest, next: { step: "fields", trackingNo, category: spec.code, nowFilled, form: next } };
}
