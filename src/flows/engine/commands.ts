import { LANGUAGES, type Language } from "../../domain/kernel/chat";
import type { ChannelInput } from "../types";
import { decodePayload } from "./payloads";
import type { Turn } from "./turn";

/**
 * The engine's own commands, each answered here and only here. Every chat has them; a flow
 * cannot declare one of these names.
 */
export const BUILT_IN_COMMANDS = ["start", "menu", "help", "cancel", "lang"] as const;

/**
 * /lang and the menus' language button (any message, old or new): the language asked for ("" or
 * no known one: the other language). They are answered before the session is read, so that the
 * switch works whatever state the conversation is in.
 */
export function languageRequest(input: ChannelInput): string | undefined {
  if (input.kind === "command" && input.name.toLowerCase() === "lang") return input.args;
  if (input.kind === "choice" && decodePayload(input.payload)?.kind === "language") return "";
  return undefined;
}

export function chosenLanguage(current: Language, asked: string): Language {
  const wanted = LANGUAGES.find((l) => asked.trim().toLowerCase().startsWith(l));
  return wanted ?? (current === "zh" ? "en" : "zh");
}

/** /start, /menu, /help and /cancel; false for any other command (lang: see languageRequest). */
export function runBuiltIn(turn: Turn, name: string): boolean {
  switch (name) {
    case "start":
    case "menu":
      turn.showMenu();
      return true;
    case "help":
      if (turn.hooks.help) turn.replies.push(...turn.hooks.help(turn.ctx));
      else turn.say("help.customer");
      return true;
    case "cancel":
      turn.say("flow.cancelled");
      turn.showMenu();
      return true;
    default:
      return false;
  }
}
