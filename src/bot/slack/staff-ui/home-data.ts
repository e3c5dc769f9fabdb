import type { Person } from "../../../domain/config/directory";
import { hasRole } from "../../../domain/config/directory";
import { type BusinessCalendar, createBusinessCalendar } from "../../../domain/kernel/calendar";
import type { Language } from "../../../domain/kernel/chat";
import { excerpt, formatClock, personLabel, pickupRef } from "../../../domain/kernel/format";
import { t } from "../../../domain/messages";
import { pickupCardParams } from "../../../domain/pickups/card";
import type { PickupRequest, Query } from "../../../domain/ports/records";
import { overdueQueryList, ownQueryList } from "../../../domain/queries/lists";
import type { HomeData, HomePickup, HomeQuery } from "./home-views";
import type { SlackStaffUiDeps } from "./index";

/**
 * What the App Home shows a person, read through the desk (issue 10 §4): open queries for an
 * agent (untaken ones and their own), overdue ones for the duty lead (SOP-10, SOP-11), in the order
 * of /queries and /overdue (queries/lists.ts: most urgent first), a courier's
 * pickups, dispatch's pickups to place. Pickups read as their cards do: the customer's phone
 * masked until a courier accepts.
 */
export interface HomeDeps extends SlackStaffUiDeps {
  calendar: BusinessCalendar;
}

export function homeDeps(deps: SlackStaffUiDeps): HomeDeps {
  return { ...deps, calendar: createBusinessCalendar(deps.policy) };
}

export function querySubject(q: Pick<Query, "trackingNo" | "fromBranch">): string {
  return q.trackingNo ?? q.fromBranch ?? "—";
}

function homeQuery(deps: HomeDeps, language: Language, q: Query, me: Person): HomeQuery {
  return {
    id: q.id,
    subject: querySubject(q),
    excerpt: excerpt(q.text, 40),
    dueAt: q.dueAt,
    holder: q.assignee === null ? null : personLabel(deps, language, q.assignee),
    mine: q.assignee === me.id,
  };
}

function homePickup(deps: HomeDeps, language: Language, p: PickupRequest): HomePickup {
  const params = pickupCardParams(deps, p, { kind: "new" }, language);
  const status =
    p.status === "assigned" && p.courierId
      ? t(language, "pickupStatus.assignedTo", { courier: personLabel(deps, language, p.courierId) })
      : t(language, `pickupStatus.${p.status}`);
  return {
    ref: pickupRef(p),
    when: String(params.when),
    address: p.address,
    contact: String(params.contact),
    goods: p.goods,
    status,
  };
}

export async function homeData(deps: HomeDeps, person: Person | undefined): Promise<HomeData> {
  const now = deps.clock.now();
  const language = person?.language ?? "zh";
  const data: HomeData = { language, now, updatedAt: formatClock(now, deps.calendar), known: !!person };
  if (!person) return data;
  const isAgent = hasRole(person, "agent");
  const isLead = hasRole(person, "supervisor");
  const open = isAgent || isLead ? await deps.desk.openQueries() : [];
  if (isAgent) {
    data.agent = ownQueryList(open, person.id, now).map((q) => homeQuery(deps, language, q, person));
  }
  if (isLead) {
    data.supervisor = overdueQueryList(open, now).map((q) => homeQuery(deps, language, q, person));
  }
  if (hasRole(person, "courier")) {
    data.courier = (await deps.desk.courierPickups(person.id)).map((p) => homePickup(deps, language, p));
  }
  if (hasRole(person, "dispatcher")) {
    data.dispatcher = (await deps.desk.pendingPickups()).map((p) => homePickup(deps, language, p));
  }
  return data;
}
