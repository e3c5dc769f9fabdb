import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { excerpt, formatAge, formatLocalTime, personLabel } from "../../domain/kernel/format";
import { overdueQueryList } from "../../domain/queries/lists";
import { ask, forStaff } from "../common";
import type { Flow } from "../types";
import { openPicked, QUERY_LIST_LIMIT, queryButtons } from "./agent-queries";
import { flowButton, menuButton } from "./shared";

/**
 * `/overdue` for the duty lead (SOP-10, SOP-11, SOP-82): what is past its reply deadline, who
 * holds it and how late it is; each one can be opened (and taken) from here.
 */
const overdueState = z.object({}).strict();
type OverdueState = z.infer<typeof overdueState>;

export function overdueQueriesFlow(desk: Desk): Flow<OverdueState> {
  return {
    name: "overdue-queries",
    command: "overdue",
    menu: { label: "staff.menu.overdue", position: 20 },
    roles: ["supervisor"],
    state: overdueState,
    async start(ctx) {
      const overdue = overdueQueryList(await desk.openQueries(), ctx.now);
      if (overdue.length === 0) {
        return {
          replies: [
            ask(ctx.t("staff.overdue.none"), [
              flowButton(ctx, "staff.button.queries", "agent-queries"),
              menuButton(ctx),
            ]),
          ],
        };
      }
      const shown = overdue.slice(0, QUERY_LIST_LIMIT);
      const items = shown.map((q) =>
        ctx.t("staff.overdue.item", {
          subject: q.trackingNo ?? q.fromBranch ?? "—",
          excerpt: excerpt(q.text, 20),
          due: formatLocalTime(q.dueAt, forStaff(ctx)),
          late: formatAge(ctx.language, ctx.now.getTime() - q.dueAt.getTime()),
          holder: q.assignee
            ? personLabel(ctx.deps, ctx.language, q.assignee)
            : ctx.t("staff.queries.nobody"),
        }),
      );
      return {
        replies: [
          { kind: "list", title: ctx.t("staff.overdue.title", { count: overdue.length }), items },
          ask(ctx.t("staff.overdue.open"), [...queryButtons(ctx, shown), menuButton(ctx)]),
        ],
        next: {},
      };
    },
    on: async (ctx, _state, input) => openPicked(ctx, input, "overdue-queries"),
  };
}
