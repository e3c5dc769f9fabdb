import { expect } from "vitest";
import type { Person } from "../../src/domain/config/directory";
import type { ChatRef } from "../../src/domain/kernel/chat";
import type { Engine } from "../../src/flows/engine";
import type { ChannelInput, RenderedReply, Who } from "../../src/flows/types";

/**
 * Transcript tests: a conversation as the user has it, through the real engine. `say` sends what
 * the user types ("/name args" is a command), `press` finds a button by its label in the last
 * replies and sends its payload, `expectReply` looks for words in the last replies.
 */

/** Everything a reply shows, as one string (text, button labels, list title and items, a photo's file). */
export function replyText(reply: RenderedReply): string {
  switch (reply.kind) {
    case "text":
      return reply.text;
    case "choices":
      return [reply.text, ...reply.choices.map((c) => `[${c.label}]`)].join("\n");
    case "list":
      return [reply.title, ...reply.items.map((i) => `• ${i}`)].join("\n");
    case "ask_contact":
      return `${reply.text}\n[${reply.buttonLabel}]`;
    case "toast":
      return `(toast) ${reply.text}`;
    case "photo":
      return [`[照片 ${reply.fileRef}]`, ...(reply.caption ? [reply.caption] : [])].join("\n");
  }
}

/** The replies of one turn that are messages the user receives (a toast is none). */
export function messagesOf(replies: readonly RenderedReply[]): RenderedReply[] {
  return replies.filter((r) => r.kind !== "toast");
}

export function repliesText(replies: readonly RenderedReply[]): string {
  return replies.map(replyText).join("\n---\n");
}

/** A private chat on Telegram; `person` for staff, none for a customer. */
export function privateChat(id: string | number, person?: Person, languageHint?: string): Who {
  const chat: ChatRef = { channel: "telegram", chatId: String(id), userId: String(id) };
  return { chat, person, isGroup: false, ...(languageHint ? { languageHint } : {}) };
}

/** One step of a scripted conversation: one input, and what the replies must (not) contain. */
export type ScriptStep = (
  | { say: string }
  | { press: string }
  | { contact: string; ownContact?: boolean }
  | { input: ChannelInput }
) & { expect?: string | readonly string[]; absent?: string | readonly string[] };

export interface Transcript {
  readonly who: Who;
  /** The replies of the last turn. */
  readonly last: RenderedReply[];
  /** Every turn so far: what was sent and what came back. */
  readonly turns: { input: ChannelInput; replies: RenderedReply[] }[];
  send(input: ChannelInput): Promise<RenderedReply[]>;
  /** Types a text; "/name args" is sent as a command. */
  say(text: string): Promise<RenderedReply[]>;
  /** Presses the button with this label (exact, else the one label containing it) of the last replies. */
  press(label: string): Promise<RenderedReply[]>;
  /** Shares a phone number through the platform's contact button. */
  contact(phone: string, ownContact?: boolean): Promise<RenderedReply[]>;
  /** The payload of a button of the last replies, to press later (an old button). */
  payloadOf(label: string): string;
  /** Sends a button payload kept from an earlier turn. */
  pressPayload(payload: string): Promise<RenderedReply[]>;
  /** Button labels of the last replies. */
  buttons(): string[];
  /** The last replies as one string. */
  text(): string;
  expectReply(substring: string): void;
  expectNoReply(substring: string): void;
  /** Runs a script of steps, checking each step's replies. */
  play(steps: readonly ScriptStep[]): Promise<void>;
  /**
   * The messages the user received so far (issue 14 §7, one answer one message): the count per
   * turn in order, their total, and the conversation printed turn by turn (`print()` logs it).
   */
  received(): Received;
  /** The toasts the last turn showed (a stale or foreign press). */
  toasts(): string[];
}

/** What a user received in a scenario (Transcript.received). */
export interface Received {
  /** Messages per turn, in order (a toast is no message). */
  perTurn: number[];
  total: number;
  /** Each turn: what was sent, then each message received, numbered. */
  text: string;
  /** Logs `text` under a title: transcript tests print their scenario's message counts. */
  print(title: string): void;
}

