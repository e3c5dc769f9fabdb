import { z } from "zod";
import { claimLeftText, claimRule } from "../../domain/claims/common";
import { CLAIM_AMOUNT_MAX_YUAN, parseYuan, yuanText } from "../../domain/claims/deadlines";
import { CLAIM_NOTE_MAX } from "../../domain/claims/use-cases";
import type { Desk } from "../../domain/desk/desk";
import { LANGUAGES } from "../../domain/kernel/chat";
import { excerpt, formatLocalTime, personLabel } from "../../domain/kernel/format";
import { t } from "../../domain/messages";
import { CLAIM_PAYOUTS, type Claim, type ClaimPayout } from "../../domain/ports/claims-records";
import type { AuditEntry } from "../../domain/ports/records";
import { ask, forStaff, say } from "../common";
import type { Choice, Flow, FlowContext, Reply, Step } from "../types";
import { cancelButton, common, done, flowButton, ID, me, menuButton, readTrackingNo } from "./shared";

/**
 * `/claims` (SOP-70..SOP-72) for agents and duty leads: the open claims, least time left first; a
 * claim's card records contact with the customer, an agreed settlement (amount in yuan, how paid)
 * or a refusal with its reason, and the customer is told each step. "Wait for head office" is
 * refused: SOP-72, the deadline does not move.
 */
const claimsState = z.object({
  step: z.enum(["list", "card", "contact", "amount", "paidBy", "reason"]),
  claimId: z.string().max(64).optional(),
  amountFen: z.number().int().positive().optional(),
});
type ClaimsState = z.infer<typeof claimsState>;

const LIST_MAX = 20;
const HISTORY_MAX = 8;
/** A recorded note on the card: its start (the card stays one message). */
const NOTE_SHOWN = 80;
const PAY = /^pay\.(\w{1,20})$/;
/** Typed words asking to hold a claim until head office decides (SOP-72 refuses them). */
const PAUSE_WORDS = /总公司|总部|暂停|等.*决定|head office|pause|on hold/i;

const leftText = (ctx: FlowContext, claim: Claim) => claimLeftText(ctx.language, claim, ctx.now);

async function list(desk: Desk, ctx: FlowContext, before: Reply[] = []): Promise<Step<ClaimsState>> {
  const open = await desk.openClaims();
  if (open.length === 0) return done(...before, ask(ctx.t("staff.claims.none"), [menuButton(ctx)]));
  const choices: Choice[] = open.slice(0, LIST_MAX).map((c) => ({
    label: ctx.t("staff.claims.item", {
      trackingNo: c.trackingNo,
      kind: ctx.t(`claim.kind.${c.kind}`),
      left: leftText(ctx, c),
    }),
    value: `c.${c.id}`,
  }));
  return {
    replies: [...before, ask(ctx.t("staff.claims.title", { n: open.length }), [...choices, menuButton(ctx)])],
    next: { step: "list" },
  };
}

async function card(
  desk: Desk,
  ctx: FlowContext,
  claimId: string,
  before: Reply[] = [],
): Promise<Step<ClaimsState>> {
  const view = await desk.claimView(me(ctx).id, claimId);
  if (!view) return list(desk, ctx, [...before, say(ctx.t("staff.claims.notFound"))]);
  const c = view.claim;
  if (c.outcome) return list(desk, ctx, [...before, say(ctx.t("staff.claims.closed"))]);
  const text = ctx.t("staff.claims.card", {
    trackingNo: c.trackingNo,
    kind: ctx.t(`claim.kind.${c.kind}`),
    rule: claimRule(c.kind),
    opened: formatLocalTime(c.openedAt, forStaff(ctx)),
    due: formatLocalTime(c.dueAt, forStaff(ctx)),
    left: leftText(ctx, c),
    holder: personLabel(ctx.deps, ctx.language, c.holder),
    contacted: c.contactedAt ? formatLocalTime(c.contactedAt, forStaff(ctx)) : ctx.t("staff.claims.never"),
    photos: c.photos.length,
    description: c.description,
    history: historyText(ctx, view.history),
  });
  const choices: Choice[] = [
    { label: ctx.t("staff.claims.button.contact"), value: "contact" },
    { label: ctx.t("staff.claims.button.settle"), value: "settle" },
    { label: ctx.t("staff.claims.button.refuse"), value: "refuse" },
    { label: ctx.t("staff.claims.button.pause"), value: "pause" },
    ...(c.photos.length > 0 ? [{ label: ctx.t("staff.claims.button.photos"), value: "photos" }] : []),
    { label: ctx.t("staff.claims.button.list"), value: "list" },
    menuButton(ctx),
  ];
  return { replies: [...before, ask(text, choices)], next: { step: "card", claimId } };
}

