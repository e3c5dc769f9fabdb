import type { Person } from "../../domain/directory";
import type { MessageKey } from "../../domain/messages";
import type { Label } from "../../domain/problem-parcel";
import { checkTrackingNo } from "../../domain/tracking-number";
import type { Choice, FlowContext, FlowInput, Reply, Step } from "../types";

/**
 * What the staff flows share: who is asking, short replies, times on the branch's clock,
 * and the buttons that hand over to another flow. Staff use phones: replies are short and
 * every answer that can be a button is one.
 */

/** The staff member talking. Staff flows declare roles, so the engine only runs them for a person. */
export function me(ctx: FlowContext): Person {
  const person = ctx.who.person;
  if (!person) throw new Error("a staff flow ran for someone who is not in the directory");
  return person;
}

export function say(text: string): Reply {
  return { kind: "text", text };
}

export function ask(text: string, choices: Choice[]): Reply {
  return choices.length === 0 ? say(text) : { kind: "choices", text, choices };
}

/** A step that ends the flow. */
export function done(...replies: Reply[]): Step<never> {
  return { replies };
}

/** The flows' buttons that start another flow once this one has ended (the engine reads `flow:`). */
export function flowButton(ctx: FlowContext, key: MessageKey, flow: string): Choice {
  return { label: ctx.t(key), value: `flow:${flow}` };
}

export function menuButton(ctx: FlowContext): Choice {
  return flowButton(ctx, "staff.button.menu", "staff-menu");
}

export function cancelButton(ctx: FlowContext): Choice {
  return { label: ctx.t("button.cancel"), value: "cancel" };
}

/**
 * A `flow:` button pressed while a flow still runs reaches the flow, not the engine: hand over.
 * "cancel" ends the flow. Returns undefined for any other input.
 */
export function common(ctx: FlowContext, input: FlowInput): Step<never> | undefined {
  if (input.kind !== "choice") return undefined;
  if (input.value === "cancel") return done(ask(ctx.t("flow.cancelled"), [menuButton(ctx)]));
  const flow = /^flow:([\w-]+)$/.exec(input.value)?.[1];
  return flow ? handOver([], flow) : undefined;
}

/** Ends this flow and starts another (its first replies follow these). */
export function handOver(replies: Reply[], flow: string, args = ""): Step<never> {
  // biome-ignore lint/suspicious/noThenProperty: Step.then is the engine's hand-over, an object, never a function
  return { replies, then: { flow, args } };
}

/** The taxonomy's zh/en label in the reader's language. */
export function inLanguage(ctx: FlowContext, label: Label): string {
  return ctx.language === "en" ? label.en : label.zh;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A time as staff read it: "14:05" today on the branch's clock, else "11-28 14:05". */
export function localTime(ctx: FlowContext, at: Date): string {
  const { calendar } = ctx.deps;
  const minutes = calendar.localMinutes(at);
  const clock = `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  const date = calendar.localDate(at);
  return date === calendar.localDate(ctx.now) ? clock : `${date.slice(5)} ${clock}`;
}

/** "1 小时 20 分钟" / "1 h 20 min", rounded down to the minute. */
export function howLong(ctx: FlowContext, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return ctx.t("staff.duration.minutes", { m: minutes });
  if (hours < 48) return ctx.t("staff.duration.hours", { h: hours, m: minutes % 60 });
  return ctx.t("staff.duration.days", { d: Math.floor(hours / 24), h: hours % 24 });
}

/** The first characters of a text, on one line, for a button or a list item. */
export function excerpt(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  const chars = [...oneLine];
  return chars.length <= max ? oneLine : `${chars.slice(0, max - 1).join("")}…`;
}

/** "王芳(017)": how staff name each other (SOP-81: work numbers). */
export function personName(ctx: FlowContext, personId: string): string {
  const person = ctx.deps.directory.person(personId);
  if (!person) return personId;
  return person.workNo ? ctx.t("staff.person", { name: person.name, workNo: person.workNo }) : person.name;
}

/** A tracking number typed by staff, normalised; undefined when it is not one. */
export function readTrackingNo(ctx: FlowContext, text: string): string | undefined {
  const checked = checkTrackingNo(text, ctx.deps.policy);
  return checked.ok ? checked.trackingNo : undefined;
}

/** Ids that come back from arguments and buttons: anything else is not looked up at all. */
export const ID = /^[\w-]{1,48}$/;
