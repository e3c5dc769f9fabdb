import type { Person } from "../../domain/config/directory";
import { type Language, languageFromHint } from "../../domain/kernel/chat";
import { t } from "../../domain/messages";
import { commandsFor } from "../common";
import type { CommandTable } from "../declarations";
import type { ChannelInput, RenderedReply, Who } from "../types";
import { BUILT_IN_COMMANDS } from "./commands";

/**
 * The rules every channel applies the same way before and after the engine's turn, written once
 * (issue 10 §1): what a group chat may send the bot, the language a failure is told in, and the
 * commands a chat is offered. Telegram and Slack only parse and render around these.
 */

/**
 * In a group (the dispatch chat or channel) only commands and button presses are for the bot: the
 * group's chatter is not, and a customer's details are never asked for there. Whether the sender
 * may run what they asked is the engine's check (flow-table `allowed`: staff flows only in a group).
 */
export function acceptedInGroup(input: ChannelInput): boolean {
  return input.kind === "command" || input.kind === "choice";
}

/**
 * A toast answers the press (or the channel's typed command) that caused it: a popup, an
 * ephemeral note, a brief line; without one it is a short message like the others, in its place.
 * `messages` are what the channel posts; `answers`: the turn has a message that is not a toast (it
 * moves the conversation on, so the last turn's buttons go); a turn of toasts alone leaves them.
 */
export function toastOrMessage(
  replies: readonly RenderedReply[],
  pressed: boolean,
): { toasts: string[]; messages: RenderedReply[]; answers: boolean } {
  const toasts = pressed ? replies.flatMap((r) => (r.kind === "toast" ? [r.text] : [])) : [];
  const messages = pressed ? replies.filter((r) => r.kind !== "toast") : [...replies];
  return { toasts, messages, answers: replies.some((r) => r.kind !== "toast") };
}

/**
 * The language a failure outside the engine's turn is told in (the session cannot be read then): the
 * directory's language for staff, else the platform's hint (Telegram's language_code, Slack's locale).
 */
export function failureLanguage(who: Pick<Who, "person" | "languageHint">): Language {
  return who.person?.language ?? languageFromHint(who.languageHint);
}

/** The polite answer to a failure (a Redis outage, a bug), in failureLanguage. */
export function failureText(who: Pick<Who, "person" | "languageHint">): string {
  return t(failureLanguage(who), "error.internal");
}

/**
 * The commands a chat is offered, in order: a staff member's own staff commands (by role) first,
 * then the engine's built-ins and the customer commands everyone has. Unique names.
 */
export function offeredCommands(
  customer: CommandTable,
  staff: CommandTable,
  person: Person | undefined,
): string[] {
  const everyone = [...BUILT_IN_COMMANDS, ...Object.keys(customer).filter((n) => !customer[n]?.roles)];
  const own = person ? commandsFor(staff, person) : [];
  return [...new Set([...own, ...everyone])];
}

/** Every command name the engine answers (built-ins, customers', every staff command). */
export function knownCommands(customer: CommandTable, staff: CommandTable): Set<string> {
  return new Set([...BUILT_IN_COMMANDS, ...Object.keys(customer), ...Object.keys(staff)]);
}

// The command syntax typed in a text chat (Telegram's own, and the web chat's): 1-32 letters,
// digits or _, an optional @bot, then arguments.
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?(?:\s+([\s\S]*))?$/;

/** `/track@Desk_Bot YT1` → { name: "track", bot: "Desk_Bot", args: "YT1" }; not a command → undefined. */
export function parseCommand(text: string): { name: string; bot?: string; args: string } | undefined {
  const match = COMMAND.exec(text.trim());
  if (!match?.[1]) return undefined;
  return {
    name: match[1].toLowerCase(),
    args: (match[3] ?? "").trim(),
    ...(match[2] ? { bot: match[2] } : {}),
  };
}
