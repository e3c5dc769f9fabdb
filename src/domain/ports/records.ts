import type { Actor, ChatRef, Language } from "../kernel/chat";
import type { ScanEvent } from "../kernel/scan";
import type { ParcelReturn } from "./returns-records";

/**
 * What the desk remembers. These are the rows the repositories read and write; the rules
 * that create and change them live in the area folders of the domain (queries/, pickups/, holds/, …).
 */

export interface StoredScan extends ScanEvent {
  id: string;
  receivedAt: Date;
}

export interface ParcelRecord {
  trackingNo: string;
  firstSeenAt: Date;
  /** Newest first, at most the number asked for. */
  scans: StoredScan[];
  /** The open self-pickup hold, if any. */
  openHold: SelfPickupHold | undefined;
  /** Newest first. */
  problems: ProblemNote[];
  /** The parcel's return, when one is recorded (holds/ or returns/), read in the same statement. */
  markedReturn?: ParcelReturn | undefined;
  /**
   * The chats following the parcel (issue 17), read in the same statement, so that a tracking
   * answer knows the asking chat's buttons without a second read (issue 15). Unset: not read.
   */
  followers?: { channel: ChatRef["channel"]; chatId: string; everyScan: boolean }[] | undefined;
}

/**
 * A scan in a parcel's view: `note` is what a customer may read (masked); a problem scan's note is
 * staff text, kept apart as `staffNote` (masked) for staff reading the same view.
 */
export type ViewedScan = Pick<StoredScan, "at" | "kind" | "location"> & { note?: string; staffNote?: string };

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
  latest: ViewedScan;
  /** Newest first, masked (phones and names of other people hidden). */
  history: ViewedScan[];
  /** Where it waits and by when to collect it (holds/timeline.ts collectBy). */
  hold?: { place: string; since: Date; collectBy: Date };
  problem?: { category: string; at: Date };
  /**
   * Whether the chat that asked follows the parcel (issue 17), and how, when the parcel was read
   * for a chat with its followers: null, it does not follow it. Unset: not known, ask the store.
   */
  following?: { everyScan: boolean } | null;
}

export type QueryKind = "customer" | "branch";
export type QueryStatus = "open" | "answered";

export interface Query {
  id: string;
  kind: QueryKind; // SOP-10 customer, SOP-11 another branch
  trackingNo: string | null;
  askedBy: ChatRef;
  fromBranch: string | null; // SOP-11: the branch that asked
  language: Language;
  text: string;
  createdAt: Date;
  warnAt: Date;
  dueAt: Date;
  status: QueryStatus;
  assignee: string | null; // personId holding it
  answeredAt: Date | null;
  answeredBy: string | null;
}

export interface QueryMessage {
  id: string;
  queryId: string;
  at: Date;
  author: "customer" | "agent" | "system";
  personId: string | null;
  /** What they wrote; empty for a photo sent without a caption. */
  text: string;
  /** A photo in the thread: the channel's own file reference (e.g. a Telegram file_id), not the image. */
  photo?: string;
}

export const PAYMENT_METHODS = ["sender_pays", "cod", "account"] as const; // SOP-28
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

// "returned": SOP-26, collected goods found prohibited afterwards go back to the customer.
export const PICKUP_STATUSES = [
  "requested",
  "assigned",
  "accepted",
  "collected",
  "cancelled",
  "returned",
] as const;
export type PickupStatus = (typeof PICKUP_STATUSES)[number];

export interface PickupRequest {
  id: string;
  customer: ChatRef;
  language: Language;
  contactName: string | null;
  phone: string;
  address: string;
  zoneId: string | null;
  goods: string;
  payment: PaymentMethod;
  pickupDay: string; // YYYY-MM-DD on the branch's clock
  earliestAt: Date;
  morning: boolean; // SOP-23
  byAir: boolean; // SOP-26: by air (no batteries, liquids, knives or powders)
  /** SOP-27: the destination city, inside the coverage (migration 0010); absent on older pickups. */
  destination?: string | undefined;
  status: PickupStatus;
  courierId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PickupEvent {
  pickupId: string;
  at: Date;
  /** A status change, or something that happened without one (declined, goods_ready, repinged). */
  event: PickupStatus | "declined" | "goods_ready" | "repinged" | "waybill"; // waybill: the note is the number (issue 17)
  actor: Actor;
  note: string | null;
}

export interface ProblemNote {
  id: string;
  trackingNo: string;
  category: string; // a ProblemCategory of problems/taxonomy.ts
  details: Record<string, unknown>;
  countsAsDelayed: boolean; // SOP-34, SOP-40
  followUps: string[]; // what the rules ask next (message the origin, …)
  recordedBy: string; // personId
  recordedAt: Date;
}

export type HoldCloseReason = "collected" | "delivered" | "returned" | "origin_replied";

export interface SelfPickupHold {
  id: string;
  trackingNo: string;
  place: string; // branch point or head office
  originBranch: string | null;
  heldAt: Date;
  originMessagedAt: Date | null; // the origin branch was messaged (holds/timeline.ts)
  originRepliedAt: Date | null; // the origin answered: no return by the timer
  markedForReturnAt: Date | null; // marked to go back to the origin
  closedAt: Date | null;
  closeReason: HoldCloseReason | null;
}

// Claims (SOP-70..SOP-72) and complaints (SOP-82): claims-records.ts.
export type { Claim, ClaimKind, Complaint, ComplaintLevel } from "./claims-records";

export interface Subscription {
  trackingNo: string;
  chat: ChatRef;
  language: Language;
  createdAt: Date;
  /** Issue 17: every scan pushed (departed, arrived…), not only the statuses that matter. Absent: false. */
  everyScan?: boolean;
}

export interface AuditEntry {
  at: Date;
  actor: Actor;
  action: string; // "query.opened", "pickup.accepted", …
  subject: string; // "query/<id>", "parcel/<trackingNo>", …
  data: Record<string, unknown>;
}
