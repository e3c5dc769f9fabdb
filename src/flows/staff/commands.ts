import type { CommandRoute } from "../engine";

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
