import type { BotCommand } from "grammy/types";
import type { Person } from "../../domain/config/directory";
import type { Language } from "../../domain/kernel/chat";
import { describeCommand } from "../../flows/common";
import type { CommandTable } from "../../flows/declarations";
import { offeredCommands } from "../../flows/engine";

export { describeCommand } from "../../flows/common";
export type { CommandTable } from "../../flows/declarations";
/** The engine's built-in commands (start, menu, help, cancel, lang) are offered to everyone. */
export { BUILT_IN_COMMANDS } from "../../flows/engine";

/**
 * The command menus Telegram shows (setMyCommands): which commands a chat is offered is the
 * engine's rule (offeredCommands: the built-ins, the customer commands, a staff member's own staff
 * commands first); here they only get Telegram's shape, each with its description from the
 * catalogue (`command.<name>`, zh and en).
 */

// Telegram: 1-32 lower-case letters, digits and underscores; descriptions 1-256 characters.
const VALID_NAME = /^[a-z0-9_]{1,32}$/;

function toBotCommands(names: Iterable<string>, language: Language): BotCommand[] {
  const unique = [...new Set(names)].filter((n) => VALID_NAME.test(n));
  return unique
    .slice(0, 100)
    .map((command) => ({ command, description: describeCommand(command, language) }));
}

/** What every chat is offered: the built-ins and the customer commands. */
export function customerCommands(customer: CommandTable, language: Language): BotCommand[] {
  return toBotCommands(offeredCommands(customer, {}, undefined), language);
}

/** A staff member's own menu: the staff commands their roles allow first, then everyone's. */
export function personCommands(
  customer: CommandTable,
  staff: CommandTable,
  person: Person,
  language: Language = person.language,
): BotCommand[] {
  return toBotCommands(offeredCommands(customer, staff, person), language);
}
