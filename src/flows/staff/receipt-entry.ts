import { z } from "zod";
import { looksLikeAmount, parseCodAmount, yuanText } from "../../domain/deliveries/cod";
import {
  parseSigner,
  parseStamp,
  SCRIBBLE,
  SIGNER_KINDS,
  type Signer,
  type SignerResult,
  signerText,
  UNSIGNED,
} from "../../domain/deliveries/signer";
import type { Desk } from "../../domain/desk/desk";
import { formatLocalTime, personLabel } from "../../domain/kernel/format";
import type { MessageKey } from "../../domain/messages";
import type { Receipt } from "../../domain/ports/deliveries";
import { ask, forStaff } from "../common";
import type { Choice, Flow, FlowContext, Step } from "../types";
import { cancelButton, common, done, flowButton, menuButton, readTrackingNo } from "./shared";

/**
 * `/signed` (SOP-74) for couriers (and the duty lead correcting one): a waybill number, then who
 * signed, typed as written on the receipt (deliveries/signer.ts: full name, 王,, , ,小明) or one tap
 * (草签, 已收, a company stamp), then, for a COD delivery, the amount collected. "/signed YT… 王小明
 * 58" does it in one message. A form the rule does not know is refused with the reason, never
 * guessed; nothing is stored until the whole entry is valid.
 */
const signerSchema = z.object({
  kind: z.enum(SIGNER_KINDS),
  text: z.string().min(1).max(40),
});
const receiptEntryState = z.object({
  step: z.enum(["tracking", "confirm", "signer", "stamp", "cod"]),
  trackingNo: z.string().max(64).optional(),
  /** The delivered scan's time (ISO), shown again when the signer is asked again. */
  deliveredAt: z.string().max(40).optional(),
  /** A signer typed with the command over someone else's entry, kept until the correction is confirmed. */
  pending: z.string().max(200).optional(),
  cod: z.boolean().optional(),
  signer: signerSchema.optional(),
});
type EntryState = z.infer<typeof receiptEntryState>;

const SCRIBBLE_VALUE = "sg.scribble";
const UNSIGNED_VALUE = "sg.unsigned";
const STAMP_VALUE = "sg.stamp";
const NOT_COD_VALUE = "sg.notcod";
const CORRECT_VALUE = "sg.correct";

export function receiptEntryFlow(desk: Desk): Flow<EntryState> {
  const flow: Flow<EntryState> = {
    name: "receipt-entry",
    command: "signed",
    menu: { label: "staff.menu.signed", position: 85 },
    roles: ["courier", "supervisor"],
    state: receiptEntryState,
    async start(ctx, args) {
      const [first, ...rest] = args.trim().split(/\s+/u);
      if (!first)
        return {
          replies: [ask(ctx.t("staff.askTrackingNo"), [cancelButton(ctx)])],
          next: { step: "tracking" },
        };
      const step = await onParcel(desk, ctx, first, rest.join(" "));
      if (rest.length === 0 || step.next?.step !== "signer") return step;
      return onSigner(desk, ctx, step.next, rest.join(" "));
    },
    async on(ctx, state, input) {
      const handled = common(ctx, input);
      if (handled) return handled;
      const value = input.kind === "choice" ? input.value : undefined;
      const typed = input.kind === "text" ? input.text : undefined;
      // A waybill number typed at any step starts on that parcel: couriers go through a pile.
      if (typed !== undefined && (state.step === "tracking" || readTrackingNo(ctx, typed))) {
        return onParcel(desk, ctx, typed);
      }
      if (!state.trackingNo) return onParcel(desk, ctx, typed ?? "");
      if (state.step === "confirm") return atConfirm(desk, ctx, state, value, typed);
      if (state.step === "signer") return atSigner(desk, ctx, state, value, typed);
      if (state.step === "stamp") return atStamp(desk, ctx, state, typed);
      return atCod(desk, ctx, state, value, typed);
    },
    // After /lang: the question of this step again, in the new language.
    async resume(ctx, state) {
      if (!state.trackingNo || state.step === "tracking") {
        return {
          replies: [ask(ctx.t("staff.askTrackingNo"), [cancelButton(ctx)])],
          next: { step: "tracking" },
        };
      }
      if (state.step === "stamp")
        return { replies: [ask(ctx.t("receipt.askStamp"), [cancelButton(ctx)])], next: state };
      if (state.step === "cod" && state.signer) return askCod(ctx, state, "receipt.askCod");
      return onParcel(desk, ctx, state.trackingNo);
    },
  };
  return flow;
}

