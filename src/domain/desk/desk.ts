import type { BroadcastsDesk } from "../broadcasts/use-cases";
import type { ClaimsDesk } from "../claims/desk";
import type { ComplaintsDesk } from "../complaints/desk";
import type { BranchPoint, DirectoryIndex, Person } from "../config/directory";
import type { Policy } from "../config/policy";
import type { DeliveriesDesk } from "../deliveries/desk";
import type { FollowingDesk } from "../following/use-cases";
import type { HeldReturnDesk } from "../holds/held-return";
import type { CustomerCall } from "../holds/use-cases";
import type { BusinessCalendar } from "../kernel/calendar";
import type { ChatRef, Language } from "../kernel/chat";
import type { Clock } from "../kernel/clock";
import type { DeclineReason } from "../pickups/decline";
import type { PickupReturnsDesk } from "../pickups/returned";
import type { PickupDraft, PickupProblem } from "../pickups/rules";
import type { PickupWaybillDesk } from "../pickups/waybill";
import type { Notifier, Scheduler, Store } from "../ports";
import type { ParcelView, PickupRequest, ProblemNote, Query, SelfPickupHold } from "../ports/records";
import type { ParcelReturn } from "../ports/returns-records";
import type { FieldIssue, ProblemRefusalReason, RuleNote } from "../problems";
import type { BranchAsksDesk } from "../queries/branch-asks";
import type { ReplyDeadline } from "../queries/reply-deadline";
import type { SeatChange, SeatsDesk } from "../queries/seats";
import type { ReturnsDesk } from "../returns/desk";
import type { WorkloadDesk } from "../workload/desk";

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

// ParcelView lives with the other records; re-exported here for the flows that import it from the Desk.
export type { ParcelView } from "../ports/records";

/** What is refused before a problem note's questions are asked (Desk.problemPrecheck). */
export type ProblemPrecheckReason =
  | "unknown_parcel" // nothing is known of the tracking number
  | "unknown_category" // SOP-40: a problem parcel carries a known category
  | "not_a_problem_reason" // SOP-42
  | "no_delivery_scan"; // a return needs the zone's delivery scan first (problems/)

export interface RaiseQueryInput {
  asker: ChatRef;
  language: Language;
  text: string;
  trackingNo?: string | undefined;
  /** SOP-11: a query from another branch, opened by an agent for that branch. */
  kind?: "customer" | "branch";
  fromBranch?: string | undefined;
  openedBy?: string | undefined; // personId of the agent who opened it for a branch
  /** A photo joining the customer's thread: the channel's file reference (the text may be empty). */
  photo?: string | undefined;
}

