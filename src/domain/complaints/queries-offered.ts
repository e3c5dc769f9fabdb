import type { ChatRef } from "../kernel/chat";
import type { DeskLookups } from "../ports/lookups";
import type { Query } from "../ports/records";

/**
 * SOP-82: which of a customer's own questions a complaint may be about (offered as buttons by
 * /complain): the newest few that are open or were answered in the last 30 days.
 */
export const COMPLAINT_QUERIES_SHOWN = 3;
const COMPLAINT_QUERIES_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function queriesToComplainAbout(
  lookups: Pick<DeskLookups, "queryThreads">,
  customer: ChatRef,
  now: Date,
): Promise<Query[]> {
  const since = new Date(now.getTime() - COMPLAINT_QUERIES_DAYS * DAY_MS);
  const threads = await lookups.queryThreads(customer, since);
  return threads.slice(0, COMPLAINT_QUERIES_SHOWN);
}
