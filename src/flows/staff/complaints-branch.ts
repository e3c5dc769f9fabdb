import { z } from "zod";
import { checkClaimText } from "../../domain/claims/common";
import { complaintRef } from "../../domain/complaints/rules";
import { COMPLAINT_TEXT_MAX } from "../../domain/complaints/use-cases";
import type { Desk } from "../../domain/desk/desk";
import { formatLocalTime } from "../../domain/kernel/format";
import { BRANCH_NAME_MAX, readBranchName } from "../../domain/queries/branch-asks";
import { ask, forStaff } from "../common";
import { type FormField, type FormState, form } from "../form";
import type { Flow, FlowContext, FlowInput, Reply } from "../types";
import { cancelButton, done, flowButton, menuButton, readTrackingNo } from "./shared";

/**
 * Another branch complains (SOP-11, SOP-82): by phone or the office system, about the answer to
 * its query on a parcel. An agent records which branch, the waybill and what they say; when that
 * branch's query was answered after its 2 hours, the desk records the 200-yuan fine.
 */
const branchComplaintValues = z.object({
  branch: z
    .string()
    .max(BRANCH_NAME_MAX * 2)
    .optional(),
  trackingNo: z.string().max(64).optional(),
  text: z
    .string()
    .max(COMPLAINT_TEXT_MAX * 2)
    .optional(),
});
type BranchComplaint = z.infer<typeof branchComplaintValues>;

function typed(ctx: FlowContext, question: string, error?: string): Reply[] {
  return [ask(error ?? question, [cancelButton(ctx)])];
}

function read(
  ctx: FlowContext,
  input: FlowInput,
  parse: (text: string) => Partial<BranchComplaint> | string,
) {
  if (input.kind !== "text") return { error: ctx.t("staff.typeIt") };
  const values = parse(input.text);
  return typeof values === "string" ? { error: values } : { set: values };
}

const fields: FormField<BranchComplaint, string>[] = [
  {
    key: "branch",
    ask: (ctx, _v, error) => typed(ctx, ctx.t("staff.complaints.branch.askBranch"), error),
    parse: (ctx, input) =>
      read(ctx, input, (text) => {
        const branch = readBranchName(text);
        return branch ? { branch } : ctx.t("staff.complaints.branch.badBranch", { max: BRANCH_NAME_MAX });
      }),
  },
  {
    key: "trackingNo",
    ask: (ctx, _v, error) => typed(ctx, ctx.t("staff.complaints.branch.askTrackingNo"), error),
    parse: (ctx, input) =>
      read(ctx, input, (text) => {
        const trackingNo = readTrackingNo(ctx, text);
        return trackingNo ? { trackingNo } : ctx.t("staff.complaints.branch.badTrackingNo");
      }),
  },
  {
    key: "text",
    ask: (ctx, _v, error) => typed(ctx, ctx.t("staff.complaints.branch.askText"), error),
    parse: (ctx, input) =>
      read(ctx, input, (text) => {
        const checked = checkClaimText(text, COMPLAINT_TEXT_MAX);
        if (checked.ok) return { text: checked.text };
        const key = checked.reason === "empty" ? "staff.complaints.empty" : "staff.complaints.tooLong";
        return ctx.t(key, { max: COMPLAINT_TEXT_MAX });
      }),
  },
];

export function staffBranchComplaintFlow(desk: Desk): Flow<FormState<BranchComplaint, string>> {
  const recordForm = form<BranchComplaint, string>({
    values: branchComplaintValues,
    fields,
    hint: "staff.useButtons",
    cancel: (ctx) => done(ask(ctx.t("flow.cancelled"), [menuButton(ctx)])),
    // No summary: recorded with the last answer.
    async submit(ctx, v) {
      const person = ctx.who.person?.id ?? "";
      const r = await desk.recordBranchComplaint(person, {
        fromBranch: v.branch ?? "",
        trackingNo: v.trackingNo ?? "",
        text: v.text ?? "",
      });
      if (!r.ok) {
        const clear =
          r.reason === "bad_branch"
            ? { branch: undefined }
            : r.reason === "bad_tracking_no"
              ? { trackingNo: undefined }
              : { text: undefined };
        return { set: clear };
      }
      const ref = complaintRef(r.complaint);
      const lines = [ctx.t("staff.complaints.branch.recorded", { branch: v.branch ?? "", ref })];
      const late = r.lateQuery;
      if (late) {
        const answered = late.answeredAt
          ? ctx.t("staff.complaints.branch.answeredAt", {
              at: formatLocalTime(late.answeredAt, forStaff(ctx)),
            })
          : ctx.t("staff.complaints.branch.unanswered");
        lines.push(
          ctx.t("staff.complaints.branch.fined", {
            ref,
            due: formatLocalTime(late.dueAt, forStaff(ctx)),
            answered,
            yuan: r.complaint.fineYuan ?? 0,
          }),
        );
      } else {
        lines.push(ctx.t("staff.complaints.branch.noFine"));
      }
      const buttons = [flowButton(ctx, "staff.complaints.button.list", "staff-complaints"), menuButton(ctx)];
      return { end: done(ask(lines.join("\n"), buttons)) };
    },
  });

  return {
    name: "staff-branch-complaint",
    roles: ["agent", "supervisor"],
    state: recordForm.state,
    start: (ctx) => recordForm.start(ctx),
    on: (ctx, state, input) => recordForm.on(ctx, state, input),
    resume: (ctx, state) => recordForm.resume(ctx, state),
  };
}
