import type { Role } from "../config/directory";
import type { ChatRef, Language } from "../kernel/chat";
import type { ScanEvent } from "../kernel/scan";
import type { MessageKey } from "../messages";
import type { BranchAskRepository } from "./branch-ask-records";
import type { BroadcastRepository, WorkloadRepository } from "./broadcast-records";
import type { ClaimRepository, ComplaintRepository } from "./claims-records";
import type { DeliveryRepository } from "./deliveries";
import type { ChatKey, FollowingRepository } from "./following-records";
import type {
  AuditEntry,
  HoldCloseReason,
  ParcelRecord,
  PickupEvent,
  PickupRequest,
  PickupStatus,
  ProblemNote,
  Query,
  QueryMessage,
  SelfPickupHold,
  StoredScan,
  Subscription,
} from "./records";
import type { OriginTaskRepository, ReturnRepository } from "./returns-records";

export type { Clock } from "../kernel/clock";

/**
 * The ports the use cases work through. src/store implements the repositories on Postgres,
 * src/jobs the Scheduler and the Notifier; tests use in-memory fakes.
 */

export interface ParcelRepository {
  /**
   * Stores scans not seen before (same trackingNo, at, kind and location = same scan) and
   * returns only those newly stored, in the order given. Creates the parcel on its first scan.
   */
  addScans(events: readonly ScanEvent[], receivedAt: Date): Promise<StoredScan[]>;
  /** The parcel with its newest scans (one indexed read), or undefined when nothing is known of it. */
  get(trackingNo: string, scanLimit?: number): Promise<ParcelRecord | undefined>;
  /** Whether the parcel has had a delivery scan (out_for_delivery or later): a return needs one. */
  hasDeliveryScan(trackingNo: string): Promise<boolean>;
}

export interface QueryRepository {
  insert(query: Query): Promise<void>;
  get(id: string): Promise<Query | undefined>;
  /**
   * Applies the change only while the query is still open (and, with `expected`, still held by
   * that assignee: compare and set); returns the updated query, or undefined.
   */
  updateOpen(
    id: string,
    change: Partial<Pick<Query, "assignee" | "status" | "answeredAt" | "answeredBy">>,
    expected?: { assignee: string | null },
  ): Promise<Query | undefined>;
  /** Open queries, most urgent (earliest due) first. */
  listOpen(limit?: number): Promise<Query[]>;
  /** How many queries are open. */
  countOpen(): Promise<number>;
  /** Open queries of one asker (a chat), newest first. */
  listOpenByAsker(chat: ChatRef): Promise<Query[]>;
  /**
   * One asker's queries that are open, or were answered at or after `answeredSince` (the threads a
   * customer's next message may join, queries/thread.ts), newest first.
   */
  listThreadsByAsker(chat: ChatRef, answeredSince: Date): Promise<Query[]>;
  /**
   * An answered query opened again (a follow-up in its thread): only while it is answered (compare
   * and set), with its new warning and due times; the holder stays, the answer fields are cleared.
   * Returns the reopened query, or undefined when it was not answered.
   */
  reopen(id: string, deadline: Pick<Query, "warnAt" | "dueAt">): Promise<Query | undefined>;
  addMessage(message: QueryMessage): Promise<void>;
  messages(queryId: string): Promise<QueryMessage[]>;
}

export interface PickupRepository {
  insert(pickup: PickupRequest, first: PickupEvent): Promise<void>;
  get(id: string): Promise<PickupRequest | undefined>;
  /**
   * Moves the pickup to a new status only if its status is one of `from` and, with `expected`,
   * only while it is still with that courier (null: nobody's) — compare and set on both, so a
   * courier whose pickup dispatch has just reassigned changes nothing. Records the event (an
   * empty change records it as a checked event). Returns the updated pickup, or undefined when
   * it had moved on.
   */
  transition(
    id: string,
    from: readonly PickupStatus[],
    change: Partial<Pick<PickupRequest, "status" | "courierId">>,
    event: PickupEvent,
    expected?: { courierId: string | null },
  ): Promise<PickupRequest | undefined>;
  /** Records an event that changes no status (declined, goods_ready, repinged). */
  addEvent(event: PickupEvent): Promise<void>;
  events(id: string): Promise<PickupEvent[]>;
  listByCustomer(chat: ChatRef, statuses: readonly PickupStatus[]): Promise<PickupRequest[]>;
  listByStatus(statuses: readonly PickupStatus[], limit?: number): Promise<PickupRequest[]>;
  /**
   * One courier's pickups in these statuses, oldest first (filtered in the database); with
   * `createdSince`, only those created since then (SOP-26: the goods collected lately).
   */
  listByCourier(
    courierId: string,
    statuses: readonly PickupStatus[],
    limit?: number,
    createdSince?: Date,
  ): Promise<PickupRequest[]>;
}

