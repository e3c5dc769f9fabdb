import type { types } from "@slack/bolt";
import type { Language } from "../../../domain/kernel/chat";
import { t } from "../../../domain/messages";
import {
  type CategorySpec,
  conditionApplies,
  type FieldSpec,
  fieldChoices,
  MAX_NOTE_TEXT_LENGTH,
  NOT_A_PROBLEM_REASONS,
  PROBLEM_CATEGORIES,
  problemCategory,
} from "../../../domain/problems";
import { fieldBlockId, PROBLEM_FORM } from "./ids";

/**
 * The problem-parcel form as a Slack modal (issue 10 §4): the tracking number, the category
 * (SOP-30..SOP-39, SOP-45, and the SOP-42 non-reasons, which the desk refuses on submission), then
 * the fields the taxonomy asks for that category, those that depend on an earlier answer shown
 * once it is given (the choice they depend on dispatches its action, and the view is rebuilt).
 * Pure: what the modal looks like for what has been chosen so far.
 */
export interface ProblemFormState {
  language: Language;
  /** The chosen category (a taxonomy code, or a SOP-42 code), if any. */
  category?: string | undefined;
  /** The choices answered so far (they decide which conditional fields are shown). */
  answers: Record<string, string>;
  branchPoints: readonly string[];
  /** Shown in the tracking-number field when the modal opens (`/parcel problem YT…`). */
  trackingNo?: string | undefined;
}

type Option = types.PlainTextOption;

const plain = (text: string, max = 75): types.PlainTextElement => ({
  type: "plain_text",
  text: [...text].length > max ? `${[...text].slice(0, max - 1).join("")}…` : text,
});
const option = (text: string, value: string): Option => ({ text: plain(text), value });

function categoryOptions(language: Language): Option[] {
  return [
    // The rule ids (c.sop) stay out of what staff read: the labels say it in words.
    ...PROBLEM_CATEGORIES.map((c) => option(c.label[language], c.code)),
    ...NOT_A_PROBLEM_REASONS.map((r) =>
      option(t(language, "problemForm.notAProblem", { label: r.label[language] }), r.code),
    ),
  ];
}

/** Whether some later field shows only for certain answers of this one (its change rebuilds the form). */
function decidesOthers(spec: CategorySpec, field: FieldSpec): boolean {
  return spec.fields.some((f) => f.when?.field === field.key);
}

function fieldElement(field: FieldSpec, state: ProblemFormState): types.InputBlockElement {
  const action_id = fieldBlockId(field.key);
  const { language } = state;
  switch (field.kind) {
    case "choice": {
      const options = fieldChoices(field, state.branchPoints).map((c) => option(c.label[language], c.value));
      const chosen = options.find((o) => o.value === state.answers[field.key]);
      return {
        type: "static_select",
        action_id,
        placeholder: plain(t(language, "problemForm.choose")),
        options: options.slice(0, 100),
        ...(chosen ? { initial_option: chosen } : {}),
      };
    }
    case "time":
      return { type: "timepicker", action_id };
    case "datetime":
      return { type: "datetimepicker", action_id };
    case "date":
      return { type: "datepicker", action_id };
    default:
      return {
        type: "plain_text_input",
        action_id,
        multiline: field.kind === "text",
        max_length: MAX_NOTE_TEXT_LENGTH,
      };
  }
}

function fieldBlock(spec: CategorySpec, field: FieldSpec, state: ProblemFormState): types.InputBlock {
  return {
    type: "input",
    block_id: fieldBlockId(field.key),
    label: plain(field.label[state.language], 2000),
    optional: field.optional === true,
    dispatch_action: field.kind === "choice" && decidesOthers(spec, field),
    element: fieldElement(field, state),
  };
}

/** The fields shown for these answers: the taxonomy's, in its order, those whose condition holds. */
export function shownFields(spec: CategorySpec, answers: Record<string, string>): FieldSpec[] {
  return spec.fields.filter((f) => conditionApplies(f.when, answers));
}

export function problemFormView(state: ProblemFormState): types.ModalView {
  const { language } = state;
  const categories = categoryOptions(language);
  const chosen = categories.find((o) => o.value === state.category);
  const blocks: types.KnownBlock[] = [
    {
      type: "input",
      block_id: PROBLEM_FORM.trackingBlock,
      label: plain(t(language, "problemForm.trackingNo")),
      element: {
        type: "plain_text_input",
        action_id: PROBLEM_FORM.trackingBlock,
        max_length: 64,
        ...(state.trackingNo ? { initial_value: state.trackingNo } : {}),
      },
    },
    {
      type: "input",
      block_id: PROBLEM_FORM.categoryBlock,
      label: plain(t(language, "problemForm.category")),
      dispatch_action: true,
      element: {
        type: "static_select",
        action_id: PROBLEM_FORM.categoryBlock,
        placeholder: plain(t(language, "problemForm.choose")),
        options: categories,
        ...(chosen ? { initial_option: chosen } : {}),
      },
    },
  ];
  const spec = state.category ? problemCategory(state.category) : undefined;
  const note = (text: string): types.ContextBlock => ({
    type: "context",
    elements: [{ type: "plain_text", text }],
  });
  if (spec) {
    blocks.push(note(t(language, "problemForm.rule", { label: spec.label[language] })));
    for (const field of shownFields(spec, state.answers)) blocks.push(fieldBlock(spec, field, state));
  } else if (chosen) {
    // SOP-42: said before the submission too, which the desk refuses.
    blocks.push(note(t(language, "staff.problem.refused.sop42")));
  } else {
    blocks.push(note(t(language, "problemForm.pickCategoryFirst")));
  }
  return {
    type: "modal",
    callback_id: PROBLEM_FORM.callbackId,
    title: plain(t(language, "problemForm.title"), 24),
    submit: plain(t(language, "problemForm.submit"), 24),
    close: plain(t(language, "problemForm.close"), 24),
    private_metadata: JSON.stringify({ language }),
    blocks,
  };
}

/** A modal that only says something (a refusal to someone who may not use the form). */
export function noticeModal(language: Language, text: string): types.ModalView {
  return {
    type: "modal",
    title: plain(t(language, "problemForm.title"), 24),
    close: plain(t(language, "problemForm.close"), 24),
    blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
  };
}
