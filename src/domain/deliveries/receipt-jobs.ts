import type { Person } from "../config/directory";
import {
  auditEntry,
  clockText,
  staffWithRole,
  supervisorsOrAgents,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import type { Language } from "../kernel/chat";
import { personLabel } from "../kernel/format";
import { t } from "../messages";
import type { Notice } from "../ports";
import type { UnsignedDelivery } from "../ports/deliveries";
import { enterSignerSelect } from "./actions";
import { courierOfDelivery } from "./receipts";

/**
 * SOP-74: deliveries are entered as signed by receipts.enterSignedBy (10:00) the next day. At
 * receipts.remindAt (09:30) each courier is reminded of their deliveries of yesterday not entered
 * yet (with an option per parcel to enter it); at enterSignedBy those still not entered go to the
 * duty leads, by courier, with an audit row. The reminder runs every day (deliveries do not stop
 * when the desk is closed); the escalation waits for a desk day, as every staff notice of a timer
 * does, and then carries the deliveries whose 10:00 fell on the closed days before it. Run twice,
 * they send the same notices (the jobs' dedupe keeps them to one).
 */

const LIMIT = 1_000;
const LINES_MAX = 30;
const escalationActor = { kind: "system" as const, name: "receipts-escalation" };

interface Group {
  courier: Person | undefined;
  deliveries: UnsignedDelivery[];
}

/** How far back the escalation carries deliveries over closed days (a long holiday at most). */
const CARRY_DAYS_MAX = 14;

/**
 * The deliveries (on the branch's clock) of `since` (default yesterday) up to yesterday that have
 * no receipt yet, by courier.
 */
async function unsignedYesterday(
  deps: UseCaseDeps,
  since?: string,
): Promise<{ day: string; groups: Group[] }> {
  const today = deps.calendar.localDate(deps.clock.now());
  const day = deps.calendar.addDays(today, -1);
  const midnight = { text: "00:00", minutes: 0 };
  const unsigned = await deps.store.deliveries.unsignedDeliveries(
    deps.calendar.atLocalTime(since ?? day, midnight),
    deps.calendar.atLocalTime(today, midnight),
    LIMIT,
  );
  const groups = new Map<string, Group>();
  for (const d of unsigned) {
    const courier = courierOfDelivery(deps.directory, d);
    const key = courier?.id ?? "";
    const group = groups.get(key) ?? { courier, deliveries: [] };
    group.deliveries.push(d);
    groups.set(key, group);
  }
  return { day, groups: [...groups.values()] };
}

function deliveryLines(
  deps: UseCaseDeps,
  language: Language,
  deliveries: readonly UnsignedDelivery[],
): string {
  const shown = deliveries.slice(0, LINES_MAX).map((d) =>
    t(language, "receipt.line", {
      trackingNo: d.trackingNo,
      at: clockText(deps, d.deliveredAt),
      location: d.location,
    }),
  );
  if (deliveries.length > shown.length) {
    shown.push(t(language, "notice.digest.more", { n: deliveries.length - shown.length }));
  }
  return shown.join("\n");
}

/** SOP-74, at remindAt: each courier's deliveries of yesterday not entered; the unattributed ones to dispatch. */
export async function receiptReminders(deps: UseCaseDeps): Promise<Notice[]> {
  const { day, groups } = await unsignedYesterday(deps);
  const by = deps.policy.receipts.enterSignedBy.text;
  const notices: Notice[] = [];
  for (const { courier, deliveries } of groups) {
    const select = enterSignerSelect(deliveries.map((d) => d.trackingNo));
    const readers = courier ? [courier] : staffWithRole(deps, "dispatcher");
    for (const reader of readers.length > 0 ? readers : supervisorsOrAgents(deps)) {
      const notice = toPerson(reader, courier ? "receipt.remind" : "receipt.remindUnknown", (lang) => ({
        day,
        count: deliveries.length,
        by,
        lines: deliveryLines(deps, lang, deliveries),
      }));
      if (select && courier) notice.select = select;
      notices.push(notice);
    }
  }
  return notices;
}

/**
 * The first day whose deliveries today's escalation covers: yesterday, or, after closed days, the
 * last desk day before today (its deliveries were due on a closed day, and nobody heard).
 */
function escalationSince(deps: UseCaseDeps, today: string): string {
  const { calendar } = deps;
  let since = calendar.addDays(today, -1);
  for (let i = 1; i < CARRY_DAYS_MAX && !calendar.isDeskDay(since); i++) since = calendar.addDays(since, -1);
  return since;
}

/**
 * SOP-74, at enterSignedBy on a desk day: what is still not entered goes to the duty leads, with an
 * audit row. On a closed day nothing is sent; the next desk day's escalation carries those days.
 */
export async function receiptEscalation(deps: UseCaseDeps): Promise<Notice[]> {
  const now = deps.clock.now();
  const today = deps.calendar.localDate(now);
  if (!deps.calendar.isDeskDay(today)) return [];
  const since = escalationSince(deps, today);
  const { day, groups } = await unsignedYesterday(deps, since);
  if (groups.length === 0) return [];
  await deps.store.transaction((tx) =>
    tx.audit.append(
      auditEntry(now, escalationActor, "receipts.late", `receipts/${day}`, {
        rule: "SOP-74",
        ...(since !== day ? { since } : {}),
        byCourier: groups.map((g) => ({
          courier: g.courier?.id ?? null,
          trackingNos: g.deliveries.map((d) => d.trackingNo),
        })),
      }),
    ),
  );
  const total = groups.reduce((n, g) => n + g.deliveries.length, 0);
  return supervisorsOrAgents(deps).map((lead) =>
    toPerson(lead, since === day ? "receipt.escalate" : "receipt.escalateSince", (lang) => ({
      day,
      since,
      count: total,
      by: deps.policy.receipts.enterSignedBy.text,
      lines: groups
        .map((g) =>
          t(lang, "receipt.escalateCourier", {
            courier: g.courier ? personLabel(deps, lang, g.courier.id) : t(lang, "receipt.courierUnknown"),
            count: g.deliveries.length,
            lines: deliveryLines(deps, lang, g.deliveries),
          }),
        )
        .join("\n"),
    })),
  );
}
