import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { isMonth, monthOf, shiftMonth, workloadText } from "../../domain/workload/workload";
import { ask } from "../common";
import type { Flow, FlowContext, Step } from "../types";
import { common, done, me, menuButton } from "./shared";

/**
 * SOP-90: `/workload` shows the month's queries handled per agent against the season's target:
 * a duty lead sees everyone, an agent their own line. `/workload 2026-10` names another month;
 * a button shows the month before the one shown.
 */
const workloadState = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/) }).strict();
type WorkloadState = z.infer<typeof workloadState>;

const MONTH_VALUE = /^m\.(\d{4}-\d{2})$/;

/** Month words staff type (SOP-90): how many months before the current one. */
const MONTH_WORDS: Record<string, number> = {
  上个月: -1,
  上月: -1,
  "last month": -1,
  本月: 0,
  这个月: 0,
  这月: 0,
  当月: 0,
  "this month": 0,
};

/** The month typed: 2026-10, 2026/10, 2026年10月, or a month word; undefined when it is none. */
function typedMonth(ctx: FlowContext, text: string): string | undefined {
  const typed = text.trim().toLowerCase().replace(/\s+/g, " ");
  const current = monthOf(ctx.deps.calendar, ctx.now);
  const shift = MONTH_WORDS[typed];
  if (shift !== undefined) return shiftMonth(current, shift);
  const parts = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/.exec(typed);
  const month = parts ? `${parts[1]}-${(parts[2] ?? "").padStart(2, "0")}` : typed;
  return isMonth(month) ? month : undefined;
}

/** The month not understood: what to type, with the usual months as buttons. */
function badMonth(ctx: FlowContext): Step<WorkloadState> {
  const current = monthOf(ctx.deps.calendar, ctx.now);
  const buttons = [
    { label: ctx.t("workload.button.previous"), value: `m.${shiftMonth(current, -1)}` },
    { label: ctx.t("workload.button.current"), value: `m.${current}` },
    menuButton(ctx),
  ];
  return { replies: [ask(ctx.t("workload.badMonth"), buttons)], next: { month: current } };
}

async function show(desk: Desk, ctx: FlowContext, month: string): Promise<Step<WorkloadState>> {
  const shown = await desk.workload(me(ctx).id, month);
  if (!shown.ok) {
    if (shown.reason === "bad_month") return badMonth(ctx);
    return done(ask(ctx.t("buttons.notForYou"), [menuButton(ctx)]));
  }
  const current = monthOf(ctx.deps.calendar, ctx.now);
  const buttons = [{ label: ctx.t("workload.button.previous"), value: `m.${shiftMonth(month, -1)}` }];
  if (month !== current) buttons.push({ label: ctx.t("workload.button.current"), value: `m.${current}` });
  return {
    replies: [ask(workloadText(ctx.language, shown.report), [...buttons, menuButton(ctx)])],
    next: { month },
  };
}

export function workloadFlow(desk: Desk): Flow<WorkloadState> {
  return {
    name: "workload",
    command: "workload",
    roles: ["supervisor", "agent"],
    state: workloadState,
    async start(ctx, args) {
      if (args.trim() === "") return show(desk, ctx, monthOf(ctx.deps.calendar, ctx.now));
      const month = typedMonth(ctx, args);
      return month ? show(desk, ctx, month) : badMonth(ctx);
    },
    async on(ctx, _state, input) {
      const shared = common(ctx, input);
      if (shared) return shared;
      const picked = input.kind === "choice" ? MONTH_VALUE.exec(input.value)?.[1] : undefined;
      if (picked && isMonth(picked)) return show(desk, ctx, picked);
      const typed = input.kind === "text" ? typedMonth(ctx, input.text) : undefined;
      if (typed) return show(desk, ctx, typed);
      // Anything else (a sentence typed here) is not for this view.
      return { replies: [], pass: true };
    },
    resume: (ctx, state) => show(desk, ctx, state.month),
  };
}
