/**
 * SOP-83: a duty lead's notice to every courier and driver (a broadcast), and who has acknowledged
 * it. Stored in `broadcasts` and `broadcast_recipients` (src/store/broadcast-repository.ts).
 */
interface BroadcastRecipient {
  personId: string;
  /** When they tapped "Got it"; null while they have not. */
  acknowledgedAt: Date | null;
}

export interface Broadcast {
  id: string;
  /** The duty lead who sent it (a person id). */
  sentBy: string;
  text: string;
  sentAt: Date;
  /** Everyone it was sent to, in the order sent. */
  recipients: BroadcastRecipient[];
}

/** What one tap on "Got it" did: the first tap records it; a second changes nothing. */
export type AcknowledgeOutcome = "acknowledged" | "already" | "not_recipient" | "not_found";

export interface BroadcastRepository {
  /** The broadcast and its recipients (none acknowledged yet). */
  insert(broadcast: Broadcast): Promise<void>;
  get(id: string): Promise<Broadcast | undefined>;
  /** Compare and set: records the acknowledgement only while the recipient has none. */
  acknowledge(id: string, personId: string, at: Date): Promise<AcknowledgeOutcome>;
  /** The newest broadcasts first, with their recipients. */
  listRecent(limit: number): Promise<Broadcast[]>;
}

/** SOP-90: queries handled (answered) per person in a period, from the queries themselves. */
export interface WorkloadRepository {
  /** How many queries each person answered at or after `from` and before `to` (people with none left out). */
  answeredCounts(from: Date, to: Date): Promise<{ personId: string; count: number }[]>;
}
