import type { Role } from "../domain/config/directory";
import type { FlowDeclaration, MenuEntry } from "./types";

/**
 * The command lists and the menus, read off the flows' own declarations (Flow.command, .menu,
 * .roles): a flow is added to /help, to Telegram's command menus and to the right main menu by
 * declaring it, and nowhere else. Customers' flows declare no roles; staff flows declare who may
 * run them.
 */
export type MenuAudience = "customer" | "staff";

export interface CommandRoute {
  flow: string;
  roles?: readonly Role[];
}

/** Slash commands (without "/") and the flows they start, in the flows' order. */
export type CommandTable = Readonly<Record<string, CommandRoute>>;

function isFor(flow: FlowDeclaration<string>, audience: MenuAudience): boolean {
  return (flow.roles !== undefined) === (audience === "staff");
}

export function commandTable(
  flows: readonly FlowDeclaration<string>[],
  audience: MenuAudience,
): CommandTable {
  const table: Record<string, CommandRoute> = {};
  for (const flow of flows) {
    if (flow.command === undefined || !isFor(flow, audience)) continue;
    table[flow.command] = flow.roles ? { flow: flow.name, roles: flow.roles } : { flow: flow.name };
  }
  return table;
}

export type MenuFlow = FlowDeclaration<string> & { menu: MenuEntry };

/** The flows with a button on this audience's main menu, by position. */
export function menuFlows(flows: readonly FlowDeclaration<string>[], audience: MenuAudience): MenuFlow[] {
  return flows
    .filter((f): f is MenuFlow => f.menu !== undefined && isFor(f, audience))
    .sort((a, b) => a.menu.position - b.menu.position);
}
