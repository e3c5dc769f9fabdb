import type { Desk } from "../domain/desk/desk";
import { claimFlow } from "./customer/claim";
import { complainFlow } from "./customer/complain";
import { humanFlow } from "./customer/human";
import { myPickupsFlow } from "./customer/my-pickups";
import { pickupFlow } from "./customer/pickup";
import { trackFlow } from "./customer/track";
import { commandTable } from "./declarations";
import { agentQueuesFlow } from "./staff/agent-queries";
import { agentQueryFlow } from "./staff/agent-query";
import { agentSeatFlow } from "./staff/agent-seat";
import { branchAskFlow } from "./staff/branch-ask";
import { branchAsksFlow } from "./staff/branch-asks";
import { branchQueryFlow } from "./staff/branch-query";
import { broadcastFlow, broadcastsFlow } from "./staff/broadcast";
import { broadcastAckFlow } from "./staff/broadcast-ack";
import { staffClaimsFlow } from "./staff/claims";
import { staffComplaintsFlow } from "./staff/complaints";
import { staffBranchComplaintFlow } from "./staff/complaints-branch";
import { courierPickupsFlow } from "./staff/courier-pickups";
import { dispatchPickupsFlow } from "./staff/dispatch-pickups";
import { holdParcelFlow } from "./staff/hold-parcel";
import { staffMenuFlow } from "./staff/menu";
import { overdueQueriesFlow } from "./staff/overdue-queries";
import { problemNoteFlow } from "./staff/problem-note";
import { receiptEntryFlow } from "./staff/receipt-entry";
import { receiptQueryFlow } from "./staff/receipt-query";
import { returnParcelFlow } from "./staff/return-parcel";
import { undeliveredFlow } from "./staff/undelivered";
import { workloadFlow } from "./staff/workload";
import type { FlowDeclaration, FlowRegistry } from "./types";

/**
 * Every conversation of the desk, by name (FlowName): a name without its flow does not compile.
 * The order is the order of the command lists (/help, Telegram's command menus); the main menus
 * order their buttons by the flows' own menu positions.
 */
export function deskFlows(desk: Desk): FlowRegistry {
  return {
    // the customer's (no roles: everyone, in private chats)
    track: trackFlow(desk),
    pickup: pickupFlow(desk),
    mypickups: myPickupsFlow(desk),
    human: humanFlow(desk),
    claim: claimFlow(desk), // SOP-70..SOP-72
    complain: complainFlow(desk), // SOP-82
    // the staff's (people of the directory, by role)
    "agent-queries": agentQueuesFlow(desk),
    "agent-available": agentSeatFlow(desk, "available"),
    "agent-busy": agentSeatFlow(desk, "busy"),
    "branch-query": branchQueryFlow(desk),
    "branch-ask": branchAskFlow(desk), // SOP-13
    "branch-asks": branchAsksFlow(desk), // SOP-13
    "problem-note": problemNoteFlow(desk),
    "hold-parcel": holdParcelFlow(desk),
    "return-parcel": returnParcelFlow(desk), // SOP-52, SOP-60
    "dispatch-pickups": dispatchPickupsFlow(desk),
    "courier-pickups": courierPickupsFlow(desk),
    "overdue-queries": overdueQueriesFlow(desk),
    "staff-claims": staffClaimsFlow(desk), // SOP-70..SOP-72
    "staff-complaints": staffComplaintsFlow(desk), // SOP-82
    "staff-branch-complaint": staffBranchComplaintFlow(desk), // SOP-11
    "agent-seat": agentSeatFlow(desk, "toggle"),
    "agent-query": agentQueryFlow(desk),
    "receipt-entry": receiptEntryFlow(desk), // SOP-74
    "receipt-query": receiptQueryFlow(desk), // SOP-73
    undelivered: undeliveredFlow(desk), // SOP-44
    broadcast: broadcastFlow(desk), // SOP-83
    broadcasts: broadcastsFlow(desk),
    "broadcast-ack": broadcastAckFlow(desk), // SOP-83
    workload: workloadFlow(desk), // SOP-90
    "staff-menu": staffMenuFlow(),
  };
}

/**
 * Building a flow only keeps the desk for its steps, so the declarations can be read without one
 * (for Telegram's command menus, set before any conversation): this desk refuses every call.
 */
const NO_DESK = new Proxy({} as Desk, {
  get: (_desk, method) => () => {
    throw new Error(`Desk.${String(method)} called on the flows built for their declarations only`);
  },
});

/** The flows' declarations (name, command, menu entry, roles), in the registry's order. */
export const FLOW_DECLARATIONS: readonly FlowDeclaration[] = Object.values(deskFlows(NO_DESK));

/** The customers' slash commands (start, help, menu, cancel and lang are the engine's). */
export const CUSTOMER_COMMANDS = commandTable(FLOW_DECLARATIONS, "customer");
/** The staff's slash commands, each with the roles that may use it. */
export const STAFF_COMMANDS = commandTable(FLOW_DECLARATIONS, "staff");
