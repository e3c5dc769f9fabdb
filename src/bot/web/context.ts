import type { FastifyRequest } from "fastify";
import type { DirectoryIndex } from "../../domain/config/directory";
import { type Language, languageFromHint } from "../../domain/kernel/chat";
import type { Clock } from "../../domain/kernel/clock";
import { type MessageKey, type Params, t } from "../../domain/messages";
import type { Logger } from "../../log";
import type { ChannelWiring } from "../channel";
import type { ChatLog } from "./chat-log";
import type { Visitors } from "./identity";
import type { OpenCount, WindowCounter } from "./limits";
import type { LiveHub } from "./live";
import type { Pages } from "./pages";
import type { SignInCodes } from "./signin";

/** What the web chat's routes share (index.ts builds it once). */
export interface WebContext {
  directory: DirectoryIndex;
  clock: Clock;
  log: Logger;
  /** How staff sign in on the web (index.ts: webSignIn). */
  signIn: WebSignIn;
  limits: WebLimiters;
  visitors: Visitors;
  chatLog: ChatLog;
  codes: SignInCodes;
  pages: Pages;
  /** The engine, desk and notifier (undefined until attach()). */
  wiring(): ChannelWiring | undefined;
  /** The pages open in this process (undefined once stopping). */
  hub(): LiveHub | undefined;
  /** Open event streams, ended on stop(). */
  streams: Set<{ end(): void }>;
}

/**
 * "code": ADMIN_TOKEN is set, staff sign in with a one-time code; "as": trying it out locally (no
 * ADMIN_TOKEN, no Telegram or Slack credentials), `/?as=<person id>` opens a staff chat; "off":
 * chat credentials but no ADMIN_TOKEN, no staff sign-in on the web at all.
 */
export type WebSignIn = "code" | "as" | "off";

/** The web chat's limits by IP and per process (limits.ts; numbers in index.ts WEB_LIMITS). */
export interface WebLimiters {
  messages: WindowCounter;
  signInPosts: WindowCounter;
  streams: OpenCount;
}

/** The browser's first language (Accept-Language): Chinese unless it names another. */
export function languageHint(request: FastifyRequest): string | undefined {
  const header = request.headers["accept-language"];
  return typeof header === "string" ? header.split(/[,;]/)[0]?.trim() : undefined;
}

export function languageOf(request: FastifyRequest): Language {
  return languageFromHint(languageHint(request));
}

/** A browser opening the address (it asks for HTML), not the page's script (JSON). */
export function wantsHtml(request: FastifyRequest): boolean {
  return /\btext\/html\b/i.test(request.headers.accept ?? "");
}

/** A JSON error body in the visitor's language. */
export function refusal(request: FastifyRequest, error: string, key: MessageKey, params?: Params) {
  return { error, message: t(languageOf(request), key, params) };
}
