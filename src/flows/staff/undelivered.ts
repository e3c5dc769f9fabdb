import { z } from "zod";
import { parseDayArg, parseOneArg } from "../../domain/deliveries/actions";
import type { Desk } from "../../domain/desk/desk";
import { formatClock } from "../../domain/kernel/format";
import type { UndeliveredParcel } from "../../domain/ports/deliveries";
import { ask, say } from "../common";
import type { Choice, Flow, FlowContext, Reply, Step } from "../types";
import { cancelButton, common, done, me, menuButton } from "./shared";

/**
 * `/undelivered` (SOP-44) for agents and duty leads: the parcels listed as undelivered today (and
 * earlier days' still open), each marked handled with one tap once its origin is messaged and it is
 * scanned as 疑难件, or a whole day's at once. The same as the buttons on the list's notice.
 */
const undeliveredState = z.object({ step: z.literal("list") });
type UndeliveredState = z.infer<typeof undeliveredState>;

const CHOICES_MAX = 20;
const ONE = "uh.";
const ALL = "ua.";

export function undeliveredFlow(desk: Desk): Flow<UndeliveredState> {
  return {
    name: "undelivered",
    command: "undelivered",
    menu: { label: "staff.menu.undelivered", position: 75 },
    roles: ["agent", "supervisor"],
    state: undeliveredState,
    start: (ctx) => showList(desk, ctx, []),
    async on(ctx, _state, input) {
      const handled = common(ctx, input);
      if (handled) return handled;
      if (input.kind !== "choice") return showList(desk, ctx, [say(ctx.t("staff.useButtons"))]);
      const text = await handleChoice(desk, ctx, input.value);
      return showList(desk, ctx, [say(text)]);
    },
  };
}

/** One parcel's or a day's "handled" (notice buttons and the list alike); the reply's text. */
export async function handleChoice(desk: Desk, ctx: FlowContext, value: string): Promise<string> {
  const one = value.startsWith(ONE) ? parseOneArg(value.slice(ONE.length)) : undefined;
  const day = value.startsWith(ALL) ? parseDayArg(value.slice(ALL.length)) : undefined;
  if (!one && !day) return ctx.t("buttons.stale");
  const result = one
    ? await desk.markUndeliveredHandled(me(ctx).id, one.day, one.trackingNo)
    : await desk.markUndeliveredHandled(me(ctx).id, day ?? "");
  if (!result.ok) {
    return ctx.t(
      result.reason === "already_handled" ? "undelivered.alreadyHandled" : "undelivered.notListed",
    );
  }
  const first = result.handled[0];
  return one && first
    ? ctx.t("undelivered.handled", { trackingNo: first.trackingNo })
    : ctx.t("undelivered.handledAll", { n: result.handled.length });
}

async function showList(desk: Desk, ctx: FlowContext, before: Reply[]): Promise<Step<UndeliveredState>> {
  const open = await desk.undeliveredOpen();
  if (open.length === 0) return done(...before, ask(ctx.t("undelivered.list.none"), [menuButton(ctx)]));
  const lines = open.slice(0, 50).map((r) => line(ctx, r));
  const choices: Choice[] = open.slice(0, CHOICES_MAX).map((r) => ({
    label: r.trackingNo,
    value: `${ONE}${r.day.replaceAll("-", "")}_${r.trackingNo}`,
  }));
  for (const day of [...new Set(open.map((r) => r.day))]) {
    choices.push({
      label: ctx.t("undelivered.list.all", { day }),
      value: `${ALL}${day.replaceAll("-", "")}`,
    });
  }
  choices.push(cancelButton(ctx));
  const text = [ctx.t("undelivered.list.title", { n: open.length }), ...lines].join("\n");
  return { replies: [...before, ask(text, choices)], next: { step: "list" } };
}

function line(ctx: FlowContext, r: UndeliveredParcel): string {
  return ctx.t("undelivered.line", {
    trackingNo: r.trackingNo,
    origin: r.originBranch ?? ctx.t("undelivered.originUnknown"),
    day: r.day,
    out: formatClock(r.outAt, ctx.deps.calendar),
  });
}
