import { describe, expect, it } from "vitest";
import { commandTable, menuFlows } from "../../src/flows/declarations";
import { CUSTOMER_COMMANDS, FLOW_DECLARATIONS, STAFF_COMMANDS } from "../../src/flows/registry";
import { FLOW_NAMES } from "../../src/flows/types";

/**
 * Each flow declares its command, menu entry and roles once; the command lists and menus are read
 * off those declarations. These pin what the hand-written tables said before, so that deriving them
 * changed nothing a user sees.
 */
describe("the flows' declarations", () => {
  it("registers exactly one flow under each FlowName, named as its key", () => {
    expect(FLOW_DECLARATIONS.map((f) => f.name).sort()).toEqual([...FLOW_NAMES].sort());
  });

  it("gives customers their four commands, open to everyone, in the registry's order", () => {
    expect(Object.entries(CUSTOMER_COMMANDS)).toEqual([
      ["track", { flow: "track" }],
      ["pickup", { flow: "pickup" }],
      ["mypickups", { flow: "mypickups" }],
      ["human", { flow: "human" }],
    ]);
  });

  it("gives each staff command the roles of the flow it starts", () => {
    expect(Object.entries(STAFF_COMMANDS)).toEqual([
      ["queries", { flow: "agent-queries", roles: ["agent", "supervisor"] }],
      ["available", { flow: "agent-available", roles: ["agent"] }],
      ["busy", { flow: "agent-busy", roles: ["agent"] }],
      ["branchquery", { flow: "branch-query", roles: ["agent"] }],
      ["problem", { flow: "problem-note", roles: ["agent", "courier"] }],
      ["hold", { flow: "hold-parcel", roles: ["agent", "courier"] }],
      ["pickups", { flow: "dispatch-pickups", roles: ["dispatcher"] }],
      ["jobs", { flow: "courier-pickups", roles: ["courier"] }],
      ["overdue", { flow: "overdue-queries", roles: ["supervisor"] }],
    ]);
  });

  it("orders each main menu by the flows' menu positions, staff entries with their flow's roles", () => {
    const entry = (f: ReturnType<typeof menuFlows>[number]) => [f.menu.label, f.name, f.roles];
    expect(menuFlows(FLOW_DECLARATIONS, "customer").map(entry)).toEqual([
      ["menu.track", "track", undefined],
      ["menu.pickup", "pickup", undefined],
      ["menu.myPickups", "mypickups", undefined],
      ["menu.human", "human", undefined],
    ]);
    expect(menuFlows(FLOW_DECLARATIONS, "staff").map(entry)).toEqual([
      ["staff.menu.queries", "agent-queries", ["agent", "supervisor"]],
      ["staff.menu.overdue", "overdue-queries", ["supervisor"]],
      ["staff.menu.seat", "agent-seat", ["agent"]],
      ["staff.menu.branchQuery", "branch-query", ["agent"]],
      ["staff.menu.jobs", "courier-pickups", ["courier"]],
      ["staff.menu.pickups", "dispatch-pickups", ["dispatcher"]],
      ["staff.menu.problem", "problem-note", ["agent", "courier"]],
      ["staff.menu.hold", "hold-parcel", ["agent", "courier"]],
    ]);
  });

  it("keeps a staff flow out of the customers' lists and a customer flow out of the staff's", () => {
    const flows = [
      { name: "open", command: "open", menu: { label: "menu.track" as const, position: 1 } },
      {
        name: "closed",
        command: "closed",
        menu: { label: "menu.human" as const, position: 2 },
        roles: ["agent"] as const,
      },
    ];
    expect(Object.keys(commandTable(flows, "customer"))).toEqual(["open"]);
    expect(Object.keys(commandTable(flows, "staff"))).toEqual(["closed"]);
    expect(menuFlows(flows, "customer").map((f) => f.name)).toEqual(["open"]);
  });
});
