import { hasRole, type Person } from "../domain/config/directory";
import type { Language } from "../domain/kernel/chat";
import type { LocalTimeOptions } from "../domain/kernel/format";
import { isMessageKey, type MessageKey, t } from "../domain/messages";
import type { CommandTable } from "./declarations";
import type { Choice, FlowContext, FlowName, Reply, Step } from "./types";

/**
 * What the customer and the staff flows share: short replies, the hand-over to another flow, how
 * each audience reads a time, and the commands' descriptions. Every text comes from the catalogue.
 */

export function say(text: string): Reply {
  return { kind: "text", text };
}

/** A text with buttons (a plain text when there are none). */
export function ask(text: string, choices: Choice[]): Reply {
  return choices.length === 0 ? say(text) : { kind: "choices", text, choices };
}

/** A button labelled from the catalogue. */
export function choice(ctx: FlowContext, key: MessageKey, value: string): Choice {
  return { label: ctx.t(key), value };
}

/** Ends this flow and starts another (the engine runs its start after these replies). */
export function handOver(replies: Reply[], flow: FlowName, args = ""): Step<never> {
  // biome-ignore lint/suspicious/noThenProperty: Step.then is the engine's hand-over, an object, never a function
  return { replies, then: { flow, args } };
}

/** formatLocalTime for staff: "14:05" today on the branch's clock, else "11-28 14:05". */
export function forStaff(ctx: FlowContext): LocalTimeOptions {
  return { calendar: ctx.deps.calendar, now: ctx.now };
}

/** formatLocalTime for customers: the date always in words, "11月27日 18:45" / "Nov 27 18:45". */
export function forCustomer(ctx: FlowContext): LocalTimeOptions {
  return { calendar: ctx.deps.calendar, language: ctx.language };
}

/** A command's description (catalogue `command.<name>`); "/name" for a command it does not know. */
export function describeCommand(name: string, language: Language): string {
  const key = `command.${name}`;
  return (isMessageKey(key) ? t(language, key) : `/${name}`).slice(0, 256);
}

/** The commands of a table this person may use (no roles: everyone's), in the table's order. */
export function commandsFor(table: CommandTable, person: Person): string[] {
  return Object.entries(table)
    .filter(([, route]) => !route.roles || hasRole(person, ...route.roles))
    .map(([name]) => name);
}
