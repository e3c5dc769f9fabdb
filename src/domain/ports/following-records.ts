import type { Channel } from "../kernel/chat";

/**
 * What the desk pushed (or holds to push) to a parcel's followers (issue 17): one row per parcel
 * and status, ever (the store's primary key), so that no status is pushed twice. Written in the
 * same transaction as what caused it (a scan batch, a problem note); sent after the commit.
 */
export interface ParcelPush {
  trackingNo: string;
  /** The push's status: a scan kind, or `<kind>@<place>` for the in-between scans (every-scan followers). */
  status: string;
  /** What happened: a scan kind, or "problem" for a problem note staff recorded. */
  kind: string;
  /** When it happened (the scan's time, the note's). */
  at: Date;
  /** Where (the scan's place, as /track shows it); null for a problem note. */
  location: string | null;
  /** A problem note's category (problems/taxonomy.ts), said in the customer's words; else null. */
  category: string | null;
  recordedAt: Date;
  /** When it may go out: recordedAt, or the end of the customers' quiet hours. */
  dueAt: Date;
  /** Kept for the morning (quiet hours) when it was recorded. */
  held: boolean;
  /** When it was handed to the send queue (merged with the parcel's later ones: sent with them); null while it waits. */
  sentAt: Date | null;
  /** Sent already by another notice (a hold's notice.hold.ready): recorded so it is never pushed again. */
  silent: boolean;
}

/** A push the ingest would record if its parcel is followed (recordFollowed). */
export interface FollowedPush extends ParcelPush {
  /** Only for a follower who asked for every scan (departed, arrived…). */
  everyScanOnly: boolean;
}

/** Figures for /metrics and the dashboard: what following saves the desk (issue 17 §6). */
export interface FollowingFigures {
  /** Pushes handed to the send queue since `since` (one per parcel and status; merged ones count each). */
  pushesSent: number;
  /** Of those recorded since `since`, how many waited for the end of quiet hours. */
  pushesHeld: number;
  /** Pushes waiting now (quiet hours). */
  pushesWaiting: number;
  /** Customer queries opened since `since`. */
  queriesOpened: number;
  /** Parcels with a scan received since `since` (the parcels the desk tracks). */
  parcelsTracked: number;
  /** Chats following at least one parcel now. */
  followingChats: number;
}

export interface FollowingRepository {
  /** Inserts the pushes not recorded before (same parcel and status: skipped); returns those inserted. */
  record(pushes: readonly ParcelPush[]): Promise<ParcelPush[]>;
  /**
   * The scan ingest's one statement: inserts those of `pushes` whose parcel some chat follows (an
   * every-scan-only push: a chat that asked for every scan), a parcel's status recorded before
   * skipped, and a push older than one the parcel has recorded skipped too (a late scan: stale);
   * returns those inserted. Whom to tell is read when they are sent.
   */
  recordFollowed(pushes: readonly FollowedPush[]): Promise<ParcelPush[]>;
  /**
   * Takes the pushes due at `now` that wait (sentAt null, not silent): marks them sent at `now`
   * (compare and set: two takers never take the same row) and returns them, oldest first.
   */
  takeDue(now: Date, limit: number): Promise<ParcelPush[]>;
  /**
   * Gives back pushes taken at `takenAt` whose messages could not be queued: they wait again (a
   * push taken since by another is left alone).
   */
  release(pushes: readonly Pick<ParcelPush, "trackingNo" | "status">[], takenAt: Date): Promise<void>;
  /** The distinct due times of the pushes that still wait, earliest first (the jobs' reconciliation). */
  waitingDueTimes(limit: number): Promise<Date[]>;
  figures(since: Date): Promise<FollowingFigures>;
}

/** A chat on a channel (a follower's, whatever user wrote in it). */
export interface ChatKey {
  channel: Channel;
  chatId: string;
}
