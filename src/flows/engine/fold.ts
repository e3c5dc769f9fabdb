import type { Reply } from "../types";

/**
 * One answer, one message (issue 14 §7): a turn's replies are folded before they are sent, so that
 * a user gets one message per answer however many pieces the flows said. Texts and lists join the
 * message with buttons that follows them (or, when none follows, the one before them); two sets of
 * buttons stay two messages, each keeping its own text. A photo is a message of its own, in its
 * place: texts never cross it (those before it join the message before them, or stand alone).
 * Toasts are no messages and are left as they are; replies for the sender privately are folded
 * apart from those for the chat.
 */
export function foldReplies(replies: readonly Reply[]): Reply[] {
  const toasts = replies.filter((r) => r.kind === "toast");
  const here = replies.filter((r) => r.kind !== "toast" && !r.privately);
  const privately = replies.filter((r) => r.kind !== "toast" && r.privately);
  return [...toasts, ...foldMessages(here), ...foldMessages(privately)];
}

/** How many messages these replies are (toasts are not messages). */
export function messageCount(replies: readonly { kind: string }[]): number {
  return replies.filter((r) => r.kind !== "toast").length;
}

const SEPARATOR = "\n\n";

function join(parts: readonly string[]): string {
  return parts.filter((p) => p.trim() !== "").join(SEPARATOR);
}

function foldMessages(replies: readonly Reply[]): Reply[] {
  const out: Reply[] = [];
  let pending: string[] = [];
  const privately = replies[0]?.privately;
  for (const reply of replies) {
    switch (reply.kind) {
      case "text":
        pending.push(reply.text);
        break;
      case "list":
        pending.push([reply.title, ...reply.items.map((item) => `• ${item}`)].join("\n"));
        break;
      case "choices":
      case "ask_contact":
        out.push({ ...reply, text: join([...pending, reply.text]) });
        pending = [];
        break;
      case "photo":
        flush(out, pending, privately);
        pending = [];
        out.push(reply);
        break;
      case "toast":
        break;
    }
  }
  flush(out, pending, privately);
  return out;
}

/** Texts with no buttons after them: into the message before them (not a photo), else one of their own. */
function flush(out: Reply[], pending: readonly string[], privately: true | undefined): void {
  if (pending.length === 0) return;
  const previous = out.at(-1);
  if (previous && previous.kind !== "toast" && previous.kind !== "photo" && "text" in previous) {
    out[out.length - 1] = { ...previous, text: join([previous.text, ...pending]) };
  } else {
    const text = join(pending);
    if (text !== "") out.push(privately ? { kind: "text", text, privately } : { kind: "text", text });
  }
}
