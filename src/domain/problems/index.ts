// The problem-parcel area (SOP-30..SOP-45): what flows and adapters may use of it.
export {
  type AnswerCheck,
  type AnswerContext,
  checkFieldAnswer,
  type FieldProblem,
  fieldChoices,
  MAX_NOTE_TEXT_LENGTH,
} from "./answers";
export { type Choice, CONTACT_FAILURES, type Label } from "./choices";
export {
  type CategorySpec,
  conditionApplies,
  type FieldCondition,
  type FieldKind,
  type FieldSpec,
  type FollowUp,
  isFollowUpSaid,
  PROBLEM_CATEGORIES,
  PROBLEM_CATEGORY_CODES,
  type ProblemCategory,
  problemCategory,
  type RuleNote,
} from "./taxonomy";
export {
  type FieldIssue,
  NOT_A_PROBLEM_REASONS,
  type NotAProblemReason,
  nextMissingField,
  notAProblemReason,
  type ProblemContext,
  type ProblemNoteInput,
  type ProblemRefusalReason,
  type ProblemValidation,
  validateProblemNote,
} from "./validation";
