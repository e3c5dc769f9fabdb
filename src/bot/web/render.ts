import { LANGUAGES } from "../../domain/kernel/chat";
import { t } from "../../domain/messages";
import type { OutboundContent } from "../../domain/ports/channel-sender";
import { toastOrMessage } from "../../flows/engine";
import type { RenderedReply } from "../../flows/types";
import type { WebContent, WebMessage } from "./events";

/**
 * The engine's replies in the web page's idiom (pure): choices as buttons carrying the engine's
 * payloads, a list as items, a contact request as a phone field (webContactRequest), a photo as a note (the page
 * cannot show another platform's file). A toast answering a press is shown briefly and never
 * kept; without a press it is a short message, as on Telegram. `privately` means nothing here:
 * a web chat is always the person's own.
 */
export function renderTurn(
  replies: readonly RenderedReply[],
  turn: { pressed: boolean; id: string; at: string },
): { messages: WebMessage[]; toasts: string[] } {
  const { pressed, id, at } = turn;
  const { toasts, messages } = toastOrMessage(replies, pressed);
  return {
    messages: messages.map((reply) => ({
      kind: "message",
      from: "desk",
      turn: id,
      at,
      ...replyContent(reply),
    })),
    toasts,
  };
}

function replyContent(reply: RenderedReply): WebContent {
  switch (reply.kind) {
    case "text":
    case "toast":
      return { text: reply.text };
    case "list":
      return { text: reply.title, items: [...reply.items] };
    case "choices":
      return { text: reply.text, buttons: reply.choices.map(({ label, payload }) => ({ label, payload })) };
    case "ask_contact":
      return webContactRequest(reply);
    case "photo":
      return { text: "", photo: reply.caption?.trim() ? { caption: reply.caption } : {} };
  }
}

/**
 * A contact request on the web: a phone field, no number to share. The flow's words offer a share
 * button (customer.pickup.askPhone, sharePhone); the page says its own (web.pickup.askPhone) in the
 * same language, told by the button's label, and labels the field's button web.page.phoneSend.
 * Any other words of the request (the turn's words before it, a number that was not one) are kept.
 */
function webContactRequest(reply: Extract<RenderedReply, { kind: "ask_contact" }>): WebContent {
  const language = LANGUAGES.find((l) => t(l, "customer.pickup.sharePhone") === reply.buttonLabel);
  if (!language) return { text: reply.text, contact: { label: reply.buttonLabel } };
  // The question may come after other words of the turn (folded into one message: "好的,地址在…").
  const text = reply.text.replace(t(language, "customer.pickup.askPhone"), () =>
    t(language, "web.pickup.askPhone"),
  );
  return { text, contact: { label: t(language, "web.page.phoneSend") } };
}

/** A notice or a card from the send queue (its text says its fields too: they are not repeated). */
export function outboundContent(content: OutboundContent): WebContent {
  const web: WebContent = { text: content.text };
  if (content.buttons && content.buttons.length > 0) {
    web.buttons = content.buttons.map(({ label, payload }) => ({ label, payload }));
  }
  if (content.select && content.select.options.length > 0) {
    web.select = {
      placeholder: content.select.placeholder,
      options: content.select.options.map(({ label, payload }) => ({ label, payload })),
    };
  }
  return web;
}

/** Whether a message has something to press (its sender returns a reference to clear it later). */
export function actionable(content: WebContent): boolean {
  return (content.buttons?.length ?? 0) > 0 || (content.select?.options.length ?? 0) > 0;
}
