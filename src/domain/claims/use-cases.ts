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
import { claimViewAction } from "../desk/notice-actions";
import { type ChatRef, type Language, sameChat } from "../kernel/chat";
import { formatLocalTime } from "../kernel/format";
import { checkTrackingNo } from "../kernel/tracking-number";
import { t } from "../messages";
import type { Notice, Repositories } from "../ports";
import {
  CLAIM_KINDS,
  CLAIM_PAYOUTS,
  CLAIM_PHOTOS_MAX,
  type Claim,
  type ClaimChange,
  type ClaimKind,
  type ClaimPayout,
} from "../ports/claims-records";
import type { AuditEntry } from "../ports/records";
import {
  afterSalesView,
  checkClaimText,
  claimParams,
  claimSubject,
  newItemAudience,
  signedBy,
} from "./common";
import { CLAIM_AMOUNT_MAX_YUAN, claimDeadline, yuanText } from "./deadlines";
import { claimTimerIds, claimTimers } from "./timers";

/**
 * Compensation claims (赔偿), SOP-70..SOP-72: a customer opens one by chat; agents record contact,
 * an agreed settlement or a refusal; the customer is told each step in their language. Each change
 * is one transaction with its audit row; timers and notices follow the commit (best effort).
 */

export const CLAIM_TEXT_MAX = 1000;
export const CLAIM_NOTE_MAX = 500;
const PHOTO_REF_MAX = 256;
/** How many open claims the staff list reads (far beyond a branch's). */
export const OPEN_CLAIMS_LIMIT = 500;

export interface OpenClaimInput {
  customer: ChatRef;
  language: Language;
  trackingNo: string;
  kind: ClaimKind;
  description: string;
  photos?: readonly string[];
  /** The customer was told of their open claim of another kind on this parcel and wants one more. */
  another?: boolean;
}

/** Their open claim of another kind on the parcel: told, and asked, before a second one is opened. */
export type OtherClaimOpen = Refused<"other_open"> & { open: Claim };

export type OpenClaimRefusal = "bad_tracking_no" | "bad_kind" | "empty" | "too_long" | "bad_photos";
export type ClaimStepRefusal = "not_found" | "closed" | "empty" | "too_long";

function checkOpen(
  deps: UseCaseDeps,
  input: OpenClaimInput,
): { trackingNo: string; description: string; photos: string[] } | OpenClaimRefusal {
  const no = checkTrackingNo(input.trackingNo, deps.policy);
  if (!no.ok) return "bad_tracking_no";
  if (!(CLAIM_KINDS as readonly string[]).includes(input.kind)) return "bad_kind";
  const text = checkClaimText(input.description, CLAIM_TEXT_MAX);
  if (!text.ok) return text.reason;
  const photos = [...(input.photos ?? [])];
  if (photos.length > CLAIM_PHOTOS_MAX || photos.some((p) => p === "" || p.length > PHOTO_REF_MAX)) {
    return "bad_photos";
  }
  return { trackingNo: no.trackingNo, description: text.text, photos };
}

/** SOP-70/71: opens the claim with its fixed deadline; the agents are told (not woken at night). */
export async function openClaim(
  deps: UseCaseDeps,
  input: OpenClaimInput,
): Promise<
  Done<{ claim: Claim; existing?: boolean; added?: boolean }> | Refused<OpenClaimRefusal> | OtherClaimOpen
> {
  const checked = checkOpen(deps, input);
  if (typeof checked === "string") return { ok: false, reason: checked };
  const now = deps.clock.now();
  const claim: Claim = {
    id: newId(deps),
    trackingNo: checked.trackingNo,
    kind: input.kind,
    customer: input.customer,
    language: input.language,
    description: checked.description,
    photos: checked.photos,
    openedAt: now,
    dueAt: claimDeadline(input.kind, now, deps.policy),
    openedBy: "customer",
    holder: null,
    contactedAt: null,
    outcome: null,
    closedAt: null,
    closedBy: null,
    amountFen: null,
    paidBy: null,
    settledAt: null,
    refusalReason: null,
    note: null,
  };
  const existing = await deps.store.transaction(async (tx) => {
    // The same customer's open claim on the same parcel and of the same kind: a second /claim is the first.
    const mine = (await tx.claims.listOpenByParcel(claim.trackingNo)).filter((c) =>
      sameChat(c.customer, input.customer),
    );
    const same = mine.find((c) => c.kind === claim.kind);
    if (same) return { same, added: await addToOpenClaim(tx, same, claim, now) };
    // Another kind on the same parcel: never opened silently; the customer confirms it first.
    if (mine[0] && input.another !== true) return { other: mine[0] };
    await tx.claims.insert(claim);
    await tx.audit.append(
      auditEntry(now, customerActor(input.customer), "claim.opened", claimSubject(claim.id), {
        trackingNo: claim.trackingNo,
        kind: claim.kind,
        dueAt: claim.dueAt.toISOString(),
        photos: claim.photos.length,
      }),
    );
    return undefined;
  });
  if (existing?.same) {
    const { same, added } = existing;
    if (added) await tellClaimAdded(deps, same, claim.description, now);
    return { ok: true, claim: same, existing: true, added };
  }
  if (existing?.other) return { ok: false, reason: "other_open", open: existing.other };
  await scheduleAll(deps, claimTimers(deps, claim));
  const agents = await newItemAudience(deps, now, false);
  await sendAll(
    deps,
    agents.map((p) =>
      toPerson(p, "notice.claim.opened", (lang) => claimParams(deps, lang, claim, now), [
        claimViewAction(claim.id),
      ]),
    ),
  );
  return { ok: true, claim };
}