export interface ProblemNoteRepository {
  insert(note: ProblemNote): Promise<void>;
  listByParcel(trackingNo: string): Promise<ProblemNote[]>;
}

export interface HoldRepository {
  insert(hold: SelfPickupHold): Promise<void>;
  get(id: string): Promise<SelfPickupHold | undefined>;
  openForParcel(trackingNo: string): Promise<SelfPickupHold | undefined>;
  /** The open holds of these parcels, in one read (the scan ingest checks a whole batch at once). */
  openForParcels(trackingNos: readonly string[]): Promise<SelfPickupHold[]>;
  /**
   * Applies the change only while the hold is open and, with `expected`, only while each step
   * named there is still unrecorded (null): compare and set, so that of a double tap only one
   * "origin messaged" is recorded, and a return cannot follow the origin's reply.
   * Returns the updated hold, or undefined.
   */
  updateOpen(
    id: string,
    change: Partial<Pick<SelfPickupHold, "originMessagedAt" | "originRepliedAt" | "markedForReturnAt">> & {
      closedAt?: Date;
      closeReason?: HoldCloseReason;
    },
    expected?: HoldExpectation,
  ): Promise<SelfPickupHold | undefined>;
  listOpen(limit?: number): Promise<SelfPickupHold[]>;
}

/** The steps of a hold that must still be unrecorded for a change to apply (HoldRepository.updateOpen). */
export interface HoldExpectation {
  originMessagedAt?: null;
  originRepliedAt?: null;
  markedForReturnAt?: null;
}

// Claims and complaints (issue 12): their repositories live with their records.
export type { ClaimRepository, ComplaintRepository } from "./claims-records";

export interface SubscriptionRepository {
  /** Idempotent: following a parcel twice keeps one subscription (the newer language wins). */
  subscribe(subscription: Subscription): Promise<void>;
  unsubscribe(trackingNo: string, chat: ChatRef): Promise<void>;
  subscribers(trackingNo: string): Promise<Subscription[]>;
  /** Issue 17: this chat's following of the parcel, if it follows it. */
  get(trackingNo: string, chat: ChatRef): Promise<Subscription | undefined>;
  /** Issue 17: every scan pushed, or only the statuses that matter; false when the chat does not follow it. */
  setEveryScan(trackingNo: string, chat: ChatRef, everyScan: boolean): Promise<boolean>;
  /** Issue 17: the followers of these parcels, in one read (the follow-push timer's). */
  subscribersOf(trackingNos: readonly string[]): Promise<Subscription[]>;
  /** Issue 17: the chat blocked the bot: it follows nothing any more. Returns how many it followed. */
  unsubscribeChat(chat: ChatKey): Promise<number>;
  /** Issue 17: the parcels the chat follows, newest following first (a typed "stop following"). */
  followedBy(chat: ChatKey): Promise<Subscription[]>;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  list(filter: { subject?: string; limit?: number }): Promise<(AuditEntry & { id: string })[]>;
}

/**
 * What the duty lead's dashboard and /metrics read besides the repositories (src/store/
 * dashboard-reads.ts): counts and recent rows across every subject, never a customer's own data.
 */
