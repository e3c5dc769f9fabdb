import { z } from "zod";
import type { MessageKey } from "../domain/messages";
import { ask, choice, say } from "./common";
import type { FlowContext, FlowInput, Reply, Step } from "./types";

/**
 * A form fills a record one question at a time, like grammY's conversation forms: a list of
 * fields, each saying how it asks, how it reads an answer (a value, or why not: the question
 * again) and when it applies; then a summary to submit, edit or cancel; then submit.
 *
 * The form keeps the state. A field without a value is the one asked next, in the order of the
 * list: editing a field from the summary, or a problem found at the summary or at submit, clears
 * the field, the form asks it again and then comes back to the summary. Its own buttons and the
 * fields' buttons are accepted only while offered, so an old or forged one asks again.
 */

/** What the form does with an answer. */
export interface Answer<V, E> {
  /** The values taken; `undefined` clears a field, which is then asked again. */
  set?: Partial<V>;
  /** Said before the next question. */
  say?: readonly Reply[];
  /** Why the answer was not taken: the next question (nothing set: the same one) is asked with it. */
  error?: E;
}

/** An answer, or the end of the form (a refusal that stores nothing, or the submitted record). */
export type Outcome<V, E> = Answer<V, E> | { end: Step<never> };

export interface FormField<V, E> {
  key: keyof V & string;
  /** Its button on the summary's edit menu; absent: it is not edited on its own. */
  label?: MessageKey;
  /** That button's value after "edit:" (default: the key), kept as buttons already sent carry it. */
  editValue?: string;
  /** Whether it is asked, given the answers of the fields before it; absent: always. */
  applies?(answers: Partial<V>): boolean;
  /** The question; with an error, the question again saying why. */
  ask(ctx: FlowContext, values: Partial<V>, error?: E): Reply[];
  /**
   * Reads one input (a choice is one this question offered). `asked` is the error the question
   * was last asked with, when the form keeps errors: an input that is no answer can ask the same way.
   */
  parse(
    ctx: FlowContext,
    input: FlowInput,
    values: Partial<V>,
    asked: E | undefined,
  ): Outcome<V, E> | Promise<Outcome<V, E>>;
}

export interface FormSummary<V, E> {
  /** The record as it will be submitted; or an answer that clears fields (a problem found). */
  text(ctx: FlowContext, answers: Partial<V>): string | Answer<V, E>;
  /** The submit button. */
  submit: MessageKey;
  /** Its value (default "submit"): a value channels and their tests already know stays the same. */
  submitValue?: string;
  /** The edit button, the menu of fields it opens, and the menu's way back to the summary. */
  edit?: { button: MessageKey; prompt: MessageKey; back: MessageKey };
}

export interface FormSpec<V, E> {
  /** The stored values (a field's value absent: not answered yet). */
  values: z.ZodType<Partial<V>>;
  /** The stored error a question was asked with; absent: errors are said once, not kept. */
  errors?: z.ZodType<E>;
  fields: readonly FormField<V, E>[];
  /** Said, with the buttons again, when the summary or the edit menu gets anything but a button. */
  hint: MessageKey;
  /** Absent: the form submits as soon as the last field is answered. */
  summary?: FormSummary<V, E>;
  /** Records the answers; an answer instead of the end clears fields to ask again (a refusal). */
  submit(ctx: FlowContext, answers: Partial<V>): Promise<Outcome<V, E>>;
  /** What the cancel button (offered by the summary, or by a field) says: nothing is submitted. */
  cancel(ctx: FlowContext): Step<never>;
}

export interface FormState<V, E = never> {
  values: Partial<V>;
  /** The buttons of the last question: only these are taken. */
  offered: string[];
  /** The error the question was asked with (kept when the spec gives `errors`). */
  error?: E | undefined;
  /** The edit menu is open. */
  editing?: boolean | undefined;
}

type Next<V, E> = Promise<Step<FormState<V, E>>>;

