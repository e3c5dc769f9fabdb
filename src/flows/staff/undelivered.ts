import { z } from "zod";
import {
  parseDayArg,
  parseOneArg,
  undeliveredAllAction,
  undeliveredOne,
} from "../../domain/deliveries/actions";
import { undeliveredListAt } from "../../domain/deliveries/daily-time";
import type { Desk } from "../../domain/desk/desk";
import { UNDELIVERED_ALL_HANDLED, UNDELIVERED_HANDLED } from "../../domain/desk/notice-actions";
import { formatClock } from "../../domain/kernel/format";
import type { UndeliveredParcel } from "../../domain/ports/deliveries";
import { ask, say } from "../common";
import type { Choice, Flow, FlowContext, Reply, Step } from "../types";
import { cancelButton, common, done, me, menuButton, readTrackingNo } from "./shared";

/**
 * `/undelivered` (SOP-44) for agents and duty leads: the parcels listed as undelivered today (and
 * earlier days' still open), each marked handled with one tap once its origin is messaged and it is
 * scanned as 疑难件, or a whole day's at once. The same as the buttons on the list's notice.
 */
const undeliveredState = z.object({ step: z.literal("list") });
type UndeliveredState = z.infer<typeof undeliveredState>;

const CHOICES_MAX = 20;
/** The buttons carry the notice's own actions (deliveries/actions.ts), so both are read the same way. */
const ONE = `${UNDELIVERED_HANDLED}.`;
const ALL = `${UNDELIVERED_ALL_HANDLED}.`;
/**
 * A parcel's number in the list opens it (its line and a "handled" button): a number typed, or
 * its button pressed, records nothing by itself (SOP-44's work is recorded by the explicit tap).
 */
const VIEW = "v.";

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
      if (input.kind === "text") {
        const trackingNo = readTrackingNo(ctx, input.text);
        if (trackingNo) return showParcel(desk, ctx, trackingNo);
      }
      if (input.kind !== "choice") return showList(desk, ctx, [say(ctx.t("staff.useButtons"))]);
      if (input.value === LIST) return showList(desk, ctx, []);
      const viewed = input.value.startsWith(VIEW) ? parseOneArg(input.value.slice(VIEW.length)) : undefined;
      if (viewed) return showParcel(desk, ctx, viewed.trackingNo);
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

const LIST = "list";

/** One listed parcel, shown with its "handled" button (and back to the list); nothing recorded. */
async function showParcel(desk: Desk, ctx: FlowContext, trackingNo: string): Promise<Step<UndeliveredState>> {
  const open = await desk.undeliveredOpen();
  const row = open.find((r) => r.trackingNo === trackingNo);
  const handled = row && undeliveredOne(row.day, row.trackingNo);
  if (!row || !handled) return showList(desk, ctx, [say(ctx.t("undelivered.notOpen", { trackingNo }))]);
  const buttons: Choice[] = [
    { label: ctx.t("undelivered.button.handled"), value: handled },
    { label: ctx.t("undelivered.button.list"), value: LIST },
    cancelButton(ctx),
  ];
  const text = [ctx.t("undelivered.one.title"), line(ctx, row), ctx.t("undelivered.one.ask")].join("\n");
  return { replies: [ask(text, buttons)], next: { step: "list" } };
}

/** Nothing open: before the day's list time, when it comes (SOP-44); after it, none left. */
function noneOpen(ctx: FlowContext): string {
  const listAt = undeliveredListAt(ctx.deps.policy);
  const before = ctx.deps.calendar.localMinutes(ctx.now) * 60 < listAt.seconds;
  return before
    ? ctx.t("undelivered.list.notYet", { time: listAt.text.slice(0, 5) })
    : ctx.t("undelivered.list.none");
}

async function showList(desk: Desk, ctx: FlowContext, before: Reply[]): Promise<Step<UndeliveredState>> {
  const open = await desk.undeliveredOpen();
  if (open.length === 0) return done(...before, ask(noneOpen(ctx), [menuButton(ctx)]));
  const lines = open.slice(0, 50).map((r) => line(ctx, r));
  const choices: Choice[] = open.slice(0, CHOICES_MAX).flatMap((r) => {
    const value = undeliveredOne(r.day, r.trackingNo);
    return value ? [{ label: r.trackingNo, value: `${VIEW}${value.slice(ONE.length)}` }] : [];
  });
  for (const day of [...new Set(open.map((r) => r.day))]) {
    choices.push({ label: ctx.t("undelivered.list.all", { day }), value: undeliveredAllAction(day).action });
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
