import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { formatLocalTime, queryRef } from "../../domain/kernel/format";
import { t } from "../../domain/messages";
import type { BranchAsk } from "../../domain/ports/branch-ask-records";
import type { Query } from "../../domain/ports/records";
import { BRANCH_NAME_MAX, looksLikeQuestion, readBranchName } from "../../domain/queries/branch-asks";
import { staffSignature } from "../../domain/queries/greeting";
import { checkQueryText, QUERY_TEXT_MAX_LENGTH } from "../../domain/queries/reply-deadline";
import { threadTrackingNo } from "../../domain/queries/thread";
import { ask, forStaff } from "../common";
import { type FormField, type FormState, form, type Outcome } from "../form";
import type { Flow, FlowContext, FlowInput, Reply } from "../types";
import { cancelButton, done, flowButton, ID, me, menuButton, readTrackingNo } from "./shared";

/**
 * `/askbranch` (SOP-13): an agent raises a query to another branch from the desk: the waybill,
 * the branch, the question. Started from a customer's query (its card's "问兄弟公司" button,
 * args `q <queryId>`), the waybill is the query's and the customer's query then waits on the
 * answer. The desk keeps it until an agent records the answer (`/branchasks`), and reminds the
 * agent at SOP-11's time. The reply carries the text to paste into the network's message system.
 */
const values = z.object({
  /** The customer's query it is raised from, or "-" for none (always set at the start). */
  from: z
    .string()
    .regex(/^(-|[\w-]{1,48})$/)
    .optional(),
  trackingNo: z.string().max(64).optional(),
  branch: z
    .string()
    .max(BRANCH_NAME_MAX * 2)
    .optional(),
  question: z
    .string()
    .max(QUERY_TEXT_MAX_LENGTH * 2)
    .optional(),
  /** The parcel's origin as its scans name it, offered as a button for the branch (SOP-13). */
  origin: z.string().max(BRANCH_NAME_MAX).optional(),
});
type BranchAskForm = z.infer<typeof values>;
type Result = Outcome<BranchAskForm, string>;

const NO_QUERY = "-";

function typed(ctx: FlowContext, question: string, error?: string): Reply[] {
  return [ask(error ?? question, [cancelButton(ctx)])];
}

function text(ctx: FlowContext, input: FlowInput, read: (text: string) => Partial<BranchAskForm> | string) {
  if (input.kind !== "text") return { error: ctx.t("staff.typeIt") };
  const got = read(input.text);
  return typeof got === "string" ? { error: got } : { set: got };
}

const askTrackingNo = (ctx: FlowContext, error?: string) => typed(ctx, ctx.t("staff.askTrackingNo"), error);

/** The button's value for the origin the scans name. */
const ORIGIN = "origin";

/** A waybill typed: the number and, when its scans name one, its origin branch (SOP-13's button). */
async function waybill(desk: Desk, trackingNo: string): Promise<Partial<BranchAskForm>> {
  const origin = await desk.branchAskOrigin(trackingNo);
  return { trackingNo, origin };
}

/** The branch question: the origin the scans name as a button, when there is one. */
function askBranch(ctx: FlowContext, v: Partial<BranchAskForm>, error?: string): Reply[] {
  if (!v.origin) return typed(ctx, ctx.t("branchAsk.askBranch"), error);
  const question = ctx.t("branchAsk.askBranchOrigin", { origin: v.origin });
  // Labelled "发件公司:…" so a short name typed ("南京") is no start of the label: it stays as typed.
  const button = { label: ctx.t("branchAsk.button.origin", { origin: v.origin }), value: ORIGIN };
  return [ask(error ? `${error}\n${question}` : question, [button, cancelButton(ctx)])];
}

/** The branch typed or picked: a question typed here is no branch name (SOP-13). */
function parseBranch(ctx: FlowContext, input: FlowInput, v: Partial<BranchAskForm>) {
  if (input.kind === "choice" && input.value === ORIGIN && v.origin) return { set: { branch: v.origin } };
  return text(ctx, input, (typedText) => {
    if (looksLikeQuestion(typedText)) return ctx.t("branchAsk.branchNotQuestion");
    const branch = readBranchName(typedText);
    if (!branch) return ctx.t("branchAsk.badBranch", { max: BRANCH_NAME_MAX });
    // "南京" for the 南京分公司 the scans name is that branch, by its full name.
    return { branch: v.origin?.startsWith(branch) ? v.origin : branch };
  });
}

