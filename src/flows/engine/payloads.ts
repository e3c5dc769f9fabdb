import type { RenderedReply, Reply } from "../types";

/**
 * Every button payload the engine reads or writes, in one place. A payload comes back untrusted
 * (anyone can forge one) and is at most 64 bytes (Telegram's callback data):
 * - `o<offer>.<value>`: a choice of one turn's replies. The offer is the session's turn number in
 *   base 36, so a button of an older message is recognised as expired, and the value must be one
 *   the session offered.
 * - `a.<name>.<arg>`: a button on a notice, answered without a session (an ActionHandler). The
 *   desk writes these (src/domain/desk/notice-actions.ts, noticePayload).
 * - `l`: the menus' language button, valid from any message, old or new.
 * Inside a choice value, `flow:<name>` is a button that starts that flow.
 */
const MAX_PAYLOAD_LENGTH = 64;
const MAX_CHOICE_VALUE = 48; // "o" + 4 base-36 digits + "." + value stays within 64 bytes
const OFFER_CYCLE = 1_000_000; // at most 4 base-36 digits

/** The choice value of the menus' language button: rendered as the `l` payload, never offered. */
export const LANGUAGE_VALUE = "lang";
const LANGUAGE_PAYLOAD = "l";

export type DecodedPayload =
  | { kind: "offer"; offer: number; value: string }
  | { kind: "action"; name: string; arg: string }
  | { kind: "language" };

export function decodePayload(payload: string): DecodedPayload | undefined {
  if (payload.length > MAX_PAYLOAD_LENGTH) return undefined;
  if (payload === LANGUAGE_PAYLOAD) return { kind: "language" };
  const offer = /^o([0-9a-z]{1,4})\.(.{1,48})$/s.exec(payload);
  if (offer?.[1] && offer[2]) return { kind: "offer", offer: Number.parseInt(offer[1], 36), value: offer[2] };
  const action = /^a\.([a-z]{1,8})\.([\w-]{1,48})$/.exec(payload);
  if (action?.[1] && action[2]) return { kind: "action", name: action[1], arg: action[2] };
  return undefined;
}

/** The choice value of a button that starts a flow. */
export function flowValue(flow: string): string {
  return `flow:${flow}`;
}

/** The flow a choice value starts (flowValue), if it is one. */
export function flowOfValue(value: string): string | undefined {
  return /^flow:([\w-]+)$/.exec(value)?.[1];
}

/** The offer number of the next turn. */
export function nextOffer(offer: number): number {
  return (offer + 1) % OFFER_CYCLE;
}

/**
 * Replaces the choices' values by payloads under this turn's offer number; returns the replies
 * as the channel gets them and the values offered (what the session accepts back).
 */
export function encodeChoices(
  replies: Reply[],
  offer: number,
): { rendered: RenderedReply[]; offered: string[]; labels: string[] } {
  const offered: string[] = [];
  // The labels as shown: a typed answer is compared with them, and with their parts (answers.ts).
  const labels: string[] = [];
  const rendered = replies.map((r): RenderedReply => {
    if (r.kind !== "choices") return r;
    const choices = r.choices.map((c) => {
      if (c.value.length > MAX_CHOICE_VALUE) throw new Error(`choice value too long: ${c.value}`);
      if (c.value === LANGUAGE_VALUE) return { label: c.label, payload: LANGUAGE_PAYLOAD };
      offered.push(c.value);
      labels.push(c.label);
      return { label: c.label, payload: `o${offer.toString(36)}.${c.value}` };
    });
    return { ...r, choices };
  });
  return { rendered, offered, labels };
}

/**
 * A button's label as it is compared with typed text: full-width folded (NFKC), lower case,
 * letters and digits only ("✅ 确认提交" and "确认提交。" are one label).
 */
export function labelKey(label: string): string {
  return label
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}
