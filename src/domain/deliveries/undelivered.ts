import type { DirectoryIndex } from "../config/directory";
import {
  agentsOnDuty,
  auditEntry,
  clockText,
  personActor,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import type { Done, Refused } from "../desk/desk";
import type { Language } from "../kernel/chat";
import { t } from "../messages";
import type { Notice } from "../ports";
import type { UndeliveredParcel } from "../ports/deliveries";
import { undeliveredAllAction, undeliveredSelect } from "./actions";

/**
 * SOP-44: the parcels that went out for delivery today and came back undelivered are messaged to
 * their origin and scanned as 疑难件 the same day; same-city parcels need no message. At
 * undelivered.listAt (before closing) the desk lists them for the agents as a task, each handled
 * with a button (one audit row each); those still open at closing are in the handover.
 */

/** At most this many parcels per list (a branch has a few dozen; the rest are counted). */
const UNDELIVERED_LIMIT = 500;

const listActor = { kind: "system" as const, name: "undelivered-list" };
const undeliveredSubject = (day: string) => `undelivered/${day}`;

/**
 * SOP-44: whether the origin branch is in the branch's own city, as the directory says: the branch
 * itself, a branch named in branch.sameCity, or one of its branch points (in the branch's city
 * unless the point names another). An unknown origin is not same-city: the agent must look it up.
 */
export function isSameCity(directory: DirectoryIndex, origin: string | null): boolean {
  if (origin === null) return false;
  const name = origin.normalize("NFKC").trim();
  const branch = directory.branch;
  if (name === branch.name || branch.sameCity.includes(name)) return true;
  const point = directory.data.branchPoints.find((p) => p.name === name);
  return point !== undefined && (point.city === undefined || point.city === branch.city);
}

function startOfDay(deps: UseCaseDeps, day: string): Date {
  return deps.calendar.atLocalTime(day, { text: "00:00", minutes: 0 });
}

/**
 * The daily job at undelivered.listAt: lists today's open deliveries of other cities (one
 * transaction: the rows and the audit row), then one notice per agent on duty with the day's
 * parcels still unhandled. Nothing on a day the desk is closed. Run again, it adds nothing twice.
 */
export async function listUndelivered(deps: UseCaseDeps): Promise<Notice[]> {
  const now = deps.clock.now();
  const day = deps.calendar.localDate(now);
  if (!deps.calendar.isDeskDay(day)) return [];
  const open = await deps.store.deliveries.openDeliveries(startOfDay(deps, day), now, UNDELIVERED_LIMIT);
  const others = open.filter((d) => !isSameCity(deps.directory, d.originBranch));
  const rows: UndeliveredParcel[] = others.map((d) => ({
    day,
    trackingNo: d.trackingNo,
    outAt: d.outAt,
    originBranch: d.originBranch,
    listedAt: now,
    handledAt: null,
    handledBy: null,
  }));
  await deps.store.transaction(async (tx) => {
    const added = await tx.deliveries.addUndelivered(rows);
    await tx.audit.append(
      auditEntry(now, listActor, "undelivered.listed", undeliveredSubject(day), {
        rule: "SOP-44",
        listed: added.map((r) => r.trackingNo),
        sameCity: open.length - others.length,
      }),
    );
  });
  const pending = (await deps.store.deliveries.openUndelivered(day, UNDELIVERED_LIMIT)).filter(
    (r) => r.day === day,
  );
  if (pending.length === 0) return [];
  const sameCity = open.length - others.length;
  const select = undeliveredSelect(pending);
  return (await agentsOnDuty(deps)).map((agent) => {
    const notice = toPerson(
      agent,
      "undelivered.notice",
      (lang) => ({
        date: day,
        count: pending.length,
        lines: undeliveredLines(deps, lang, pending),
        sameCity: sameCity > 0 ? t(lang, "undelivered.sameCity", { n: sameCity }) : "",
      }),
      [undeliveredAllAction(day)],
    );
    if (select) notice.select = select;
    return notice;
  });
}

export function undeliveredLine(deps: UseCaseDeps, language: Language, row: UndeliveredParcel): string {
  return t(language, "undelivered.line", {
    trackingNo: row.trackingNo,
    origin: row.originBranch ?? t(language, "undelivered.originUnknown"),
    out: clockText(deps, row.outAt),
    day: row.day,
  });
}

function undeliveredLines(deps: UseCaseDeps, language: Language, rows: readonly UndeliveredParcel[]): string {
  const shown = rows.slice(0, 30).map((r) => undeliveredLine(deps, language, r));
  if (rows.length > shown.length)
    shown.push(t(language, "notice.digest.more", { n: rows.length - shown.length }));
  return shown.join("\n");
}

/** The parcels listed and not handled, of today and earlier days (oldest day first). */
export function openUndelivered(deps: UseCaseDeps): Promise<UndeliveredParcel[]> {
  return deps.store.deliveries.openUndelivered(deps.calendar.localDate(deps.clock.now()), UNDELIVERED_LIMIT);
}

export type HandleRefusal = "not_listed" | "already_handled";

/**
 * SOP-44: an agent has messaged the origin and scanned the parcel as 疑难件 (`trackingNo`), or all
 * of the day's (undefined). One transaction: the rows it changed and one audit row for each.
 * Pressed twice, the second press changes nothing and says so.
 */
export async function markUndeliveredHandled(
  deps: UseCaseDeps,
  personId: string,
  day: string,
  trackingNo: string | undefined,
): Promise<Done<{ handled: UndeliveredParcel[] }> | Refused<HandleRefusal>> {
  const now = deps.clock.now();
  const handled = await deps.store.transaction(async (tx) => {
    const changed = await tx.deliveries.markHandled(day, trackingNo, now, personId);
    for (const row of changed) {
      await tx.audit.append(
        auditEntry(now, personActor(personId), "undelivered.handled", `parcel/${row.trackingNo}`, {
          rule: "SOP-44",
          day,
        }),
      );
    }
    return changed;
  });
  if (handled.length > 0) return { ok: true, handled };
  const ofDay = await deps.store.deliveries.undeliveredOfDay(day);
  const listed = trackingNo === undefined ? ofDay.length > 0 : ofDay.some((r) => r.trackingNo === trackingNo);
  return { ok: false, reason: listed ? "already_handled" : "not_listed", rule: "SOP-44" };
}
