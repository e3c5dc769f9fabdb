import type { types } from "@slack/bolt";
import { truncate } from "../../domain/kernel/text";
import type { OutboundButton, OutboundContent, OutboundField } from "../../domain/ports/channel-sender";
import type { RenderedReply } from "../../flows/types";

/**
 * Engine replies and outbound content → Block Kit (issue 10 §3, §4). Pure. A message is a
 * section of plain text (never mrkdwn: what a customer typed cannot mention @channel or hide a
 * link), a card's fields as a section's fields, buttons in an actions block whose values are the
 * engine's payloads (clicks go back to the engine as Telegram's callback data does), and a select
 * as a static_select whose option values are payloads too. `text` is the notification's fallback.
 *
 * Slack's limits: a section's text 3000 characters, 10 fields of 2000, 25 elements per actions
 * block, a button's label 75, 100 options per select, 50 blocks per message.
 */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

const SECTION_MAX = 3000;
const FALLBACK_MAX = 3000;
const FIELD_MAX = 2000;
const FIELDS_PER_SECTION = 10;
const ELEMENTS_PER_ACTIONS = 25;
const LABEL_MAX = 75;
const OPTIONS_MAX = 100;
const BLOCKS_MAX = 50;

/**
 * Every action_id of ours starts with `pd.` (a button `pd.b<i>`, a select `pd.s`): the staff UI's
 * start with `ui.` (src/bot/slack/staff-ui), so the two sets of handlers never meet.
 */
const ACTION_PREFIX = "pd.";

/** Plain text cut into sections of at most 3000 characters, at line breaks where it can. */
export function textSections(text: string): types.SectionBlock[] {
  const sections: types.SectionBlock[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    let cut = rest.length;
    if (cut > SECTION_MAX) {
      cut = rest.lastIndexOf("\n", SECTION_MAX);
      if (cut < SECTION_MAX / 2) cut = SECTION_MAX;
    }
    sections.push({ type: "section", text: { type: "plain_text", text: rest.slice(0, cut), emoji: true } });
    rest = rest.slice(cut).trim();
  }
  return sections;
}

function button(choice: OutboundButton, index: number): types.Button {
  return {
    type: "button",
    action_id: `${ACTION_PREFIX}b${index}`,
    text: { type: "plain_text", text: truncate(choice.label.trim() || "…", LABEL_MAX), emoji: true },
    value: choice.payload,
  };
}

function buttonBlocks(buttons: readonly OutboundButton[]): types.ActionsBlock[] {
  const blocks: types.ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += ELEMENTS_PER_ACTIONS) {
    const elements = buttons.slice(i, i + ELEMENTS_PER_ACTIONS).map((b, j) => button(b, i + j));
    blocks.push({ type: "actions", elements });
  }
  return blocks;
}

function selectBlock(select: NonNullable<OutboundContent["select"]>): types.ActionsBlock | undefined {
  if (select.options.length === 0) return undefined;
  return {
    type: "actions",
    elements: [
      {
        type: "static_select",
        action_id: `${ACTION_PREFIX}s`,
        placeholder: { type: "plain_text", text: truncate(select.placeholder || "…", 150), emoji: true },
        options: select.options.slice(0, OPTIONS_MAX).map((o) => ({
          text: { type: "plain_text", text: truncate(o.label.trim() || "…", LABEL_MAX), emoji: true },
          value: o.payload,
        })),
      },
    ],
  };
}

function fieldBlocks(fields: readonly OutboundField[]): types.SectionBlock[] {
  const blocks: types.SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += FIELDS_PER_SECTION) {
    blocks.push({
      type: "section",
      fields: fields.slice(i, i + FIELDS_PER_SECTION).map((f) => ({
        type: "mrkdwn",
        text: truncate(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, FIELD_MAX),
      })),
    });
  }
  return blocks;
}

/**
 * Slack's three control characters escaped, in mrkdwn (a field's label in bold) and in a message's
 * fallback `text` (which Slack reads as mrkdwn: a customer's `<!channel>` must not notify anyone).
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * The text a card shows above its fields: its lines but those that are one of the fields
 * ("地址:…", "Address: …"), so nothing is said twice; the fallback `text` keeps them all.
 */
function textBesideFields(text: string, fields: readonly OutboundField[]): string {
  const labels = fields.map((f) => f.label.trim()).filter(Boolean);
  return text
    .split("\n")
    .filter((line) => !labels.some((l) => line.startsWith(`${l}:`) || line.startsWith(`${l}:`)))
    .join("\n");
}

/** A notice or a card (OutboundContent): text, fields, buttons, select. */
export function renderContent(content: OutboundContent): SlackMessage {
  const fields = content.fields ?? [];
  const shown = fields.length ? textBesideFields(content.text, fields) : content.text;
  const blocks: types.KnownBlock[] = [
    ...textSections(shown),
    ...fieldBlocks(fields),
    ...buttonBlocks(content.buttons ?? []),
  ];
  const select = content.select ? selectBlock(content.select) : undefined;
  if (select) blocks.push(select);
  return { text: escapeMrkdwn(truncate(content.text, FALLBACK_MAX)), blocks: blocks.slice(0, BLOCKS_MAX) };
}

/**
 * One engine reply as a Slack message; undefined for what is not a message (a toast: the caller
 * shows it as an ephemeral note). A photo's file reference is another platform's (a Telegram
 * file_id): `photoText` says so in the reader's language, with its caption.
 */
export function renderReply(reply: RenderedReply, photoText: string): SlackMessage | undefined {
  switch (reply.kind) {
    case "text":
      return renderContent({ text: reply.text });
    case "list":
      return renderContent({ text: [reply.title, ...reply.items.map((item) => `• ${item}`)].join("\n") });
    case "choices":
      return renderContent({ text: reply.text, buttons: reply.choices });
    case "ask_contact":
      // Slack cannot share a contact: the question stands, and the phone is typed.
      return renderContent({ text: reply.text });
    case "photo":
      return renderContent({ text: reply.caption ? `${photoText}\n${reply.caption}` : photoText });
    case "toast":
      return undefined;
  }
}

/** The same message without its buttons and select (a step that is over): its text and fields stay. */
export function withoutActions(blocks: readonly types.KnownBlock[]): types.KnownBlock[] {
  return blocks.filter((b) => b.type !== "actions");
}
