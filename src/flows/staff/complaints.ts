import { z } from "zod";
import { complaintParams, levelText } from "../../domain/complaints/rules";
import { COMPLAINT_NOTE_MAX } from "../../domain/complaints/use-cases";
import { hasRole } from "../../domain/config/directory";
import type { Desk } from "../../domain/desk/desk";
import { excerpt, formatLocalTime, personLabel } from "../../domain/kernel/format";
import type { Complaint } from "../../domain/ports/claims-records";
import type { AuditEntry } from "../../domain/ports/records";
import { ask, forStaff, say } from "../common";
import type { Choice, Flow, FlowContext, Reply, Step } from "../types";
import { cancelButton, common, done, flowButton, ID, me, menuButton, readTrackingNo } from "./shared";

/**
 * `/complaints` (SOP-82) for agents and duty leads: the open complaints with their level and age,
 * oldest first. On a complaint's card the branch records what it did (which stops that level's
 * escalation) or resolves it; at the region or head office level a duty lead records their
 * decision. Another branch's complaint (SOP-11's fine) is recorded from the list.
 */
const complaintsState = z.object({
  step: z.enum(["list", "card", "act", "resolve", "decide"]),
  complaintId: z.string().max(64).optional(),
});
type ComplaintsState = z.infer<typeof complaintsState>;

const LIST_MAX = 20;
const HISTORY_MAX = 10;
/** A recorded note on the card: its start (the card stays one message). */
const NOTE_SHOWN = 80;

async function list(desk: Desk, ctx: FlowContext, before: Reply[] = []): Promise<Step<ComplaintsState>> {
  const open = await desk.openComplaints();
  const branch = flowButton(ctx, "staff.complaints.button.branch", "staff-branch-complaint");
  if (open.length === 0)
    return done(...before, ask(ctx.t("staff.complaints.none"), [branch, menuButton(ctx)]));
  const choices: Choice[] = open.slice(0, LIST_MAX).map((c) => {
    const p = complaintParams(ctx.language, c, ctx.now);
    return { label: ctx.t("staff.complaints.item", p), value: `c.${c.id}` };
  });
  return {
    replies: [
      ...before,
      ask(ctx.t("staff.complaints.title", { n: open.length }), [...choices, branch, menuButton(ctx)]),
    ],
    next: { step: "list" },
  };
}

function historyLine(ctx: FlowContext, e: AuditEntry): string | undefined {
  const at = formatLocalTime(e.at, forStaff(ctx));
  const d = e.data as Record<string, unknown>;
  switch (e.action) {
    case "complaint.opened":
      return ctx.t("staff.complaints.history.opened", { at });
    case "complaint.acted": {
      const who =
        e.actor.kind === "person"
          ? personLabel(ctx.deps, ctx.language, e.actor.personId)
          : e.actor.kind === "customer"
            ? ctx.t("complaint.from.customer") // what the customer added to their open complaint
            : "—";
      return ctx.t("staff.complaints.history.acted", {
        at,
        who,
        note: excerpt(String(d.note ?? ""), NOTE_SHOWN),
      });
    }
    case "complaint.escalated": {
      const to = d.to === "region" || d.to === "head_office" ? d.to : "branch";
      return ctx.t("staff.complaints.history.escalated", { at, level: levelText(ctx.language, to) });
    }
    case "complaint.fined":
      return ctx.t("staff.complaints.history.fined", { at, yuan: Number(d.yuan ?? 0) });
    default:
      return undefined;
  }
}

function cardChoices(ctx: FlowContext, c: Complaint): Choice[] {
  const lead = hasRole(me(ctx), "supervisor");
  return [
    { label: ctx.t("staff.complaints.button.act"), value: "act" },
    ...(c.level === "branch" ? [{ label: ctx.t("staff.complaints.button.resolve"), value: "resolve" }] : []),
    ...(c.level !== "branch" && lead
      ? [{ label: ctx.t("staff.complaints.button.decide"), value: "decide" }]
      : []),
    { label: ctx.t("staff.complaints.button.list"), value: "list" },
    menuButton(ctx),
  ];
}

async function card(
  desk: Desk,
  ctx: FlowContext,
  id: string,
  before: Reply[] = [],
): Promise<Step<ComplaintsState>> {
  const view = await desk.complaintView(me(ctx).id, id);
  if (!view) return list(desk, ctx, [...before, say(ctx.t("staff.complaints.notFound"))]);
  const c = view.complaint;
  if (c.closedAt) return list(desk, ctx, [...before, say(ctx.t("staff.complaints.closed"))]);
  const lines = view.history.flatMap((e) => historyLine(ctx, e) ?? []).slice(-HISTORY_MAX);
  const text = ctx.t("staff.complaints.card", {
    ...complaintParams(ctx.language, c, ctx.now),
    text: c.text,
    history: lines.length > 0 ? lines.join("\n") : ctx.t("staff.complaints.noHistory"),
  });
  return { replies: [...before, ask(text, cardChoices(ctx, c))], next: { step: "card", complaintId: id } };
}

