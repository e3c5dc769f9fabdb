import type { BusinessCalendar } from "../calendar";
import type { ChatRef, Language } from "../chat";
import type { Clock } from "../clock";
import type { BranchPoint, DirectoryIndex } from "../directory";
import type { PickupDraft, PickupProblem } from "../pickup";
import type { Policy } from "../policy";
import type { Notifier, Scheduler, Store } from "../ports";
import type { FieldIssue, ProblemRefusalReason, RuleNote } from "../problem-parcel";
import type { ReplyDeadline } from "../query";
import type { PickupRequest, ProblemNote, Query, SelfPickupHold, StoredScan } from "../records";

/**
 * The desk's use cases: what customers and staff can do, each one transaction with its audit
 * row, then the notices and timers that must follow (Notifier, Scheduler). Flows call these;
 * they never touch the store directly for a change. Expected outcomes are values.
 */
export interface DeskDeps {
  store: Store;
  scheduler: Scheduler;
  notifier: Notifier;
  policy: Policy;
  calendar: BusinessCalendar;
  directory: DirectoryIndex;
  clock: Clock;
  newId?: () => string;
}

export type Refused<R extends string> = { ok: false; reason: R; rule?: string };
export type Done<T> = { ok: true } & T;

/** What a customer may read of a parcel: derived status, no other person's personal data. */
export interface ParcelView {
  trackingNo: string;
  status:
    | "in_transit"
    | "out_for_delivery"
    | "delivered"
    | "held_for_pickup"
    | "problem"
    | "marked_for_return"
    | "returned";
  latest: Pick<StoredScan, "at" | "kind" | "location"> & { note?: string };
  /** Newest first, masked (phones and names of other people hidden). */
  history: (Pick<StoredScan, "at" | "kind" | "location"> & { note?: string })[];
  hold?: { place: string; since: Date; collectBy: Date };
  problem?: { category: string; at: Date };
}

export interface OpenQueryInput {
  asker: ChatRef;
  language: Language;
  text: string;
  trackingNo?: string | undefined;
  /** SOP-11: a query from another branch, opened by an agent for that branch. */
  kind?: "customer" | "branch";
  fromBranch?: string | undefined;
  openedBy?: string | undefined; // personId of the agent who opened it for a branch
}

export interface Desk {
  // ---- parcels and queries (SOP-10..SOP-14)
  trackParcel(trackingNo: string): Promise<ParcelView | undefined>;
  /** The chat follows the parcel: answers, self-pickup notices, problem notes and returns reach it. */
  subscribe(chat: ChatRef, language: Language, trackingNo: string): Promise<void>;
  /** Opens a query, subscribes the asker, announces it to available agents, schedules its timers. */
  openQuery(
    input: OpenQueryInput,
  ): Promise<Done<{ query: Query; deadline: ReplyDeadline }> | Refused<"empty" | "too_long">>;
  takeQuery(
    queryId: string,
    personId: string,
  ): Promise<Done<{ query: Query }> | Refused<"not_found" | "answered" | "taken">>;
  /** The answer goes to the asker, the query closes, its timers are cancelled. */
  answerQuery(
    queryId: string,
    personId: string,
    text: string,
  ): Promise<Done<{ query: Query }> | Refused<"not_found" | "answered" | "empty" | "too_long">>;
  /** Gives the query back (to nobody: announced again; or to a named agent). */
  passQuery(
    queryId: string,
    personId: string,
    toPersonId?: string,
  ): Promise<Done<{ query: Query }> | Refused<"not_found" | "answered" | "not_holder" | "unknown_agent">>;
  /** Open queries, overdue first then by due time (SOP-10). */
  openQueries(): Promise<Query[]>;
  /** SOP-14: an agent sets the seat available or busy (示忙). */
  setAvailability(personId: string, available: boolean): Promise<void>;
  isAvailable(personId: string): Promise<boolean>;

  // ---- pickups (SOP-20..SOP-28)
  requestPickup(input: {
    customer: ChatRef;
    language: Language;
    contactName?: string | undefined;
    draft: PickupDraft;
  }): Promise<
    | Done<{
        pickup: PickupRequest;
        /** SOP-23: a morning pickup: the zone courier's phone for the customer to call. */
        courierPhone?: string;
        /** SOP-23: a morning pickup: the branch points to go to if the courier cannot be reached. */
        branchPoints?: BranchPoint[];
      }>
    | { ok: false; problems: PickupProblem[] }
  >;
  myPickups(customer: ChatRef): Promise<PickupRequest[]>;
  cancelPickup(
    customer: ChatRef,
    pickupId: string,
  ): Promise<Done<{ pickup: PickupRequest }> | Refused<"not_found" | "too_late">>;
  assignPickup(
    dispatcherId: string,
    pickupId: string,
    courierId: string,
  ): Promise<Done<{ pickup: PickupRequest }> | Refused<"not_found" | "not_courier" | "too_late">>;
  acceptPickup(
    courierId: string,
    pickupId: string,
  ): Promise<Done<{ pickup: PickupRequest }> | Refused<"not_found" | "taken" | "too_late">>;
  declinePickup(
    courierId: string,
    pickupId: string,
  ): Promise<Done<{ pickup: PickupRequest }> | Refused<"not_found" | "not_yours">>;
  collectPickup(
    courierId: string,
    pickupId: string,
  ): Promise<Done<{ pickup: PickupRequest }> | Refused<"not_found" | "not_yours">>;
  /** SOP-24: goods ready to collect: the zone's driver is told at once. */
  goodsReady(
    courierId: string,
    pickupId: string,
  ): Promise<Done<{ pickup: PickupRequest }> | Refused<"not_found" | "not_yours" | "no_driver">>;
  /** Requested or assigned, not yet accepted: what dispatch still has to place. */
  pendingPickups(): Promise<PickupRequest[]>;
  /** Pickups assigned to or accepted by a courier. */
  courierPickups(courierId: string): Promise<PickupRequest[]>;

  // ---- problem parcels (SOP-30..SOP-45)
  recordProblem(
    personId: string,
    trackingNo: string,
    input: { category: string; details: Record<string, unknown> },
  ): Promise<
    | Done<{
        note: ProblemNote /** What the rules say about this note (SOP-34, SOP-36, SOP-45), for staff. */;
        notes?: RuleNote[];
      }>
    | {
        ok: false;
        rule: string;
        reason: ProblemRefusalReason;
        issues: FieldIssue[] /** Required fields not given. */;
        missing?: string[];
      }
  >;

  // ---- self-pickup holds (SOP-50..SOP-52)
  markHeld(
    personId: string,
    trackingNo: string,
    place: string,
  ): Promise<Done<{ hold: SelfPickupHold }> | Refused<"already_held">>;
  markCollected(
    personId: string,
    trackingNo: string,
  ): Promise<Done<{ hold: SelfPickupHold }> | Refused<"not_held">>;
  recordOriginMessaged(
    personId: string,
    holdId: string,
  ): Promise<Done<{ hold: SelfPickupHold }> | Refused<"not_found" | "closed" | "out_of_order">>;
  recordOriginReply(
    personId: string,
    holdId: string,
  ): Promise<Done<{ hold: SelfPickupHold }> | Refused<"not_found" | "closed" | "out_of_order">>;
  openHolds(): Promise<SelfPickupHold[]>;
}
