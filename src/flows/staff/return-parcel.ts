import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { waybillReturnMarking } from "../../domain/holds/timeline";
import type { MessageKey } from "../../domain/messages";
import { readDestination, readWeight } from "../../domain/returns/destination";
import { type OriginReturnRefusal, quoteReturnFee, readOriginName } from "../../domain/returns/origin-return";
import { ask } from "../common";
import { type FormField, form } from "../form";
import type { Choice, Flow, FlowContext, Reply, Step } from "../types";
import { cancelButton, common, done, ID, me, menuButton, readTrackingNo } from "./shared";

/**
 * `/return` (SOP-52): the origin branch asks for a parcel back, answering a self-pickup message or
 * on its own, held or not. An agent records it: the tracking number (SOP-43: refused before any
 * question without the zone's delivery scan), the origin when the scans name none, the weight and
 * the destination province for the SOP-60 fee, and, for a parcel not on hold, who has it (a
 * courier, or the warehouse). The summary shows the marking and the fee; confirming marks the
 * return and tells the courier or warehouse and the parcel's followers.
 */

const WAREHOUSE = "warehouse";

/** What the tracking number's answer tells the later questions (a form's answers are its fields). */
interface ParcelFacts {
  trackingNo: string;
  /** The origin as the scans name it; "" when they name none (then `origin` is asked). */
  scanOrigin: string;
  /** On hold: it is at the warehouse, so nobody is asked where it is. */
  held: boolean;
}

interface ReturnValues {
  parcel: ParcelFacts;
  origin: string;
  weightKg: number;
  destination: string;
  /** A courier's id, or "warehouse". */
  heldBy: string;
}

const values = z
  .object({
    parcel: z.object({ trackingNo: z.string().max(64), scanOrigin: z.string().max(100), held: z.boolean() }),
    origin: z.string().max(100),
    weightKg: z.number().positive().max(1000),
    destination: z.string().max(100),
    heldBy: z.string().max(48),
  })
  .partial() as z.ZodType<Partial<ReturnValues>>;

type Err = MessageKey;

function text(ctx: FlowContext, key: MessageKey, error: Err | undefined, params = {}): Reply[] {
  return [
    ask([...(error ? [ctx.t(error, params)] : []), ctx.t(key, params)].join("\n"), [cancelButton(ctx)]),
  ];
}

const PRECHECK_REFUSAL: Record<OriginReturnRefusal, MessageKey> = {
  unknown_parcel: "staff.return.refused.unknownParcel",
  delivered: "staff.return.refused.delivered",
  no_delivery_scan: "staff.return.refused.noDeliveryScan",
  already_marked: "staff.return.refused.alreadyMarked",
  bad_weight: "staff.return.badWeight",
  bad_destination: "staff.return.badDestination",
  bad_origin: "staff.return.badOrigin",
  not_courier: "staff.return.refused.notCourier",
};

function ended(ctx: FlowContext, line: string): Step<never> {
  return done(ask(line, [menuButton(ctx)]));
}

function markingOf(v: Partial<ReturnValues>): string {
  return waybillReturnMarking(v.parcel?.scanOrigin || v.origin || null);
}

function fields(desk: Desk): FormField<ReturnValues, Err>[] {
  return [
    {
      key: "parcel",
      ask: (ctx, _v, error) => text(ctx, "staff.askTrackingNo", error),
      async parse(ctx, input) {
        const trackingNo = input.kind === "text" ? readTrackingNo(ctx, input.text) : undefined;
        if (!trackingNo) return { error: "staff.badTrackingNo" };
        const pre = await desk.returnPrecheck(trackingNo);
        if (!pre.ok) return { end: ended(ctx, ctx.t(PRECHECK_REFUSAL[pre.reason], { trackingNo })) };
        return {
          set: { parcel: { trackingNo, scanOrigin: pre.originBranch ?? "", held: pre.hold !== undefined } },
        };
      },
    },
    {
      key: "origin",
      applies: (v) => v.parcel?.scanOrigin === "",
      ask: (ctx, _v, error) => text(ctx, "staff.return.askOrigin", error),
      parse(_ctx, input) {
        const origin = input.kind === "text" ? readOriginName(input.text) : undefined;
        return origin ? { set: { origin } } : { error: "staff.return.badOrigin" };
      },
    },
    {
      key: "weightKg",
      ask: (ctx, v, error) =>
        text(ctx, "staff.return.askWeight", error, {
          trackingNo: v.parcel?.trackingNo ?? "",
          marking: markingOf(v),
        }),
      parse(_ctx, input) {
        const weight = input.kind === "text" ? readWeight(input.text) : { ok: false as const };
        return weight.ok ? { set: { weightKg: weight.weightKg } } : { error: "staff.return.badWeight" };
      },
    },
    {
      key: "destination",
      ask: (ctx, _v, error) => text(ctx, "staff.return.askDestination", error),
      parse(ctx, input) {
        const where = input.kind === "text" ? readDestination(input.text, ctx.deps.policy) : undefined;
        return where?.ok
          ? { set: { destination: where.destination } }
          : { error: "staff.return.badDestination" };
      },
    },
    {
      key: "heldBy",
      applies: (v) => v.parcel?.held === false,
      ask(ctx, _v, error) {
        const couriers: Choice[] = ctx.deps.directory
          .withRole("courier")
          .filter((p) => ID.test(p.id))
          .map((p) => ({ label: p.workNo ? `${p.name} ${p.workNo}` : p.name, value: `h.${p.id}` }));
        const choices = [
          ...couriers,
          { label: ctx.t("staff.return.button.warehouse"), value: `h.${WAREHOUSE}` },
          cancelButton(ctx),
        ];
        return [ask([...(error ? [ctx.t(error)] : []), ctx.t("staff.return.askWhere")].join("\n"), choices)];
      },
      parse(_ctx, input) {
        const value = input.kind === "choice" ? /^h\.([\w-]{1,48})$/.exec(input.value)?.[1] : undefined;
        return value ? { set: { heldBy: value } } : { error: "staff.useButtons" };
      },
    },
  ];
}

