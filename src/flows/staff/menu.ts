import { z } from "zod";
import { encodeBroadcastReply, isAcknowledgementWord } from "../../domain/broadcasts/ack-words";
import { matchIntent } from "../../domain/intents";
import { LANGUAGES } from "../../domain/kernel/chat";
import { t } from "../../domain/messages";
import { commandsFor, describeCommand, say } from "../common";
import { findTrackingNo } from "../customer/format";
import { customerHelp, trackingRoute } from "../customer/menu";
import { commandTable, menuFlows } from "../declarations";
import { flowValue, LANGUAGE_VALUE } from "../engine/payloads";
import type { Choice, Flow, FlowContext, Reply, RoutableInput, Routed } from "../types";

/**
 * The staff menu: the person by name and work number, then one button per thing
 * their roles do (the staff flows' menu entries and roles). Synchronous (the engine's menu), so
 * the seat button toggles and the reply of the seat flow says which state the seat is now in (SOP-14).
 */

/**
 * The menu's first line: the person by name and work number ("王芳(017),您好。"). SOP-80's
 * greeting ("您好,某某快递 017 号为您服务") is what customers read from staff (queries/greeting.ts);
 * greeting a courier with his own work number, as if he were a customer, read oddly on the phone.
 */
function staffHello(ctx: FlowContext): string {
  const person = ctx.who.person;
  if (!person) return ctx.t("greeting.customer", { branch: ctx.deps.directory.branch.name });
  return person.workNo
    ? ctx.t("staff.menu.hello", { name: person.name, workNo: person.workNo })
    : ctx.t("staff.menu.helloNoWorkNo", { name: person.name });
}

export function staffMenu(ctx: FlowContext): Reply[] {
  const person = ctx.who.person;
  const roles = person?.roles ?? [];
  const choices: Choice[] = menuFlows(ctx.flows, "staff")
    .filter((f) => f.roles?.some((r) => roles.includes(r)))
    .map((f) => ({ label: ctx.t(f.menu.label), value: flowValue(f.name) }));
  const language: Choice = { label: ctx.t("menu.language"), value: LANGUAGE_VALUE };
  const lines = [staffHello(ctx)];
  // SOP-24: drivers only get notices (goods to collect); their menu says so.
  if (roles.includes("driver")) lines.push(ctx.t("staff.menu.driverHelp"));
  if (choices.length === 0 && !roles.includes("driver")) lines.push(ctx.t("staff.menu.nothing"));
  if (choices.length > 0) lines.push(ctx.t("menu.staff"));
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
  if (input.kind !== "text") return undefined;
  // SOP-83: a courier's or driver's typed "收到" acknowledges a broadcast; other words (not a
  // tracking number, not a command) may answer one and go to its duty lead (broadcast-ack.ts).
  const roles = ctx.who.person?.roles ?? [];
  if (!roles.includes("courier") && !roles.includes("driver")) return trackingRoute(ctx, input.text);
  if (isAcknowledgementWord(input.text)) return { flow: "broadcast-ack", args: "" };
  const tracked = trackingRoute(ctx, input.text);
  if (tracked || input.text.trim().startsWith("/")) return tracked;
  // A sentence about a parcel ("YT… 这个件在哪") is a question about that parcel, not an answer.
  const parcel = findTrackingNo(ctx, input.text);
  if (parcel) return { flow: "track", args: parcel };
  // "菜单", "帮助", "取消", "谢谢" ask the desk itself: the menu, not an answer to a broadcast.
  const { intent } = matchIntent(input.text, ctx.deps.policy);
  if (intent === "help" || intent === "cancel" || intent === "thanks") return undefined;
  const word = input.text.trim().toLowerCase();
  if (LANGUAGES.some((language) => t(language, "staff.button.menu").toLowerCase() === word)) return undefined;
  return { flow: "broadcast-ack", args: encodeBroadcastReply(input.text, input.replyTo) };
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
