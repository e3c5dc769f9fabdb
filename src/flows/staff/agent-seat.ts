import { z } from "zod";
import type { Desk } from "../../domain/use-cases/desk";
import type { Flow, FlowContext, Step } from "../types";
import { ask, flowButton, me, menuButton } from "./shared";

/**
 * SOP-14: an agent sets the seat available or busy (示闲 / 示忙). Available agents are the ones
 * new queries are announced to. `/available` and `/busy` set it; the menu's button toggles it
 * (one tap) and the reply says the state it is now in.
 */
type SeatMode = "available" | "busy" | "toggle";

const FLOW_NAMES: Record<SeatMode, string> = {
  available: "agent-available",
  busy: "agent-busy",
  toggle: "agent-seat",
};

const seatState = z.object({}).strict();
type SeatState = z.infer<typeof seatState>;

export function agentSeatFlow(desk: Desk, mode: SeatMode): Flow<SeatState> {
  return {
    name: FLOW_NAMES[mode],
    roles: ["agent"],
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
  await desk.setAvailability(person.id, wanted);
  if (wanted) return { replies: [ask(ctx.t("staff.seat.nowAvailable"), buttons)] };

  // setAvailability tells the duty lead (SOP-14); the reply says so.
  const { policy } = ctx.deps;
  const lines = [ctx.t("staff.seat.nowBusy")];
  if (await lastSeatAfterHours(desk, ctx, person.id)) {
    lines.push(ctx.t("staff.seat.lastSeat", { time: policy.deskHours.oneSeatAfter.text }));
  }
  return { replies: [ask(lines.join("\n"), buttons)] };
}

/** SOP-14: after 17:30 one query seat stays open; say so when this agent was the last one. */
async function lastSeatAfterHours(desk: Desk, ctx: FlowContext, personId: string): Promise<boolean> {
  const { calendar, policy, directory } = ctx.deps;
  if (!calendar.isDeskOpen(ctx.now)) return false;
  if (calendar.localMinutes(ctx.now) < policy.deskHours.oneSeatAfter.minutes) return false;
  const others = directory.withRole("agent").filter((p) => p.id !== personId);
  for (const other of others) {
    if (await desk.isAvailable(other.id)) return false;
  }
  return true;
}