function whoText(ctx: FlowContext, heldBy: string | undefined): string {
  if (!heldBy || heldBy === WAREHOUSE) return ctx.t("staff.return.warehouse");
  return ctx.deps.directory.person(heldBy)?.name ?? heldBy;
}

function summaryText(
  ctx: FlowContext,
  v: Partial<ReturnValues>,
): string | { set: Partial<ReturnValues>; error: Err } {
  const fee = quoteReturnFee(ctx.deps, v.weightKg ?? 0, v.destination ?? "");
  if (!fee.ok) return { set: { weightKg: undefined }, error: "staff.return.badWeight" };
  const route = ctx.t(`staff.return.route.${fee.route}`);
  const feeText =
    fee.yuan === 0
      ? ctx.t("staff.return.fee.free", { route })
      : ctx.t("staff.return.fee.priced", { yuan: fee.yuan, route, kg: fee.chargedKg });
  return [
    ctx.t("staff.return.confirm", {
      trackingNo: v.parcel?.trackingNo ?? "",
      marking: markingOf(v),
      kg: v.weightKg ?? "",
      destination: v.destination ?? "",
      fee: feeText,
      who: v.parcel?.held ? ctx.t("staff.return.warehouse") : whoText(ctx, v.heldBy),
    }),
    ctx.t("staff.return.feeAir"),
  ].join("\n");
}

export function returnParcelFlow(desk: Desk): Flow<unknown> {
  const returnForm = form<ReturnValues, Err>({
    values,
    errors: z.string().max(80) as unknown as z.ZodType<Err>,
    fields: fields(desk),
    hint: "staff.useButtons",
    summary: { text: summaryText, submit: "staff.return.button.confirm" },
    async submit(ctx, v) {
      const result = await desk.markOriginReturn(me(ctx).id, {
        trackingNo: v.parcel?.trackingNo ?? "",
        weightKg: v.weightKg ?? 0,
        destination: v.destination ?? "",
        heldBy: v.parcel?.held || !v.heldBy || v.heldBy === WAREHOUSE ? null : v.heldBy,
        originBranch: v.parcel?.scanOrigin === "" ? v.origin : undefined,
      });
      if (result.ok) {
        const marked = ctx.t("staff.return.marked", {
          trackingNo: result.parcelReturn.trackingNo,
          marking: result.parcelReturn.marking,
          who: v.parcel?.held ? ctx.t("staff.return.warehouse") : whoText(ctx, v.heldBy),
        });
        // Followers told: said on its own line, and only when there were any.
        const told = result.customersTold;
        const customers = told > 0 ? `\n${ctx.t("staff.return.customersTold", { customers: told })}` : "";
        return { end: ended(ctx, `${marked}${customers}`) };
      }
      // What the agent typed was refused at the last moment: asked again; anything else ends the flow.
      if (result.reason === "bad_weight")
        return { set: { weightKg: undefined }, error: "staff.return.badWeight" };
      if (result.reason === "bad_destination")
        return { set: { destination: undefined }, error: "staff.return.badDestination" };
      if (result.reason === "bad_origin")
        return { set: { origin: undefined }, error: "staff.return.badOrigin" };
      return {
        end: ended(ctx, ctx.t(PRECHECK_REFUSAL[result.reason], { trackingNo: v.parcel?.trackingNo ?? "" })),
      };
    },
    cancel: (ctx) => done(ask(ctx.t("flow.cancelled"), [menuButton(ctx)])),
  });

  const flow: Flow<z.infer<typeof returnForm.state>> = {
    name: "return-parcel",
    command: "return",
    menu: { label: "staff.menu.return", position: 82 },
    roles: ["agent", "supervisor"],
    state: returnForm.state,
    async start(ctx, args) {
      const first = await returnForm.start(ctx);
      if (args.trim() === "" || !first.next) return first;
      return returnForm.on(ctx, first.next, { kind: "text", text: args });
    },
    on: (ctx, state, input) => Promise.resolve(common(ctx, input) ?? returnForm.on(ctx, state, input)),
    resume: (ctx, state) => returnForm.resume(ctx, state),
  };
  return flow as Flow<unknown>;
}
