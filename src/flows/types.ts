import type { z } from "zod";
import type { DirectoryIndex, Person, Role } from "../domain/config/directory";
import type { Policy } from "../domain/config/policy";
import type { BusinessCalendar } from "../domain/kernel/calendar";
import type { ChatRef, Language } from "../domain/kernel/chat";
import type { Clock } from "../domain/kernel/clock";
import type { MessageKey, Params } from "../domain/messages";
import type { DeskLookups } from "../domain/ports/lookups";

/**
 * Every flow of the desk, by name. The registry (src/flows/registry.ts) must hold each one, and a
 * hand-over (`then: { flow }`) or a flow button can only name one of these.
 */
export const FLOW_NAMES = [
  "track",
  "pickup",
  "mypickups",
  "human",
  "staff-menu",
  "agent-queries",
  "agent-query",
  "agent-seat",
  "agent-available",
  "agent-busy",
  "branch-query",
  "problem-note",
  "hold-parcel",
  "dispatch-pickups",
  "courier-pickups",
  "overdue-queries",
  "claim", // SOP-70..SOP-72: /claim, a customer's compensation claim
  "complain", // SOP-82: /complain, a customer's complaint
  "staff-claims", // SOP-70..SOP-72: /claims, the open claims by time left
  "staff-complaints", // SOP-82: /complaints, the open complaints by level and age
  "staff-branch-complaint", // SOP-11: another branch's complaint, its fine
  "return-parcel", // SOP-52: /return, the origin asked for a parcel back
  "broadcast", // SOP-83: /broadcast, a duty lead's notice to couriers and drivers
  "broadcasts", // SOP-83: /broadcasts, who has not acknowledged
  "broadcast-ack", // SOP-83: a typed "收到" acknowledges the latest broadcast
  "workload", // SOP-90: /workload
  "branch-ask", // SOP-13: /askbranch
  "branch-asks", // SOP-13: /branchasks, what waits on other branches
  "receipt-entry", // SOP-74: /signed
  "receipt-query", // SOP-73: /receipt
  "undelivered", // SOP-44: /undelivered
] as const;
export type FlowName = (typeof FLOW_NAMES)[number];

export function isFlowName(name: string): name is FlowName {
  return (FLOW_NAMES as readonly string[]).includes(name);
}

/** What a channel hands the engine, already parsed from the platform's update. */
export type ChannelInput =
  /** `replyTo`: the words of the desk's own message this text replies to (a Telegram reply), if any. */
  | { kind: "text"; text: string; replyTo?: string }
  | { kind: "command"; name: string; args: string }
  | { kind: "choice"; payload: string } // a button's payload, untrusted: the engine validates it
  | { kind: "contact"; phone: string; ownContact: boolean }
  | { kind: "location"; latitude: number; longitude: number }
  /** A photo as the channel's file reference, with the words sent with it (Telegram's caption), if any. */
  | { kind: "photo"; fileRef: string; caption?: string };

/** What may be sent outside any flow and still start one (the engine's route). */
export type RoutableInput = Extract<ChannelInput, { kind: "text" } | { kind: "photo" }>;

/** Where a routed input goes: the flow to start and its arguments; undefined: nowhere (the menu). */
export type Routed<N extends string = FlowName> = { flow: N; args: string } | undefined;

/**
 * What typed text means before the running flow or the route sees it (a request for a person, to
 * cancel, a price question): replies in its place, a built-in command, or a flow to start.
 */
export type Intercepted<N extends string = FlowName> =
  | { reply: Reply[] }
  | { command: "help" | "cancel" }
  | { flow: N; args: string }
  | undefined;

/** The running flow as the engine's hooks see it. */
export interface ActiveFlow {
  name: string;
  roles?: readonly Role[] | undefined;
}

/** What a flow receives: a choice is one of the values the flow itself offered. */
export type FlowInput = Exclude<ChannelInput, { kind: "choice" }> | { kind: "choice"; value: string };

export interface Choice {
  label: string;
  value: string;
}

/**
 * Where a reply goes. By default, to the chat the input came from. `privately`: to the sender's
 * own chat with the bot (Who.privateChat), not the chat it came from: in the dispatch group the
 * bot posts only pings and their updates, and whatever answers one person (their job list, a
 * menu) goes to them alone, in their language. The engine marks every reply of a group turn so.
 */
export interface Addressed {
  privately?: true;
}

/**
 * Platform-neutral replies; each channel renders them in its own idiom. A `toast` is a short
 * word about a button press that changes nothing (a stale or foreign button): Telegram shows it as
 * the answerCallbackQuery text; a channel without toasts shows it as a short text. It is never a
 * message of its own, and a turn of toasts only leaves the conversation and its buttons as they were.
 */
