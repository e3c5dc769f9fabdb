import type { Language } from "../../domain/kernel/chat";
import { type MessageKey, type Params, t as translate } from "../../domain/messages";
import type { ChatLock, SessionStore } from "../../domain/ports";
import type {
  ActionHandler,
  ChannelInput,
  FlowContext,
  FlowDeps,
  FlowName,
  FlowRegistry,
  RenderedReply,
  Reply,
  RoutableInput,
  Routed,
  Who,
} from "../types";
import { chosenLanguage, languageRequest } from "./commands";
import { dispatch } from "./dispatch";
import { FlowTable } from "./flow-table";
import { MAX_TEXT_LENGTH, sanitize } from "./input";
import { encodeChoices, nextOffer } from "./payloads";
import { createSessions, type Session } from "./sessions";
import { type EngineHooks, Turn } from "./turn";

/**
 * The flow engine: one conversation step per chat at a time (ChatLock), state in the
 * SessionStore with an idle expiry (sessions.ts), buttons validated against what was offered
 * (payloads.ts), the built-in commands (commands.ts), the input's way to a flow (dispatch.ts), and
 * one error boundary so nothing a user sends can throw out of it or leave a flow half-done.
 */
export { BUILT_IN_COMMANDS } from "./commands";
export { MAX_TEXT_LENGTH, sanitize } from "./input";
export { decodePayload, flowOfValue, flowValue, LANGUAGE_VALUE } from "./payloads";
export type { EngineHooks } from "./turn";

export interface EngineOptions<N extends string = FlowName> extends EngineHooks {
  deps: FlowDeps;
  sessions: SessionStore;
  lock: ChatLock;
  /** Every flow by its name; each flow's command starts it (start, help, menu, cancel and lang are built in). */
  flows: FlowRegistry<N>;
  actions?: readonly ActionHandler[];
  route?(ctx: FlowContext, input: RoutableInput): Routed<N> | Promise<Routed<N>>;
  onError?(error: unknown, who: Who): void;
}

export interface Engine {
  handle(who: Who, input: ChannelInput): Promise<RenderedReply[]>;
}

export function createEngine<N extends string = FlowName>(options: EngineOptions<N>): Engine {
  const { deps } = options;
  const flows = new FlowTable(options.flows, options.actions ?? []);
  const sessions = createSessions(options.sessions, deps);

  function context(who: Who, language: Language): FlowContext {
    return {
      deps,
      who,
      flows: flows.declarations,
      language,
      now: deps.clock.now(),
      t: (key: MessageKey, params?: Params) => translate(language, key, params),
    };
  }

  /** Encodes this turn's choices under a new offer number and saves the session. */
  async function render(who: Who, session: Session, replies: Reply[]): Promise<RenderedReply[]> {
    session.offer = nextOffer(session.offer);
    const { rendered, offered } = encodeChoices(replies, session.offer);
    session.offered = offered;
    await sessions.save(who, session);
    return rendered;
  }

  async function step(who: Who, language: Language, input: ChannelInput): Promise<RenderedReply[]> {
    const { session, stale } = await sessions.load(who);
    const turn = new Turn(context(who, language), session, flows, options);
    const clean = sanitize(input);
    if (clean === "too_long") turn.say("error.tooLong", { max: MAX_TEXT_LENGTH });
    else await dispatch(turn, clean);
    if (stale) turn.replies.unshift({ kind: "text", text: turn.ctx.t("error.sessionRestarted") });
    return render(who, session, turn.replies);
  }

  /** After a language switch: the conversation stays where it was; only the old buttons expire. */
  async function languageSet(who: Who, language: Language): Promise<RenderedReply[]> {
    const ctx = context(who, language);
    const { session } = await sessions.load(who);
    return render(who, session, [{ kind: "text", text: ctx.t("language.set") }, ...options.menu(ctx)]);
  }

  return {
    handle: (who, input) =>
      options.lock.run(`${who.chat.channel}:${who.chat.chatId}`, async () => {
        let language = await sessions.language(who);
        try {
          const asked = languageRequest(input);
          if (asked === undefined) return await step(who, language, input);
          const chosen = chosenLanguage(language, asked);
          await sessions.setLanguage(who, chosen);
          language = chosen;
          return await languageSet(who, language);
        } catch (error) {
          options.onError?.(error, who);
          await sessions.drop(who).catch(() => {});
          return [{ kind: "text", text: translate(language, "error.internal") }];
        }
      }),
  };
}
