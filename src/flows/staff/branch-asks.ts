import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { excerpt, formatLocalTime, personLabel, queryRef } from "../../domain/kernel/format";
import type { BranchAsk } from "../../domain/ports/branch-ask-records";
import { checkQueryText, QUERY_TEXT_MAX_LENGTH } from "../../domain/queries/reply-deadline";
import { ask, forStaff, handOver, say } from "../common";
import type { Choice, Flow, FlowContext, Step } from "../types";
import { common, done, flowButton, ID, me, menuButton } from "./shared";

/**
 * `/branchasks` (SOP-13): what waits on other branches, the earliest due first; one opens, shows
 * the question, who raised it, its time (SOP-11) and the customer's query it came from, and the
 * other branch's answer is recorded here (typed, then saved). Started with `record <id>` by the
 * reminder's button, straight to the answer; with `<id>`, that ask.
 */
const BRANCH_ASK_LIST_LIMIT = 10;

const asksState = z.object({
  step: z.enum(["list", "view", "record", "recorded"]),
  id: z.string().regex(ID).optional(),
  /** After recording: the customer's query to open next. */
  queryId: z.string().regex(ID).optional(),
});
type AsksState = z.infer<typeof asksState>;

export function branchAsksFlow(desk: Desk): Flow<AsksState> {
  return {
    name: "branch-asks",
    command: "branchasks",
    roles: ["agent", "supervisor"],
    state: asksState,
    async start(ctx, args) {
      const [verb, arg] = args.trim().split(/\s+/);
      const id = verb === "record" ? arg : verb;
      if (!id) return list(desk, ctx);
      const found = ID.test(id) ? await desk.branchAsk(id) : undefined;
      if (!found) return done(ask(ctx.t("branchAsk.notFound"), backButtons(ctx)));
      return verb === "record" && found.status === "open" ? askAnswer(ctx, found) : view(ctx, found);
    },
    async on(ctx, state, input) {
      const handled = common(ctx, input);
      if (handled) return handled;
      const choice = input.kind === "choice" ? input.value : undefined;
      if (state.step === "list") {
        const id = choice ? /^b\.(.+)$/.exec(choice)?.[1] : undefined;
        const found = id && ID.test(id) ? await desk.branchAsk(id) : undefined;
        return found ? view(ctx, found) : list(desk, ctx, [say(ctx.t("staff.pickFromList"))]);
      }
      if (state.step === "recorded") {
        if (choice === "query" && state.queryId) return handOver([], "agent-query", state.queryId);
        return done(ask(ctx.t("staff.useButtons"), backButtons(ctx)));
      }
      const found = state.id ? await desk.branchAsk(state.id) : undefined;
      if (!found) return done(ask(ctx.t("branchAsk.notFound"), backButtons(ctx)));
      if (state.step === "view") {
        if (choice === "record" && found.status === "open") return askAnswer(ctx, found);
        return view(ctx, found, [say(ctx.t("staff.useButtons"))]);
      }
      // step "record": the other branch's answer, typed.
      if (input.kind !== "text") return askAnswer(ctx, found, ctx.t("staff.typeIt"));
      const checked = checkQueryText(input.text);
      if (!checked.ok) {
        return askAnswer(ctx, found, ctx.t("branchAsk.badQuestion", { max: QUERY_TEXT_MAX_LENGTH }));
      }
      return record(desk, ctx, found, checked.text);
    },
  };
}

async function record(
  desk: Desk,
  ctx: FlowContext,
  found: BranchAsk,
  text: string,
): Promise<Step<AsksState>> {
  const recorded = await desk.recordBranchAnswer(me(ctx).id, found.id, text);
  if (!recorded.ok) {
    const now = await desk.branchAsk(found.id);
    if (recorded.reason === "answered" && now)
      return view(ctx, now, [say(ctx.t("branchAsk.alreadyAnswered"))]);
    return done(ask(ctx.t("branchAsk.notFound"), backButtons(ctx)));
  }
  const lines = [ctx.t("branchAsk.recorded", { branch: found.branch })];
  const query = recorded.query?.status === "open" ? recorded.query : undefined;
  if (!query) return done(ask(lines.join("\n"), backButtons(ctx)));
  // SOP-13: the customer's query no longer waits; the agent goes on to answer the customer.
  const ref = queryRef(query);
  lines.push(ctx.t("branchAsk.recordedForQuery", { ref }));
  return {
    replies: [
      ask(lines.join("\n"), [
        { label: ctx.t("branchAsk.button.openQuery"), value: "query" },
        ...backButtons(ctx),
      ]),
    ],
    next: { step: "recorded", queryId: query.id },
  };
}

