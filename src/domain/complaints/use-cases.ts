import { afterSalesView, checkClaimText, newItemAudience, signedBy } from "../claims/common";
import { hasRole } from "../config/directory";
import {
  auditEntry,
  cancelTimers,
  customerActor,
  newId,
  personActor,
  requirePerson,
  scheduleAll,
  sendAll,
  toChat,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import type { Done, Refused } from "../desk/desk";
import { complaintViewAction } from "../desk/notice-actions";
import { type Actor, type ChatRef, type Language, sameChat } from "../kernel/chat";
import { addDuration } from "../kernel/duration";
import { excerpt } from "../kernel/format";
import { checkTrackingNo } from "../kernel/tracking-number";
import { type Notice, type Repositories, timer } from "../ports";
import type { Complaint } from "../ports/claims-records";
import type { AuditEntry, Query } from "../ports/records";
import { readBranchName } from "../queries/branch-asks";
import { staffSignOff } from "../queries/greeting";
import {
  complaintForCustomer,
  complaintParams,
  complaintSubject,
  complaintTimerId,
  lateBranchQuery,
  levelText,
  openOfTheSame,
} from "./rules";

/**
 * Complaints (投诉), SOP-82: customer → branch → region → head office. The branch acts first; a
 * complaint nobody acts on within complaints.actWithin (24 h) goes up a level (timers.ts). Region
 * and head office are outside the bot: a duty lead records their decision. A complaint about a late
 * answer to another branch's query records SOP-11's fine against the branch.
 */

export const COMPLAINT_TEXT_MAX = 1000;
export const COMPLAINT_NOTE_MAX = 500;
export const OPEN_COMPLAINTS_LIMIT = 500;

export interface ComplainInput {
  customer: ChatRef;
  language: Language;
  text: string;
  trackingNo?: string | undefined;
  /** One of the customer's own queries (else refused as not found). */
  queryId?: string | undefined;
}

export type ComplainRefusal = "empty" | "too_long" | "bad_tracking_no" | "not_found";

function newComplaint(
  deps: UseCaseDeps,
  now: Date,
  fields: Pick<
    Complaint,
    "customer" | "language" | "trackingNo" | "queryId" | "fromBranch" | "text" | "openedBy"
  >,
  fineYuan: number | null,
): Complaint {
  return {
    id: newId(deps),
    ...fields,
    level: "branch",
    openedAt: now,
    levelSince: now,
    actedAt: null,
    branchActedAt: null,
    escalateAt: addDuration(now, deps.policy.complaints.actWithin, deps.policy.timezone),
    fineYuan,
    closedAt: null,
    closedBy: null,
    resolution: null,
  };
}

/** Writes it with its audit rows (opened; SOP-11 fined), in the caller's transaction. */
async function writeOpened(tx: Repositories, complaint: Complaint, actor: Actor, query: Query | undefined) {
  const subject = complaintSubject(complaint.id);
  await tx.complaints.insert(complaint);
  await tx.audit.append(
    auditEntry(complaint.openedAt, actor, "complaint.opened", subject, {
      trackingNo: complaint.trackingNo,
      queryId: complaint.queryId,
      fromBranch: complaint.fromBranch,
    }),
  );
  if (complaint.fineYuan !== null && query) {
    await tx.audit.append(
      auditEntry(complaint.openedAt, actor, "complaint.fined", subject, {
        rule: "SOP-11",
        yuan: complaint.fineYuan,
        queryId: query.id,
        dueAt: query.dueAt.toISOString(),
        answeredAt: query.answeredAt?.toISOString() ?? null,
      }),
    );
  }
}

/** After the commit: its escalation timer and the staff's notices. */
async function announce(deps: UseCaseDeps, complaint: Complaint) {
  if (complaint.escalateAt) {
    await scheduleAll(deps, [timer("complaint-escalate", complaint.id, complaint.escalateAt)]);
  }
  const staff = await newItemAudience(deps, complaint.openedAt, true);
  await sendAll(
    deps,
    staff.map((p) =>
      toPerson(p, "notice.complaint.opened", (lang) => complaintParams(lang, complaint, complaint.openedAt), [
        complaintViewAction(complaint.id),
      ]),
    ),
  );
}

/** Stores it with its audit rows, then its timer and the staff's notices. */
async function record(deps: UseCaseDeps, complaint: Complaint, actor: Actor, query: Query | undefined) {
  await deps.store.transaction((tx) => writeOpened(tx, complaint, actor, query));
  await announce(deps, complaint);
}

/** A customer complains by chat, about a waybill or one of their own queries when there is one. */
export async function complain(
  deps: UseCaseDeps,
  input: ComplainInput,
): Promise<Done<{ complaint: Complaint; existing?: boolean }> | Refused<ComplainRefusal>> {
  const text = checkClaimText(input.text, COMPLAINT_TEXT_MAX);
  if (!text.ok) return { ok: false, reason: text.reason };
  let trackingNo: string | null = null;
  if (input.trackingNo !== undefined) {
    const no = checkTrackingNo(input.trackingNo, deps.policy);
    if (!no.ok) return { ok: false, reason: "bad_tracking_no" };
    trackingNo = no.trackingNo;
  }
  let query: Query | undefined;
  if (input.queryId !== undefined) {
    query = await deps.store.queries.get(input.queryId);
    if (!query || !sameChat(query.askedBy, input.customer)) return { ok: false, reason: "not_found" };
    trackingNo = trackingNo ?? query.trackingNo;
  }
  const now = deps.clock.now();
  const fields = {
    customer: input.customer,
    language: input.language,
    trackingNo,
    queryId: query?.id ?? null,
    fromBranch: null,
    text: text.text,
    openedBy: "customer",
  };
  const complaint = newComplaint(deps, now, fields, null);
  const actor = customerActor(input.customer);
  // SOP-82: one complaint per matter. A second one on the same parcel or query while the first is
  // open is added to it as the customer's action (its escalation runs on: only staff acting stops it).
  const existing = await deps.store.transaction(async (tx) => {
    const same = await openOfTheSame(tx, input.customer, trackingNo, query?.id ?? null);
    if (!same) return writeOpened(tx, complaint, actor, undefined);
    await tx.audit.append(
      auditEntry(now, actor, "complaint.acted", complaintSubject(same.id), {
        level: same.level,
        note: text.text,
        by: "customer",
      }),
    );
    return same;
  });
  if (!existing) {
    await announce(deps, complaint);
    return { ok: true, complaint };
  }
  const staff = await newItemAudience(deps, now, false);
  await sendAll(
    deps,
    staff.map((p) =>
      toPerson(
        p,
        "notice.complaint.added",
        (lang) => ({ ...complaintParams(lang, existing, now), excerpt: excerpt(text.text) }),
        [complaintViewAction(existing.id)],
      ),
    ),
  );
  return { ok: true, complaint: existing, existing: true };
}

export type BranchComplaintRefusal = "empty" | "too_long" | "bad_tracking_no" | "bad_branch";

/**
 * SOP-11: another branch complains (by phone or the office system) about the answer to its query
 * on this parcel; an agent records it. When that query was answered after its 2 hours (or is still
 * open past them) the fine (queryReply.lateBranchComplaintFineYuan, 200 yuan) is recorded.
 */
export async function recordBranchComplaint(
  deps: UseCaseDeps,
  personId: string,
  input: { fromBranch: string; trackingNo: string; text: string },
): Promise<Done<{ complaint: Complaint; lateQuery?: Query }> | Refused<BranchComplaintRefusal>> {
  const person = requirePerson(deps, personId, "agent", "supervisor");
  const branch = readBranchName(input.fromBranch);
  if (!branch) return { ok: false, reason: "bad_branch" };
  const no = checkTrackingNo(input.trackingNo, deps.policy);
  if (!no.ok) return { ok: false, reason: "bad_tracking_no" };
  const text = checkClaimText(input.text, COMPLAINT_TEXT_MAX);
  if (!text.ok) return { ok: false, reason: text.reason };
  const now = deps.clock.now();
  const queries = await deps.store.complaints.branchQueriesAbout(no.trackingNo);
  const late = lateBranchQuery(queries, branch, now);
  const fields = {
    customer: null,
    language: person.language,
    trackingNo: no.trackingNo,
    queryId: late?.id ?? null,
    fromBranch: branch,
    text: text.text,
    openedBy: person.id,
  };
  const complaint = newComplaint(
    deps,
    now,
    fields,
    late ? Math.round(deps.policy.queryReply.lateBranchComplaintFineYuan) : null,
  );
  await record(deps, complaint, personActor(person.id), late);
  return late ? { ok: true, complaint, lateQuery: late } : { ok: true, complaint };
}

export type ComplaintStepRefusal =
  | "not_found"
  | "closed"
  | "empty"
  | "too_long"
  | "not_allowed"
  | "wrong_level";

/** The customer's notice for a complaint, when it came from a customer's chat. */
export function toComplainer(
  complaint: Complaint,
  key: Parameters<typeof toChat>[2],
  params: Record<string, string>,
): Notice[] {
  return complaint.customer ? [toChat(complaint.customer, complaint.language, key, params)] : [];
}

/**
 * An action on the complaint at its level (a call, a note of what was done): recorded, and it stops
 * this level's escalation. The customer hears the first action taken at the branch.
 */
export async function actOnComplaint(
  deps: UseCaseDeps,
  personId: string,
  complaintId: string,
  note: string,
): Promise<Done<{ complaint: Complaint }> | Refused<ComplaintStepRefusal>> {
  requirePerson(deps, personId, "agent", "supervisor");
  const text = checkClaimText(note, COMPLAINT_NOTE_MAX);
  if (!text.ok) return { ok: false, reason: text.reason };
  const now = deps.clock.now();
  const result = await deps.store.transaction(async (tx) => {
    const c = await tx.complaints.get(complaintId);
    if (!c) return { ok: false, reason: "not_found" } as const;
    // SOP-82: what the branch does before the complaint reaches head office counts as acting.
    const beforeHeadOffice = c.level !== "head_office";
    const first = beforeHeadOffice && c.branchActedAt === null;
    const updated = await tx.complaints.updateOpen(
      complaintId,
      {
        actedAt: now,
        escalateAt: null,
        branchActedAt: c.branchActedAt ?? (beforeHeadOffice ? now : null),
      },
      { level: c.level },
    );
    if (!updated) return { ok: false, reason: "closed" } as const;
    await tx.audit.append(
      auditEntry(now, personActor(personId), "complaint.acted", complaintSubject(c.id), {
        level: c.level,
        note: text.text,
      }),
    );
    return { ok: true, complaint: updated, first } as const;
  });
  if (!result.ok) return result;
  await cancelTimers(deps, [complaintTimerId(complaintId)]);
  if (result.first) {
    await sendAll(
      deps,
      toComplainer(result.complaint, "complaint.customer.acted", {
        // SOP-80/81 greeting; no "再见" while the complaint stays open.
        greeting: signedBy(deps, result.complaint.language, personId).greeting,
        closing: staffSignOff(deps.directory, result.complaint.language, personId),
        about: complaintForCustomer(deps, result.complaint.language, result.complaint),
        level: levelText(result.complaint.language, result.complaint.level),
      }),
    );
  }
  return { ok: true, complaint: result.complaint };
}

/**
 * Closes the complaint: resolved by the branch (an agent or duty lead, at the branch level) or the
 * outside level's decision (region, head office) recorded by a duty lead. The customer is told.
 */
export async function closeComplaint(
  deps: UseCaseDeps,
  personId: string,
  complaintId: string,
  resolution: string,
): Promise<Done<{ complaint: Complaint }> | Refused<ComplaintStepRefusal>> {
  const person = requirePerson(deps, personId, "agent", "supervisor");
  const text = checkClaimText(resolution, COMPLAINT_NOTE_MAX);
  if (!text.ok) return { ok: false, reason: text.reason };
  const now = deps.clock.now();
  const result = await deps.store.transaction(async (tx) => {
    const c = await tx.complaints.get(complaintId);
    if (!c) return { ok: false, reason: "not_found" } as const;
    if (c.closedAt) return { ok: false, reason: "closed" } as const;
    // Region and head office decide outside the bot: only a duty lead records what they decided.
    if (c.level !== "branch" && !hasRole(person, "supervisor"))
      return { ok: false, reason: "not_allowed" } as const;
    const updated = await tx.complaints.updateOpen(
      complaintId,
      { closedAt: now, closedBy: personId, resolution: text.text, escalateAt: null, actedAt: now },
      { level: c.level },
    );
    if (!updated) return { ok: false, reason: "closed" } as const;
    const action = c.level === "branch" ? "complaint.resolved" : "complaint.decided";
    await tx.audit.append(
      auditEntry(now, personActor(personId), action, complaintSubject(c.id), {
        level: c.level,
        resolution: text.text,
      }),
    );
    return { ok: true, complaint: updated } as const;
  });
  if (!result.ok) return result;
  await cancelTimers(deps, [complaintTimerId(complaintId)]);
  const key =
    result.complaint.level === "branch" ? "complaint.customer.resolved" : "complaint.customer.decided";
  await sendAll(
    deps,
    toComplainer(result.complaint, key, {
      resolution: text.text,
      ...signedBy(deps, result.complaint.language, personId),
    }),
  );
  return result;
}

/** Open complaints, oldest first. */
export function openComplaints(deps: UseCaseDeps): Promise<Complaint[]> {
  return deps.store.complaints.listOpen(OPEN_COMPLAINTS_LIMIT);
}

/** One complaint with every action recorded on it, oldest first (agents and duty leads only). */
export async function complaintView(
  deps: UseCaseDeps,
  personId: string,
  complaintId: string,
): Promise<{ complaint: Complaint; history: AuditEntry[] } | undefined> {
  const read = () => deps.store.complaints.get(complaintId);
  const view = await afterSalesView(deps, personId, read, complaintSubject(complaintId));
  return view && { complaint: view.item, history: view.history };
}