function inputText(input: ChannelInput): string {
  switch (input.kind) {
    case "text":
      return input.text;
    case "command":
      return `/${input.name}${input.args ? ` ${input.args}` : ""}`;
    case "choice":
      return `[press ${input.payload}]`;
    case "contact":
      return `[contact ${input.phone}]`;
    case "location":
      return "[location]";
    case "photo":
      return "[photo]";
  }
}

function received(turns: readonly { input: ChannelInput; replies: RenderedReply[] }[]): Received {
  const perTurn = turns.map((turn) => messagesOf(turn.replies).length);
  const total = perTurn.reduce((a, b) => a + b, 0);
  const lines = turns.flatMap((turn, i) => [
    `> ${inputText(turn.input)}  (${perTurn[i]} message${perTurn[i] === 1 ? "" : "s"})`,
    ...turn.replies.map((r) => `  ${replyText(r).replaceAll("\n", "\n  ")}`),
  ]);
  const text = [...lines, `= ${total} messages in ${turns.length} turns`].join("\n");
  return {
    perTurn,
    total,
    text,
    print(title) {
      console.info(`${title}: ${perTurn.join(" + ")} = ${total} messages\n${text}`);
    },
  };
}

function parseTyped(text: string): ChannelInput {
  const command = /^\/([A-Za-z0-9_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text);
  if (command?.[1]) return { kind: "command", name: command[1], args: (command[2] ?? "").trim() };
  return { kind: "text", text };
}

const asList = (v: string | readonly string[] | undefined): readonly string[] =>
  v === undefined ? [] : typeof v === "string" ? [v] : v;

export function transcript(engine: Engine, who: Who): Transcript {
  let last: RenderedReply[] = [];
  const turns: { input: ChannelInput; replies: RenderedReply[] }[] = [];

  const allButtons = () => last.flatMap((r) => (r.kind === "choices" ? r.choices : []));

  const self: Transcript = {
    who,
    get last() {
      return last;
    },
    turns,
    async send(input) {
      last = await engine.handle(who, input);
      turns.push({ input, replies: last });
      // TRANSCRIPT_MULTI=1 lists every answer of more than one message (issue 14 §7: one answer, one message).
      if (process.env.TRANSCRIPT_MULTI && messagesOf(last).length > 1) {
        console.warn(`[several messages] > ${inputText(input)}\n${repliesText(last)}`);
      }
      return last;
    },
    say: (text) => self.send(parseTyped(text)),
    press: (label) => self.pressPayload(self.payloadOf(label)),
    contact: (phone, ownContact = true) => self.send({ kind: "contact", phone, ownContact }),
    payloadOf(label) {
      const buttons = allButtons();
      const exact = buttons.filter((b) => b.label === label);
      const partial = buttons.filter((b) => b.label.includes(label));
      const found = exact.length > 0 ? exact : partial;
      if (found.length !== 1 || !found[0]) {
        throw new Error(
          `${found.length === 0 ? "no" : "more than one"} button "${label}" in the last replies; buttons: ${JSON.stringify(
            buttons.map((b) => b.label),
          )}\n${self.text()}`,
        );
      }
      return found[0].payload;
    },
    pressPayload: (payload) => self.send({ kind: "choice", payload }),
    buttons: () => allButtons().map((b) => b.label),
    text: () => repliesText(last),
    expectReply(substring) {
      expect(self.text(), `the last replies should contain "${substring}"`).toContain(substring);
    },
    expectNoReply(substring) {
      expect(self.text(), `the last replies should not contain "${substring}"`).not.toContain(substring);
    },
    async play(steps) {
      for (const step of steps) {
        if ("say" in step) await self.say(step.say);
        else if ("press" in step) await self.press(step.press);
        else if ("contact" in step) await self.contact(step.contact, step.ownContact);
        else await self.send(step.input);
        for (const s of asList(step.expect)) self.expectReply(s);
        for (const s of asList(step.absent)) self.expectNoReply(s);
      }
    },
    received: () => received(turns),
    toasts: () => last.flatMap((r) => (r.kind === "toast" ? [r.text] : [])),
  };
  return self;
}
