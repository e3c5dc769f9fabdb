import { z } from "zod";
import { writtenLanguage } from "../../domain/intents/written-language";
import { LANGUAGES, type Language, languageFromHint } from "../../domain/kernel/chat";
import { durationMs } from "../../domain/kernel/duration";
import type { SessionStore } from "../../domain/ports";
import type { ChannelInput, FlowDeps, Who } from "../types";

/**
 * Conversation state between two messages (SessionStore, Redis): which flow runs, its state, and
 * the choices the last turn offered. A session expires after the policy's idle time; one of an
 * older shape (SESSION_VERSION) or unreadable is dropped and the user told (stale).
 */
export const SESSION_VERSION = 1;
const LANGUAGE_TTL_MS = 400 * 24 * 3600 * 1000;

const sessionSchema = z.object({
  v: z.literal(SESSION_VERSION),
  flow: z.string().optional(),
  state: z.unknown().optional(),
  offer: z.number().int().nonnegative(),
  offered: z.array(z.string()),
  /** The offered buttons' labels, in the order of `offered`: a typed label is a press (answers.ts). */
  labels: z.array(z.string()).default([]),
  /** The button the last turn answered: a second tap on it is a double tap, not a stale button. */
  answered: z.object({ offer: z.number().int().nonnegative(), value: z.string() }).optional(),
  /** How many menus in a row answered typed text (the second one is said shorter). */
  menus: z.number().int().nonnegative().optional(),
});
export type Session = z.infer<typeof sessionSchema>;

export function sessionKey(who: Who): string {
  return `session:${who.chat.channel}:${who.chat.chatId}:${who.chat.userId ?? "-"}`;
}

export function languageKey(who: Who): string {
  return `lang:${who.chat.channel}:${who.chat.userId ?? who.chat.chatId}`;
}

export interface Sessions {
  /** The chat's session, or a fresh one (`stale` when the stored one could not be read). */
  load(who: Who): Promise<{ session: Session; stale: boolean }>;
  /** Saves it until the policy's idle time has passed. */
  save(who: Who, session: Session): Promise<void>;
  drop(who: Who): Promise<void>;
  /**
   * The person's own choice (/lang), else the directory's language for staff, else the platform's
   * hint; a customer whose hint gives Chinese and who types a request in English ("I want to send
   * a parcel") is answered in English from then on, as if they had chosen it (their /lang still wins).
   */
  language(who: Who, input?: ChannelInput): Promise<Language>;
  setLanguage(who: Who, language: Language): Promise<void>;
}

export function createSessions(store: SessionStore, deps: Pick<FlowDeps, "clock" | "policy">): Sessions {
  return {
    async load(who) {
      const fresh: Session = { v: SESSION_VERSION, offer: 0, offered: [], labels: [] };
      const raw = await store.get(sessionKey(who));
      if (raw === undefined) return { session: fresh, stale: false };
      try {
        const parsed = sessionSchema.safeParse(JSON.parse(raw));
        if (parsed.success) return { session: parsed.data, stale: false };
      } catch {
        // unreadable JSON: treated like an old version
      }
      return { session: fresh, stale: true };
    },
    async save(who, session) {
      const ttl = durationMs(deps.clock.now(), deps.policy.session.idleAfter, deps.policy.timezone);
      await store.set(sessionKey(who), JSON.stringify(session), ttl);
    },
    drop: (who) => store.delete(sessionKey(who)),
    async language(who, input) {
      const saved = await store.get(languageKey(who));
      const language =
        LANGUAGES.find((l) => l === saved) ?? who.person?.language ?? languageFromHint(who.languageHint);
      if (saved !== undefined || who.person || who.isGroup || language === "en" || input?.kind !== "text") {
        return language;
      }
      const written = writtenLanguage(input.text, deps.policy);
      // Only a request made outside a flow: words typed at a form's question never switch its language.
      if (!written || (await inFlow(store, who))) return language;
      await store.set(languageKey(who), written, LANGUAGE_TTL_MS);
      return written;
    },
    setLanguage: (who, language) => store.set(languageKey(who), language, LANGUAGE_TTL_MS),
  };
}

/** Whether the chat's stored session is in a flow (read only when a typed language may be taken). */
async function inFlow(store: SessionStore, who: Who): Promise<boolean> {
  const raw = await store.get(sessionKey(who));
  if (raw === undefined) return false;
  try {
    return sessionSchema.safeParse(JSON.parse(raw)).data?.flow !== undefined;
  } catch {
    return false;
  }
}
