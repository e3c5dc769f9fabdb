import type { Desk } from "../domain/desk/desk";
import type { ChatLock, SessionStore } from "../domain/ports";
import { CUSTOMER_COMMANDS, customerFlows, customerHelp, customerMenu, customerRoute } from "./customer";
import { createEngine, type Engine } from "./engine";
import { STAFF_COMMANDS, staffActions, staffFlows, staffHelp, staffMenu, staffRoute } from "./staff";
import type { FlowDeps, Who } from "./types";

export type { Engine } from "./engine";

/**
 * The desk's conversations on one engine: customers' flows for everyone, staff flows for the
 * people of the directory by role. A staff member gets the staff menu and help; customers the
 * customer ones. A tracking number typed outside a flow is tracked for both.
 */
export function createDeskEngine(options: {
  deps: FlowDeps;
  desk: Desk;
  sessions: SessionStore;
  lock: ChatLock;
  onError?: (error: unknown, who: Who) => void;
}): Engine {
  const { desk } = options;
  return createEngine({
    deps: options.deps,
    sessions: options.sessions,
    lock: options.lock,
    flows: [...customerFlows(desk), ...staffFlows(desk)],
    actions: staffActions(desk),
    commands: { ...CUSTOMER_COMMANDS, ...STAFF_COMMANDS },
    menu: (ctx) => (ctx.who.person ? staffMenu(ctx) : customerMenu(ctx)),
    help: (ctx) => (ctx.who.person ? staffHelp(ctx) : customerHelp(ctx)),
    route: (ctx, text) => (ctx.who.person ? staffRoute(ctx, text) : customerRoute(ctx, text)),
    ...(options.onError ? { onError: options.onError } : {}),
  });
}
