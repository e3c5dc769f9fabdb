import type { UseCaseDeps } from "../desk/context";
import type { ParcelReturn } from "../ports/returns-records";
import { type OriginTaskOutcome, recordOriginTaskSent } from "../problems/origin-tasks";
import {
  markOriginReturn,
  type OriginReturnRequest,
  type OriginReturnResult,
  type ReturnPrecheck,
  type ReturnPrecheckRefusal,
  returnPrecheck,
} from "./origin-return";

/**
 * The desk's returns the origin asks for (SOP-43, SOP-52, SOP-60) and tracked origin messages
 * (SOP-38, SOP-45). A hold that goes back unanswered is holds/held-return.ts.
 */
export interface ReturnsDesk {
  /** What is refused before the agent is asked anything about a return (SOP-43, one per parcel). */
  returnPrecheck(
    trackingNo: string,
  ): Promise<ReturnPrecheck | { ok: false; reason: ReturnPrecheckRefusal; rule?: string }>;
  /** SOP-52: the origin asked for the parcel back; an agent or duty lead records it. */
  markOriginReturn(personId: string, request: OriginReturnRequest): Promise<OriginReturnResult>;
  /** SOP-38, SOP-45: the message to the origin was sent (the notice's button). */
  recordOriginTaskSent(personId: string, taskId: string): Promise<OriginTaskOutcome>;
  /** The parcel's return (holds/ or returns/), if one is recorded: it is no longer held for pickup. */
  returnFor(trackingNo: string): Promise<ParcelReturn | undefined>;
}

export function returnsDesk(deps: UseCaseDeps): ReturnsDesk {
  return {
    returnPrecheck: (trackingNo) => returnPrecheck(deps, trackingNo),
    markOriginReturn: (personId, request) => markOriginReturn(deps, personId, request),
    recordOriginTaskSent: (personId, taskId) => recordOriginTaskSent(deps, personId, taskId),
    returnFor: (trackingNo) => deps.store.returns.forParcel(trackingNo),
  };
}