export interface DashboardReads {
  /** How many problem notes of each category were recorded at or after `since`. */
  problemCountsSince(since: Date): Promise<{ category: string; count: number }[]>;
  /** Audit rows with one of these actions at or after `since`, oldest first, at most `limit`. */
  auditSince(actions: readonly string[], since: Date, limit: number): Promise<AuditEntry[]>;
  /** How many queries are open, and how many of them are past their deadline at `now`. */
  queryCounts(now: Date): Promise<{ open: number; overdue: number }>;
  /** The dashboard's tiles counted by the database (no list's length caps them); days on `timezone`'s clock. */
  openCounts?(now: Date, timezone: string, waiting: readonly PickupStatus[]): Promise<DashboardCounts>;
  /** Per day from `since` on `timezone`'s clock (SOP-10/11 compliance, dashboard.ts slaDays). */
  slaCounts?(since: Date, timezone: string, actions: { answered: string; late: string }): Promise<SlaCount[]>;
  /** Which of these audit subjects have a row with one of `actions` (SOP-14: who ever set their seat). */
  auditedSubjects?(subjects: readonly string[], actions: readonly string[]): Promise<Set<string>>;
}

export interface DashboardCounts {
  /** Open queries; `warn`: past their warning time, not their deadline; `hour`: due within the hour. */
  queries: { open: number; overdue: number; warn: number; hour: number };
  /** Open self-pickup holds, and how many were put on hold each day. */
  holds: { open: number; byDay: { date: string; count: number }[] };
  /** Pickups in one of the `waiting` statuses. */
  pickups: { waiting: number };
}

/**
 * One day: answers given that day, those within their deadline (data.overdue not true), and
 * queries still open whose last `late` entry fell on that day.
 */
export interface SlaCount {
  date: string;
  answered: number;
  withinDeadline: number;
  unanswered: number;
}

export interface Repositories {
  parcels: ParcelRepository;
  queries: QueryRepository;
  pickups: PickupRepository;
  problems: ProblemNoteRepository;
  holds: HoldRepository;
  claims: ClaimRepository;
  complaints: ComplaintRepository; // SOP-82
  subscriptions: SubscriptionRepository;
  following: FollowingRepository; // issue 17: what was pushed to followers (following/)
  audit: AuditLog;
  returns: ReturnRepository; // parcels marked for return (holds/, returns/)
  originTasks: OriginTaskRepository; // SOP-38, SOP-45 (problems/origin-tasks.ts)
  deliveries: DeliveryRepository; // SOP-44 undelivered, SOP-73/74 receipts (deliveries/)
  branchAsks: BranchAskRepository; // SOP-13: queries raised to another branch (queries/branch-asks.ts)
  broadcasts: BroadcastRepository; // SOP-83: notices to couriers and drivers (broadcasts/)
  workload: WorkloadRepository; // SOP-90: queries handled per agent (workload/)
}

/** Postgres or a fake: the repositories, and a way to make several changes all-or-nothing. */
export interface Store extends Repositories {
  /** Runs `work` in one transaction: everything it wrote is committed together, or nothing is. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Whether the database answers (for /readyz). */
  ping(): Promise<void>;
  /** The dashboard's and /metrics' reads, where the store has them (the SQL store does). */
  dashboard?: DashboardReads;
  close(): Promise<void>;
}

/** Timers the SOP sets; ids are deterministic and contain no ':' (BullMQ job ids). */
export const TIMER_KINDS = [
  "query-warn", // SOP-10/11: warn the holder before the deadline
  "query-due", // SOP-10/11: escalate at the deadline
  "hold-origin", // a hold not collected: message the origin branch (holds/timers.ts)
  "hold-return", // the origin never answered: mark the parcel for return (holds/timers.ts)
  "pickup-accept", // re-ping when nobody accepted within acceptWithin
  "pickup-open", // a next-day pickup is pinged when the day opens (SOP-22)
  "follow-push", // issue 17: pushes to parcels' followers due at this instant (following/push.ts)
  "claim-warn", // SOP-70/71: warn the claim's holder before its deadline (claims/timers.ts)
  "claim-due", // SOP-70/71/72: escalate an unsettled claim to the duty leads at its deadline
  "complaint-escalate", // SOP-82: a complaint nobody acted on goes up a level (complaints/timers.ts)
  "origin-task", // SOP-38, SOP-45: a message to the origin not recorded sent: each desk morning, supervisors after a day
  "seat-away", // SOP-14: an agent still busy after awayNoticeAfter: the duty leads are told (queries/seats.ts)
  "branch-ask-due", // SOP-13/SOP-11: a query to another branch unanswered at its time: remind (queries/branch-asks.ts)
  "directory-announce", // SOP-25: a directory change made while the desk was closed, told when it opens (config/directory-changes.ts)
] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

