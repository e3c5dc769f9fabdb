import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { formatLocalTime } from "../../domain/kernel/format";
import { checkQueryText, QUERY_TEXT_MAX_LENGTH } from "../../domain/queries/reply-deadline";
import { ask, forStaff } from "../common";
import { type FormField, type FormState, form } from "../form";
import type { Flow, FlowContext, FlowInput, Reply } from "../types";
import { cancelButton, done, flowButton, me, menuButton, readTrackingNo } from "./shared";

/**
 * `/branchquery` (SOP-11, SOP-13): another branch asks about a parcel (by phone or the office
 * system); the agent records it so the 2-hour feedback clock runs and a trace is kept. Asks the
 * branch's name, the tracking number, then the question; the agent's own chat gets the answer.
 */
export const BRANCH_NAME_MAX = 50;

const branchQueryValues = z.object({
  branch: z
    .string()
    .max(BRANCH_NAME_MAX * 2) // counted in characters, stored in UTF-16 units
    .optional(),
  trackingNo: z.string().max(64).optional(),
  question: z
    .string()
    .max(QUERY_TEXT_MAX_LENGTH * 2)
    .optional(),
});
type BranchQuery = z.infer<typeof branchQueryValues>;

/** Every question is typed, with a cancel button; a wrong answer's words replace the question. */
function typed(ctx: FlowContext, question: string, error?: string): Reply[] {
  return [ask(error ?? question, [cancelButton(ctx)])];
}

/** Reads a typed answer into values, or the words saying why not; anything but text: "type it". */
function text(ctx: FlowContext, input: FlowInput, read: (text: string) => Partial<BranchQuery> | string) {
  if (input.kind !== "text") return { error: ctx.t("staff.typeIt") };
  const values = read(input.text);
  return typeof values === "string" ? { error: values } : { set: values };
}

const fields: FormField<BranchQuery, string>[] = [
  {
    key: "branch",
    ask: (ctx, _values, error) => typed(ctx, ctx.t("staff.branchQuery.askBranch"), error),
    parse: (ctx, input) =>
      text(ctx, input, (typedText) => {
        const branch = typedText.replace(/\s+/g, " ").trim();
        const length = [...branch].length;
        return length < 2 || length > BRANCH_NAME_MAX
          ? ctx.t("staff.branchQuery.badBranch", { max: BRANCH_NAME_MAX })
          : { branch };
      }),
  },
  {
    key: "trackingNo",
    ask: (ctx, _values, error) => typed(ctx, ctx.t("staff.askTrackingNo"), error),
    parse: (ctx, input) =>
      text(ctx, input, (typedText) => {
        const trackingNo = readTrackingNo(ctx, typedText);
        return trackingNo ? { trackingNo } : ctx.t("staff.badTrackingNo");
      }),
  },
  {
    key: "question",
    ask: (ctx, _values, error) => typed(ctx, ctx.t("staff.branchQuery.askQuestion"), error),
    parse: (ctx, input) =>
      text(ctx, input, (typedText) => {
        const checked = checkQueryText(typedText);
        if (checked.ok) return { question: checked.text };
        const key =
          checked.reason === "empty" ? "staff.branchQuery.emptyQuestion" : "staff.branchQuery.tooLong";
        return ctx.t(key, { max: QUERY_TEXT_MAX_LENGTH });
      }),
  },
];

export function branchQueryFlow(desk: Desk): Flow<FormState<BranchQuery, string>> {
  const branchQuery = form<BranchQuery, string>({
    values: branchQueryValues,
    fields,
    hint: "staff.useButtons",
    cancel: (ctx) => done(ask(ctx.t("flow.cancelled"), [menuButton(ctx)])),
    // No summary: the query is opened with the last answer.
    async submit(ctx, { branch, trackingNo, question }) {
      const opened = await desk.raiseQuery({
        asker: ctx.who.chat,
        language: ctx.language,
        text: question ?? "",
        trackingNo,
        kind: "branch",
        fromBranch: branch,
        openedBy: me(ctx).id,
      });
      if (!opened.ok)
        return { set: { question: undefined }, error: ctx.t("staff.branchQuery.emptyQuestion") };
      const due = formatLocalTime(opened.deadline.dueAt, forStaff(ctx));
      return {
        end: done(
          ask(
            ctx.t("staff.branchQuery.opened", { branch: branch ?? "—", trackingNo: trackingNo ?? "—", due }),
            [flowButton(ctx, "staff.button.queries", "agent-queries"), menuButton(ctx)],
          ),
        ),
      };
    },
  });

  return {
    name: "branch-query",
    command: "branchquery",
    menu: { label: "staff.menu.branchQuery", position: 40 },
    roles: ["agent"],
    state: branchQuery.state,
    start: (ctx) => branchQuery.start(ctx),
    on: (ctx, state, input) => branchQuery.on(ctx, state, input),
    resume: (ctx, state) => branchQuery.resume(ctx, state),
  };
}
