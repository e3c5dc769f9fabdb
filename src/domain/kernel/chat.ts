import { z } from "zod";

export const CHANNELS = ["telegram", "slack", "web"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Whether a chat id names a group (a Telegram group or channel, a Slack channel) rather than a person. */
export function isGroupChat(channel: Channel, chatId: string): boolean {
  if (channel === "telegram") return chatId.startsWith("-"); // groups and channels have negative ids
  if (channel === "slack") return /^[CG]/.test(chatId); // channels; U…/D… are people
  return false;
}

export const LANGUAGES = ["zh", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** A platform's language hint (Telegram's language_code): Chinese unless it names another language. */
export function languageFromHint(hint: string | undefined): Language {
  return hint && !hint.toLowerCase().startsWith("zh") && /^[a-z]{2}/i.test(hint) ? "en" : "zh";
}

/** Where a person talks to the desk: a chat on one channel (and who in it, for groups). */
export const chatRefSchema = z
  .object({
    channel: z.enum(CHANNELS),
    chatId: z.string().min(1).max(64),
    userId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type ChatRef = z.infer<typeof chatRefSchema>;

/** Whether `a` is the chat `b` (same channel and chat; who in a group is not compared), none never is. */
export function sameChat(a: ChatRef | null | undefined, b: ChatRef): boolean {
  return a != null && a.channel === b.channel && a.chatId === b.chatId;
}

/** Who did something, as the audit log records it. */
export type Actor =
  | { kind: "person"; personId: string }
  | { kind: "customer"; chat: ChatRef }
  | { kind: "system"; name: string };

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case "person":
      return `person/${actor.personId}`;
    case "customer":
      return `customer/${actor.chat.channel}/${actor.chat.userId ?? actor.chat.chatId}`;
    case "system":
      return `system/${actor.name}`;
  }
}
