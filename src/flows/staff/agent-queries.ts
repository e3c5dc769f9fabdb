import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { excerpt, formatLocalTime } from "../../domain/kernel/format";
import type { Query } from "../../domain/ports/records";
import { agentQueryList } from "../../domain/queries/lists";
import { isOverdue } from "../../domain/queries/reply-deadline";
import { ask, forStaff, handOver, say } from "../common";
import type { Choice, Flow, FlowContext, FlowInput, FlowName, Step } from "../types";
import { common, flowButton, ID, menuButton } from "./shared";

/**
 * `/queries`: the open parcel queries, most urgent first (SOP-10: overdue first, then the earliest
 * due; the list's rule is queries/lists.ts, shared with the Slack App Home), each a button that
 * opens it in the agent-query flow.
 */
export const QUERY_LIST_LIMIT = 10;

const listState = z.object({}).strict();
type ListState = z.infer<typeof listState>;

export function agentQueuesFlow(desk: Desk): Flow<ListState> {
  return {
    name: "agent-queries",
    command: "queries",
    menu: { label: "staff.menu.queries", position: 10 },
    roles: ["agent", "supervisor"],
    state: listState,
    async start(ctx) {
      const open = agentQueryList(await desk.openQueries(), ctx.now);
      if (open.length === 0) {
        return { replies: [ask(ctx.t("staff.queries.none"), [menuButton(ctx)])] };
      }
      const overdue = open.filter((q) => isOverdue(q, ctx.now)).length;
      const shown = open.slice(0, QUERY_LIST_LIMIT);
      const lines = [ctx.t("staff.queries.title", { count: open.length, overdue })];
      if (shown.length < open.length) lines.push(ctx.t("staff.queries.more", { shown: shown.length }));
      return {
        replies: [
          ask(lines.join("\n"), [
            ...queryButtons(ctx, shown),
            flowButton(ctx, "staff.button.refresh", "agent-queries"),
            menuButton(ctx),
          ]),
        ],
        next: {},
      };
    },
    on: async (ctx, _state, input) => openPicked(ctx, input, "agent-queries"),
  };
}

/** A query button of a list (queryButtons) opens that query; anything else shows the list again. */
export function openPicked(ctx: FlowContext, input: FlowInput, list: FlowName): Step<never> {
  const handled = common(ctx, input);
  if (handled) return handled;
  const id = input.kind === "choice" ? /^q\.(.+)$/.exec(input.value)?.[1] : undefined;
  if (id && ID.test(id)) return handOver([], "agent-query", id);
  return handOver([say(ctx.t("staff.pickFromList"))], list);
}

/** One button per query: "⚠10:30 YT123… 包裹到哪了… · 王芳" (overdue mark, due time, parcel, excerpt, holder). */
export function queryButtons(ctx: FlowContext, queries: readonly Query[]): Choice[] {
  return queries.map((q) => ({
    label: ctx.t("staff.queries.item", {
      mark: isOverdue(q, ctx.now) ? "⚠" : "",
      due: formatLocalTime(q.dueAt, forStaff(ctx)),
      subject: q.trackingNo ?? (q.fromBranch ? excerpt(q.fromBranch, 8) : ""),
      excerpt: excerpt(q.text, 12),
      holder: q.assignee
        ? (ctx.deps.directory.person(q.assignee)?.name ?? q.assignee)
        : ctx.t("staff.queries.nobody"),
    }),
    value: `q.${q.id}`,
  }));
}
