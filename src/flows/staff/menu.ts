import { z } from "zod";
import { staffGreeting as greeting } from "../../domain/queries/greeting";
import { commandsFor, describeCommand, say } from "../common";
import { customerHelp, trackingRoute } from "../customer/menu";
import { commandTable, menuFlows } from "../declarations";
import { flowValue, LANGUAGE_VALUE } from "../engine/payloads";
import type { Choice, Flow, FlowContext, Reply, RoutableInput, Routed } from "../types";

/**
 * The staff menu: the SOP-80 greeting with the person's work number, then one button per thing
 * their roles do (the staff flows' menu entries and roles). Synchronous (the engine's menu), so
 * the seat button toggles and the reply of the seat flow says which state the seat is now in (SOP-14).
 */

/** SOP-80: "您好,某某快递 NNN 号为您服务" (the network's name, the person's work number). */
export function staffGreeting(ctx: FlowContext): string {
  const person = ctx.who.person;
  if (!person) return ctx.t("greeting.customer", { branch: ctx.deps.directory.branch.name });
  // The one greeting of the desk (domain/queries/greeting.ts), as customers receive it too.
  return greeting(ctx.deps.directory, ctx.language, person.id);
}

export function staffMenu(ctx: FlowContext): Reply[] {
  const person = ctx.who.person;
  const roles = person?.roles ?? [];
  const choices: Choice[] = menuFlows(ctx.flows, "staff")
    .filter((f) => f.roles?.some((r) => roles.includes(r)))
    .map((f) => ({ label: ctx.t(f.menu.label), value: flowValue(f.name) }));
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
  const names = [...commandsFor(commandTable(ctx.flows, "staff"), person), ...EVERYONE];
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
export function staffRoute(ctx: FlowContext, input: RoutableInput): Routed {
  return input.kind === "text" ? trackingRoute(ctx, input.text) : undefined;
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
