import type { Desk } from "../../domain/desk/desk";
import type { CommandRoute } from "../engine";
import type { Flow } from "../types";
import { humanFlow } from "./human";
import { myPickupsFlow } from "./my-pickups";
import { pickupFlow } from "./pickup";
import { trackFlow } from "./track";

export { customerHelp, customerMenu, customerRoute, trackingRoute } from "./menu";
export { humanFlow, myPickupsFlow, pickupFlow, trackFlow };

/** The customer's conversations, each a state machine over the desk's use cases. */
export function customerFlows(desk: Desk): Flow<unknown>[] {
  return [trackFlow(desk), humanFlow(desk), pickupFlow(desk), myPickupsFlow(desk)] as Flow<unknown>[];
}

/** Slash commands that start a customer flow (start, help, menu, cancel and lang are the engine's). */
export const CUSTOMER_COMMANDS: Readonly<Record<string, CommandRoute>> = {
  track: { flow: "track" },
  pickup: { flow: "pickup" },
  mypickups: { flow: "mypickups" },
  human: { flow: "human" },
};
