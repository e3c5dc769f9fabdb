/**
 * The staff UI's own Block Kit ids (every one starts with `ui.`: the channel adapter sends every
 * other block action to the flow engine).
 */
export const PROBLEM_FORM = {
  /** The modal's callback_id. */
  callbackId: "ui.pn",
  trackingBlock: "ui.pn.trackingNo",
  categoryBlock: "ui.pn.category",
  /** A field's block and action id: `ui.pn.f.<taxonomy field key>`. */
  fieldPrefix: "ui.pn.f.",
  /** Every action of the form (the category select, a choice others depend on) starts so. */
  actionPrefix: "ui.pn.",
} as const;

export const ANSWER_FORM = {
  callbackId: "ui.ans",
  textBlock: "ui.ans.text",
} as const;

export const HOME = {
  take: "ui.home.take",
  answer: "ui.home.answer",
} as const;

export const fieldBlockId = (key: string): string => `${PROBLEM_FORM.fieldPrefix}${key}`;
