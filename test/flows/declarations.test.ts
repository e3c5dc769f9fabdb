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

  it("gives customers their commands, open to everyone, in the registry's order", () => {
    expect(Object.entries(CUSTOMER_COMMANDS)).toEqual([
      ["track", { flow: "track" }],
      ["pickup", { flow: "pickup" }],
      ["mypickups", { flow: "mypickups" }],
      ["human", { flow: "human" }],
      ["claim", { flow: "claim" }], // SOP-70..SOP-72 (issue 12)
      ["complain", { flow: "complain" }], // SOP-82 (issue 12)
    ]);
  });

  it("gives each staff command the roles of the flow it starts", () => {
    expect(Object.entries(STAFF_COMMANDS)).toEqual([
      ["queries", { flow: "agent-queries", roles: ["agent", "supervisor"] }],
      ["available", { flow: "agent-available", roles: ["agent"] }],
      ["busy", { flow: "agent-busy", roles: ["agent"] }],
      ["branchquery", { flow: "branch-query", roles: ["agent"] }],
      ["askbranch", { flow: "branch-ask", roles: ["agent", "supervisor"] }], // SOP-13
      ["branchasks", { flow: "branch-asks", roles: ["agent", "supervisor"] }], // SOP-13
      ["problem", { flow: "problem-note", roles: ["agent", "courier"] }],
      ["hold", { flow: "hold-parcel", roles: ["agent", "courier"] }],
      ["return", { flow: "return-parcel", roles: ["agent", "supervisor"] }], // SOP-52
      ["pickups", { flow: "dispatch-pickups", roles: ["dispatcher"] }],
      ["jobs", { flow: "courier-pickups", roles: ["courier"] }],
      ["overdue", { flow: "overdue-queries", roles: ["supervisor"] }],
      ["claims", { flow: "staff-claims", roles: ["agent", "supervisor"] }], // SOP-70..SOP-72
      ["complaints", { flow: "staff-complaints", roles: ["agent", "supervisor"] }], // SOP-82
      ["signed", { flow: "receipt-entry", roles: ["courier", "supervisor"] }], // SOP-74
      ["receipt", { flow: "receipt-query", roles: ["agent", "supervisor", "dispatcher"] }], // SOP-73
      ["undelivered", { flow: "undelivered", roles: ["agent", "supervisor"] }], // SOP-44
      ["broadcast", { flow: "broadcast", roles: ["supervisor"] }], // SOP-83
      ["broadcasts", { flow: "broadcasts", roles: ["supervisor"] }], // SOP-83
      ["workload", { flow: "workload", roles: ["supervisor", "agent"] }], // SOP-90
    ]);
  });

  it("orders each main menu by the flows' menu positions, staff entries with their flow's roles", () => {
    const entry = (f: ReturnType<typeof menuFlows>[number]) => [f.menu.label, f.name, f.roles];
    expect(menuFlows(FLOW_DECLARATIONS, "customer").map(entry)).toEqual([
      ["menu.track", "track", undefined],
      ["menu.pickup", "pickup", undefined],
      ["menu.myPickups", "mypickups", undefined],
      ["menu.human", "human", undefined],
      ["menu.claim", "claim", undefined], // issue 12
      ["menu.complain", "complain", undefined], // issue 12
    ]);
    expect(menuFlows(FLOW_DECLARATIONS, "staff").map(entry)).toEqual([
      ["staff.menu.queries", "agent-queries", ["agent", "supervisor"]],
      ["staff.menu.overdue", "overdue-queries", ["supervisor"]],
      ["staff.menu.seat", "agent-seat", ["agent"]],
      ["staff.menu.branchQuery", "branch-query", ["agent"]],
      ["branchAsk.menu", "branch-ask", ["agent", "supervisor"]], // SOP-13
      ["staff.menu.jobs", "courier-pickups", ["courier"]],
      ["staff.menu.pickups", "dispatch-pickups", ["dispatcher"]],
      ["staff.menu.problem", "problem-note", ["agent", "courier"]],
      ["staff.menu.undelivered", "undelivered", ["agent", "supervisor"]], // SOP-44
      ["staff.menu.hold", "hold-parcel", ["agent", "courier"]],
      ["staff.menu.return", "return-parcel", ["agent", "supervisor"]], // SOP-52
      ["staff.menu.signed", "receipt-entry", ["courier", "supervisor"]], // SOP-74
      ["staff.menu.receipt", "receipt-query", ["agent", "supervisor", "dispatcher"]], // SOP-73
      ["staff.menu.claims", "staff-claims", ["agent", "supervisor"]], // SOP-70..SOP-72
      ["staff.menu.complaints", "staff-complaints", ["agent", "supervisor"]], // SOP-82
      ["staff.menu.broadcast", "broadcast", ["supervisor"]], // SOP-83
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
