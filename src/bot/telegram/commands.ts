import type { BotCommand } from "grammy/types";
import type { Language } from "../../domain/chat";
import { hasRole, type Person } from "../../domain/directory";
import type { CommandRoute } from "../../flows/engine";

/**
 * The command menus Telegram shows (setMyCommands): what the flows' command tables offer, each
 * with a short zh/en description. Customers get the customer commands; each staff member gets,
 * in their own chat, those plus the staff commands their roles allow.
 */
export type CommandTable = Readonly<Record<string, CommandRoute>>;

/** The engine's built-in commands, offered to everyone (start, help, menu, cancel, lang). */
export const BUILT_IN_COMMANDS = ["start", "menu", "help", "cancel", "lang"] as const;

const DESCRIPTIONS: Readonly<Record<string, { zh: string; en: string }>> = {
  start: { zh: "开始", en: "Start" },
  menu: { zh: "主菜单", en: "Main menu" },
  help: { zh: "帮助", en: "Help" },
  cancel: { zh: "取消当前操作", en: "Cancel what you are doing" },
  lang: { zh: "English / 中文", en: "中文 / English" },
  // customers
  track: { zh: "查件:/track 运单号", en: "Track a parcel: /track NUMBER" },
  pickup: { zh: "预约上门取件", en: "Request a pickup" },
  mypickups: { zh: "我的取件预约", en: "My pickup requests" },
  human: { zh: "联系人工客服", en: "Talk to a person" },
  // staff
  queries: { zh: "待处理的查询", en: "Open queries" },
  available: { zh: "示闲:接收新查询", en: "Set my seat available" },
  busy: { zh: "示忙:暂停接收查询", en: "Set my seat busy" },
  branchquery: { zh: "登记兄弟公司查询", en: "Record a query from another branch" },
  overdue: { zh: "超时未回复的查询", en: "Overdue queries" },
  pickups: { zh: "待派的取件", en: "Pickups to place" },
  jobs: { zh: "我的取件任务", en: "My pickup jobs" },
  problem: { zh: "登记问题件", en: "Record a problem parcel" },
  hold: { zh: "自提件登记", en: "Self-pickup parcels" },
};

// Telegram: 1-32 lower-case letters, digits and underscores; descriptions 1-256 characters.
const VALID_NAME = /^[a-z0-9_]{1,32}$/;

export function describeCommand(name: string, language: Language): string {
  const known = DESCRIPTIONS[name];
  return (known ? known[language] : `/${name}`).slice(0, 256);
}

function toBotCommands(names: Iterable<string>, language: Language): BotCommand[] {
  const unique = [...new Set(names)].filter((n) => VALID_NAME.test(n));
  return unique
    .slice(0, 100)
    .map((command) => ({ command, description: describeCommand(command, language) }));
}

/** What every chat is offered: the built-ins and the customer commands. */
export function customerCommands(customer: CommandTable, language: Language): BotCommand[] {
  const names = [...BUILT_IN_COMMANDS, ...Object.keys(customer)].filter((n) => !customer[n]?.roles);
  return toBotCommands(names, language);
}

/** A staff member's own menu: the staff commands their roles allow first, then everyone's. */
export function personCommands(
  customer: CommandTable,
  staff: CommandTable,
  person: Person,
  language: Language = person.language,
): BotCommand[] {
  const own = Object.entries(staff)
    .filter(([, route]) => !route.roles || hasRole(person, ...route.roles))
    .map(([name]) => name);
  return toBotCommands([...own, ...customerCommands(customer, language).map((c) => c.command)], language);
}
