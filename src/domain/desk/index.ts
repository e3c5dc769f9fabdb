import { broadcastsDesk } from "../broadcasts/use-cases";
import { claimsDesk } from "../claims/desk";
import { complaintsDesk } from "../complaints/desk";
import { deliveriesDesk } from "../deliveries/desk";
import { followingDesk } from "../following/use-cases";
import { heldReturnDesk } from "../holds/held-return";
import * as holds from "../holds/use-cases";
import * as parcels from "../parcels/use-cases";
import * as cardAssignment from "../pickups/assign-from-card";
import * as pickupRequests from "../pickups/requests";
import { pickupReturnsDesk } from "../pickups/returned";
import * as pickupSteps from "../pickups/steps";
import { pickupWaybillDesk } from "../pickups/waybill";
import * as problems from "../problems/use-cases";
import { branchAsksDesk } from "../queries/branch-asks";
import * as queryHandling from "../queries/handling";
import * as queryRaising from "../queries/raise";
import * as seats from "../queries/seats";
import { returnsDesk } from "../returns/desk";
import { workloadDesk } from "../workload/desk";
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
    ...claimsDesk(deps), // SOP-70..SOP-72
    ...complaintsDesk(deps), // SOP-82, SOP-11
    ...followingDesk(deps), // issue 17
    trackParcel: (trackingNo, forChat) => parcels.trackParcel(deps, trackingNo, forChat),
    subscribe: (chat, language, trackingNo) => parcels.subscribe(deps, chat, language, trackingNo),
    raiseQuery: (input) => queryRaising.raiseQuery(deps, input),
    takeQuery: (queryId, personId) => queryHandling.takeQuery(deps, queryId, personId),
    answerQuery: (queryId, personId, text) => queryHandling.answerQuery(deps, queryId, personId, text),
    passQuery: (queryId, personId, toPersonId) =>
      queryHandling.passQuery(deps, queryId, personId, toPersonId),
    reassignQuery: (queryId, personId) => queryHandling.reassignQuery(deps, queryId, personId),
    openQueries: () => queryHandling.openQueries(deps),
    openQueryCount: () => queryHandling.openQueryCount(deps),
    setAvailability: (personId, available) => seats.setAvailability(deps, personId, available),
    isAvailable: (personId) => seats.isAvailable(deps, personId),
    ...seats.seatsDesk(deps), // SOP-14: approveBusy
    ...branchAsksDesk(deps), // SOP-13
    ...broadcastsDesk(deps), // SOP-83
    ...workloadDesk(deps), // SOP-90
    ...deliveriesDesk(deps), // SOP-44, SOP-73, SOP-74

    requestPickup: (input) => pickupRequests.requestPickup(deps, input),
    myPickups: (customer) => pickupRequests.myPickups(deps, customer),
    lastPickup: (customer) => pickupRequests.lastPickup(deps, customer),
    cancelPickup: (customer, pickupId) => pickupRequests.cancelPickup(deps, customer, pickupId),
    assignPickup: (dispatcherId, pickupId, courierId) =>
      pickupSteps.assignPickup(deps, dispatcherId, pickupId, courierId),
    assignFromCard: (personId, option) => cardAssignment.assignFromCard(deps, personId, option),
    acceptPickup: (courierId, pickupId) => pickupSteps.acceptPickup(deps, courierId, pickupId),
    declinePickup: (courierId, pickupId, reason, text) =>
      pickupSteps.declinePickup(deps, courierId, pickupId, reason, text),
    collectPickup: (courierId, pickupId) => pickupSteps.collectPickup(deps, courierId, pickupId),
    goodsReady: (courierId, pickupId) => pickupSteps.goodsReady(deps, courierId, pickupId),
    pendingPickups: () => pickupRequests.pendingPickups(deps),
    courierPickups: (courierId) => pickupRequests.courierPickups(deps, courierId),

    problemPrecheck: (trackingNo, category) => problems.problemPrecheck(deps, trackingNo, category),
    recordProblem: (personId, trackingNo, input) => problems.recordProblem(deps, personId, trackingNo, input),

    markHeld: (personId, trackingNo, place, customerCall) =>
      holds.markHeld(deps, personId, trackingNo, place, customerCall),
    ...heldReturnDesk(deps), // a hold due to go back, once delivery-scanned (holds/)
    ...returnsDesk(deps), // SOP-43, SOP-52, SOP-60, SOP-38, SOP-45
    ...pickupReturnsDesk(deps), // SOP-26: collected goods found prohibited
    ...pickupWaybillDesk(deps), // issue 17: the parcel of a pickup, followed by its customer
    markCollected: (personId, trackingNo) => holds.markCollected(deps, personId, trackingNo),
    recordOriginMessaged: (personId, holdId) => holds.recordOriginMessaged(deps, personId, holdId),
    recordOriginReply: (personId, holdId) => holds.recordOriginReply(deps, personId, holdId),
    openHolds: () => holds.openHolds(deps),
    holdFor: (trackingNo) => holds.holdFor(deps, trackingNo),
  };
}

// What the jobs, the app and the tests use beside the Desk itself; the rest lives in its area.
export { morningList, shiftHandover } from "../digests/digests";
export { OPEN_QUERIES_LIMIT } from "../queries/handling";
export type { DeskLog, UseCaseDeps } from "./context";
export { DeskPermissionError } from "./context";
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
  ASSIGN_PICKUP,
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
export { expectedTimers } from "./reconcile";
export { handleTimer, type TimerInput, type TimerOutcome } from "./timers";
