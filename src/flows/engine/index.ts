import type { ChatRef, Language } from "../../domain/kernel/chat";
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
import { foldReplies } from "./fold";
import { MAX_TEXT_LENGTH, sanitize } from "./input";
import { encodeChoices, nextOffer } from "./payloads";
import { createSessions, languageKey, type Session, sessionKey } from "./sessions";
import { type EngineHooks, Turn } from "./turn";

/**
 * The flow engine: one conversation step per chat at a time (ChatLock), state in the
 * SessionStore with an idle expiry (sessions.ts), buttons validated against what was offered
 * (payloads.ts) or typed (answers.ts), the built-in commands (commands.ts), the input's way to a
 * flow (dispatch.ts), and one error boundary so nothing a user sends can throw out of it or leave
 * a flow half-done.
 */
export { typedChoice } from "./answers";
export {
  acceptedInGroup,
  failureLanguage,
  failureText,
  knownCommands,
  offeredCommands,
  parseCommand,
  toastOrMessage,
} from "./channel-rules";
export { BUILT_IN_COMMANDS } from "./commands";
export { foldReplies, messageCount } from "./fold";
export { MAX_TEXT_LENGTH, sanitize } from "./input";
export { decodePayload, flowOfValue, flowValue, LANGUAGE_VALUE, labelKey } from "./payloads";
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

  /**
   * Folds the turn's replies (one answer, one message), encodes their choices under a new offer
   * number and saves the session. A turn of toasts only changes nothing: the session, its offer
   * and the buttons on screen stay as they were.
   */
  async function render(home: Who, session: Session, replies: Reply[]): Promise<RenderedReply[]> {
    const folded = foldReplies(replies);
    if (folded.every((r) => r.kind === "toast")) return folded as RenderedReply[];
    session.offer = nextOffer(session.offer);
    const { rendered, offered, labels } = encodeChoices(folded, session.offer);
    session.offered = offered;
    session.labels = labels;
    await sessions.save(home, session);
    return rendered;
  }

  async function turnOf(who: Who, language: Language): Promise<{ turn: Turn; stale: boolean }> {
    const { session, stale } = await sessions.load(homeOf(who));
    return { turn: new Turn(context(who, language), session, flows, options), stale };
  }

  async function step(who: Who, language: Language, input: ChannelInput): Promise<RenderedReply[]> {
    const { turn, stale } = await turnOf(who, language);
    const clean = sanitize(input);
    if (clean === "too_long") turn.say("error.tooLong", { max: MAX_TEXT_LENGTH });
    else await dispatch(turn, clean);
    if (stale) turn.replies.unshift({ kind: "text", text: turn.ctx.t("error.sessionRestarted") });
    return render(homeOf(who), turn.session, addressed(turn, input));
  }

  /**
   * After a language switch a flow that can resume asks its current question again in that
   * language, its answers kept (issue 14 §4); any other conversation restarts with a live menu.
   */
  async function languageSet(who: Who, language: Language, input: ChannelInput): Promise<RenderedReply[]> {
    const { turn } = await turnOf(who, language);
    turn.say("language.set");
    if (!(await turn.resume())) turn.showMenu();
    return render(homeOf(who), turn.session, addressed(turn, input));
  }

  /**
   * In a group, every reply but a toast answers one person: it goes to them privately (their own
   * chat and session), and a press there is told so by a toast.
   */
  function addressed(turn: Turn, input: ChannelInput): Reply[] {
    if (!homeIsPrivate(turn.ctx.who)) return turn.replies;
    const replies = turn.replies.map((r): Reply => (r.kind === "toast" ? r : { ...r, privately: true }));
    if (input.kind === "choice" && replies.length > 0 && !replies.some((r) => r.kind === "toast")) {
      replies.unshift({ kind: "toast", text: turn.ctx.t("buttons.sentPrivately") });
    }
    return replies;
  }

  return {
    handle: (who, input) =>
      // One turn at a time per session: a group press runs on the presser's private session.
      options.lock.run(lockKey(homeOf(who)), async () => {
        let language = await sessions.language(who, input);
        try {
          const asked = languageRequest(input);
          if (asked === undefined) return await step(who, language, input);
          const chosen = chosenLanguage(language, asked);
          await sessions.setLanguage(who, chosen);
          language = chosen;
          return await languageSet(who, language, input);
        } catch (error) {
          options.onError?.(error, who);
          await sessions.drop(homeOf(who)).catch(() => {});
          return [{ kind: "text", text: translate(language, "error.internal") }];
        }
      }),
  };
}

/** A group's sender whose own chat the channel knows: their turns are theirs, in private. */
function homeIsPrivate(who: Who): who is Who & { privateChat: ChatRef } {
  return who.isGroup && who.privateChat !== undefined;
}

/** The chat whose session a turn runs on: the sender's own one for a group's sender (homeIsPrivate). */
function homeOf(who: Who): Who {
  return homeIsPrivate(who) ? { ...who, chat: who.privateChat, isGroup: false } : who;
}

function lockKey(home: Who): string {
  return `${home.chat.channel}:${home.chat.chatId}`;
}

/**
 * The keys a turn of `who` uses first: its chat lock and the session-store keys it reads (its
 * language, its session). A channel may take the lock and read them ahead, in one round trip.
 */
export function turnKeys(who: Who): { lock: string; reads: string[] } {
  const home = homeOf(who);
  return { lock: lockKey(home), reads: [languageKey(who), sessionKey(home)] };
}
