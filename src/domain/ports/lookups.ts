import type { ChatRef } from "../kernel/chat";
import type { PickupEvent, PickupRequest, Query, QueryMessage } from "./records";

/**
 * What the conversations look up, and nothing more: the flows change nothing except through the
 * Desk, and read through this port rather than the Store (src/domain/desk/lookups.ts implements it).
 */
export interface DeskLookups {
  /** The query, open or answered (a notice's take button, the agent's view of it). */
  query(id: string): Promise<Query | undefined>;
  /** The query's thread, oldest first (the agent's card shows every message). */
  queryMessages(queryId: string): Promise<QueryMessage[]>;
  /** A customer's open and lately answered queries, newest first (queries/thread.ts picks one). */
  queryThreads(chat: ChatRef, answeredSince: Date): Promise<Query[]>;
  /** The pickup request, in whatever status (dispatch's and the courier's views of it). */
  pickup(id: string): Promise<PickupRequest | undefined>;
  /** The pickup's history, oldest first (the dispatcher's card shows the last decline and why). */
  pickupEvents(pickupId: string): Promise<PickupEvent[]>;
  /** Whether anything is known of the parcel, i.e. it has a scan (before staff mark it held). */
  knowsParcel(trackingNo: string): Promise<boolean>;
}
