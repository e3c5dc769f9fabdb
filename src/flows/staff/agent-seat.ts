import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { ask } from "../common";
import type { Flow, FlowContext, FlowDeclaration, Step } from "../types";
import { flowButton, me, menuButton } from "./shared";

/**
 * SOP-14: an agent sets the seat available or busy (示闲 / 示忙). Available agents are the ones
 * new queries are announced to. `/available` and `/busy` set it; the menu's button toggles it
 * (one tap) and the reply says the state it is now in.
 */
type SeatMode = "available" | "busy" | "toggle";

const SEAT_FLOWS: Record<SeatMode, FlowDeclaration> = {
  available: { name: "agent-available", command: "available", roles: ["agent"] },
  busy: { name: "agent-busy", command: "busy", roles: ["agent"] },
  toggle: { name: "agent-seat", menu: { label: "staff.menu.seat", position: 30 }, roles: ["agent"] },
};

const seatState = z.object({}).strict();
type SeatState = z.infer<typeof seatState>;

export function agentSeatFlow(desk: Desk, mode: SeatMode): Flow<SeatState> {
  return {
    ...SEAT_FLOWS[mode],
    state: seatState,
    start: (ctx) => setSeat(desk, ctx, mode),
    // The flow never waits for input; a stale session lands here and is simply ended.
    on: async () => ({ replies: [] }),
  };
}

async function setSeat(desk: Desk, ctx: FlowContext, mode: SeatMode): Promise<Step<never>> {
  const person = me(ctx);
  const was = await desk.isAvailable(person.id);
  const wanted = mode === "toggle" ? !was : mode === "available";
  const buttons = [
    flowButton(ctx, wanted ? "staff.seat.button.busy" : "staff.seat.button.available", "agent-seat"),
    menuButton(ctx),
  ];
  if (wanted === was) {
    return { replies: [ask(ctx.t(was ? "staff.seat.alreadyAvailable" : "staff.seat.alreadyBusy"), buttons)] };
  }
  const { lastSeat } = await desk.setAvailability(person.id, wanted);
  if (wanted) return { replies: [ask(ctx.t("staff.seat.nowAvailable"), buttons)] };

  // setAvailability tells the duty lead (SOP-14); the reply says so, and when this was the one
  // seat SOP-14 keeps open after 17:30 (the desk decides, and tells the lead that too).
  const lines = [ctx.t("staff.seat.nowBusy")];
  if (lastSeat)
    lines.push(ctx.t("staff.seat.lastSeat", { time: ctx.deps.policy.deskHours.oneSeatAfter.text }));
  return { replies: [ask(lines.join("\n"), buttons)] };
}
