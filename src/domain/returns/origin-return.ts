import { hasRole } from "../config/directory";
import {
  auditEntry,
  cancelTimers,
  newId,
  personActor,
  requirePerson,
  sendAll,
  subjectOf,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import { ORIGIN_ASKED_RETURN } from "../holds/return-rule";
import { waybillReturnMarking } from "../holds/timeline";
import { holdTimerIds, originBranchOf } from "../holds/use-cases";
import type { Actor, Language } from "../kernel/chat";
import { cleanText } from "../kernel/text";
import { t } from "../messages";
import { notifySubscribers } from "../parcels/use-cases";
import type { Notice } from "../ports";
import type { SelfPickupHold } from "../ports/records";
import type { ParcelReturn } from "../ports/returns-records";
import { readBranchName } from "../queries/branch-asks";
import { readDestination } from "./destination";
import { type ReturnFee, returnFee } from "./return-fee";

/**
 * SOP-52: the origin branch asks for a parcel back (answering a SOP-50 self-pickup message, or on
 * its own, held or not). An agent records it: one transaction marks the hold (if any) and records
 * the return with the waybill marking "退回 XX公司" and its SOP-60 fee, with their audit rows; then
 * the courier who has the parcel (or the warehouse, through dispatch) is told to mark and scan it
 * out today, and the parcel's followers are told, fee included. SOP-43 first: no return without
 * the zone's delivery scan.
 */

type PricedFee = Extract<ReturnFee, { ok: true }>;

export interface OriginReturnRequest {
  trackingNo: string;
  weightKg: number;
  /** A province (or a city of south-west Shandong): destination.ts readDestination. */
  destination: string;
  /** The courier who has the parcel; null: it is at the branch's warehouse. */
  heldBy: string | null;
  /** The origin branch, when the scans name none (2 to 50 characters). */
  originBranch?: string | undefined;
}

export type ReturnPrecheckRefusal = "unknown_parcel" | "delivered" | "no_delivery_scan" | "already_marked";
export type OriginReturnRefusal =
  | ReturnPrecheckRefusal
  | "bad_weight"
  | "bad_destination"
  | "bad_origin"
  | "not_courier";

export interface ReturnPrecheck {
  ok: true;
  /** The origin as the scans name it; null: the agent is asked for it. */
  originBranch: string | null;
  hold: SelfPickupHold | undefined;
}

/** What is refused before the agent is asked anything (SOP-43, one return per parcel). */
export async function returnPrecheck(
  deps: UseCaseDeps,
  trackingNo: string,
): Promise<ReturnPrecheck | { ok: false; reason: ReturnPrecheckRefusal; rule?: string }> {
  const parcel = await deps.store.parcels.get(trackingNo, 1);
  if (!parcel) return { ok: false, reason: "unknown_parcel" };
  if (parcel.scans[0]?.kind === "delivered") return { ok: false, reason: "delivered" };
  if (await deps.store.returns.forParcel(trackingNo))
    return { ok: false, reason: "already_marked", rule: "SOP-52" };
  if (!(await deps.store.parcels.hasDeliveryScan(trackingNo)))
    return { ok: false, reason: "no_delivery_scan", rule: "SOP-43" };
  return { ok: true, originBranch: await originBranchOf(deps.store, trackingNo), hold: parcel.openHold };
}

/** SOP-60: the fee for a weight and a destination, with the policy's numbers. */
export function quoteReturnFee(
  deps: Pick<UseCaseDeps, "policy">,
  weightKg: number,
  destination: string,
): ReturnFee {
  const where = readDestination(destination, deps.policy);
  if (!where.ok) return { ok: false, reason: "no_destination" };
  return returnFee({ destination: where.destination, weightKg }, deps.policy);
}

/** A typed origin branch name: unprintable characters dropped, then a branch name (queries/branch-asks.ts). */
export function readOriginName(input: unknown): string | undefined {
  return typeof input === "string" ? readBranchName(cleanText(input.normalize("NFKC"))) : undefined;
}

/** The customer's words for the fee (no rule ids); air is said, never priced (SOP-60). */
function customerFeeText(language: Language, fee: PricedFee): string {
  const priced =
    fee.yuan === 0
      ? t(language, "notice.return.fee.free")
      : t(language, "notice.return.fee.priced", { yuan: fee.yuan, kg: fee.chargedKg });
  return `${priced}${t(language, "notice.return.fee.air")}`;
}

export type OriginReturnResult =
  | {
      ok: true;
      parcelReturn: ParcelReturn;
      fee: PricedFee;
      hold?: SelfPickupHold;
      /** How many of the parcel's followers were told. */
      customersTold: number;
    }
  | { ok: false; reason: OriginReturnRefusal; rule?: string };

/** Checks the request (untrusted: it comes from a chat); the refusal, or the fee and the origin. */
async function checkRequest(
  deps: UseCaseDeps,
  request: OriginReturnRequest,
): Promise<
  | { ok: true; fee: PricedFee; origin: string | null; destination: string; hold: SelfPickupHold | undefined }
  | { ok: false; reason: OriginReturnRefusal; rule?: string }
> {
  const pre = await returnPrecheck(deps, request.trackingNo);
  if (!pre.ok) return pre;
  const where = readDestination(request.destination, deps.policy);
  if (!where.ok) return { ok: false, reason: "bad_destination", rule: "SOP-60" };
  const fee = returnFee({ destination: where.destination, weightKg: request.weightKg }, deps.policy);
  if (!fee.ok) return { ok: false, reason: "bad_weight", rule: "SOP-60" };
  let origin = pre.originBranch;
  if (origin === null && request.originBranch !== undefined) {
    const typed = readOriginName(request.originBranch);
    if (!typed) return { ok: false, reason: "bad_origin", rule: "SOP-52" };
    origin = typed;
  }
  if (request.heldBy !== null) {
    const courier = deps.directory.person(request.heldBy);
    if (!courier || !hasRole(courier, "courier")) return { ok: false, reason: "not_courier" };
  }
  return { ok: true, fee, origin, destination: where.destination, hold: pre.hold };
}

export async function markOriginReturn(
  deps: UseCaseDeps,
  personId: string,
  request: OriginReturnRequest,
): Promise<OriginReturnResult> {
  requirePerson(deps, personId, "agent", "supervisor");
  const checked = await checkRequest(deps, request);
  if (!checked.ok) return checked;
  const { fee, origin } = checked;
  const now = deps.clock.now();
  const actor = personActor(personId);
  const marking = waybillReturnMarking(origin);
  const parcelReturn: ParcelReturn = {
    id: newId(deps),
    trackingNo: request.trackingNo,
    holdId: null,
    originBranch: origin,
    marking,
    rule: ORIGIN_ASKED_RETURN,
    markedAt: now,
    markedBy: personId,
    destination: checked.destination,
    weightKg: request.weightKg,
    feeYuan: fee.yuan,
    heldBy: request.heldBy,
  };

  const committed = await storeOriginReturn(deps, parcelReturn, actor, fee);
  if (committed === "already_marked") return { ok: false, reason: "already_marked", rule: "SOP-52" };

  if (committed.hold) await cancelTimers(deps, holdTimerIds(committed.hold.id));
  await sendAll(deps, [holderNotice(deps, parcelReturn, committed.hold)]);
  const customersTold = await notifySubscribers(
    deps,
    request.trackingNo,
    "notice.return.requested",
    (lang) => ({
      trackingNo: request.trackingNo,
      fee: customerFeeText(lang, fee),
      hotline: deps.directory.branch.hotline,
    }),
    parcelReturn.markedAt,
  );
  const result: OriginReturnResult = { ok: true, parcelReturn, fee, customersTold };
  if (committed.hold) result.hold = committed.hold;
  return result;
}

/**
 * One transaction: the open hold (if any) marked for return, with its audit row, and the return
 * with its own. Of two agents at once, the store keeps one return per parcel: the other is told.
 */
async function storeOriginReturn(
  deps: UseCaseDeps,
  parcelReturn: ParcelReturn,
  actor: Actor,
  fee: PricedFee,
): Promise<{ hold: SelfPickupHold | undefined } | "already_marked"> {
  const now = parcelReturn.markedAt;
  const { trackingNo, marking } = parcelReturn;
  try {
    return await deps.store.transaction(async (tx) => {
      const open = await tx.holds.openForParcel(trackingNo);
      let hold: SelfPickupHold | undefined;
      if (open && !open.markedForReturnAt) {
        // The origin's answer to the SOP-50 message (when there was one) is its reply: the hold's
        // own return (holds/held-return.ts) is off.
        const replied = open.originMessagedAt && !open.originRepliedAt ? { originRepliedAt: now } : {};
        hold = await tx.holds.updateOpen(
          open.id,
          { ...replied, markedForReturnAt: now },
          { markedForReturnAt: null },
        );
        if (hold) {
          await tx.audit.append(
            auditEntry(now, actor, "hold.marked_for_return", subjectOf.hold(open.id), {
              trackingNo,
              rule: "SOP-52",
              marking,
            }),
          );
        }
      }
      parcelReturn.holdId = hold?.id ?? open?.id ?? null;
      await tx.returns.insert({ ...parcelReturn });
      await tx.audit.append(
        auditEntry(now, actor, "return.marked", subjectOf.return(parcelReturn.id), {
          trackingNo,
          rule: "SOP-52",
          marking,
          destination: parcelReturn.destination,
          weightKg: parcelReturn.weightKg,
          feeYuan: parcelReturn.feeYuan,
          route: fee.route,
          heldBy: parcelReturn.heldBy,
        }),
      );
      return { hold };
    });
  } catch (error) {
    if (await deps.store.returns.forParcel(trackingNo)) return "already_marked";
    throw error;
  }
}

/** The courier who has the parcel, or the warehouse through the dispatch chat (SOP-52: out today). */
function holderNotice(deps: UseCaseDeps, r: ParcelReturn, hold: SelfPickupHold | undefined): Notice {
  const courier = r.heldBy ? deps.directory.person(r.heldBy) : undefined;
  if (courier) {
    return toPerson(courier, "notice.return.bringBack", () => ({
      trackingNo: r.trackingNo,
      marking: r.marking,
    }));
  }
  return {
    to: { kind: "dispatch" },
    key: "notice.return.warehouse",
    params: {
      trackingNo: r.trackingNo,
      marking: r.marking,
      place: hold?.place ?? deps.directory.branch.name,
    },
  };
}
