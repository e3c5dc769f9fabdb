import type { ChatRef, Language } from "../kernel/chat";
import type { Query } from "./records";

/**
 * After-sales records (issue 12): compensation claims (赔偿, SOP-70..SOP-72) and complaints
 * (投诉, SOP-82, SOP-11's fine), with their repositories. The rules that create and change them
 * live in domain/claims/ and domain/complaints/.
 */

export const CLAIM_KINDS = ["loss", "delay", "damage"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export type ClaimOutcome = "settled" | "refused";

/** How an agreed settlement is paid to the customer. */
export const CLAIM_PAYOUTS = ["cash", "bank_transfer", "wechat", "alipay", "freight_credit"] as const;
export type ClaimPayout = (typeof CLAIM_PAYOUTS)[number];

/** At most this many photos are kept with a claim. */
export const CLAIM_PHOTOS_MAX = 5;

export interface Claim {
  id: string;
  trackingNo: string;
  kind: ClaimKind;
  /** The customer's chat, told of each step; null for a claim with no chat (entered by staff). */
  customer: ChatRef | null;
  language: Language;
  /** What happened, in the customer's words. */
  description: string;
  /** The channel's own file references (as query_messages.photo), at most CLAIM_PHOTOS_MAX. */
  photos: string[];
  openedAt: Date;
  dueAt: Date; // SOP-70, SOP-71; never moved, whatever head office does (SOP-72)
  /** "customer", or the person id of the agent who entered it. */
  openedBy: string;
  /** The agent handling it (warned before the deadline); null: nobody yet. */
  holder: string | null;
  /** The last recorded contact with the customer. */
  contactedAt: Date | null;
  /** Settled or refused: when, by whom, and how. */
  outcome: ClaimOutcome | null;
  closedAt: Date | null;
  closedBy: string | null;
  /** The agreed amount in fen (1/100 yuan) and how it is paid; set when settled. */
  amountFen: number | null;
  paidBy: ClaimPayout | null;
  settledAt: Date | null;
  /** Why it was refused; set when refused. */
  refusalReason: string | null;
  note: string | null;
}

/** What a step may change on an open claim (ClaimRepository.updateOpen). */
export type ClaimChange = Partial<
  Pick<
    Claim,
    | "holder"
    | "contactedAt"
    | "outcome"
    | "closedAt"
    | "closedBy"
    | "amountFen"
    | "paidBy"
    | "settledAt"
    | "refusalReason"
    | "note"
  >
>;

export interface ClaimRepository {
  insert(claim: Claim): Promise<void>;
  get(id: string): Promise<Claim | undefined>;
  /**
   * Applies the change only while the claim is open (not settled or refused) and, with
   * `expected.holder`, only while that is its holder (compare and set). Returns the updated claim,
   * or undefined when it was closed (or taken) meanwhile.
   */
  updateOpen(
    id: string,
    change: ClaimChange,
    expected?: { holder?: string | null },
  ): Promise<Claim | undefined>;
  /** Open claims, the least time left first. */
  listOpen(limit?: number): Promise<Claim[]>;
  /** Open claims about one parcel, oldest first. */
  listOpenByParcel(trackingNo: string): Promise<Claim[]>;
}

/** SOP-82: customer → branch → region → head office. The bot acts at the branch; the rest is outside. */
export const COMPLAINT_LEVELS = ["branch", "region", "head_office"] as const;
export type ComplaintLevel = (typeof COMPLAINT_LEVELS)[number];

export interface Complaint {
  id: string;
  /** The customer's chat; null for a complaint recorded by staff (another branch's, SOP-11). */
  customer: ChatRef | null;
  language: Language;
  trackingNo: string | null;
  /** The query it is about, when there is one. */
  queryId: string | null;
  /** Another branch complaining (SOP-11); null for a customer's complaint. */
  fromBranch: string | null;
  text: string;
  level: ComplaintLevel;
  openedAt: Date;
  /** "customer", or the person id who recorded it. */
  openedBy: string;
  /** When it reached its level (opened: the branch level). */
  levelSince: Date;
  /** The last action recorded at its current level; null: nobody has acted at this level yet. */
  actedAt: Date | null;
  /** SOP-82: the branch's first action before the complaint reached head office (none: penalised there). */
  branchActedAt: Date | null;
  /** When it escalates a level if nobody acts; null at head office (nowhere higher) or once closed. */
  escalateAt: Date | null;
  /** SOP-11: the fine recorded against the branch (yuan), when it is about a late branch answer. */
  fineYuan: number | null;
  closedAt: Date | null;
  closedBy: string | null;
  resolution: string | null;
}

export type ComplaintChange = Partial<
  Pick<
    Complaint,
    | "level"
    | "levelSince"
    | "actedAt"
    | "branchActedAt"
    | "escalateAt"
    | "closedAt"
    | "closedBy"
    | "resolution"
  >
>;

export interface ComplaintRepository {
  insert(complaint: Complaint): Promise<void>;
  get(id: string): Promise<Complaint | undefined>;
  /**
   * Applies the change only while the complaint is open and, with `expected.level`, only while it
   * is still at that level (compare and set: a timer's escalation and a person's action never both
   * apply to the same level). Returns the updated complaint, or undefined.
   */
  updateOpen(
    id: string,
    change: ComplaintChange,
    expected?: { level?: ComplaintLevel },
  ): Promise<Complaint | undefined>;
  /** Open complaints, oldest first. */
  listOpen(limit?: number): Promise<Complaint[]>;
  /** SOP-11: the queries from other branches about this parcel, newest first. */
  branchQueriesAbout(trackingNo: string): Promise<Query[]>;
}