/**
 * A second /claim of the same kind by the same customer: what they wrote this time joins the open
 * claim (an audit row its card shows), never lost; the same words again add nothing. Whether added.
 */
async function addToOpenClaim(tx: Repositories, same: Claim, claim: Claim, now: Date): Promise<boolean> {
  const words = claim.description.trim();
  const said = (await tx.audit.list({ subject: claimSubject(same.id), limit: 50 }))
    .filter((e) => e.action === "claim.added")
    .map((e) => String(e.data.text ?? ""));
  if (words === "" || words === same.description.trim() || said.includes(words)) return false;
  const customer = claim.customer ?? same.customer;
  if (!customer) return false;
  await tx.audit.append(
    auditEntry(now, customerActor(customer), "claim.added", claimSubject(same.id), {
      text: words,
      photos: claim.photos.length,
    }),
  );
  return true;
}

/** The holder (else the agents, as for a new claim) hears what the customer added. */
async function tellClaimAdded(deps: UseCaseDeps, same: Claim, text: string, now: Date): Promise<void> {
  const holder = same.holder ? deps.directory.person(same.holder) : undefined;
  const to = holder ? [holder] : await newItemAudience(deps, now, false);
  await sendAll(
    deps,
    to.map((p) =>
      toPerson(p, "notice.claim.added", (lang) => ({ ...claimParams(deps, lang, same, now), text }), [
        claimViewAction(same.id),
      ]),
    ),
  );
}

/** The customer's words for the deadline: the date in their language. */
function customerDue(deps: UseCaseDeps, claim: Claim): string {
  return formatLocalTime(claim.dueAt, { calendar: deps.calendar, language: claim.language });
}

function toCustomer(
  claim: Claim,
  key: Parameters<typeof toChat>[2],
  params: Record<string, string | number>,
): Notice[] {
  return claim.customer ? [toChat(claim.customer, claim.language, key, params)] : [];
}

/**
 * One step on an open claim, in one transaction with its audit row: the claim as it is now, or why
 * not. The holder becomes the person acting when nobody holds it yet.
 */
async function step(
  deps: UseCaseDeps,
  personId: string,
  claimId: string,
  change: (claim: Claim, now: Date) => ClaimChange,
  audit: (claim: Claim, now: Date) => AuditEntry,
): Promise<Done<{ claim: Claim }> | Refused<"not_found" | "closed">> {
  requirePerson(deps, personId, "agent", "supervisor");
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const claim = await tx.claims.get(claimId);
    if (!claim) return { ok: false, reason: "not_found" } as const;
    if (claim.outcome) return { ok: false, reason: "closed" } as const;
    const updated = await tx.claims.updateOpen(
      claimId,
      { ...change(claim, now), holder: claim.holder ?? personId },
      { holder: claim.holder },
    );
    // Taken by someone else meanwhile: the step still applies, the new holder stays.
    const applied = updated ?? (await tx.claims.updateOpen(claimId, change(claim, now)));
    if (!applied) return { ok: false, reason: "closed" } as const;
    await tx.audit.append(audit(applied, now));
    return { ok: true, claim: applied } as const;
  });
}

/** The agent has been in touch with the customer: recorded, and the customer hears the deadline stands. */
export async function recordClaimContact(
  deps: UseCaseDeps,
  personId: string,
  claimId: string,
  note: string,
): Promise<Done<{ claim: Claim }> | Refused<ClaimStepRefusal>> {
  const text = checkClaimText(note, CLAIM_NOTE_MAX);
  if (!text.ok) return { ok: false, reason: text.reason };
  const done = await step(
    deps,
    personId,
    claimId,
    (_c, now) => ({ contactedAt: now }),
    (c, now) =>
      auditEntry(now, personActor(personId), "claim.contacted", claimSubject(c.id), { note: text.text }),
  );
  if (!done.ok) return done;
  const claim = done.claim;
  await sendAll(
    deps,
    toCustomer(claim, "claim.customer.contacted", {
      trackingNo: claim.trackingNo,
      ...signedBy(deps, claim.language, personId),
      due: customerDue(deps, claim),
    }),
  );
  return done;
}

