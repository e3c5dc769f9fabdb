import type { Language } from "../chat";
import { t } from "../messages";
import type { Notice } from "../ports";
import { isOverdue } from "../query";
import type { PickupRequest, Query, SelfPickupHold } from "../records";
import { holdTimeline, returnMarking } from "../self-pickup";
import {
  clockText,
  personLabel,
  pickupRef,
  queryRef,
  staffWithRole,
  toPerson,
  type UseCaseDeps,
  uniquePeople,
  whenText,
} from "./context";
import { UNACCEPTED } from "./pickups";
import { openQueries, queryFromText } from "./queries";

/**
 * SOP-14: open items are handed over to the next shift (交接). At closing, the handover lists every
 * open query with its holder and due time, every open hold with its next step, every pickup not
 * accepted; at opening, the morning list shows the same for the day. Each returns one notice per
 * agent and supervisor, in their language; the jobs send them.
 */

const DIGEST_LIMIT = 1_000;

interface Digest {
  queries: Query[];
  holds: SelfPickupHold[];
  pickups: PickupRequest[];
}

async function everythingOpen(deps: UseCaseDeps): Promise<Digest> {
  return {
    queries: await openQueries(deps),
    holds: await deps.store.holds.listOpen(DIGEST_LIMIT),
    pickups: await deps.store.pickups.listByStatus(UNACCEPTED, DIGEST_LIMIT),
  };
}

function lines(language: Language, items: string[]): string {
  return items.length > 0 ? items.join("\n") : t(language, "notice.digest.none");
}

function queryLine(deps: UseCaseDeps, language: Language, query: Query, now: Date): string {
  return t(language, "notice.digest.query", {
    ref: queryRef(query),
    from: queryFromText(query, language),
    holder: personLabel(deps, language, query.assignee),
    due: whenText(deps, query.dueAt, now),
    overdue: isOverdue(query, now) ? t(language, "notice.digest.overdue") : "",
  });
}

function holdLine(deps: UseCaseDeps, language: Language, hold: SelfPickupHold, now: Date): string {
  const base = { trackingNo: hold.trackingNo, place: hold.place };
  if (hold.markedForReturnAt) {
    const marking = returnMarking(hold.originBranch) ?? "退回 发件公司";
    return t(language, "notice.digest.hold.markedForReturn", { ...base, marking });
  }
  if (hold.originRepliedAt) return t(language, "notice.digest.hold.replied", base);
  const next = holdTimeline(hold, deps.policy);
  const at = next ? whenText(deps, next.at, now) : "—";
  return hold.originMessagedAt
    ? t(language, "notice.digest.hold.awaitReply", { ...base, at })
    : t(language, "notice.digest.hold.messageOrigin", { ...base, at });
}

function pickupLine(deps: UseCaseDeps, language: Language, pickup: PickupRequest): string {
  const status = pickup.courierId
    ? t(language, "notice.pickupStatus.assigned", { courier: personLabel(deps, language, pickup.courierId) })
    : t(language, "notice.pickupStatus.requested");
  return t(language, "notice.digest.pickup", {
    ref: pickupRef(pickup),
    address: pickup.address,
    day: pickup.pickupDay,
    earliest: clockText(deps, pickup.earliestAt),
    status,
  });
}

function render(
  deps: UseCaseDeps,
  key: "notice.digest.handover" | "notice.digest.morning",
  digest: Digest,
  now: Date,
): Notice[] {
  const people = uniquePeople([...staffWithRole(deps, "agent"), ...staffWithRole(deps, "supervisor")]);
  return people.map((person) =>
    toPerson(person, key, (lang) => ({
      date: deps.calendar.localDate(now),
      queryCount: digest.queries.length,
      queries: lines(
        lang,
        digest.queries.map((q) => queryLine(deps, lang, q, now)),
      ),
      holdCount: digest.holds.length,
      holds: lines(
        lang,
        digest.holds.map((h) => holdLine(deps, lang, h, now)),
      ),
      pickupCount: digest.pickups.length,
      pickups: lines(
        lang,
        digest.pickups.map((p) => pickupLine(deps, lang, p)),
      ),
    })),
  );
}

/** At closing (SOP-14): everything still open, for the next shift. */
export async function shiftHandover(deps: UseCaseDeps): Promise<Notice[]> {
  const now = deps.clock.now();
  return render(deps, "notice.digest.handover", await everythingOpen(deps), now);
}

/**
 * At opening: the open queries (the night's among them, due by 09:00: SOP-12), the holds whose next
 * step falls today or earlier (or that wait on the origin's answer or a return), and the pickups
 * for today or earlier that nobody has accepted.
 */
export async function morningList(deps: UseCaseDeps): Promise<Notice[]> {
  const now = deps.clock.now();
  const today = deps.calendar.localDate(now);
  const endOfDay = deps.calendar.atLocalTime(deps.calendar.addDays(today, 1), { text: "00:00", minutes: 0 });
  const all = await everythingOpen(deps);
  const digest: Digest = {
    queries: all.queries,
    holds: all.holds.filter((h) => {
      if (h.markedForReturnAt || h.originRepliedAt) return true;
      const next = holdTimeline(h, deps.policy);
      return next !== null && next.at.getTime() < endOfDay.getTime();
    }),
    pickups: all.pickups.filter((p) => p.pickupDay <= today),
  };
  return render(deps, "notice.digest.morning", digest, now);
}
