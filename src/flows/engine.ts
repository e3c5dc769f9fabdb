import { z } from "zod";
import { hasRole, type Role } from "../domain/config/directory";
import { LANGUAGES, type Language, languageFromHint } from "../domain/kernel/chat";
import { durationMs } from "../domain/kernel/duration";
import { cleanText } from "../domain/kernel/text";
import { type MessageKey, type Params, t as translate } from "../domain/messages";
import type { ChatLock, SessionStore } from "../domain/ports";
import type {
  ActionHandler,
  ChannelInput,
  Flow,
  FlowContext,
  FlowDeps,
  FlowInput,
  RenderedReply,
  Reply,
  Step,
  Who,
} from "./types";

/**
 * The flow engine: one conversation step per chat at a time (ChatLock), state in the
 * SessionStore with an idle expiry, buttons validated against what was offered, and one
 * error boundary so nothing a user sends can throw out of it or leave a flow half-done.
 */
export { cleanText } from "../domain/kernel/text";
export const SESSION_VERSION = 1;
export const MAX_TEXT_LENGTH = 2000;
const MAX_CHOICE_VALUE = 48; // Telegram callback data is at most 64 bytes
const LANGUAGE_TTL_MS = 400 * 24 * 3600 * 1000;

const sessionSchema = z.object({
  v: z.literal(SESSION_VERSION),
  flow: z.string().optional(),
  state: z.unknown().optional(),
  offer: z.number().int().nonnegative(),
  offered: z.array(z.string()),
});
type Session = z.infer<typeof sessionSchema>;

export interface CommandRoute {
  flow: string;
  roles?: readonly Role[];
}

export interface EngineOptions {
  deps: FlowDeps;
  sessions: SessionStore;
  lock: ChatLock;
  flows: readonly Flow<unknown>[];
  actions?: readonly ActionHandler[];
  /** Slash commands (without "/") that start a flow. start, help, menu, cancel and lang are built in. */
  commands: Readonly<Record<string, CommandRoute>>;
  /** The flow that starts for a text that is not a command while no flow runs (track, or a staff menu). */
  menu(ctx: FlowContext): Reply[];
  /** What /help shows (default: the customer help). */
  help?(ctx: FlowContext): Reply[];
  /** Text typed outside any flow: the flow it starts, if any (a tracking number starts tracking). */
  route?(ctx: FlowContext, text: string): { flow: string; args: string } | undefined;
  onError?(error: unknown, who: Who): void;
}

export interface Engine {
  handle(who: Who, input: ChannelInput): Promise<RenderedReply[]>;
}

/**
 * Every text a user sends, whatever the input kind, is cleaned and bounded here, once, before
 * any flow or store sees it (a NUL byte is not even storable in Postgres).
 */
export function sanitize(input: ChannelInput): ChannelInput | "too_long" {
  switch (input.kind) {
    case "text": {
      const text = cleanText(input.text);
      return text.length > MAX_TEXT_LENGTH ? "too_long" : { kind: "text", text };
    }
    case "command": {
      const args = cleanText(input.args);
      if (args.length > MAX_TEXT_LENGTH) return "too_long";
      const name = /^[a-z0-9_]{1,32}$/i.test(input.name) ? input.name : "help";
      return { kind: "command", name, args };
    }
    case "contact":
      return { kind: "contact", phone: cleanText(input.phone).slice(0, 40), ownContact: input.ownContact };
    case "photo":
      return { kind: "photo", fileRef: cleanText(input.fileRef).slice(0, 256) };
    case "location":
      return Number.isFinite(input.latitude) &&
        Number.isFinite(input.longitude) &&
        Math.abs(input.latitude) <= 90 &&
        Math.abs(input.longitude) <= 180
        ? input
        : { kind: "text", text: "" };
    case "choice":
      return input;
  }
}

export function sessionKey(who: Who): string {
  return `session:${who.chat.channel}:${who.chat.chatId}:${who.chat.userId ?? "-"}`;
}

function languageKey(who: Who): string {
  return `lang:${who.chat.channel}:${who.chat.userId ?? who.chat.chatId}`;
}

