import { cleanText } from "../../domain/kernel/text";
import type { ChannelInput } from "../types";

/** The longest text a user may send in one message (after cleaning). */
export const MAX_TEXT_LENGTH = 2000;

/**
 * Every text a user sends, whatever the input kind, is cleaned and bounded here, once, before
 * any flow or store sees it (a NUL byte is not even storable in Postgres).
 */
export function sanitize(input: ChannelInput): ChannelInput | "too_long" {
  switch (input.kind) {
    case "text": {
      const text = cleanText(input.text);
      // The message replied to is the desk's own: kept bounded, only to read what it was about.
      const replyTo = input.replyTo === undefined ? "" : cleanText(input.replyTo).slice(0, MAX_TEXT_LENGTH);
      if (text.length > MAX_TEXT_LENGTH) return "too_long";
      return replyTo === "" ? { kind: "text", text } : { kind: "text", text, replyTo };
    }
    case "command": {
      const args = cleanText(input.args);
      if (args.length > MAX_TEXT_LENGTH) return "too_long";
      const name = /^[a-z0-9_]{1,32}$/i.test(input.name) ? input.name : "help";
      return { kind: "command", name, args };
    }
    case "contact":
      return { kind: "contact", phone: cleanText(input.phone).slice(0, 40), ownContact: input.ownContact };
    case "photo": {
      const fileRef = cleanText(input.fileRef).slice(0, 256);
      const caption = input.caption === undefined ? "" : cleanText(input.caption);
      if (caption.length > MAX_TEXT_LENGTH) return "too_long";
      return caption === "" ? { kind: "photo", fileRef } : { kind: "photo", fileRef, caption };
    }
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
