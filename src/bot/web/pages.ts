import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FastifyReply } from "fastify";
import type { DirectoryIndex } from "../../domain/config/directory";
import type { Language } from "../../domain/kernel/chat";
import { isMessageKey, t } from "../../domain/messages";
import { CODE_TTL_S } from "./signin";

/**
 * The two pages (the chat and the staff sign-in) are plain HTML files in page/, served with the
 * catalogue's words for them (`web.page.*`, `web.signin.*`) in the visitor's language, so that
 * every word a user reads comes from src/domain/messages. Their scripts and styles are static
 * files in page/assets/: no build step.
 */
export const PAGE_DIR = fileURLToPath(new URL("./page/", import.meta.url));
export const ASSETS_DIR = fileURLToPath(new URL("./page/assets/", import.meta.url));

const PAGE_WORDS = [
  "title",
  "placeholder",
  "send",
  "menu",
  "phone",
  "phoneSend",
  "photo",
  "reconnecting",
  "failed",
  "signedInAs",
  "signOut",
  "staffSignIn",
].map((k) => `web.page.${k}`);
const SIGNIN_WORDS = ["title", "person", "sendCode", "code", "verify", "sent", "wait", "refused"].map(
  (k) => `web.signin.${k}`,
);

export type PageName = "chat" | "signin";

/** What a notice page says, each in both languages (Chinese first). */
export type NoticeWords = Record<Language, string>;

export class Pages {
  private readonly templates: Record<PageName | "notice", string>;

  constructor(private readonly directory: DirectoryIndex) {
    this.templates = {
      chat: readFileSync(`${PAGE_DIR}chat.html`, "utf8"),
      signin: readFileSync(`${PAGE_DIR}signin.html`, "utf8"),
      notice: readFileSync(`${PAGE_DIR}notice.html`, "utf8"),
    };
  }

  /** A page that only tells something (a browser's answer where a script gets JSON), zh then en. */
  notice(words: NoticeWords): string {
    const fill: Record<string, string> = {
      "notice.zh": words.zh,
      "notice.en": words.en,
      "notice.back": `${t("zh", "web.notice.back")} · ${t("en", "web.notice.back")}`,
    };
    return this.templates.notice.replace(/\{\{([\w.]+)\}\}/g, (whole, key: string) =>
      key in fill ? escapeHtml(fill[key] ?? "") : whole,
    );
  }

  /** The page in the language; a `notice` replaces the sign-in forms (web sign-in is off). */
  render(name: PageName, language: Language, notice?: string): string {
    const words: Record<string, string> = {};
    const params = { branch: this.directory.branch.name, minutes: CODE_TTL_S / 60 };
    for (const key of [...PAGE_WORDS, ...SIGNIN_WORDS]) {
      if (isMessageKey(key)) words[key.replace(/^web\./, "")] = t(language, key, params);
    }
    const template = notice === undefined ? this.templates[name] : withNotice(this.templates[name], notice);
    return template
      .replace('<html lang="zh-CN">', `<html lang="${language === "zh" ? "zh-CN" : "en"}">`)
      .replace(/\{\{([\w.]+)\}\}/g, (whole, key: string) =>
        key in words ? escapeHtml(words[key] ?? "") : whole,
      )
      .replace('"{{words}}"', () => JSON.stringify(words).replaceAll("<", "\\u003c"));
  }
}

/**
 * Only the page's own files run in it (no inline script, no other site's), it is never framed, and
 * it is never cached (it carries the visitor's words and language).
 */
const PAGE_HEADERS = {
  "cache-control": "no-store",
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
};

export function sendPage(reply: FastifyReply, html: string): FastifyReply {
  return reply.headers(PAGE_HEADERS).type("text/html; charset=utf-8").send(html);
}

/** The sign-in page with its forms hidden and the notice in their place. */
function withNotice(template: string, notice: string): string {
  return template
    .replace('<form id="ask">', '<form id="ask" hidden>')
    .replace('<p id="note" role="status"></p>', () => `<p id="note" role="status">${escapeHtml(notice)}</p>`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