/** What was recorded on the claim, the last few steps (contacts, refused pauses, the escalation). */
function historyText(ctx: FlowContext, history: readonly AuditEntry[]): string {
  const lines = history.flatMap((e) => {
    const at = formatLocalTime(e.at, forStaff(ctx));
    const who = e.actor.kind === "person" ? personLabel(ctx.deps, ctx.language, e.actor.personId) : "";
    if (e.action === "claim.contacted") {
      return [
        ctx.t("staff.claims.history.contacted", {
          at,
          who,
          note: excerpt(String(e.data.note ?? ""), NOTE_SHOWN),
        }),
      ];
    }
    if (e.action === "claim.pauseRefused") return [ctx.t("staff.claims.history.pauseRefused", { at, who })];
    if (e.action === "claim.added") {
      return [
        ctx.t("staff.claims.history.added", { at, text: excerpt(String(e.data.text ?? ""), NOTE_SHOWN) }),
      ];
    }
    if (e.action === "claim.overdue") return [ctx.t("staff.claims.history.overdue", { at })];
    return [];
  });
  return lines.length === 0
    ? ""
    : ctx.t("staff.claims.history", { lines: lines.slice(-HISTORY_MAX).join("\n") });
}

/** A typed answer's question, with the way out. */
function question(ctx: FlowContext, text: string, next: ClaimsState): Step<ClaimsState> {
  return { replies: [ask(text, [cancelButton(ctx)])], next };
}

function finished(ctx: FlowContext, text: string): Step<never> {
  return done(ask(text, [flowButton(ctx, "staff.claims.button.list", "staff-claims"), menuButton(ctx)]));
}

/** What a refused step says; a closed or unknown claim ends the step. */
function refusedText(ctx: FlowContext, reason: string): string {
  if (reason === "empty") return ctx.t("staff.claims.empty");
  if (reason === "too_long") return ctx.t("staff.claims.tooLong", { max: CLAIM_NOTE_MAX });
  return ctx.t(reason === "closed" ? "staff.claims.closed" : "staff.claims.notFound");
}

async function onCard(
  desk: Desk,
  ctx: FlowContext,
  claimId: string,
  value: string,
): Promise<Step<ClaimsState>> {
  const next = (step: ClaimsState["step"]) => ({ step, claimId });
  if (value === "contact") return question(ctx, ctx.t("staff.claims.ask.contact"), next("contact"));
  if (value === "settle") return question(ctx, ctx.t("staff.claims.ask.amount"), next("amount"));
  if (value === "refuse") return question(ctx, ctx.t("staff.claims.ask.reason"), next("reason"));
  if (value === "list") return list(desk, ctx);
  if (value === "pause") {
    // SOP-72: refused, always; the card again with the deadline that stands.
    const view = await desk.claimView(me(ctx).id, claimId);
    const refused = await desk.pauseClaim(me(ctx).id, claimId);
    if (!view || refused.reason === "not_found")
      return list(desk, ctx, [say(ctx.t("staff.claims.notFound"))]);
    const due = formatLocalTime(view.claim.dueAt, forStaff(ctx));
    return card(desk, ctx, claimId, [say(ctx.t("staff.claims.pauseRefused", { due }))]);
  }
  if (value === "photos") {
    const view = await desk.claimView(me(ctx).id, claimId);
    const photos = view?.claim.photos ?? [];
    const total = photos.length;
    const shown: Reply[] = photos.map((fileRef, i) => ({
      kind: "photo",
      fileRef,
      caption: ctx.t("staff.claims.photo", { trackingNo: view?.claim.trackingNo ?? "", n: i + 1, total }),
    }));
    return card(desk, ctx, claimId, total > 0 ? shown : [say(ctx.t("staff.claims.noPhotos"))]);
  }
  return card(desk, ctx, claimId, [say(ctx.t("staff.useButtons"))]);
}

async function onTyped(desk: Desk, ctx: FlowContext, state: ClaimsState, claimId: string, typed: string) {
  const person = me(ctx).id;
  if (state.step === "contact") {
    const r = await desk.recordClaimContact(person, claimId, typed);
    if (r.ok) return finished(ctx, ctx.t("staff.claims.contacted", { trackingNo: r.claim.trackingNo }));
    return r.reason === "empty" || r.reason === "too_long"
      ? question(ctx, refusedText(ctx, r.reason), state)
      : finished(ctx, refusedText(ctx, r.reason));
  }
  if (state.step === "reason") {
    const r = await desk.refuseClaim(person, claimId, typed);
    if (r.ok) return finished(ctx, ctx.t("staff.claims.refused", { trackingNo: r.claim.trackingNo }));
    return r.reason === "empty" || r.reason === "too_long"
      ? question(ctx, refusedText(ctx, r.reason), state)
      : finished(ctx, refusedText(ctx, r.reason));
  }
  // The amount: then how it is paid.
  const amountFen = parseYuan(typed);
  if (amountFen === undefined) {
    return question(ctx, ctx.t("staff.claims.badAmount", { max: CLAIM_AMOUNT_MAX_YUAN }), state);
  }
  return paidByQuestion(ctx, claimId, amountFen);
}