export interface Form<V, E> {
  state: z.ZodType<FormState<V, E>>;
  /** Asks the first question (or shows the summary when every field has a value). */
  start(ctx: FlowContext, values?: Partial<V>, lead?: readonly Reply[]): Next<V, E>;
  on(ctx: FlowContext, state: FormState<V, E>, input: FlowInput): Next<V, E>;
  /** Continues with an answer the flow read itself (as if the asked field had parsed it). */
  answer(ctx: FlowContext, state: FormState<V, E>, outcome: Outcome<V, E>): Next<V, E>;
  /** The field being asked; undefined at the summary and on the edit menu. */
  asking(state: FormState<V, E>): FormField<V, E> | undefined;
  /** Shows again what is on screen (the question, the summary or the edit menu), e.g. after /lang. */
  resume(ctx: FlowContext, state: FormState<V, E>): Next<V, E>;
}

export const SUBMIT = "submit";
export const CANCEL = "cancel";
const EDIT = "edit";
const BACK = "back";
const EDIT_FIELD = "edit:";

/** The state's schema; a flow that holds a form in a larger state uses it for that part. */
export function formState<V, E = never>(
  values: z.ZodType<Partial<V>>,
  errors?: z.ZodType<E>,
): z.ZodType<FormState<V, E>> {
  return z.object({
    values,
    offered: z.array(z.string().max(64)).max(100), // Telegram shows at most 100 buttons
    error: (errors ?? z.undefined()).optional(),
    editing: z.boolean().optional(),
  }) as z.ZodType<FormState<V, E>>;
}

/** The button pressed, if the input is one. */
export function pressed(input: FlowInput): string | undefined {
  return input.kind === "choice" ? input.value : undefined;
}

/** Every button value of these replies. */
function offeredIn(replies: readonly Reply[]): string[] {
  return replies.flatMap((r) => (r.kind === "choices" ? r.choices.map((c) => c.value) : []));
}

function withSet<V>(values: Partial<V>, set: Partial<V> | undefined): Partial<V> {
  const next: Record<string, unknown> = { ...values };
  for (const [key, value] of Object.entries(set ?? {})) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as Partial<V>;
}

/** The answers of the fields that apply, and the first of those still unanswered. */
function walk<V, E>(
  fields: readonly FormField<V, E>[],
  values: Partial<V>,
): { answers: Partial<V>; next: FormField<V, E> | undefined } {
  const answers: Partial<V> = {};
  for (const field of fields) {
    if (field.applies && !field.applies(answers)) continue;
    const value = values[field.key];
    if (value === undefined) return { answers, next: field };
    answers[field.key] = value;
  }
  return { answers, next: undefined };
}

function formStep<V, E>(
  spec: FormSpec<V, E>,
  replies: Reply[],
  values: Partial<V>,
  more: { error?: E | undefined; editing?: boolean } = {},
): Step<FormState<V, E>> {
  const next: FormState<V, E> = { values, offered: offeredIn(replies) };
  if (more.error !== undefined && spec.errors) next.error = more.error;
  if (more.editing) next.editing = true;
  return { replies, next };
}

function summaryReply<V, E>(ctx: FlowContext, summary: FormSummary<V, E>, text: string): Reply {
  const buttons = [choice(ctx, summary.submit, summary.submitValue ?? SUBMIT)];
  if (summary.edit) buttons.push(choice(ctx, summary.edit.button, EDIT));
  buttons.push(choice(ctx, "button.cancel", CANCEL));
  return ask(text, buttons);
}

const editButtonValue = (field: { key: string; editValue?: string }) =>
  `${EDIT_FIELD}${field.editValue ?? field.key}`;

/** A button for each answered field that has a label, and the way back to the summary. */
function editMenu<V, E>(spec: FormSpec<V, E>, ctx: FlowContext, values: Partial<V>): Reply[] {
  const edit = spec.summary?.edit;
  if (!edit) return [];
  const { answers } = walk(spec.fields, values);
  const buttons = spec.fields.flatMap((f) =>
    f.label && answers[f.key] !== undefined ? [choice(ctx, f.label, editButtonValue(f))] : [],
  );
  return [ask(ctx.t(edit.prompt), [...buttons, choice(ctx, edit.back, BACK)])];
}

