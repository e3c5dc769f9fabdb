import type { MessageKey } from "../messages";
import { PROBLEM_CATEGORY_CODES, type ProblemCategory } from "../problems/taxonomy";

/**
 * A problem category as a customer reads it (SOP-30..SOP-45): the one wording the tracking answer
 * and the follow pushes both use. Never the staff category or its note; a category this desk does
 * not know (or none) is "a delivery matter" in both.
 */
const PROBLEM_WORDS: Record<ProblemCategory, MessageKey> = {
  address_unclear: "customer.problem.address_unclear",
  recipient_moved: "customer.problem.recipient_moved",
  address_change: "customer.problem.address_change",
  nobody_home: "customer.problem.nobody_home",
  cod_refused: "customer.problem.cod_refused",
  outside_zone: "customer.problem.outside_zone",
  open_to_inspect: "customer.problem.open_to_inspect",
  self_pickup: "customer.problem.self_pickup",
  missorted: "customer.problem.missorted",
  return: "customer.problem.return",
  damaged_contents: "customer.problem.damaged_contents",
};

/** The message key of a problem category in the customer's words. */
export function problemWordsKey(category: string | null | undefined): MessageKey {
  return category && (PROBLEM_CATEGORY_CODES as readonly string[]).includes(category)
    ? PROBLEM_WORDS[category as ProblemCategory]
    : "customer.problem.other";
}
