import type { z } from "zod";
import type { Person, Role } from "../domain/config/directory";
import type { DeskDeps } from "../domain/desk/desk";
import type { ChatRef, Language } from "../domain/kernel/chat";
import type { MessageKey, Params } from "../domain/messages";

/** What a channel hands the engine, already parsed from the platform's update. */
export type ChannelInput =
  | { kind: "text"; text: string }
  | { kind: "command"; name: string; args: string }
  | { kind: "choice"; payload: string } // a button's payload, untrusted: the engine validates it
  | { kind: "contact"; phone: string; ownContact: boolean }
  | { kind: "location"; latitude: number; longitude: number }
  | { kind: "photo"; fileRef: string };

/** What a flow receives: a choice is one of the values the flow itself offered. */
export type FlowInput = Exclude<ChannelInput, { kind: "choice" }> | { kind: "choice"; value: string };

export interface Choice {
  label: string;
  value: string;
}

/** Platform-neutral replies; each channel renders them in its own idiom. */
export type Reply =
  | { kind: "text"; text: string }
  | { kind: "choices"; text: string; choices: Choice[] }
  | { kind: "list"; title: string; items: string[] }
  | { kind: "ask_contact"; text: string; buttonLabel: string };

/** A reply as the channel gets it: choice values are replaced by opaque, validated payloads. */
export type RenderedReply =
  | Exclude<Reply, { kind: "choices" }>
  | { kind: "choices"; text: string; choices: { label: string; payload: string }[] };

/** Who is talking: the chat, and the directory's person when the sender is staff. */
export interface Who {
  chat: ChatRef;
  person: Person | undefined;
  /** A group chat (the dispatch group): customers' flows are not offered there. */
  isGroup: boolean;
  /** The platform's language hint (Telegram language_code), used until the person picks one. */
  languageHint?: string | undefined;
}

/** What a flow may read (changes go through the Desk's use cases): the desk's own dependencies. */
export type FlowDeps = Omit<DeskDeps, "newId">;

export interface FlowContext {
  deps: FlowDeps;
  who: Who;
  language: Language;
  now: Date;
  t(key: MessageKey, params?: Params): string;
}

/** One step of a flow: what to say, and the state to continue with (none: the flow is done). */
export interface Step<S> {
  replies: Reply[];
  next?: S;
  /** Hand over to another flow (its start's replies follow these). */
  then?: { flow: string; args?: string };
}

export interface Flow<S> {
  name: string;
  /** Who may run it; absent: everyone. Checked by the engine before start and on every step. */
  roles?: readonly Role[];
  /** Validates the state read back from the session store (a stale shape restarts politely). */
  state: z.ZodType<S>;
  start(ctx: FlowContext, args: string): Promise<Step<S>>;
  on(ctx: FlowContext, state: S, input: FlowInput): Promise<Step<S>>;
}

/** A button on a notice (not in a session): `a.<name>.<arg>`, handled statelessly by the engine. */
export interface ActionHandler {
  name: string;
  roles?: readonly Role[];
  run(ctx: FlowContext, arg: string): Promise<Step<unknown>>;
}
