import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { formatLocalTime } from "../../domain/kernel/format";
import { checkQueryText, QUERY_TEXT_MAX_LENGTH } from "../../domain/queries/reply-deadline";
import { ask, forStaff } from "../common";
import type { Flow } from "../types";
import { cancelButton, common, done, flowButton, me, menuButton, readTrackingNo } from "./shared";

/**
 * `/branchquery` (SOP-11, SOP-13): another branch asks about a parcel (by phone or the office
 * system); the agent records it so the 2-hour feedback clock runs and a trace is kept. Asks the
 * branch's name, the tracking number, then the question; the agent's own chat gets the answer.
 */
export const BRANCH_NAME_MAX = 50;

const branchQueryState = z.object({
  step: z.enum(["branch", "tracking", "question"]),
  branch: z.string().max(BRANCH_NAME_MAX).optional(),
  trackingNo: z.string().max(64).optional(),
});
type BranchQueryState = z.infer<typeof branchQueryState>;

export function branchQueryFlow(desk: Desk): Flow<BranchQueryState> {
  return {
    name: "branch-query",
    roles: ["agent"],
    state: branchQueryState,
    async start(ctx) {
      return {
        replies: [ask(ctx.t("staff.branchQuery.askBranch"), [cancelButton(ctx)])],
        next: { step: "branch" },
      };
    },
    async on(ctx, state, input) {
      const handled = common(ctx, input);
      if (handled) return handled;
      if (input.kind !== "text") {
        return { replies: [ask(ctx.t("staff.typeIt"), [cancelButton(ctx)])], next: state };
      }
      const text = input.text;

      if (state.step === "branch") {
        const branch = text.replace(/\s+/g, " ").trim();
        if ([...branch].length < 2 || [...branch].length > BRANCH_NAME_MAX) {
          return {
            replies: [
              ask(ctx.t("staff.branchQuery.badBranch", { max: BRANCH_NAME_MAX }), [cancelButton(ctx)]),
            ],
            next: state,
          };
        }
        return {
          replies: [ask(ctx.t("staff.askTrackingNo"), [cancelButton(ctx)])],
          next: { step: "tracking", branch },
        };
      }

      if (state.step === "tracking") {
        const trackingNo = readTrackingNo(ctx, text);
        if (!trackingNo)
          return { replies: [ask(ctx.t("staff.badTrackingNo"), [cancelButton(ctx)])], next: state };
        return {
          replies: [ask(ctx.t("staff.branchQuery.askQuestion"), [cancelButton(ctx)])],
          next: { ...state, step: "question", trackingNo },
        };
      }

      const checked = checkQueryText(text);
      if (!checked.ok) {
        const key =
          checked.reason === "empty" ? "staff.branchQuery.emptyQuestion" : "staff.branchQuery.tooLong";
        return {
          replies: [ask(ctx.t(key, { max: QUERY_TEXT_MAX_LENGTH }), [cancelButton(ctx)])],
          next: state,
        };
      }
      const person = me(ctx);
      const opened = await desk.raiseQuery({
        asker: ctx.who.chat,
        language: ctx.language,
        text: checked.text,
        trackingNo: state.trackingNo,
        kind: "branch",
        fromBranch: state.branch,
        openedBy: person.id,
      });
      if (!opened.ok) {
        return { replies: [ask(ctx.t("staff.branchQuery.emptyQuestion"), [cancelButton(ctx)])], next: state };
      }
      return done(
        ask(
          ctx.t("staff.branchQuery.opened", {
            branch: state.branch ?? "—",
            trackingNo: state.trackingNo ?? "—",
            due: formatLocalTime(opened.deadline.dueAt, forStaff(ctx)),
          }),
          [flowButton(ctx, "staff.button.queries", "agent-queries"), menuButton(ctx)],
        ),
      );
    },
  };
}