const fields = (desk: Desk): FormField<BranchAskForm, string>[] => [
  {
    // Set by start(); a state without it (never written by this flow) starts over as "no query".
    key: "from",
    ask: (ctx, _values, error) => askTrackingNo(ctx, error),
    parse: async (ctx, input) => {
      const read = text(ctx, input, (typedText) => {
        const trackingNo = readTrackingNo(ctx, typedText);
        return trackingNo ? { trackingNo } : ctx.t("staff.badTrackingNo");
      });
      if (!read.set) return read;
      const found = read.set.trackingNo ? await waybill(desk, read.set.trackingNo) : {};
      return { set: { from: NO_QUERY, ...read.set, ...found } };
    },
  },
  {
    key: "trackingNo",
    ask: (ctx, _values, error) => askTrackingNo(ctx, error),
    parse: async (ctx, input) => {
      const read = text(ctx, input, (typedText) => {
        const trackingNo = readTrackingNo(ctx, typedText);
        return trackingNo ? { trackingNo } : ctx.t("staff.badTrackingNo");
      });
      return read.set?.trackingNo ? { set: await waybill(desk, read.set.trackingNo) } : read;
    },
  },
  {
    key: "branch",
    ask: (ctx, values, error) => askBranch(ctx, values, error),
    parse: (ctx, input, values) => parseBranch(ctx, input, values),
  },
  {
    key: "question",
    ask: (ctx, v, error) =>
      typed(
        ctx,
        ctx.t("branchAsk.askQuestion", { branch: v.branch ?? "—", trackingNo: v.trackingNo ?? "—" }),
        error,
      ),
    parse: (ctx, input) =>
      text(ctx, input, (typedText) => {
        const checked = checkQueryText(typedText);
        return checked.ok
          ? { question: checked.text }
          : ctx.t("branchAsk.badQuestion", { max: QUERY_TEXT_MAX_LENGTH });
      }),
  },
];

/** What the agent reads once it is recorded, with the text to paste for the other branch (always Chinese). */
function raisedText(ctx: FlowContext, raised: BranchAsk, query: Query | undefined): string {
  const due = formatLocalTime(raised.dueAt, forStaff(ctx));
  const paste = t("zh", "branchAsk.paste", {
    trackingNo: raised.trackingNo,
    question: raised.question,
    due,
    ourBranch: ctx.deps.directory.branch.name,
    signature: staffSignature(ctx.deps.directory, "zh", me(ctx).id),
  });
  const lines = [
    ctx.t("branchAsk.raised", { branch: raised.branch, trackingNo: raised.trackingNo, due, paste }),
  ];
  if (query)
    lines.push(
      ctx.t("branchAsk.raisedForQuery", {
        ref: queryRef(query),
        branch: raised.branch,
      }),
    );
  return lines.join("\n\n");
}

async function submit(desk: Desk, ctx: FlowContext, answers: Partial<BranchAskForm>): Promise<Result> {
  const raised = await desk.raiseBranchAsk(me(ctx).id, {
    trackingNo: answers.trackingNo ?? "",
    branch: answers.branch ?? "",
    question: answers.question ?? "",
    queryId: answers.from && answers.from !== NO_QUERY ? answers.from : undefined,
  });
  if (raised.ok) {
    return {
      end: done(
        ask(raisedText(ctx, raised.ask, raised.query), [
          flowButton(ctx, "branchAsk.button.list", "branch-asks"),
          menuButton(ctx),
        ]),
      ),
    };
  }
  switch (raised.reason) {
    case "bad_tracking_no":
      return { set: { trackingNo: undefined }, error: ctx.t("staff.badTrackingNo") };
    case "bad_branch":
      return { set: { branch: undefined }, error: ctx.t("branchAsk.badBranch", { max: BRANCH_NAME_MAX }) };
    case "query_not_open":
      return { end: done(ask(ctx.t("branchAsk.queryClosed"), [menuButton(ctx)])) };
    default:
      return {
        set: { question: undefined },
        error: ctx.t("branchAsk.badQuestion", { max: QUERY_TEXT_MAX_LENGTH }),
      };
  }
}

/** The values the flow starts with: from a customer's query (`q <id>`), a waybill typed after the command, or nothing. */
async function startValues(
  desk: Desk,
  ctx: FlowContext,
  args: string,
): Promise<Partial<BranchAskForm> | "closed"> {
  const fromQuery = /^q\s+(\S+)$/.exec(args.trim())?.[1];
  if (fromQuery !== undefined) {
    const query = ID.test(fromQuery) ? await ctx.deps.lookups.query(fromQuery) : undefined;
    if (query?.status !== "open" || query.kind !== "customer") return "closed";
    const messages = await ctx.deps.lookups.queryMessages(query.id);
    const trackingNo = threadTrackingNo(query, messages, ctx.deps.policy);
    return { from: query.id, ...(trackingNo ? await waybill(desk, trackingNo) : {}) };
  }
  const trackingNo = args.trim() ? readTrackingNo(ctx, args) : undefined;
  return { from: NO_QUERY, ...(trackingNo ? await waybill(desk, trackingNo) : {}) };
}

export function branchAskFlow(desk: Desk): Flow<FormState<BranchAskForm, string>> {
  const raise = form<BranchAskForm, string>({
    values,
    fields: fields(desk),
    hint: "staff.useButtons",
    cancel: (ctx) => done(ask(ctx.t("flow.cancelled"), [menuButton(ctx)])),
    submit: (ctx, answers) => submit(desk, ctx, answers),
  });
  return {
    name: "branch-ask",
    command: "askbranch",
    menu: { label: "branchAsk.menu", position: 45 },
    roles: ["agent", "supervisor"],
    state: raise.state,
    async start(ctx, args) {
      const start = await startValues(desk, ctx, args);
      if (start === "closed") return done(ask(ctx.t("branchAsk.queryClosed"), [menuButton(ctx)]));
      return raise.start(ctx, start);
    },
    on: (ctx, state, input) => raise.on(ctx, state, input),
    resume: (ctx, state) => raise.resume(ctx, state),
  };
}
