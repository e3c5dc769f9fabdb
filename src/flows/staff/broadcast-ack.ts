import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { excerpt } from "../../domain/kernel/format";
import { ask } from "../common";
import type { Flow } from "../types";
import { staffMenu } from "./menu";
import { done, menuButton } from "./shared";

/**
 * SOP-83: a courier or driver who TYPES "收到" / "好的" / "知道了" / "ok" after a broadcast has
 * acknowledged it, as if he had tapped its button: the newest broadcast he has not acknowledged
 * yet is recorded (same use case, same audit row, the card's button retired). The staff route
 * (menu.ts) only starts this for couriers and drivers typing one of those short words; without a
 * broadcast waiting for them the words mean nothing here and the menu is shown, as before.
 */
const state = z.object({}).strict();

export function broadcastAckFlow(desk: Desk): Flow<z.infer<typeof state>> {
  return {
    name: "broadcast-ack",
    roles: ["courier", "driver"],
    state,
    async start(ctx) {
      const person = ctx.who.person;
      if (!person) return done(...staffMenu(ctx));
      const acknowledged = await desk.acknowledgeLatestBroadcast(person.id);
      if (!acknowledged.ok) return done(...staffMenu(ctx));
      const text = ctx.t("broadcast.typedAcknowledged", {
        excerpt: excerpt(acknowledged.broadcast.text, 20),
      });
      return done(ask(text, [menuButton(ctx)]));
    },
    async on(ctx) {
      return done(...staffMenu(ctx));
    },
  };
}
