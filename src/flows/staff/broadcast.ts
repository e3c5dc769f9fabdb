import { z } from "zod";
import { BROADCAST_MAX } from "../../domain/broadcasts/use-cases";
import type { Desk } from "../../domain/desk/desk";
import { ACK_BROADCAST } from "../../domain/desk/notice-actions";
import { excerpt, formatLocalTime, personLabel } from "../../domain/kernel/format";
import type { Broadcast } from "../../domain/ports/broadcast-records";
import { ask, forStaff, say } from "../common";
import type { ActionHandler, Flow, FlowContext, FlowInput, Reply, Step } from "../types";
import { cancelButton, common, done, flowButton, ID, me, menuButton } from "./shared";

/**
 * SOP-83: `/broadcast` (duty leads): a notice to every courier and driver (bad weather: drive
 * safely), typed, shown once to confirm, then sent on each one's own channel with a "Got it"
 * button. `/broadcasts`: the recent notices and who has not acknowledged them yet.
 */
const SEND = "send";

const broadcastState = z
  .object({
    step: z.enum(["text", "confirm"]),
    text: z
      .string()
      .max(BROADCAST_MAX * 2)
      .optional(),
  })
  .strict();
type BroadcastState = z.infer<typeof broadcastState>;

function askText(
  ctx: FlowContext,
  key: "broadcast.ask" | "broadcast.empty" = "broadcast.ask",
): Step<BroadcastState> {
  return { replies: [ask(ctx.t(key), [cancelButton(ctx)])], next: { step: "text" } };
}

/** The typed notice checked (the desk checks again), then shown with the count it goes to. */
function confirm(desk: Desk, ctx: FlowContext, typed: string): Step<BroadcastState> {
  const text = typed.trim();
  if (text === "") return askText(ctx, "broadcast.empty");
  if ([...text].length > BROADCAST_MAX) {
    return {
      replies: [ask(ctx.t("broadcast.tooLong", { max: BROADCAST_MAX }), [cancelButton(ctx)])],
      next: { step: "text" },
    };
  }
  const count = desk.broadcastAudience().length;
  if (count === 0) return done(ask(ctx.t("broadcast.noRecipients"), [menuButton(ctx)]));
  const buttons = [{ label: ctx.t("broadcast.button.send"), value: SEND }, cancelButton(ctx)];
  return {
    replies: [ask(ctx.t("broadcast.confirm", { count, text }), buttons)],
    next: { step: "confirm", text },
  };
}

async function send(desk: Desk, ctx: FlowContext, text: string): Promise<Step<BroadcastState>> {
  const sent = await desk.sendBroadcast(me(ctx).id, text);
  if (!sent.ok) {
    if (sent.reason === "empty") return askText(ctx, "broadcast.empty");
    if (sent.reason === "too_long") return confirm(desk, ctx, text);
    const key = sent.reason === "no_recipients" ? "broadcast.noRecipients" : "buttons.notForYou";
    return done(ask(ctx.t(key), [menuButton(ctx)]));
  }
  const lines = [ctx.t("broadcast.sent", { count: sent.broadcast.recipients.length })];
  if (sent.unreachable.length > 0) {
    const names = sent.unreachable.map((p) => personLabel(ctx.deps, ctx.language, p.id));
    lines.push(ctx.t("broadcast.unreachable", { names: names.join(ctx.t("staff.listSeparator")) }));
  }
  return done(
    ask(lines.join("\n"), [flowButton(ctx, "staff.menu.broadcasts", "broadcasts"), menuButton(ctx)]),
  );
}

export function broadcastFlow(desk: Desk): Flow<BroadcastState> {
  return {
    name: "broadcast",
    command: "broadcast",
    menu: { label: "staff.menu.broadcast", position: 98 },
    roles: ["supervisor"],
    state: broadcastState,
    async start(ctx, args) {
      return args.trim() === "" ? askText(ctx) : confirm(desk, ctx, args);
    },
    async on(ctx, state, input: FlowInput) {
      const shared = common(ctx, input);
      if (shared) return shared;
      if (input.kind === "choice" && input.value === SEND && state.step === "confirm" && state.text) {
        return send(desk, ctx, state.text);
      }
      // A new text replaces the notice (typed again before confirming).
      if (input.kind === "text") return confirm(desk, ctx, input.text);
      const hint = state.step === "confirm" ? ctx.t("staff.useButtons") : ctx.t("staff.typeIt");
      return { replies: [say(hint)], next: state };
    },
    async resume(ctx, state) {
      return state.step === "confirm" && state.text ? confirm(desk, ctx, state.text) : askText(ctx);
    },
  };
}

