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

async function show(desk: Desk, ctx: FlowContext, month: string): Promise<Step<WorkloadState>> {
  const shown = await desk.workload(me(ctx).id, month);
  if (!shown.ok) {
    const key = shown.reason === "bad_month" ? "workload.badMonth" : "buttons.notForYou";
    return done(ask(ctx.t(key), [menuButton(ctx)]));
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
      const month = args.trim();
      if (month === "") return show(desk, ctx, monthOf(ctx.deps.calendar, ctx.now));
      if (!isMonth(month)) return done(ask(ctx.t("workload.badMonth"), [menuButton(ctx)]));
      return show(desk, ctx, month);
    },
    async on(ctx, _state, input) {
      const shared = common(ctx, input);
      if (shared) return shared;
      const picked = input.kind === "choice" ? MONTH_VALUE.exec(input.value)?.[1] : undefined;
      if (picked && isMonth(picked)) return show(desk, ctx, picked);
      if (input.kind === "text" && isMonth(input.text.trim())) return show(desk, ctx, input.text.trim());
      // Anything else (a sentence typed here) is not for this view.
      return { replies: [], pass: true };
    },
    resume: (ctx, state) => show(desk, ctx, state.month),
  };
}