export interface Timer {
  id: string;
  kind: TimerKind;
  subjectId: string;
  dueAt: Date;
}

export function timerId(kind: TimerKind, subjectId: string): string {
  return `${kind}-${subjectId}`.replaceAll(":", "_");
}

export function timer(kind: TimerKind, subjectId: string, dueAt: Date): Timer {
  return { id: timerId(kind, subjectId), kind, subjectId, dueAt };
}

export interface Scheduler {
  /** Adds the timer, or moves it if a timer with its id is pending. */
  schedule(timer: Timer): Promise<void>;
  /** Removes pending timers; unknown ids are ignored. */
  cancel(timerIds: readonly string[]): Promise<void>;
}

/** Who a notice goes to; the Notifier resolves people and roles through the directory. */
export type Audience =
  | { kind: "chat"; chat: ChatRef; language: Language }
  | { kind: "person"; personId: string }
  | { kind: "role"; role: Role; availableOnly?: boolean }
  | { kind: "dispatch" };

/** A button on a notice: a label key and the action it stands for. */
export interface NoticeAction {
  labelKey: MessageKey;
  /** `<name>.<arg>`, e.g. `qt.<queryId>`: rendered as a button whose payload the engine's action handler reads. */
  action: string;
}

/** One fact of a card (a pickup's address, zone…): a label key and its value, already in the notice's language. */
export interface NoticeField {
  labelKey: MessageKey;
  value: string;
}

/** A pick-one list on a card (a dispatcher assigning one of the zone's couriers); each option is a notice action. */
export interface NoticeSelect {
  placeholderKey: MessageKey;
  options: { label: string; action: string }[];
}

/** What a card says (its text, fields, buttons, select), for one reader in one language. */
export interface CardView {
  key: MessageKey;
  params: Record<string, string | number>;
  fields?: NoticeField[];
  actions?: NoticeAction[];
  select?: NoticeSelect;
}

/** Who reads a copy of a card: the dispatch chat's copy, or a person's own. */
export type CardReader = "dispatch" | "person";

/** A message the desk sends on its own (not a direct reply): rendered per recipient's language. */
export interface Notice {
  to: Audience;
  key: MessageKey;
  params: Record<string, string | number>;
  actions?: NoticeAction[];
  /** Shown as structured fields where the channel has them; the text says them all the same. */
  fields?: NoticeField[];
  select?: NoticeSelect;
  /**
   * A stable id for this notice (e.g. the timer's id and due time): a notice with the same key is
   * sent once even when the job that sends it runs twice.
   */
  dedupeKey?: string;
  /**
   * Names the card this notice's buttons belong to (e.g. `pickup-<id>`): once their step is over,
   * Notifier.retireCards takes the buttons off every message sent with this name.
   */
  cardKey?: string;
  /**
   * Not sent before this instant (issue 17 §3: a customer's notice inside their quiet hours waits
   * for the morning); unset: at once.
   */
  notBefore?: Date;
}

export interface Notifier {
  notify(notice: Notice): Promise<void>;
  /**
   * The step the cards named `cardKey` act on is over: their buttons are taken away wherever
   * they were sent (best effort; a message too old to change keeps them). A notice with this
   * card key sent afterwards keeps its buttons.
   */
  retireCards?(cardKey: string): Promise<void>;
  /**
   * The thing the cards named `cardKey` show has moved on (a pickup accepted, assigned…): every
   * copy sent so far is changed in place to what `view` says for its reader and language (best
   * effort; a channel that cannot change its messages takes the buttons away when the new view has
   * none). An older update never overwrites a newer one; a copy sent afterwards keeps its own.
   */
  updateCards?(cardKey: string, view: (reader: CardReader, language: Language) => CardView): Promise<void>;
}

/** Conversation state in flight (Redis): raw JSON values with an idle expiry. */
export interface SessionStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Runs work for one key at a time, across processes (one conversation step per chat). */
export interface ChatLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** SOP-14: which staff have set themselves available (in flight: Redis; a change is audited). */
export interface StaffPresence {
  setAvailable(personId: string, available: boolean, at: Date): Promise<void>;
  /** Ids of the people whose seat is available now. */
  availableIds(): Promise<Set<string>>;
}
