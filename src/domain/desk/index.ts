import * as holds from "../holds/use-cases";
import * as parcels from "../parcels/use-cases";
import * as pickups from "../pickups/use-cases";
import * as problems from "../problems/use-cases";
import * as queries from "../queries/use-cases";
import type { UseCaseDeps } from "./context";
import type { Desk } from "./desk";

/**
 * The desk's use cases over their ports. Every change a person makes is one store transaction
 * holding the change and its audit row; only after the commit are timers scheduled and notices
 * sent, each best effort: a failing Scheduler or Notifier is logged (deps.log) and the use case
 * still succeeds, because the change is committed. The jobs' reconciliation (expectedTimers)
 * restores lost timers; the warnings, reminders and shift digests cover a lost notice.
 */
export function createDesk(deps: UseCaseDeps): Desk {
  return {
    trackParcel: (trackingNo) => parcels.trackParcel(deps, trackingNo),
    subscribe: (chat, language, trackingNo) => parcels.subscribe(deps, chat, language, trackingNo),
    raiseQuery: (input) => queries.raiseQuery(deps, input),
    takeQuery: (queryId, personId) => queries.takeQuery(deps, queryId, personId),
    answerQuery: (queryId, personId, text) => queries.answerQuery(deps, queryId, personId, text),
    passQuery: (queryId, personId, toPersonId) => queries.passQuery(deps, queryId, personId, toPersonId),
    openQueries: () => queries.openQueries(deps),
    openQueryCount: () => queries.openQueryCount(deps),
    setAvailability: (personId, available) => queries.setAvailability(deps, personId, available),
    isAvailable: (personId) => queries.isAvailable(deps, personId),

    requestPickup: (input) => pickups.requestPickup(deps, input),
    myPickups: (customer) => pickups.myPickups(deps, customer),
    cancelPickup: (customer, pickupId) => pickups.cancelPickup(deps, customer, pickupId),
    assignPickup: (dispatcherId, pickupId, courierId) =>
      pickups.assignPickup(deps, dispatcherId, pickupId, courierId),
    acceptPickup: (courierId, pickupId) => pickups.acceptPickup(deps, courierId, pickupId),
    declinePickup: (courierId, pickupId) => pickups.declinePickup(deps, courierId, pickupId),
    collectPickup: (courierId, pickupId) => pickups.collectPickup(deps, courierId, pickupId),
    goodsReady: (courierId, pickupId) => pickups.goodsReady(deps, courierId, pickupId),
    pendingPickups: () => pickups.pendingPickups(deps),
    courierPickups: (courierId) => pickups.courierPickups(deps, courierId),

    problemPrecheck: (trackingNo, category) => problems.problemPrecheck(deps, trackingNo, category),
    recordProblem: (personId, trackingNo, input) => problems.recordProblem(deps, personId, trackingNo, input),

    markHeld: (personId, trackingNo, place) => holds.markHeld(deps, personId, trackingNo, place),
    markCollected: (personId, trackingNo) => holds.markCollected(deps, personId, trackingNo),
    recordOriginMessaged: (personId, holdId) => holds.recordOriginMessaged(deps, personId, holdId),
    recordOriginReply: (personId, holdId) => holds.recordOriginReply(deps, personId, holdId),
    openHolds: () => holds.openHolds(deps),
    holdFor: (trackingNo) => holds.holdFor(deps, trackingNo),
  };
}

export { morningList, shiftHandover } from "../digests/digests";
export { createHold, type HoldOpeningDeps, holdOpened, holdTimer } from "../holds/use-cases";
export {
  COURIER_PICKUPS_LIMIT,
  DeskPermissionError,
  MAX_REPINGS,
  PENDING_PICKUPS_LIMIT,
  pingDispatch,
} from "../pickups/use-cases";
export { FOLLOW_UP_WINDOW_MS, OPEN_QUERIES_LIMIT, queryTimers } from "../queries/use-cases";
export type { DeskLog, UseCaseDeps } from "./context";
export type {
  Desk,
  DeskDeps,
  Done,
  ParcelView,
  ProblemPrecheckReason,
  RaiseQueryInput,
  Refused,
} from "./desk";
export {
  ACCEPT_PICKUP,
  acceptPickupAction,
  DECLINE_PICKUP,
  declinePickupAction,
  NOTICE_ACTION_NAMES,
  NOTICE_ACTIONS,
  NOTICE_PAYLOAD_PREFIX,
  type NoticeActionName,
  noticePayload,
  ORIGIN_MESSAGED,
  ORIGIN_REPLIED,
  originMessagedAction,
  originRepliedAction,
  pickupActions,
  TAKE_QUERY,
  takeQueryAction,
} from "./notice-actions";
export { expectedTimers, RECONCILE_LIMIT } from "./reconcile";
export { handleTimer, type TimerInput, type TimerOutcome } from "./timers";