const listState = z.object({}).strict();
type ListState = z.infer<typeof listState>;

function broadcastItem(ctx: FlowContext, broadcast: Broadcast): string {
  const pending = broadcast.recipients.filter((r) => r.acknowledgedAt === null);
  const head = ctx.t("broadcast.list.item", {
    at: formatLocalTime(broadcast.sentAt, forStaff(ctx)),
    sender: personLabel(ctx.deps, ctx.language, broadcast.sentBy),
    excerpt: excerpt(broadcast.text, 30),
    acked: broadcast.recipients.length - pending.length,
    total: broadcast.recipients.length,
  });
  const names = pending.map((r) => personLabel(ctx.deps, ctx.language, r.personId));
  const tail =
    pending.length === 0
      ? ctx.t("broadcast.list.allAcked")
      : ctx.t("broadcast.list.pending", { names: names.join(ctx.t("staff.listSeparator")) });
  return `${head}\n${tail}`;
}

const REMIND = /^r\.([\w-]{1,48})$/;

/** `/broadcasts`: the newest notices, each with who has not acknowledged it, and a reminder button (SOP-83). */
async function listBroadcasts(desk: Desk, ctx: FlowContext, before: Reply[] = []): Promise<Step<ListState>> {
  const recent = await desk.recentBroadcasts();
  if (recent.length === 0) return done(...before, ask(ctx.t("broadcast.list.none"), [menuButton(ctx)]));
  const items = recent.map((b) => broadcastItem(ctx, b));
  const reminders = recent
    .filter((b) => b.recipients.some((r) => r.acknowledgedAt === null))
    .map((b) => ({
      label: ctx.t("broadcast.button.remind", {
        at: formatLocalTime(b.sentAt, forStaff(ctx)),
        excerpt: excerpt(b.text, 10),
      }),
      value: `r.${b.id}`,
    }));
  const buttons = [...reminders, flowButton(ctx, "staff.button.refresh", "broadcasts"), menuButton(ctx)];
  const list: Reply = { kind: "list", title: ctx.t("broadcast.list.title"), items };
  // The buttons say what they do (not the "use the buttons" hint given after wrong input).
  const intro = reminders.length > 0 ? "broadcast.list.buttonsRemind" : "broadcast.list.buttonsRefresh";
  return { replies: [...before, list, ask(ctx.t(intro), buttons)], next: {} };
}

async function remind(desk: Desk, ctx: FlowContext, broadcastId: string): Promise<Step<ListState>> {
  const reminded = await desk.remindBroadcast(me(ctx).id, broadcastId);
  if (reminded.ok)
    return listBroadcasts(desk, ctx, [say(ctx.t("broadcast.reminded", { count: reminded.reminded.length }))]);
  const why = {
    not_allowed: "buttons.notForYou",
    not_found: "broadcast.notFound",
    all_acknowledged: "broadcast.remind.allAcknowledged",
    too_soon: "broadcast.remind.tooSoon",
  } as const;
  return { replies: [{ kind: "toast", text: ctx.t(why[reminded.reason]) }], next: {} };
}

export function broadcastsFlow(desk: Desk): Flow<ListState> {
  return {
    name: "broadcasts",
    command: "broadcasts",
    roles: ["supervisor"],
    state: listState,
    start: (ctx) => listBroadcasts(desk, ctx),
    async on(ctx, _state, input) {
      const shared = common(ctx, input);
      if (shared) return shared;
      const picked = input.kind === "choice" ? REMIND.exec(input.value)?.[1] : undefined;
      if (picked) return remind(desk, ctx, picked);
      return { replies: [], pass: true };
    },
  };
}

/** The "Got it" button on a broadcast (couriers and drivers): one tap; a second says so, changes nothing. */
export function broadcastActions(desk: Desk): ActionHandler[] {
  return [
    {
      name: ACK_BROADCAST,
      roles: ["courier", "driver"],
      async run(ctx, arg) {
        const toast = (key: Parameters<FlowContext["t"]>[0]): Step<unknown> => ({
          replies: [{ kind: "toast", text: ctx.t(key) }],
        });
        if (!ID.test(arg)) return toast("broadcast.notFound");
        const acknowledged = await desk.acknowledgeBroadcast(me(ctx).id, arg);
        if (acknowledged.ok) return toast("broadcast.acknowledged");
        const why = {
          already: "broadcast.alreadyAcknowledged",
          not_recipient: "broadcast.notForYou",
          not_found: "broadcast.notFound",
        } as const;
        return toast(why[acknowledged.reason]);
      },
    },
  ];
}