/** The signer step: a tap (草签, 已收, the stamp) or the name as written. */
function atSigner(
  desk: Desk,
  ctx: FlowContext,
  state: EntryState,
  value: string | undefined,
  typed: string | undefined,
): Promise<Step<EntryState>> | Step<EntryState> {
  if (value === SCRIBBLE_VALUE)
    return withSigner(desk, ctx, state, { kind: "scribble", text: SCRIBBLE }, undefined);
  if (value === UNSIGNED_VALUE)
    return withSigner(desk, ctx, state, { kind: "unsigned", text: UNSIGNED }, undefined);
  if (value === STAMP_VALUE) {
    return {
      replies: [ask(ctx.t("receipt.askStamp"), [cancelButton(ctx)])],
      next: { ...state, step: "stamp" },
    };
  }
  if (typed !== undefined) return onSigner(desk, ctx, state, typed);
  return askSigner(ctx, state, [ctx.t("staff.useButtons")]);
}

/** The stamp step: the stamp's words. */
function atStamp(
  desk: Desk,
  ctx: FlowContext,
  state: EntryState,
  typed: string | undefined,
): Promise<Step<EntryState>> | Step<EntryState> {
  if (typed === undefined)
    return { replies: [ask(ctx.t("receipt.askStamp"), [cancelButton(ctx)])], next: state };
  const stamp = parseStamp(typed);
  if (!stamp.ok)
    return {
      replies: [ask(ctx.t(`receipt.problem.${stamp.problem}`), [cancelButton(ctx)])],
      next: state,
    };
  return withSigner(desk, ctx, state, stamp.signer, undefined);
}

/** The amount step: the amount collected (required on a COD delivery), or "not COD". */
function atCod(
  desk: Desk,
  ctx: FlowContext,
  state: EntryState,
  value: string | undefined,
  typed: string | undefined,
): Promise<Step<EntryState>> | Step<EntryState> {
  const signer = state.signer;
  if (!signer) return askSigner(ctx, { ...state, step: "signer" });
  if (value === NOT_COD_VALUE) {
    if (state.cod) return askCod(ctx, state, "receipt.codRequired");
    return save(desk, ctx, state, signer, null);
  }
  if (typed === undefined) return askCod(ctx, state, "receipt.askCod");
  const amount = parseCodAmount(typed);
  if (!amount.ok) return askCod(ctx, state, `receipt.amount.${amount.problem}`);
  return save(desk, ctx, state, signer, amount.fen);
}

/**
 * SOP-74: a receipt someone else entered is shown before it is corrected: "更正" goes on to the
 * signer (or to the one typed with the command); anything typed is the signer to correct it to.
 */
function atConfirm(
  desk: Desk,
  ctx: FlowContext,
  state: EntryState,
  value: string | undefined,
  typed: string | undefined,
): Promise<Step<EntryState>> | Step<EntryState> {
  const next: EntryState = { ...state, step: "signer", pending: undefined };
  if (value === CORRECT_VALUE)
    return state.pending ? onSigner(desk, ctx, next, state.pending) : askSigner(ctx, next);
  return onParcel(desk, ctx, state.trackingNo ?? "", typed ?? state.pending);
}

/** Someone else's entry of this delivery: shown, and the correction asked for (SOP-74). */
function askCorrection(ctx: FlowContext, state: EntryState, existing: Receipt): Step<EntryState> {
  const lines = [
    ctx.t("receipt.existing", {
      trackingNo: existing.trackingNo,
      by: personLabel(ctx.deps, ctx.language, existing.enteredBy),
      at: formatLocalTime(existing.enteredAt, forStaff(ctx)),
      signer: signerText(existing.signerKind, existing.signer, ctx.t("receipt.stamp")),
    }),
  ];
  if (state.pending) lines.push(ctx.t("receipt.existingTyped", { typed: state.pending }));
  const choices: Choice[] = [
    { label: ctx.t("receipt.button.correct"), value: CORRECT_VALUE },
    cancelButton(ctx),
  ];
  return { replies: [ask(lines.join("\n"), choices)], next: { ...state, step: "confirm" } };
}

/** A waybill number: its last delivery, then the signer is asked (someone else's entry confirmed first). */
async function onParcel(
  desk: Desk,
  ctx: FlowContext,
  text: string,
  pending?: string,
): Promise<Step<EntryState>> {
  const trackingNo = readTrackingNo(ctx, text);
  const again = (key: MessageKey, params?: Record<string, string>): Step<EntryState> => ({
    replies: [ask(ctx.t(key, params), [cancelButton(ctx)])],
    next: { step: "tracking" },
  });
  if (!trackingNo) return again("staff.badTrackingNo");
  const found = await desk.deliveryFor(trackingNo);
  if (!found.ok)
    return again(found.reason === "unknown_parcel" ? "staff.unknownParcel" : "receipt.notDelivered", {
      trackingNo,
    });
  const deliveredAt = found.delivery.delivered.at;
  const state: EntryState = {
    step: "signer",
    trackingNo,
    cod: found.delivery.cod,
    deliveredAt: deliveredAt.toISOString(),
  };
  const existing = await desk.enteredReceipt(trackingNo);
  if (existing && existing.enteredBy !== ctx.who.person?.id) {
    const kept = pending?.trim();
    return askCorrection(
      ctx,
      { ...state, ...(kept && kept.length <= 200 ? { pending: kept } : {}) },
      existing,
    );
  }
  return askSigner(ctx, state, [], deliveredAt);
}