function finished(ctx: FlowContext, text: string): Step<never> {
  return done(
    ask(text, [flowButton(ctx, "staff.complaints.button.list", "staff-complaints"), menuButton(ctx)]),
  );
}

async function onCard(
  desk: Desk,
  ctx: FlowContext,
  id: string,
  value: string,
): Promise<Step<ComplaintsState>> {
  if (value === "list") return list(desk, ctx);
  if (value === "act" || value === "resolve" || value === "decide") {
    const view = await desk.complaintView(me(ctx).id, id);
    if (!view || view.complaint.closedAt) return card(desk, ctx, id);
    const key =
      value === "act"
        ? "staff.complaints.ask.act"
        : value === "resolve"
          ? view.complaint.customer
            ? "staff.complaints.ask.resolve"
            : "staff.complaints.ask.resolveNoCustomer" // another branch's: no customer reads it
          : "staff.complaints.ask.decide";
    const text = ctx.t(key, { level: levelText(ctx.language, view.complaint.level) });
    return { replies: [ask(text, [cancelButton(ctx)])], next: { step: value, complaintId: id } };
  }
  return card(desk, ctx, id, [say(ctx.t("staff.useButtons"))]);
}

async function onTyped(desk: Desk, ctx: FlowContext, state: ComplaintsState, id: string, typed: string) {
  const person = me(ctx).id;
  const r =
    state.step === "act"
      ? await desk.actOnComplaint(person, id, typed)
      : await desk.closeComplaint(person, id, typed);
  if (!r.ok) {
    if (r.reason === "empty" || r.reason === "too_long") {
      const key = r.reason === "empty" ? "staff.complaints.empty" : "staff.complaints.tooLong";
      return { replies: [ask(ctx.t(key, { max: COMPLAINT_NOTE_MAX }), [cancelButton(ctx)])], next: state };
    }
    const key =
      r.reason === "not_allowed"
        ? "staff.complaints.notAllowed"
        : r.reason === "not_found"
          ? "staff.complaints.notFound"
          : "staff.complaints.closed";
    return finished(ctx, ctx.t(key));
  }
  const c = r.complaint;
  const params = {
    ref: complaintParams(ctx.language, c, ctx.now).ref,
    level: levelText(ctx.language, c.level),
  };
  if (state.step === "act") return finished(ctx, ctx.t("staff.complaints.acted", params));
  // Another branch's complaint (SOP-11) has no customer's chat to tell.
  const resolved = c.customer ? "staff.complaints.resolved" : "staff.complaints.resolvedNoCustomer";
  return finished(ctx, ctx.t(c.level === "branch" ? resolved : "staff.complaints.decided", params));
}

export function staffComplaintsFlow(desk: Desk): Flow<ComplaintsState> {
  return {
    name: "staff-complaints",
    command: "complaints",
    menu: { label: "staff.menu.complaints", position: 95 },
    roles: ["agent", "supervisor"],
    state: complaintsState,
    start: (ctx, args) => (ID.test(args.trim()) ? card(desk, ctx, args.trim()) : list(desk, ctx)),
    async on(ctx, state, input) {
      const handled = common(ctx, input);
      if (handled) return handled;
      const value = input.kind === "choice" ? input.value : undefined;
      const id = state.complaintId;
      if (state.step === "list" || !id) {
        const picked = /^c\.(.+)$/.exec(value ?? "")?.[1];
        if (picked && ID.test(picked)) return card(desk, ctx, picked);
        const typedNo = input.kind === "text" ? readTrackingNo(ctx, input.text) : undefined;
        const found = typedNo
          ? (await desk.openComplaints()).find((c) => c.trackingNo === typedNo)
          : undefined;
        if (found) return card(desk, ctx, found.id);
        return list(desk, ctx, [say(ctx.t(typedNo ? "staff.complaints.notFound" : "staff.useButtons"))]);
      }
      if (state.step === "card") return onCard(desk, ctx, id, value ?? "");
      if (input.kind !== "text")
        return { replies: [ask(ctx.t("staff.typeIt"), [cancelButton(ctx)])], next: state };
      return onTyped(desk, ctx, state, id, input.text);
    },
  };
}