export type SettleRefusal = "not_found" | "closed" | "bad_amount" | "bad_payout";

/** An agreed settlement (amount in yuan, how it is paid): the claim closes, the customer is told. */
export async function settleClaim(
  deps: UseCaseDeps,
  personId: string,
  claimId: string,
  settlement: { amountFen: number; paidBy: ClaimPayout },
): Promise<Done<{ claim: Claim; late: boolean }> | Refused<SettleRefusal>> {
  const { amountFen, paidBy } = settlement;
  if (!Number.isInteger(amountFen) || amountFen <= 0 || amountFen > CLAIM_AMOUNT_MAX_YUAN * 100) {
    return { ok: false, reason: "bad_amount" };
  }
  if (!(CLAIM_PAYOUTS as readonly string[]).includes(paidBy)) return { ok: false, reason: "bad_payout" };
  const done = await step(
    deps,
    personId,
    claimId,
    (_c, now) => ({
      outcome: "settled",
      closedAt: now,
      closedBy: personId,
      settledAt: now,
      amountFen,
      paidBy,
    }),
    (c, now) =>
      auditEntry(now, personActor(personId), "claim.settled", claimSubject(c.id), {
        amountFen,
        paidBy,
        late: now.getTime() > c.dueAt.getTime(),
      }),
  );
  if (!done.ok) return done;
  const claim = done.claim;
  await cancelTimers(deps, claimTimerIds(claim.id));
  await sendAll(
    deps,
    toCustomer(claim, "claim.customer.settled", {
      trackingNo: claim.trackingNo,
      amount: yuanText(amountFen),
      paidBy: t(claim.language, `claim.payout.${paidBy}`),
      ...signedBy(deps, claim.language, personId),
    }),
  );
  return { ok: true, claim, late: deps.clock.now().getTime() > claim.dueAt.getTime() };
}

/** A refusal with its reason: the claim closes, the customer is told why. */
export async function refuseClaim(
  deps: UseCaseDeps,
  personId: string,
  claimId: string,
  reason: string,
): Promise<Done<{ claim: Claim }> | Refused<ClaimStepRefusal>> {
  const text = checkClaimText(reason, CLAIM_NOTE_MAX);
  if (!text.ok) return { ok: false, reason: text.reason };
  const done = await step(
    deps,
    personId,
    claimId,
    (_c, now) => ({ outcome: "refused", closedAt: now, closedBy: personId, refusalReason: text.text }),
    (c, now) =>
      auditEntry(now, personActor(personId), "claim.refused", claimSubject(c.id), { reason: text.text }),
  );
  if (!done.ok) return done;
  const claim = done.claim;
  await cancelTimers(deps, claimTimerIds(claim.id));
  await sendAll(
    deps,
    toCustomer(claim, "claim.customer.refused", {
      trackingNo: claim.trackingNo,
      reason: text.text,
      ...signedBy(deps, claim.language, personId),
      hotline: deps.directory.branch.hotline,
    }),
  );
  return done;
}

/**
 * SOP-72: a claim may not be delayed because head office has not decided. An attempt to pause it
 * ("waiting for head office") is refused, always; the attempt is recorded, the deadline stays.
 */
export async function pauseClaim(
  deps: UseCaseDeps,
  personId: string,
  claimId: string,
): Promise<Refused<"deadline_fixed" | "not_found">> {
  requirePerson(deps, personId, "agent", "supervisor");
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const claim = await tx.claims.get(claimId);
    if (!claim) return { ok: false, reason: "not_found" } as const;
    await tx.audit.append(
      auditEntry(now, personActor(personId), "claim.pauseRefused", claimSubject(claim.id), {
        rule: "SOP-72",
        dueAt: claim.dueAt.toISOString(),
      }),
    );
    return { ok: false, reason: "deadline_fixed", rule: "SOP-72" } as const;
  });
}

/** Open claims, the least time left first (at most OPEN_CLAIMS_LIMIT). */
export function openClaims(deps: UseCaseDeps): Promise<Claim[]> {
  return deps.store.claims.listOpen(OPEN_CLAIMS_LIMIT);
}

/** One claim with what was recorded on it, oldest first (the staff card). */
export async function claimView(
  deps: UseCaseDeps,
  personId: string,
  claimId: string,
): Promise<{ claim: Claim; history: AuditEntry[] } | undefined> {
  const read = () => deps.store.claims.get(claimId);
  const view = await afterSalesView(deps, personId, read, claimSubject(claimId));
  return view && { claim: view.item, history: view.history };
}
