import { z } from "zod";
import { decodeBroadcastReply } from "../../domain/broadcasts/ack-words";
import { answerToOffer } from "../../domain/broadcasts/offer-answer";
import { dutyLeadsFor } from "../../domain/broadcasts/staff-words";
import { BROADCAST_MAX } from "../../domain/broadcasts/use-cases";
import type { Desk } from "../../domain/desk/desk";
import { isGreeting } from "../../domain/intents/text";
import { excerpt, personLabel } from "../../domain/kernel/format";
import { ask, say } from "../common";
import type { Flow, FlowContext, Step } from "../types";
import { staffMenu } from "./menu";
import { done, menuButton } from "./shared";

/**
 * SOP-83: a courier or driver who TYPES "收到" / "好的" / "知道了" / "ok" after a broadcast has
 * acknowledged it, as if he had tapped its button: the newest broadcast he has not acknowledged
 * yet is recorded (same use case, same audit row, the card's button retired). Other words typed
 * while a broadcast waits for him ("明天几点集合?"), or as a Telegram reply to it, are his answer:
 * the same acknowledgement, and the words go to the duty lead who sent it. The staff route
 * (menu.ts) starts this for couriers' and drivers' text that is neither a command nor a tracking
 * number; without a broadcast to answer, the words are offered to the duty lead (one tap passes
 * them on, staff-words.ts), never answered with the bare menu.
 */
const state = z
  .object({
    /** Words offered to the duty lead (no broadcast to answer): passed on when the button is pressed. */
    offered: z
      .string()
      .max(BROADCAST_MAX * 2)
      .optional(),
  })
  .strict();
type State = z.infer<typeof state>;

const PASS = "pass";

/** "现在没有需要回复的通知。要把这句话转给值班组长 李强(003) 吗?", with the button (staff-words.ts). */
function offerToLeads(ctx: FlowContext, personId: string, text: string): Step<State> {
  const leads = dutyLeadsFor(ctx.deps, personId);
  if (leads.length === 0) return done(...staffMenu(ctx));
  if ([...text].length > BROADCAST_MAX)
    return done(say(ctx.t("staff.words.tooLong", { max: BROADCAST_MAX })));
  const names = leads.map((lead) => personLabel(ctx.deps, ctx.language, lead.id)).join("、");
  return {
    replies: [
      ask(ctx.t("staff.words.offer", { leads: names, text: excerpt(text, 40) }), [
        { label: ctx.t("staff.words.button.pass"), value: PASS },
        menuButton(ctx),
      ]),
    ],
    next: { offered: text },
  };
}

export function broadcastAckFlow(desk: Desk): Flow<State> {
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
      // No broadcast to answer: his words may be for the duty lead, at his asking (not the bare menu).
      if (!acknowledged.ok && acknowledged.reason === "none" && reply && !isGreeting(reply.text)) {
        return offerToLeads(ctx, person.id, reply.text);
      }
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
    async on(ctx, current, input) {
      const person = ctx.who.person;
      // "是的", "转吧" typed under the offer is the button; "不用" passes nothing; other words are new.
      const said =
        input.kind === "text" && current.offered !== undefined ? answerToOffer(input.text) : "none";
      if (said === undefined) return { replies: [], pass: true };
      const pass = said === "yes" || (input.kind === "choice" && input.value === PASS);
      if (!person || !pass || current.offered === undefined) return done(...staffMenu(ctx));
      const passed = await desk.passToDutyLeads(person.id, current.offered);
      if (!passed.ok) {
        const why =
          passed.reason === "no_leads"
            ? ctx.t("staff.words.noLeads")
            : ctx.t("staff.words.tooLong", { max: BROADCAST_MAX });
        return done(ask(ctx.t("staff.words.notPassed", { why }), [menuButton(ctx)]));
      }
      const leads = passed.leads.map((lead) => personLabel(ctx.deps, ctx.language, lead.id)).join("、");
      const text = ctx.t("staff.words.passed", { leads, text: excerpt(current.offered, 40) });
      return done(ask(text, [menuButton(ctx)]));
    },
  };
}