export interface Desk
  extends ClaimsDesk,
    ComplaintsDesk,
    SeatsDesk,
    BranchAsksDesk,
    DeliveriesDesk,
    BroadcastsDesk,
    WorkloadDesk,
    ReturnsDesk,
    HeldReturnDesk, // a hold due to go back, once delivery-scanned (holds/)
    PickupReturnsDesk, // SOP-26
    PickupWaybillDesk, // issue 17: the customer follows the parcel of their pickup
    FollowingDesk {
  // ---- parcels and queries (SOP-10..SOP-14)
  /** With `forChat`, the view says whether that chat follows the parcel when the store knows (ParcelView.following). */
  trackParcel(trackingNo: string, forChat?: ChatRef): Promise<ParcelView | undefined>;
  /** The chat follows the parcel: answers, self-pickup notices, problem notes and returns reach it. */
  subscribe(chat: ChatRef, language: Language, trackingNo: string): Promise<void>;
  /**
   * Opens a query, subscribes the asker, announces it to available agents, schedules its timers.
   * A follow-up is not a new query (queries/thread.ts, the one rule): while the asker has a query
   * open, or answered less than queryReply.threadFor (24 h) ago, the message (text or photo) joins
   * that thread, its holder (else the available agents) is told with the whole thread, and
   * `reused` is true. An open query keeps its deadline (SOP-10 counts from the first message); an
   * answered one reopens (`reopened`) with a deadline counted from this message.
   */
  raiseQuery(input: RaiseQueryInput): Promise<
    | Done<{
        query: Query;
        deadline: ReplyDeadline;
        reused?: boolean;
        reopened?: boolean;
        /** Issue 17: the asker newly follows the parcel, still on its way (said so in the reply). */
        followed?: boolean;
      }>
    | Refused<"empty" | "too_long">
  >;
  takeQuery(
    queryId: string,
    personId: string,
  ): Promise<Done<{ query: Query }> | Refused<"not_found" | "answered" | "taken">>;
  /** The answer goes to the asker, the query closes, its timers are cancelled. */
  answerQuery(
    queryId: string,
    personId: string,
    text: string,
  ): Promise<Done<{ query: Query }> | Refused<"not_found" | "answered" | "not_yours" | "empty" | "too_long">>;
  /** Gives the query back (to nobody: announced again; or to a named agent). */
  passQuery(
    queryId: string,
    personId: string,
    toPersonId?: string,
  ): Promise<Done<{ query: Query }> | Refused<"not_found" | "answered" | "not_holder" | "unknown_agent">>;
  /**
   * A duty lead takes an open query back from whoever holds it (the overdue escalation's button)
   * and announces it again to the available agents, the former holder excepted.
   */
  reassignQuery(
    queryId: string,
    personId: string,
  ): Promise<Done<{ query: Query }> | Refused<"not_found" | "answered">>;
  /**
   * Open queries, overdue first then by due time (SOP-10): at most OPEN_QUERIES_LIMIT (500), far
   * beyond what one branch has open; openQueryCount() says whether there are more.
   */
  openQueries(): Promise<Query[]>;
  /** How many queries are open (one count in the database). */
  openQueryCount(): Promise<number>;
  /**
   * SOP-14: an agent sets the seat available or busy (示忙); the duty leads hear of a seat busy
   * longer than awayNoticeAfter. After oneSeatAfter (17:30) the last open seat is refused
   * (`last_seat`: the duty leads are asked to approve, SeatsDesk.approveBusy) unless the person is
   * a supervisor; `lastSeat`: a supervisor's own say-so closed it.
   */
  setAvailability(personId: string, available: boolean): Promise<SeatChange>;
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
  /** The customer's newest pickup request, whatever its status (its phone is offered back). */
  lastPickup(customer: ChatRef): Promise<PickupRequest | undefined>;
  cancelPickup(
    customer: ChatRef,
    pickupId: string,
  ): Promise<Done<{ pickup: PickupRequest }> | Refused<"not_found" | "too_late">>;
  assignPickup(
    dispatcherId: string,
    pickupId: string,
    courierId: string,
  ): Promise<Done<{ pickup: PickupRequest }> | Refused<"not_found" | "not_courier" | "too_late" | "taken">>;
  /**
   * The courier select on a pickup's card (issue 10 §3): `option` is the clicked option's argument
   * (notice-actions.ts assignPickupAction), untrusted. Only a dispatcher or duty lead, only a
   * courier the card offers (the pickup's zone, SOP-20); else refused and nothing changes.
   */
  assignFromCard(
    personId: string,
    option: string,
  ): Promise<
    | Done<{ pickup: PickupRequest }>
    | Refused<"not_allowed" | "bad_option" | "not_found" | "not_courier" | "too_late" | "taken">
  >;
  acceptPickup(
    courierId: string,
    pickupId: string,
  ): Promise<Done<{ pickup: PickupRequest }> | Refused<"not_found" | "taken" | "too_late">>;
  /**
   * The reason (one of pickups/decline.ts DECLINE_REASONS; with "other", the courier's typed
   * words) goes to dispatch with the pickup.
   */
  declinePickup(
    courierId: string,
    pickupId: string,
    reason?: DeclineReason,
    text?: string,
  ): Promise<Done<{ pickup: PickupRequest }> | Refused<"not_found" | "not_yours">>;
  collectPickup(
    courierId: string,
    pickupId: string,
  ): Promise<Done<{ pickup: PickupRequest }> | Refused<"not_found" | "not_yours">>;
  /** SOP-24: goods ready to collect: the zone's driver is told at once (`driver`: who was told). */
  goodsReady(
    courierId: string,
    pickupId: string,
  ): Promise<
    Done<{ pickup: PickupRequest; driver: Person }> | Refused<"not_found" | "not_yours" | "no_driver">
  >;
  /** Requested or assigned, not yet accepted: what dispatch still has to place (oldest first, at most 500). */
  pendingPickups(): Promise<PickupRequest[]>;
  /** Pickups assigned to or accepted by a courier (read by courier in the database, at most 200). */
  courierPickups(courierId: string): Promise<PickupRequest[]>;

  // ---- problem parcels (SOP-30..SOP-45)
  /**
   * What the rules refuse before a note's questions are asked: an unknown parcel, an unknown
   * category or one that is no reason, a return without a delivery scan (problems/use-cases.ts).
   */
  problemPrecheck(
    trackingNo: string,
    category: string,
  ): Promise<{ ok: true } | Refused<ProblemPrecheckReason>>;
  /**
   * Records the note. A note whose follow-up is "start_hold" (SOP-37 self-pickup; SOP-35 the
   * customer will collect) opens the self-pickup hold in the same transaction (place: the note's
   * place, head office when it names none), so the hold's clock always runs: `hold` is the hold it
   * opened; `alreadyHeld` the hold that was open before (nothing more is opened).
   */
  recordProblem(
    personId: string,
    trackingNo: string,
    input: { category: string; details: Record<string, unknown> },
  ): Promise<
    | Done<{
        note: ProblemNote /** What the rules say about this note (SOP-34, SOP-36, SOP-45), for staff. */;
        notes?: RuleNote[];
        hold?: SelfPickupHold;
        alreadyHeld?: SelfPickupHold;
        /** The note would start a hold, but a return is recorded for the parcel (no hold). */
        markedForReturn?: ParcelReturn;
      }>
    | {
        ok: false;
        rule: string;
        reason: ProblemRefusalReason;
        issues: FieldIssue[] /** Required fields not given. */;
        missing?: string[];
      }
  >;

  // ---- self-pickup holds (holds/)
  /** SOP-53: `customerCall`, asked before the hold, is stored with it (the hold.opened audit row). */
  markHeld(
    personId: string,
    trackingNo: string,
    place: string,
    customerCall?: CustomerCall,
  ): Promise<
    | Done<{ hold: SelfPickupHold }>
    | Refused<"already_held">
    /** A return is recorded for the parcel (holds/, returns/); `marking` is what its waybill says. */
    | (Refused<"marked_for_return"> & { marking: string })
  >;
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
  /** The parcel's open hold, if any (one indexed read). */
  holdFor(trackingNo: string): Promise<SelfPickupHold | undefined>;
}
