import { ageText } from "../desk/context";
import type { BusinessCalendar } from "../kernel/calendar";
import { type ChatRef, type Language, sameChat } from "../kernel/chat";
import { excerpt, formatLocalTime, queryRef } from "../kernel/format";
import { t } from "../messages";
import { type Repositories, timerId } from "../ports";
import type { Complaint, ComplaintLevel } from "../ports/claims-records";
import type { Query } from "../ports/records";

/** SOP-82's levels and SOP-11's lateness, as the complaints' use cases, timer and views read them. */

export const complaintSubject = (id: string) => `complaint/${id}`;
export const complaintTimerId = (id: string) => timerId("complaint-escalate", id);

/** SOP-82: branch → region → head office; nothing above head office. */
export function nextLevel(level: ComplaintLevel): ComplaintLevel | undefined {
  if (level === "branch") return "region";
  if (level === "region") return "head_office";
  return undefined;
}

export function levelText(language: Language, level: ComplaintLevel): string {
  return t(language, `complaint.level.${level}`);
}

/** How a complaint is named to staff: as a query is (its parcel, else the start of its id). */
export function complaintRef(complaint: Pick<Complaint, "id" | "trackingNo">): string {
  return queryRef(complaint);
}

/** SOP-11: a branch query answered after its deadline, or still open past it at `now`. */
function wasLate(query: Query, now: Date): boolean {
  const answered = query.answeredAt ?? now;
  return answered.getTime() > query.dueAt.getTime();
}

/**
 * The branch query a complaint about a late answer is about: the newest late one from the
 * complaining branch (the names as typed may differ by a suffix: "南京" for "南京分公司"), else the
 * newest late one that names no branch; undefined when none (no fine). Another branch's late query
 * is not this branch's complaint (SOP-11: the late answer must be what drew the complaint).
 */
export function lateBranchQuery(queries: readonly Query[], branch: string, now: Date): Query | undefined {
  const late = queries.filter((q) => q.kind === "branch" && wasLate(q, now));
  const named = (q: Query) => q.fromBranch?.trim() ?? "";
  const same = (q: Query) => named(q) !== "" && (named(q).includes(branch) || branch.includes(named(q)));
  return late.find((q) => named(q) === branch) ?? late.find(same) ?? late.find((q) => named(q) === "");
}

/** What the staff notices and lists say of a complaint, in the reader's language. */
export function complaintParams(language: Language, complaint: Complaint, now: Date) {
  return {
    ref: complaintRef(complaint),
    level: levelText(language, complaint.level),
    age: ageText(language, now.getTime() - complaint.openedAt.getTime()),
    from: complaint.fromBranch
      ? t(language, "complaint.from.branch", { branch: complaint.fromBranch })
      : t(language, "complaint.from.customer"),
    fine: complaint.fineYuan === null ? "" : t(language, "complaint.fine", { yuan: complaint.fineYuan }),
    excerpt: excerpt(complaint.text),
  };
}

/**
 * How a customer recognises their complaint: by its waybill, else by when they made it (never an
 * internal id): "运单 YT1000000002 的投诉", "您 11月29日 10:05 提交的投诉".
 */
export function complaintForCustomer(
  deps: { calendar: BusinessCalendar },
  language: Language,
  complaint: Pick<Complaint, "trackingNo" | "openedAt">,
): string {
  if (complaint.trackingNo)
    return t(language, "complaint.customer.about.tracking", { trackingNo: complaint.trackingNo });
  const at = formatLocalTime(complaint.openedAt, { calendar: deps.calendar, language });
  return t(language, "complaint.customer.about.opened", { at });
}

/** How many open complaints a look for the customer's own reads (far beyond a branch's). */
const OPEN_LIMIT = 500;

/** The customer's open complaint on the same parcel or the same query, if there is one. */
export async function openOfTheSame(
  tx: Repositories,
  customer: ChatRef,
  trackingNo: string | null,
  queryId: string | null,
): Promise<Complaint | undefined> {
  if (trackingNo === null && queryId === null) return undefined;
  const open = await tx.complaints.listOpen(OPEN_LIMIT);
  return open.find(
    (c) =>
      sameChat(c.customer, customer) &&
      ((trackingNo !== null && c.trackingNo === trackingNo) || (queryId !== null && c.queryId === queryId)),
  );
}