export function createEngine(options: EngineOptions): Engine {
  const flows = new Map(options.flows.map((f) => [f.name, f]));
  const actions = new Map((options.actions ?? []).map((a) => [a.name, a]));
  const { deps, sessions } = options;

  // In a group (the dispatch chat) only staff flows run: a customer's address and phone must
  // not be asked for, nor shown, in front of the group.
  const allowed = (who: Who, roles: readonly Role[] | undefined) =>
    roles ? hasRole(who.person, ...roles) : !who.isGroup;

  async function loadSession(key: string): Promise<{ session: Session; stale: boolean }> {
    const fresh: Session = { v: SESSION_VERSION, offer: 0, offered: [] };
    const raw = await sessions.get(key);
    if (raw === undefined) return { session: fresh, stale: false };
    try {
      const parsed = sessionSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return { session: parsed.data, stale: false };
    } catch {
      // unreadable JSON: treated like an old version
    }
    return { session: fresh, stale: true };
  }

  async function language(who: Who): Promise<Language> {
    const saved = await sessions.get(languageKey(who));
    // The person's own choice (/lang), else the directory's language for staff, else the platform's hint.
    return LANGUAGES.find((l) => l === saved) ?? who.person?.language ?? languageFromHint(who.languageHint);
  }

  function context(who: Who, lang: Language): FlowContext {
    return {
      deps,
      who,
      language: lang,
      now: deps.clock.now(),
      t: (key: MessageKey, params?: Params) => translate(lang, key, params),
    };
  }

  /** Runs one user input through the session's flow (or routes it) and returns the replies. */
  async function step(ctx: FlowContext, session: Session, input: ChannelInput): Promise<Reply[]> {
    const replies: Reply[] = [];
    const active = session.flow ? flows.get(session.flow) : undefined;

    const finish = async (flow: Flow<unknown>, s: Step<unknown>, depth = 0): Promise<void> => {
      replies.push(...s.replies);
      session.flow = s.next === undefined ? undefined : flow.name;
      session.state = s.next;
      if (s.then && depth < 3) {
        const nextFlow = flows.get(s.then.flow);
        if (nextFlow && allowed(ctx.who, nextFlow.roles)) {
          await finish(nextFlow, await nextFlow.start(ctx, s.then.args ?? ""), depth + 1);
        }
      }
    };
    const startFlow = async (name: string, args: string): Promise<boolean> => {
      const flow = flows.get(name);
      if (!flow || !allowed(ctx.who, flow.roles)) return false;
      await finish(flow, await flow.start(ctx, args));
      return true;
    };
    const showMenu = () => {
      session.flow = undefined;
      session.state = undefined;
      if (ctx.who.isGroup && !ctx.who.person)
        replies.push({ kind: "text", text: ctx.t("error.groupPrivateOnly") });
      else replies.push(...options.menu(ctx));
    };

    if (input.kind === "command") {
      const name = input.name.toLowerCase();
      if (name === "start" || name === "menu") {
        showMenu();
        return replies;
      }
      if (name === "help") {
        replies.push(...(options.help?.(ctx) ?? [{ kind: "text", text: ctx.t("help.customer") }]));
        return replies;
      }
      if (name === "cancel") {
        replies.push({ kind: "text", text: ctx.t("flow.cancelled") });
        showMenu();
        return replies;
      }
      const route = options.commands[name];
      // A command the sender may not use is answered as for a customer: help, never a staff reply.
      if (route && allowed(ctx.who, route.roles) && (await startFlow(route.flow, input.args))) return replies;
      replies.push({ kind: "text", text: ctx.t("help.customer") });
      return replies;
    }

    if (input.kind === "choice") {
      const decoded = decodePayload(input.payload);
      if (decoded?.kind === "action") {
        const handler = actions.get(decoded.name);
        if (handler && allowed(ctx.who, handler.roles)) {
          const s = await handler.run(ctx, decoded.arg);
          replies.push(...s.replies);
          if (s.then) await startFlow(s.then.flow, s.then.args ?? "");
          return replies;
        }
      } else if (decoded && decoded.offer === session.offer && session.offered.includes(decoded.value)) {
        const flowValue = /^flow:([\w-]+)$/.exec(decoded.value);
        if (flowValue?.[1] && !active) {
          if (await startFlow(flowValue[1], "")) return replies;
        } else if (active && allowed(ctx.who, active.roles)) {
          const state = active.state.safeParse(session.state);
          if (state.success) {
            await finish(active, await active.on(ctx, state.data, { kind: "choice", value: decoded.value }));
            return replies;
          }
        }
      }
      replies.push({ kind: "text", text: ctx.t("error.expiredButton") });
      showMenu();
      return replies;
    }

    const flowInput: FlowInput = input;
    if (input.kind === "text" && input.text === "") {
      if (!active) showMenu();
      return replies;
    }

    if (active) {
      const state = active.state.safeParse(session.state);
      if (state.success && allowed(ctx.who, active.roles)) {
        await finish(active, await active.on(ctx, state.data, flowInput));
        return replies;
      }
      replies.push({ kind: "text", text: ctx.t("error.sessionRestarted") });
      showMenu();
      return replies;
    }

    if (flowInput.kind === "text") {
      const routed = options.route?.(ctx, flowInput.text);
      if (routed && (await startFlow(routed.flow, routed.args))) return replies;
      showMenu();
      return replies;
    }
    replies.push({ kind: "text", text: ctx.t("error.unsupported") });
    showMenu();
    return replies;
  }

  async function handleLanguage(who: Who, current: Language, args: string): Promise<Language> {
    const wanted = LANGUAGES.find((l) => args.trim().toLowerCase().startsWith(l));
    const next: Language = wanted ?? (current === "zh" ? "en" : "zh");
    await sessions.set(languageKey(who), next, LANGUAGE_TTL_MS);
    return next;
  }

  return {
    async handle(who, input) {
      return options.lock.run(`${who.chat.channel}:${who.chat.chatId}`, async () => {
        const key = sessionKey(who);
        let lang = await language(who);
        try {
          if (input.kind === "command" && input.name.toLowerCase() === "lang") {
            lang = await handleLanguage(who, lang, input.args);
            const ctx = context(who, lang);
            return renderTurn(await loadFresh(key), [
              { kind: "text", text: ctx.t("language.set") },
              ...options.menu(ctx),
            ]);
          }
          if (input.kind === "choice" && input.payload === LANGUAGE_PAYLOAD) {
            lang = await handleLanguage(who, lang, "");
            const ctx = context(who, lang);
            return renderTurn(await loadFresh(key), [
              { kind: "text", text: ctx.t("language.set") },
              ...options.menu(ctx),
            ]);
          }
          const { session, stale } = await loadSession(key);
          const ctx = context(who, lang);
          const clean = sanitize(input);
          const replies =
            clean === "too_long"
              ? [{ kind: "text" as const, text: ctx.t("error.tooLong", { max: MAX_TEXT_LENGTH }) }]
              : await step(ctx, session, clean);
          if (stale) replies.unshift({ kind: "text", text: ctx.t("error.sessionRestarted") });
          return renderTurn(session, replies);
        } catch (error) {
          options.onError?.(error, who);
          await sessions.delete(key).catch(() => {});
          return [{ kind: "text", text: translate(lang, "error.internal") }];
        }

        async function loadFresh(k: string): Promise<Session> {
          return (await loadSession(k)).session;
        }

        /** Encodes this turn's choices under a new offer number and saves the session. */
        async function renderTurn(session: Session, replies: Reply[]): Promise<RenderedReply[]> {
          session.offer = (session.offer + 1) % 1_000_000;
          session.offered = [];
          const rendered = replies.map((r): RenderedReply => {
            if (r.kind !== "choices") return r;
            return {
              kind: "choices",
              text: r.text,
              choices: r.choices.map((c) => {
                if (c.value.length > MAX_CHOICE_VALUE) throw new Error(`choice value too long: ${c.value}`);
                if (c.value === LANGUAGE_VALUE) return { label: c.label, payload: LANGUAGE_PAYLOAD };
                session.offered.push(c.value);
                return { label: c.label, payload: `o${session.offer.toString(36)}.${c.value}` };
              }),
            };
          });
          const ttl = durationMs(deps.clock.now(), deps.policy.session.idleAfter, deps.policy.timezone);
          await sessions.set(key, JSON.stringify(session), ttl);
          return rendered;
        }
      });
    },
  };
}

/** The menu's language button works from any message, old or new. */
export const LANGUAGE_VALUE = "lang";
const LANGUAGE_PAYLOAD = "l";

type DecodedPayload =
  | { kind: "offer"; offer: number; value: string }
  | { kind: "action"; name: string; arg: string };

export function decodePayload(payload: string): DecodedPayload | undefined {
  if (payload.length > 64) return undefined;
  const offer = /^o([0-9a-z]{1,4})\.(.{1,48})$/s.exec(payload);
  if (offer?.[1] && offer[2]) return { kind: "offer", offer: Number.parseInt(offer[1], 36), value: offer[2] };
  const action = /^a\.([a-z]{1,8})\.([\w-]{1,48})$/.exec(payload);
  if (action?.[1] && action[2]) return { kind: "action", name: action[1], arg: action[2] };
  return undefined;
}