/** A way of paying typed instead of pressed ("微信", "by Alipay"): its name in either language. */
function typedPayout(text: string): ClaimPayout | undefined {
  const said = text.normalize("NFKC").toLowerCase();
  return CLAIM_PAYOUTS.find((p) =>
    LANGUAGES.some((lang) => said.includes(t(lang, `claim.payout.${p}`).toLowerCase())),
  );
}

/** How the agreed amount is paid: a button each (CLAIM_PAYOUTS), after what went before. */
function paidByQuestion(
  ctx: FlowContext,
  claimId: string,
  amountFen: number,
  before: Reply[] = [],
): Step<ClaimsState> {
  const choices: Choice[] = CLAIM_PAYOUTS.map((p) => ({
    label: ctx.t(`claim.payout.${p}`),
    value: `pay.${p}`,
  }));
  return {
    replies: [
      ...before,
      ask(ctx.t("staff.claims.ask.paidBy", { amount: yuanText(amountFen) }), [...choices, cancelButton(ctx)]),
    ],
    next: { step: "paidBy", claimId, amountFen },
  };
}

async function onPaidBy(desk: Desk, ctx: FlowContext, state: ClaimsState, claimId: string, value: string) {
  const payout = CLAIM_PAYOUTS.find((p) => p === PAY.exec(value)?.[1]);
  if (state.amountFen === undefined) return card(desk, ctx, claimId, [say(ctx.t("staff.useButtons"))]);
  // Typed, or an old button: the question again, with its buttons (one message).
  if (!payout) return paidByQuestion(ctx, claimId, state.amountFen, [say(ctx.t("staff.useButtons"))]);
  const r = await desk.settleClaim(me(ctx).id, claimId, { amountFen: state.amountFen, paidBy: payout });
  if (!r.ok) return finished(ctx, refusedText(ctx, r.reason));
  const text = ctx.t("staff.claims.settled", {
    trackingNo: r.claim.trackingNo,
    amount: yuanText(state.amountFen),
    paidBy: ctx.t(`claim.payout.${payout}`),
  });
  return finished(ctx, r.late ? `${text}\n${ctx.t("staff.claims.settledLate")}` : text);
}

export function staffClaimsFlow(desk: Desk): Flow<ClaimsState> {
  return {
    name: "staff-claims",
    command: "claims",
    menu: { label: "staff.menu.claims", position: 90 },
    roles: ["agent", "supervisor"],
    state: claimsState,
    start: (ctx, args) => (ID.test(args.trim()) ? card(desk, ctx, args.trim()) : list(desk, ctx)),
    async on(ctx, state, input) {
      const handled = common(ctx, input);
      if (handled) return handled;
      const value = input.kind === "choice" ? input.value : undefined;
      const claimId = state.claimId;
      if (state.step === "list" || !claimId) {
        const id = /^c\.(.+)$/.exec(value ?? "")?.[1];
        if (id && ID.test(id)) return card(desk, ctx, id);
        // A waybill typed: its open claim (staff go through a pile of them).
        const typedNo = input.kind === "text" ? readTrackingNo(ctx, input.text) : undefined;
        const found = typedNo ? (await desk.openClaims()).find((c) => c.trackingNo === typedNo) : undefined;
        if (found) return card(desk, ctx, found.id);
        return list(desk, ctx, [say(ctx.t(typedNo ? "staff.claims.notFound" : "staff.useButtons"))]);
      }
      if (state.step === "card") {
        // SOP-72: "等总公司决定" typed is the pause button all the same, and refused the same way.
        const typed = input.kind === "text" && PAUSE_WORDS.test(input.text) ? "pause" : undefined;
        return onCard(desk, ctx, claimId, value ?? typed ?? "");
      }
      if (state.step === "paidBy") {
        const typed = input.kind === "text" ? typedPayout(input.text) : undefined;
        return onPaidBy(desk, ctx, state, claimId, value ?? (typed ? `pay.${typed}` : ""));
      }
      if (input.kind !== "text") return question(ctx, ctx.t("staff.typeIt"), state);
      return onTyped(desk, ctx, state, claimId, input.text);
    },
  };
}
