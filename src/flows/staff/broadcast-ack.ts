import { z } from "zod";
import { decodeBroadcastReply } from "../../domain/broadcasts/ack-words";
import type { Desk } from "../../domain/desk/desk";
import { excerpt, personLabel } from "../../domain/kernel/format";
import { ask } from "../common";
import type { Flow } from "../types";
import { staffMenu } from "./menu";
import { done, menuButton } from "./shared";

/**
 * SOP-83: a courier or driver who TYPES "收到" / "好的" / "知道了" / "ok" after a broadcast has
 * acknowledged it, as if he had tapped its button: the newest broadcast he has not acknowledged
 * yet is recorded (same use case, same audit row, the card's button retired). Other words typed
 * while a broadcast waits for him ("明天几点集合?"), or as a Telegram reply to it, are his answer:
 * the same acknowledgement, and the words go to the duty lead who sent it. The staff route
 * (menu.ts) starts this for couriers' and drivers' text that is neither a command nor a tracking
 * number; without a broadcast to answer the text means nothing here and the menu is shown, as before.
 */
const state = z.object({}).strict();

export function broadcastAckFlow(desk: Desk): Flow<z.infer<typeof state>> {
  return {
    name: "broadcast-ack",
    roles: ["courier", "driver"],
    state,
    async start(ctx, args) {
      const person = ctx.who.person;
      // "": an acknowledgement word; otherwise the courier's own words (encoded by the route).
      const reply = decodeBroadcastReply(args);
      if (!person || (args !== "" && !reply)) return done(...staffMenu(ctx));
      const acknowledged = await desk.acknowledgeLatestBroadcast(person.id, reply);
      if (!acknowledged.ok) return done(...staffMenu(ctx));
      const { broadcast } = acknowledged;
      const text = reply
        ? ctx.t("broadcast.replyPassed", {
            sender: personLabel(ctx.deps, ctx.language, broadcast.sentBy),
            text: excerpt(reply.text, 40),
          })
        : ctx.t("broadcast.typedAcknowledged", { excerpt: excerpt(broadcast.text, 20) });
      return done(ask(text, [menuButton(ctx)]));
    },
    async on(ctx) {
      return done(...staffMenu(ctx));
    },
  };
}
