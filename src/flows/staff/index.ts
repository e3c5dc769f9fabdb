import type { Desk } from "../../domain/desk/desk";
import type { Flow } from "../types";
import { agentQueuesFlow } from "./agent-queries";
import { agentQueryFlow } from "./agent-query";
import { agentSeatFlow } from "./agent-seat";
import { branchQueryFlow } from "./branch-query";
import { courierPickupsFlow } from "./courier-pickups";
import { dispatchPickupsFlow } from "./dispatch-pickups";
import { holdParcelFlow } from "./hold-parcel";
import { staffMenuFlow } from "./menu";
import { overdueQueriesFlow } from "./overdue-queries";
import { problemNoteFlow } from "./problem-note";

export { staffActions } from "./actions";
export { STAFF_COMMANDS } from "./commands";
export { staffGreeting, staffHelp, staffMenu, staffRoute } from "./menu";

/** The staff conversations (people in the directory, by role). */
export function staffFlows(desk: Desk): Flow<unknown>[] {
  return [
    staffMenuFlow(),
    agentQueuesFlow(desk),
    agentQueryFlow(desk),
    agentSeatFlow(desk, "toggle"),
    agentSeatFlow(desk, "available"),
    agentSeatFlow(desk, "busy"),
    branchQueryFlow(desk),
    problemNoteFlow(desk),
    holdParcelFlow(desk),
    dispatchPickupsFlow(desk),
    courierPickupsFlow(desk),
    overdueQueriesFlow(desk),
  ] as Flow<unknown>[];
}
