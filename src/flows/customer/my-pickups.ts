import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { normaliseTyped } from "../../domain/intents/text";
import { LANGUAGES } from "../../domain/kernel/chat";
import { excerpt, pickupRef } from "../../domain/kernel/format";
import { checkTrackingNo } from "../../domain/kernel/tracking-number";
import { t } from "../../domain/messages";
import { pickupWhenText, transportText } from "../../domain/pickups/pings";
import type { PickupRequest, PickupStatus } from "../../domain/ports/records";
import { ask, choice, handOver, say } from "../common";
import type { Choice, Flow, FlowContext, Step } from "../types";

/**
 * My pickups (我的取件预约): the customer's open requests (each with its time and transport in the
 * words of the courier's notice), each with a cancel button, a confirmation, then the desk's
 * cancelPickup (which refuses once the courier is on the way).
 */
const myPickupsState = z.discriminatedUnion("step", [
  z.object({ step: z.literal("list") }),
  z.object({ step: z.literal("confirm"), pickupId: z.string().min(1).max(40) }),
]);
type MyPickupsState = z.infer<typeof myPickupsState>;

/** Open: the courier has not collected it and nobody cancelled it. */
const OPEN_STATUSES = ["requested", "assigned", "accepted"] as const satisfies readonly PickupStatus[];
type OpenStatus = (typeof OPEN_STATUSES)[number];
/** Buttons shown at most (a chat keyboard stays readable). */
export const MY_PICKUPS_MAX = 8;
const ADDRESS_CLIP = 24;

function isOpen(p: PickupRequest): p is PickupRequest & { status: OpenStatus } {
  return (OPEN_STATUSES as readonly string[]).includes(p.status);
}

export function myPickupsFlow(desk: Desk): Flow<MyPickupsState> {
  async function openPickups(ctx: FlowContext): Promise<(PickupRequest & { status: OpenStatus })[]> {
    const all = await desk.myPickups(ctx.who.chat);
    return all
      .filter(isOpen)
      .sort(
        (a, b) =>
          a.earliestAt.getTime() - b.earliestAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime(),
      )
      .slice(0, MY_PICKUPS_MAX);
  }

  async function list(ctx: FlowContext): Promise<Step<MyPickupsState>> {
    const open = await openPickups(ctx);
    if (open.length === 0) {
      return {
        replies: [ask(ctx.t("customer.myPickups.none"), [choice(ctx, "menu.pickup", "new")])],
        next: { step: "list" },
      };
    }
    const buttons: Choice[] = open.map((p) => ({
      label: ctx.t("customer.myPickups.cancelButton", { ref: pickupRef(p) }),
      value: `cancel:${p.id}`,
    }));
    buttons.push(choice(ctx, "customer.button.done", "done"));
    return {
      replies: [
        {
          kind: "list",
          title: ctx.t("customer.myPickups.title"),
          items: open.map((p) =>
            ctx.t("pickup.mine.item", {
              ref: pickupRef(p),
              when: pickupWhenText(ctx.deps, p, ctx.language, ctx.now, "customer"),
              transport: transportText(ctx.language, p),
              address: excerpt(p.address, ADDRESS_CLIP),
              status: ctx.t(`pickupStatus.${p.status}`),
            }),
          ),
        },
        ask(ctx.t("customer.myPickups.prompt"), buttons),
      ],
      next: { step: "list" },
    };
  }

  async function cancel(ctx: FlowContext, pickupId: string): Promise<Step<MyPickupsState>> {
    const result = await desk.cancelPickup(ctx.who.chat, pickupId);
    if (result.ok) {
      return { replies: [say(ctx.t("customer.myPickups.cancelled", { ref: pickupRef(result.pickup) }))] };
    }
    if (result.reason === "too_late") {
      return {
        replies: [say(ctx.t("customer.myPickups.tooLate", { hotline: ctx.deps.directory.branch.hotline }))],
      };
    }
    return { replies: [say(ctx.t("customer.myPickups.gone"))] };
  }

  return {
    name: "mypickups",
    command: "mypickups",
    menu: { label: "menu.myPickups", position: 30 },
    state: myPickupsState,
    start: (ctx) => list(ctx),
    async on(ctx, state, input) {
      // A tracking number typed here is a new request: look it up.
      if (input.kind === "text" && checkTrackingNo(input.text, ctx.deps.policy).ok) {
        return handOver([], "track", input.text);
      }
      // The menu button's own words typed ("我的取件预约", "我的预约"): the list again, not the menu.
      if (input.kind === "text" && namesMyPickups(input.text)) return list(ctx);
      // Anything else typed or sent at the list ("我要寄快递", "多少钱?") is a new request, taken
      // as if no flow ran (issue 14 §1); at the confirmation the question stands.
      if (state.step === "list" && (input.kind === "text" || input.kind === "photo")) {
        return { replies: [], pass: true };
      }
      if (input.kind !== "choice") {
        // Typed text while the confirmation waits: show the list again with the buttons.
        const again = await list(ctx);
        return { ...again, replies: [say(ctx.t("customer.chooseBelow")), ...again.replies] };
      }
      const value = input.value;
      if (state.step === "list") {
        if (value === "new") return handOver([], "pickup");
        if (value === "done") return { replies: [say(ctx.t("customer.done"))] };
        const pickupId = value.startsWith("cancel:") ? value.slice("cancel:".length) : "";
        const pickup = (await openPickups(ctx)).find((p) => p.id === pickupId);
        if (!pickup) return { replies: [say(ctx.t("customer.myPickups.gone"))] };
        return confirmCancel(ctx, pickup);
      }
      if (value === "yes") return cancel(ctx, state.pickupId);
      return { replies: [say(ctx.t("customer.myPickups.kept"))] };
    },
  };
}

/** Either language's words for this list ("我的预约", "my pickups"), case, width and punctuation aside. */
const MY_PICKUPS_WORDS = new Set(
  LANGUAGES.flatMap((l) => t(l, "customer.myPickups.typed").split("|")).map((w) => normaliseTyped(w)),
);

/** The customer typed the name of this list ("我的取件预约吧" too). */
function namesMyPickups(text: string): boolean {
  const typed = normaliseTyped(text).replace(/[吧啊呀呢哦]+$/u, "");
  return MY_PICKUPS_WORDS.has(typed);
}

/**
 * Asks before cancelling: which pickup (reference, address, and its time and transport in the
 * words of the courier's notice), yes or keep.
 */
function confirmCancel(ctx: FlowContext, pickup: PickupRequest): Step<MyPickupsState> {
  const text = ctx.t("pickup.mine.confirmCancel", {
    ref: pickupRef(pickup),
    address: excerpt(pickup.address, ADDRESS_CLIP),
    when: pickupWhenText(ctx.deps, pickup, ctx.language, ctx.now, "customer"),
    transport: transportText(ctx.language, pickup),
  });
  return {
    replies: [
      ask(text, [
        choice(ctx, "customer.myPickups.button.yesCancel", "yes"),
        choice(ctx, "customer.myPickups.button.keep", "keep"),
      ]),
    ],
    next: { step: "confirm", pickupId: pickup.id },
  };
}
