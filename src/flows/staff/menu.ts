import { z } from "zod";
import type { Role } from "../../domain/config/directory";
import type { MessageKey } from "../../domain/messages";
import { commandsFor, describeCommand, say } from "../common";
import { customerHelp, trackingRoute } from "../customer/menu";
import { LANGUAGE_VALUE } from "../engine";
import type { Choice, Flow, FlowContext, Reply } from "../types";
import { STAFF_COMMANDS } from "./commands";

/**
 * The staff menu: the SOP-80 greeting with the person's work number, then one button per thing
 * their roles do. Synchronous (the engine's menu), so the seat button toggles and the reply of
 * the seat flow says which state the seat is now in (SOP-14).
 */
const ENTRIES: readonly { roles: readonly Role[]; key: MessageKey; flow: string }[] = [
  { roles: ["agent", "supervisor"], key: "staff.menu.queries", flow: "agent-queries" },
  { roles: ["supervisor"], key: "staff.menu.overdue", flow: "overdue-queries" },
  { roles: ["agent"], key: "staff.menu.seat", flow: "agent-seat" },
  { roles: ["agent"], key: "staff.menu.branchQuery", flow: "branch-query" },
  { roles: ["courier"], key: "staff.menu.jobs", flow: "courier-pickups" },
  { roles: ["dispatcher"], key: "staff.menu.pickups", flow: "dispatch-pickups" },
  { roles: ["agent", "courier"], key: "staff.menu.problem", flow: "problem-note" },
  { roles: ["agent", "courier"], key: "staff.menu.hold", flow: "hold-parcel" },
];

/** SOP-80: "您好,某某快递 NNN 号为您服务" (the network's name, the person's work number). */
export function staffGreeting(ctx: FlowContext): string {
  const person = ctx.who.person;
  const branch = ctx.deps.directory.branch;
  const network = ctx.language === "en" ? branch.networkEn : branch.network;
  if (!person) return ctx.t("greeting.customer", { branch: branch.name });
  return person.workNo
    ? ctx.t("greeting.staff", { network, workNo: person.workNo })
    : ctx.t("staff.greeting.noWorkNo", { network, name: person.name });
}

export function staffMenu(ctx: FlowContext): Reply[] {
  const person = ctx.who.person;
  const roles = person?.roles ?? [];
  const choices: Choice[] = ENTRIES.filter((e) => e.roles.some((r) => roles.includes(r))).map((e) => ({
    label: ctx.t(e.key),
    value: `flow:${e.flow}`,
  }));
  const language: Choice = { label: ctx.t("menu.language"), value: LANGUAGE_VALUE };
  const lines = [staffGreeting(ctx)];
  // SOP-24: drivers only get notices (goods to collect); their menu says so.
  if (roles.includes("driver")) lines.push(ctx.t("staff.menu.driverHelp"));
  if (choices.length === 0 && !roles.includes("driver")) lines.push(ctx.t("staff.menu.nothing"));
  if (choices.length > 0) lines.push(ctx.t("menu.staff", { name: person?.name ?? "" }));
  return [{ kind: "choices", text: lines.join("\n"), choices: [...choices, language] }];
}

/** /help for staff: the commands their roles allow, one line each, then the ones everyone has. */
export function staffHelp(ctx: FlowContext): Reply[] {
  const person = ctx.who.person;
  if (!person) return customerHelp(ctx);
  const names = [...commandsFor(STAFF_COMMANDS, person), ...EVERYONE];
  const lines = [
    ctx.t("help.staff", { name: person.name }),
    ...names.map((name) => `/${name} — ${describeCommand(name, ctx.language)}`),
    ctx.t("help.staff.track"),
  ];
  if (person.roles.includes("driver")) lines.push(ctx.t("staff.menu.driverHelp"));
  return [say(lines.join("\n"))];
}

/** The engine's own commands a staff member's help lists after their roles' ones. */
const EVERYONE = ["menu", "lang", "cancel"] as const;

/**
 * Text typed outside any flow: a tracking number is tracked, as for a customer (the same rule);
 * anything else shows the staff menu (the engine does that when this is undefined).
 */
export function staffRoute(ctx: FlowContext, text: string): { flow: string; args: string } | undefined {
  return trackingRoute(ctx, text);
}

const menuState = z.object({}).strict();

/** The menu as a flow, so a "menu" button at the end of a staff flow can show it. */
export function staffMenuFlow(): Flow<z.infer<typeof menuState>> {
  return {
    name: "staff-menu",
    roles: ["agent", "courier", "driver", "dispatcher", "supervisor", "admin"],
    state: menuState,
    start: async (ctx) => ({ replies: staffMenu(ctx) }),
    on: async (ctx) => ({ replies: staffMenu(ctx) }),
  };
}