function askSigner(
  ctx: FlowContext,
  state: EntryState,
  before: string[] = [],
  deliveredAt?: Date,
): Step<EntryState> {
  const choices: Choice[] = [
    { label: ctx.t("receipt.button.scribble"), value: SCRIBBLE_VALUE },
    { label: ctx.t("receipt.button.unsigned"), value: UNSIGNED_VALUE },
    { label: ctx.t("receipt.button.stamp"), value: STAMP_VALUE },
    cancelButton(ctx),
  ];
  const scanned = deliveredAt ?? (state.deliveredAt ? new Date(state.deliveredAt) : undefined);
  const at = scanned ? formatLocalTime(scanned, forStaff(ctx)) : "—";
  const lines = [...before, ctx.t("receipt.askSigner", { trackingNo: state.trackingNo ?? "", at })];
  if (state.cod) lines.push(ctx.t("receipt.askSignerCod"));
  return { replies: [ask(lines.join("\n"), choices)], next: { ...state, step: "signer" } };
}

/** Typed at the signer step: the name as written, perhaps with the amount after it ("王小明 58"). */
async function onSigner(
  desk: Desk,
  ctx: FlowContext,
  state: EntryState,
  typed: string,
): Promise<Step<EntryState>> {
  const words = typed.normalize("NFKC").trim().split(/\s+/u);
  const last = words[words.length - 1] ?? "";
  const withAmount = words.length > 1 && looksLikeAmount(last);
  const parsed: SignerResult = parseSigner(withAmount ? words.slice(0, -1).join(" ") : typed);
  // "盖章" typed for the name: the stamp step, which asks for the stamp's words (SOP-74).
  if (!parsed.ok && parsed.problem === "stamp_without_name") {
    return {
      replies: [ask(ctx.t("receipt.problem.stamp_without_name"), [cancelButton(ctx)])],
      next: { ...state, step: "stamp" },
    };
  }
  if (!parsed.ok) return askSigner(ctx, state, [ctx.t(`receipt.problem.${parsed.problem}`)]);
  return withSigner(desk, ctx, state, parsed.signer, withAmount ? last : undefined);
}

/** The signer is valid: the amount next (typed with it, or asked for a COD delivery), else saved. */
async function withSigner(
  desk: Desk,
  ctx: FlowContext,
  state: EntryState,
  signer: Signer,
  amountText: string | undefined,
): Promise<Step<EntryState>> {
  const next: EntryState = { ...state, step: "cod", signer };
  if (amountText !== undefined) {
    const amount = parseCodAmount(amountText);
    if (!amount.ok) return askCod(ctx, next, `receipt.amount.${amount.problem}`);
    return save(desk, ctx, next, signer, amount.fen);
  }
  if (state.cod) return askCod(ctx, next, "receipt.askCod");
  return save(desk, ctx, next, signer, null);
}

function askCod(ctx: FlowContext, state: EntryState, key: MessageKey): Step<EntryState> {
  const choices: Choice[] = state.cod
    ? [cancelButton(ctx)]
    : [{ label: ctx.t("receipt.button.notCod"), value: NOT_COD_VALUE }, cancelButton(ctx)];
  const text =
    key === "receipt.askCod" || key === "receipt.codRequired"
      ? ctx.t(key, { trackingNo: state.trackingNo ?? "" })
      : `${ctx.t(key)}`;
  return { replies: [ask(text, choices)], next: { ...state, step: "cod" } };
}

async function save(
  desk: Desk,
  ctx: FlowContext,
  state: EntryState,
  signer: Signer,
  codFen: number | null,
): Promise<Step<EntryState>> {
  const trackingNo = state.trackingNo ?? "";
  const me = ctx.who.person;
  if (!me) throw new Error("a staff flow ran for someone who is not in the directory");
  const entered = await desk.enterReceipt(me.id, { trackingNo, signer, codFen });
  if (!entered.ok) {
    if (entered.reason === "cod_amount_missing")
      return askCod(ctx, { ...state, cod: true }, "receipt.codRequired");
    return onParcel(desk, ctx, trackingNo);
  }
  const show = (s: { signerKind: Signer["kind"]; signer: string }) =>
    signerText(s.signerKind, s.signer, ctx.t("receipt.stamp"));
  const text =
    ctx.t("receipt.saved", {
      trackingNo,
      signer: show(entered.receipt),
      kind: ctx.t(`receipt.kind.${entered.receipt.signerKind}`),
      cod: codFen === null ? "" : ctx.t("receipt.savedCod", { amount: yuanText(codFen) }),
    }) + (entered.replaced ? ctx.t("receipt.replaced", { previous: show(entered.replaced) }) : "");
  return done(ask(text, [flowButton(ctx, "receipt.button.next", "receipt-entry"), menuButton(ctx)]));
}
