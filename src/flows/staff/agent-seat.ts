import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { durationMs } from "../../domain/kernel/duration";
import { formatAge } from "../../domain/kernel/format";
import { ask } from "../common";
import type { Flow, FlowContext, FlowDeclaration, Step } from "../types";
import { flowButton, me, menuButton } from "./shared";

/**
 * SOP-14: an agent sets the seat available or busy (示闲 / 示忙). Available agents are the ones
 * new queries are announced to. `/available` and `/busy` set it; the menu's button toggles it
 * (one tap) and the reply says the state it is now in. Going busy tells the duty lead only after
 * awayNoticeAfter (5 minutes); after 17:30 the last open seat is refused and put to the duty lead,
 * whose "approve" button (seat-actions.ts) sets it busy.
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
  const changed = await desk.setAvailability(person.id, wanted);
  const oneSeatAfter = ctx.deps.policy.deskHours.oneSeatAfter.text;
  if (!changed.ok) {
    // SOP-14: after 17:30 the last open seat stays open without the duty lead's say-so.
    const keys = {
      last_seat: "seat.lastSeat.refused",
      last_seat_asked: "seat.lastSeat.alreadyAsked",
      last_seat_no_lead: "seat.lastSeat.noLead",
    } as const;
    const key = keys[changed.reason];
    return { replies: [ask(ctx.t(key, { time: oneSeatAfter }), [menuButton(ctx)])] };
  }
  if (wanted) return { replies: [ask(ctx.t("staff.seat.nowAvailable"), buttons)] };

  // SOP-14: the duty lead hears of it only if the seat stays busy longer than awayNoticeAfter;
  // a supervisor closing the last seat on their own say-so is reminded of the rule.
  const after = formatAge(
    ctx.language,
    durationMs(ctx.now, ctx.deps.policy.deskHours.awayNoticeAfter, ctx.deps.policy.timezone),
  );
  const lines = [ctx.t("staff.seat.nowBusy"), ctx.t("seat.busy.leadAfter", { after })];
  if (changed.lastSeat) lines.push(ctx.t("staff.seat.lastSeat", { time: oneSeatAfter }));
  return { replies: [ask(lines.join("\n"), buttons)] };
}
