import { subjectOf, whenText } from "../desk/context";
import type { BusinessCalendar } from "../kernel/calendar";
import type { Language } from "../kernel/chat";
import { t } from "../messages";
import type { AuditLog } from "../ports";
import type { Query } from "../ports/records";

/**
 * What the customer has been promised (issue 14 §6: never a time already past). Until the SOP-10
 * deadline, the deadline itself. At the deadline the late notice (timers.ts) tells the customer a
 * new time and records it in the audit log (`query.late`, `promisedBy`): from then on, that time
 * while it is ahead. Past both, nothing: the customer hears "as soon as we can", and staff read the
 * deadline as overdue, never as a promise.
 */
export const LATE_ACTION = "query.late";

/** How far back the audit is read for the late notice: far more entries than one thread has. */
const AUDIT_LOOKBACK = 200;

/** The time the late notice told the customer, while it is still ahead. */
export async function toldBy(
  audit: Pick<AuditLog, "list">,
  query: Pick<Query, "id">,
  now: Date,
): Promise<Date | undefined> {
  const entries = await audit.list({ subject: subjectOf.query(query.id), limit: AUDIT_LOOKBACK });
  const late = entries.find((e) => e.action === LATE_ACTION);
  const iso = late?.data.promisedBy;
  const at = typeof iso === "string" ? new Date(iso) : undefined;
  return at && !Number.isNaN(at.getTime()) && at.getTime() > now.getTime() ? at : undefined;
}

/** The time the customer may be given now: the deadline while ahead, else the late notice's time while ahead. */
export async function promisedBy(
  audit: Pick<AuditLog, "list">,
  query: Pick<Query, "id" | "dueAt">,
  now: Date,
): Promise<Date | undefined> {
  if (query.dueAt.getTime() > now.getTime()) return query.dueAt;
  return toldBy(audit, query, now);
}

/**
 * The due time as staff read it in one line of a notice: "请在 10:30 前回复。" while ahead; past it,
 * "已超时(应在 10:04 前回复)…", with the time the customer was told when there is one.
 */
export function dueLine(
  deps: { calendar: BusinessCalendar },
  language: Language,
  query: Pick<Query, "dueAt">,
  now: Date,
  told: Date | undefined,
): string {
  const due = whenText(deps, query.dueAt, now);
  if (query.dueAt.getTime() > now.getTime()) return t(language, "thread.due.line", { due });
  if (!told) return t(language, "thread.due.overdue", { due });
  return t(language, "thread.due.overdueTold", { due, told: whenText(deps, told, now) });
}

/** The due time in a few words: "10:30", or past it "10:04(已超时)". */
export function dueShort(
  deps: { calendar: BusinessCalendar },
  language: Language,
  query: Pick<Query, "dueAt">,
  now: Date,
): string {
  const due = whenText(deps, query.dueAt, now);
  return query.dueAt.getTime() > now.getTime() ? due : t(language, "thread.due.short", { due });
}
