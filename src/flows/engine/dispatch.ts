import type { Role } from "../../domain/config/directory";
import type { ChannelInput, FlowInput } from "../types";
import { typedChoice } from "./answers";
import { runBuiltIn } from "./commands";
import { allowed } from "./flow-table";
import { decodePayload, flowOfValue } from "./payloads";
import type { Turn } from "./turn";

/**
 * Where one (clean) input goes: a command to the built-ins or the flow that declares it, a
 * button to its notice action or to the session's flow, anything else to the running flow or,
 * outside a flow (or when the flow passes it on), to the typed-intent hook and the desk's route.
 * What cannot be placed ends with the menu.
 */
export async function dispatch(turn: Turn, input: ChannelInput): Promise<void> {
  if (input.kind === "command") return onCommand(turn, input.name.toLowerCase(), input.args);
  if (input.kind === "choice") return onChoice(turn, input.payload);
  if (input.kind === "text" && (await onTypedLabel(turn, input.text))) return;
  return onInput(turn, input);
}

/** Typed text that means one offered button (its label, its start, a yes/no word: answers.ts) presses it. */
async function onTypedLabel(turn: Turn, text: string): Promise<boolean> {
  const { session } = turn;
  const value = typedChoice(session.offered, session.labels, text);
  return value !== undefined && (await onOffered(turn, session.offer, value));
}

async function onCommand(turn: Turn, name: string, args: string): Promise<void> {
  if (runBuiltIn(turn, name)) return;
  const flow = turn.flows.byCommand(name);
  if (flow && (await turn.start(flow, args))) return;
  // A staff command from someone not in the directory: told politely that it is for the staff; from
  // a colleague without its roles: whose command it is. On every channel alike. Any other command
  // the sender may not use is answered as for a customer.
  if (flow?.roles && !turn.ctx.who.person) return turn.say("channel.notInDirectory");
  if (flow?.roles)
    return turn.say("channel.commandForRoles", { command: name, roles: roleNames(turn, flow.roles) });
  turn.say("help.customer");
}

/** "话务员或值班组长" / "agents or the duty lead". */
function roleNames(turn: Turn, roles: readonly Role[]): string {
  return roles.map((role) => turn.ctx.t(`role.${role}`)).join(turn.ctx.t("role.or"));
}

/**
 * A button press. One that cannot act (stale: of an older message or pressed twice; foreign: of a
 * card meant for someone else) is answered with a toast and changes nothing: the flow goes on
 * where it was, its buttons live (issue 14 §3). An old menu's button does not start its flow
 * again either: a double tap on a button that did something (the seat toggle) must not do it twice.
 */
async function onChoice(turn: Turn, payload: string): Promise<void> {
  const decoded = decodePayload(payload);
  if (decoded?.kind === "action") return runAction(turn, decoded.name, decoded.arg);
  if (decoded?.kind === "offer") {
    if (await onOffered(turn, decoded.offer, decoded.value)) return;
    // The button just answered, tapped again: it was taken once (issue 14 §3), nothing expired.
    if (turn.isDoubleTap(decoded.offer, decoded.value)) return turn.toast("buttons.alreadyDone");
  }
  turn.toast(turn.inFlow ? "buttons.stale" : "buttons.staleNoFlow");
}

/**
 * A notice's button: no session, the handler's roles checked; someone else's card gets a toast.
 * A notice button is a staff member's, except a handler marked `customers` (issue 17: a parcel
 * push's buttons): one pressed by the other side is someone else's, never expired, whatever its name.
 */
async function runAction(turn: Turn, name: string, arg: string): Promise<void> {
  const handler = turn.flows.action(name);
  // A customer's notice button (issue 17: a parcel's pushes) is theirs alone; staff's are staff's.
  const forCustomers = handler?.customers === true;
  if (
    forCustomers
      ? turn.ctx.who.person
      : !turn.ctx.who.person || (handler && !allowed(turn.ctx.who, handler.roles))
  )
    return turn.toast("buttons.notForYou");
  if (!handler) return turn.toast(turn.inFlow ? "buttons.stale" : "buttons.staleNoFlow");
  const step = await handler.run(turn.ctx, arg);
  turn.replies.push(...step.replies);
  if (step.then) await turn.start(turn.flows.get(step.then.flow), step.then.args ?? "");
}

/** A choice of the last turn (false: not this session's offer, or its flow cannot take it). */
async function onOffered(turn: Turn, offer: number, value: string): Promise<boolean> {
  const { ctx, session } = turn;
  if (offer !== session.offer || !session.offered.includes(value)) return false;
  const active = turn.active;
  const starts = flowOfValue(value);
  if (starts && !active) {
    // The name comes from a stored offer: an unknown one (an older version's) is an expired button.
    const flow = turn.flows.find(starts);
    if (!flow || !(await turn.start(flow, ""))) return false;
    session.answered = { offer, value };
    return true;
  }
  if (!active || !allowed(ctx.who, active.roles)) return false;
  const state = active.state.safeParse(session.state);
  if (!state.success) return false;
  session.answered = { offer, value };
  const step = await active.on(ctx, state.data, { kind: "choice", value });
  // A button is the flow's own: passed on, there is nothing else to do with it but the menu.
  if (step.pass) turn.showMenu();
  else await turn.apply(active, step);
  return true;
}

async function onInput(turn: Turn, input: Exclude<FlowInput, { kind: "choice" }>): Promise<void> {
  const active = turn.active;
  if (input.kind === "text" && input.text === "") {
    if (!active) turn.showMenu();
    return;
  }
  if (!active) return outside(turn, input);
  if (input.kind === "text" && (await intercepted(turn, input))) return;
  const state = active.state.safeParse(turn.session.state);
  if (!state.success || !allowed(turn.ctx.who, active.roles)) {
    turn.say("error.sessionRestarted");
    turn.showMenu();
    return;
  }
  const step = await active.on(turn.ctx, state.data, input);
  if (!step.pass) return turn.apply(active, step);
  // Not for this flow (issue 14 §1): the flow ends, and the input is taken as if none had run.
  turn.endFlow();
  return outside(turn, input);
}

/** Outside any flow: typed text the desk answers itself, else the route, else the menu. */
async function outside(turn: Turn, input: Exclude<FlowInput, { kind: "choice" }>): Promise<void> {
  if (input.kind === "text" && (await intercepted(turn, input))) return;
  if (input.kind === "text" || input.kind === "photo") {
    const routed = await turn.hooks.route?.(turn.ctx, input);
    if (routed && (await turn.start(turn.flows.get(routed.flow), routed.args))) return;
  }
  if (input.kind !== "text") turn.say("error.unsupported");
  turn.showMenu(input.kind === "text");
}

/** Typed text the desk reads as a request of its own ("人工", "取消", "多少钱?"): true when answered. */
async function intercepted(turn: Turn, input: { text: string; replyTo?: string }): Promise<boolean> {
  const answer = await turn.hooks.intercept?.(turn.ctx, input.text, turn.active, input.replyTo);
  if (!answer) return false;
  if ("reply" in answer) {
    turn.replies.push(...answer.reply);
    return true;
  }
  if ("command" in answer) return runBuiltIn(turn, answer.command);
  const flow = turn.flows.find(answer.flow);
  return flow !== undefined && (await turn.start(flow, answer.args));
}