export type Reply = (
  | { kind: "text"; text: string }
  | { kind: "choices"; text: string; choices: Choice[] }
  | { kind: "list"; title: string; items: string[] }
  | { kind: "ask_contact"; text: string; buttonLabel: string }
  | { kind: "toast"; text: string }
  | PhotoReply
) &
  Addressed;

/**
 * A photo the desk already holds: the channel's own file reference (QueryMessage.photo, e.g. a
 * Telegram file_id), never the image. One message of its own; the caption says what it is. A
 * channel that cannot show it (a file reference it no longer knows) says so in text instead.
 */
export interface PhotoReply {
  kind: "photo";
  fileRef: string;
  caption?: string;
}

/** A reply as the channel gets it: choice values are replaced by opaque, validated payloads. */
export type RenderedReply =
  | Exclude<Reply, { kind: "choices" }>
  | ({ kind: "choices"; text: string; choices: { label: string; payload: string }[] } & Addressed);

/** Who is talking: the chat, and the directory's person when the sender is staff. */
export interface Who {
  chat: ChatRef;
  person: Person | undefined;
  /** A group chat (the dispatch group): customers' flows are not offered there. */
  isGroup: boolean;
  /** The platform's language hint (Telegram language_code), used until the person picks one. */
  languageHint?: string | undefined;
  /**
   * In a group: the sender's own chat with the bot, set by the channel when it can write there.
   * Replies marked `privately` go there, and the turn runs on that chat's session, so the buttons
   * of a card sent privately work when pressed there.
   */
  privateChat?: ChatRef | undefined;
}

/**
 * What a flow may use besides the Desk (its factory gets the Desk for changes): lookups, the
 * branch's configuration and the clock. No store, scheduler or notifier: a flow cannot reach them.
 */
export interface FlowDeps {
  lookups: DeskLookups;
  policy: Policy;
  calendar: BusinessCalendar;
  directory: DirectoryIndex;
  clock: Clock;
}

export interface FlowContext {
  deps: FlowDeps;
  who: Who;
  /** The flows the engine runs, as they declare themselves: menus and /help list them. */
  flows: readonly FlowDeclaration<string>[];
  language: Language;
  now: Date;
  t(key: MessageKey, params?: Params): string;
}

/** One step of a flow: what to say, and the state to continue with (none: the flow is done). */
export interface Step<S> {
  replies: Reply[];
  next?: S;
  /** Hand over to another flow (its start's replies follow these); an unknown name throws. */
  then?: { flow: FlowName; args?: string };
  /**
   * The input is not for this flow (issue 14 §1: "我要寄快递" typed where a list or an answer
   * waits for a button): the engine ends the flow and handles the same input as if none ran (the
   * typed-intent hook, the route, the menu); this step's replies and state are dropped. Only a
   * flow's `on` passes, and never a form filling a record: its answers would be lost.
   */
  pass?: true;
}

/** A button of the main menu that starts a flow: its label, and its place among the others. */
export interface MenuEntry {
  label: MessageKey;
  /** Menus list their entries by position, lowest first. */
  position: number;
}

/**
 * What a flow says about itself, once: its name, its slash command, its menu button and who may
 * run it. The command lists, the menus and /help are derived from these (src/flows/declarations.ts).
 */
export interface FlowDeclaration<N extends string = FlowName> {
  name: N;
  /** The slash command (without "/") that starts it; described by the catalogue's `command.<name>`. */
  command?: string;
  /** Its button on the main menu (customers' when it has no roles, else staff's by role). */
  menu?: MenuEntry;
  /** Who may run it; absent: everyone. Checked by the engine before start and on every step. */
  roles?: readonly Role[];
}

export interface Flow<S, N extends string = FlowName> extends FlowDeclaration<N> {
  /** Validates the state read back from the session store (a stale shape restarts politely). */
  state: z.ZodType<S>;
  start(ctx: FlowContext, args: string): Promise<Step<S>>;
  on(ctx: FlowContext, state: S, input: FlowInput): Promise<Step<S>>;
  /**
   * After /lang (or the menus' language button) in the middle of this flow: its current question
   * (or summary) asked again in the new language, the state kept (issue 14 §4). Absent, or
   * undefined: the flow ends and the menu is shown in the new language.
   */
  resume?(ctx: FlowContext, state: S): Promise<Step<S> | undefined>;
}

/**
 * The flows by name: one entry for every name, so a flow left out does not compile. Each entry's
 * `name` must be its key (the engine checks).
 */
export type FlowRegistry<N extends string = FlowName> = { readonly [K in N]: Flow<unknown, N> };

/** A button on a notice (not in a session): `a.<name>.<arg>`, handled statelessly by the engine. */
export interface ActionHandler {
  name: string;
  roles?: readonly Role[];
  /** A button on a customer's notice (issue 17): pressed by customers only, never by staff. */
  customers?: true;
  run(ctx: FlowContext, arg: string): Promise<Step<unknown>>;
}
