import type { Desk } from "../../domain/use-cases/desk";
import type { CommandRoute } from "../engine";
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
export { staffGreeting, staffMenu, staffRoute } from "./menu";

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

/** Slash commands (without "/") of the staff flows; the engine checks the roles before starting one. */
export const STAFF_COMMANDS: Readonly<Record<string, CommandRoute>> = {
  queries: { flow: "agent-queries", roles: ["agent", "supervisor"] },
  available: { flow: "agent-available", roles: ["agent"] },
  busy: { flow: "agent-busy", roles: ["agent"] },
  branchquery: { flow: "branch-query", roles: ["agent"] },
  problem: { flow: "problem-note", roles: ["agent", "courier"] },
  hold: { flow: "hold-parcel", roles: ["agent", "courier"] },
  pickups: { flow: "dispatch-pickups", roles: ["dispatcher"] },
  jobs: { flow: "courier-pickups", roles: ["courier"] },
  overdue: { flow: "overdue-queries", roles: ["supervisor"] },
};