export function form<V, E = never>(spec: FormSpec<V, E>): Form<V, E> {
  const { fields, summary } = spec;
  const step = (replies: Reply[], values: Partial<V>, more?: { error?: E | undefined; editing?: boolean }) =>
    formStep(spec, replies, values, more);

  /** The next question, or the summary (without one, the submit) once every field is answered. */
  async function show(ctx: FlowContext, values: Partial<V>, lead: readonly Reply[], error?: E): Next<V, E> {
    const { answers, next } = walk(fields, values);
    if (next) return step([...lead, ...next.ask(ctx, values, error)], values, { error });
    if (!summary) return reopen(ctx, values, await spec.submit(ctx, answers), lead);
    const text = summary.text(ctx, answers);
    if (typeof text !== "string") return reopen(ctx, values, text, lead);
    return step([...lead, summaryReply(ctx, summary, text)], values);
  }

  function proceed(
    ctx: FlowContext,
    values: Partial<V>,
    outcome: Outcome<V, E>,
    lead: readonly Reply[] = [],
  ) {
    if ("end" in outcome)
      return Promise.resolve({ ...outcome.end, replies: [...lead, ...outcome.end.replies] });
    return show(ctx, withSet(values, outcome.set), [...lead, ...(outcome.say ?? [])], outcome.error);
  }

  /** A summary, or a submit without one, that found a problem must clear a field, or the form would loop. */
  function reopen(ctx: FlowContext, values: Partial<V>, outcome: Outcome<V, E>, lead: readonly Reply[]) {
    if (!("end" in outcome) && !walk(fields, withSet(values, outcome.set)).next) {
      throw new Error("a form's summary or submit answered without clearing a field to ask again");
    }
    return proceed(ctx, values, outcome, lead);
  }

  /** A button not offered (old or forged), or no button where one is wanted: the hint, then again. */
  function again(ctx: FlowContext, state: FormState<V, E>): Next<V, E> {
    const hint = [say(ctx.t(spec.hint))];
    if (state.editing) {
      return Promise.resolve(
        step([...hint, ...editMenu(spec, ctx, state.values)], state.values, { editing: true }),
      );
    }
    return show(ctx, state.values, hint, state.error);
  }

  function onEditMenu(ctx: FlowContext, state: FormState<V, E>, value: string): Next<V, E> {
    if (value === BACK) return show(ctx, state.values, []);
    const field = fields.find((f) => f.label && editButtonValue(f) === value);
    if (!field) return again(ctx, state);
    // Cleared, the field is the first unanswered one: asked, then on to the summary.
    return show(ctx, withSet(state.values, { [field.key]: undefined } as Partial<V>), []);
  }

  async function onSummary(ctx: FlowContext, state: FormState<V, E>, value: string): Next<V, E> {
    if (value === (summary?.submitValue ?? SUBMIT)) {
      // A refusal that clears nothing shows the summary again.
      return proceed(ctx, state.values, await spec.submit(ctx, walk(fields, state.values).answers));
    }
    if (value === EDIT && summary?.edit)
      return step(editMenu(spec, ctx, state.values), state.values, { editing: true });
    return again(ctx, state);
  }

  return {
    state: formState(spec.values, spec.errors),
    start: (ctx, values = {}, lead = []) => show(ctx, values, lead),
    async on(ctx, state, input) {
      const button = pressed(input);
      if (button !== undefined && !state.offered.includes(button)) return again(ctx, state);
      if (button === CANCEL) return spec.cancel(ctx);
      if (state.editing) return button ? onEditMenu(ctx, state, button) : again(ctx, state);
      const field = walk(fields, state.values).next;
      if (!field) return button ? onSummary(ctx, state, button) : again(ctx, state);
      return proceed(ctx, state.values, await field.parse(ctx, input, state.values, state.error));
    },
    answer: (ctx, state, outcome) => proceed(ctx, state.values, outcome),
    asking: (state) => (state.editing ? undefined : walk(fields, state.values).next),
    // Asked as it was last asked (with its error, when kept), in the context's language now.
    resume: (ctx, state) =>
      state.editing
        ? Promise.resolve(step(editMenu(spec, ctx, state.values), state.values, { editing: true }))
        : show(ctx, state.values, [], state.error),
  };
}
