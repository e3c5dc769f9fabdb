import type { Desk, DeskDeps } from "../domain/desk/desk";
import { deskLookups } from "../domain/desk/lookups";
import type { ChatLock, SessionStore } from "../domain/ports";
import { customerHelp, customerMenu, customerRoute, typedIntent } from "./customer";
import { followingActions } from "./customer/following";
import { createEngine, type Engine } from "./engine";
import { deskFlows } from "./registry";
import { staffActions, staffHelp, staffMenu, staffRoute } from "./staff";
import { seatAndAskActions } from "./staff/seat-actions";
import type { Who } from "./types";

export type { Engine } from "./engine";

/** What the conversations are built over: the flows read through a port over the store (DeskLookups). */
export type DeskEngineDeps = Pick<DeskDeps, "store" | "policy" | "calendar" | "directory" | "clock">;

/**
 * The desk's conversations on one engine: customers' flows for everyone, staff flows for the
 * people of the directory by role. A staff member gets the staff menu and help; customers the
 * customer ones. A tracking number typed outside a flow is tracked for both.
 */
export function createDeskEngine(options: {
  deps: DeskEngineDeps;
  desk: Desk;
  sessions: SessionStore;
  lock: ChatLock;
  onError?: (error: unknown, who: Who) => void;
}): Engine {
  const { store, policy, calendar, directory, clock } = options.deps;
  return createEngine({
    deps: { lookups: deskLookups(store), policy, calendar, directory, clock },
    sessions: options.sessions,
    lock: options.lock,
    flows: deskFlows(options.desk),
    actions: [
      ...staffActions(options.desk),
      ...seatAndAskActions(options.desk), // SOP-14, SOP-13
      ...followingActions(options.desk), // issue 17: customers' push buttons
    ],
    menu: (ctx) => (ctx.who.person ? staffMenu(ctx) : customerMenu(ctx)),
    menuAgain: (ctx) => (ctx.who.person ? staffMenu(ctx) : customerMenu(ctx, { again: true })),
    help: (ctx) => (ctx.who.person ? staffHelp(ctx) : customerHelp(ctx)),
    intercept: typedIntent,
    route: (ctx, input) => (ctx.who.person ? staffRoute(ctx, input) : customerRoute(ctx, input)),
    ...(options.onError ? { onError: options.onError } : {}),
  });
}