async function list(
  desk: Desk,
  ctx: FlowContext,
  before: ReturnType<typeof say>[] = [],
): Promise<Step<AsksState>> {
  const open = await desk.openBranchAsks();
  if (open.length === 0) return done(...before, ask(ctx.t("branchAsk.list.none"), [menuButton(ctx)]));
  const shown = open.slice(0, BRANCH_ASK_LIST_LIMIT);
  const buttons: Choice[] = shown.map((a) => ({
    label: ctx.t("branchAsk.list.item", {
      mark: a.dueAt.getTime() < ctx.now.getTime() ? "⚠" : "",
      branch: excerpt(a.branch, 10),
      trackingNo: a.trackingNo,
      excerpt: excerpt(a.question, 12),
    }),
    value: `b.${a.id}`,
  }));
  const title = [ctx.t("branchAsk.list.title", { count: open.length })];
  if (shown.length < open.length) title.push(ctx.t("staff.queries.more", { shown: shown.length }));
  return {
    replies: [...before, ask(title.join("\n"), [...buttons, menuButton(ctx)])],
    next: { step: "list" },
  };
}

/** The ask as staff read it. */
function describeBranchAsk(ctx: FlowContext, a: BranchAsk): string {
  const lines = [
    ctx.t("branchAsk.view", {
      branch: a.branch,
      trackingNo: a.trackingNo,
      question: a.question,
      by: personLabel(ctx.deps, ctx.language, a.askedBy),
      at: formatLocalTime(a.askedAt, forStaff(ctx)),
      due: formatLocalTime(a.dueAt, forStaff(ctx)),
    }),
  ];
  if (a.queryId) lines.push(ctx.t("branchAsk.view.query", { ref: a.trackingNo }));
  if (a.status === "answered") {
    lines.push(
      ctx.t("branchAsk.view.answered", {
        branch: a.branch,
        at: a.answeredAt ? formatLocalTime(a.answeredAt, forStaff(ctx)) : "—",
        by: personLabel(ctx.deps, ctx.language, a.answeredBy),
        answer: a.answer ?? "",
      }),
    );
  } else if (a.dueAt.getTime() < ctx.now.getTime()) {
    lines.push(ctx.t("branchAsk.view.late"));
  }
  return lines.join("\n");
}

function view(ctx: FlowContext, a: BranchAsk, before: ReturnType<typeof say>[] = []): Step<AsksState> {
  const text = describeBranchAsk(ctx, a);
  if (a.status !== "open") return done(...before, ask(text, backButtons(ctx)));
  return {
    replies: [
      ...before,
      ask(text, [{ label: ctx.t("branchAsk.button.record"), value: "record" }, ...backButtons(ctx)]),
    ],
    next: { step: "view", id: a.id },
  };
}

function askAnswer(ctx: FlowContext, a: BranchAsk, error?: string): Step<AsksState> {
  const question = `${describeBranchAsk(ctx, a)}\n\n${ctx.t("branchAsk.typeAnswer", { branch: a.branch })}`;
  return {
    replies: [
      ask(error ? `${error}\n${ctx.t("branchAsk.typeAnswer", { branch: a.branch })}` : question, [
        { label: ctx.t("button.cancel"), value: "cancel" },
      ]),
    ],
    next: { step: "record", id: a.id },
  };
}

function backButtons(ctx: FlowContext): Choice[] {
  return [flowButton(ctx, "branchAsk.button.list", "branch-asks"), menuButton(ctx)];
}
