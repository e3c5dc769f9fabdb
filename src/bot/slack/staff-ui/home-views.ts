import type { types } from "@slack/bolt";
import type { Language } from "../../../domain/kernel/chat";
import { formatAge } from "../../../domain/kernel/format";
import { type MessageKey, t } from "../../../domain/messages";
import { escapeMrkdwn } from "../render";
import { ANSWER_FORM, HOME } from "./ids";

/**
 * The App Home tab (issue 10 §4), as pure builders: the person's work, one section per role they
 * hold: an agent's open queries (theirs and the untaken ones) by time to deadline, with take or
 * answer buttons; a courier's pickups; what is overdue for the duty lead; what dispatch has to
 * place. Someone not in the directory reads a polite note.
 */
export interface HomeQuery {
  id: string;
  subject: string;
  excerpt: string;
  dueAt: Date;
  /** The holder's label, or null when nobody has taken it. */
  holder: string | null;
  /** Held by the person reading. */
  mine: boolean;
}

export interface HomePickup {
  ref: string;
  when: string;
  address: string;
  contact: string;
  goods: string;
  status: string;
}

export interface HomeData {
  language: Language;
  now: Date;
  /** "HH:MM" on the branch's clock. */
  updatedAt: string;
  /** False: not in the directory (a customer). */
  known: boolean;
  agent?: HomeQuery[];
  supervisor?: HomeQuery[];
  courier?: HomePickup[];
  dispatcher?: HomePickup[];
}

/** Slack's limit is 100 blocks a view; each section shows this many items. */
export const HOME_ITEMS_MAX = 20;

const section = (text: string, accessory?: types.Button): types.SectionBlock => ({
  type: "section",
  text: { type: "mrkdwn", text },
  ...(accessory ? { accessory } : {}),
});
const header = (text: string): types.HeaderBlock => ({ type: "header", text: { type: "plain_text", text } });
const context = (text: string): types.ContextBlock => ({
  type: "context",
  elements: [{ type: "mrkdwn", text }],
});

function deadlineText(language: Language, now: Date, dueAt: Date): string {
  const ms = dueAt.getTime() - now.getTime();
  return ms > 0
    ? t(language, "home.query.left", { left: formatAge(language, ms) })
    : t(language, "staff.query.late", { late: formatAge(language, -ms) });
}

function queryButton(language: Language, query: HomeQuery): types.Button | undefined {
  if (query.holder === null) {
    return {
      type: "button",
      action_id: HOME.take,
      value: query.id,
      style: "primary",
      text: { type: "plain_text", text: t(language, "notice.action.take") },
    };
  }
  if (!query.mine) return undefined;
  return {
    type: "button",
    action_id: HOME.answer,
    value: query.id,
    text: { type: "plain_text", text: t(language, "home.button.answer") },
  };
}

function queryBlocks(data: HomeData, queries: readonly HomeQuery[]): types.KnownBlock[] {
  const { language, now } = data;
  // In the order home-data.ts read them (queries/lists.ts: most urgent first, SOP-10, SOP-11).
  return queries.slice(0, HOME_ITEMS_MAX).map((q) =>
    section(
      t(language, "home.query.item", {
        subject: escapeMrkdwn(q.subject),
        excerpt: escapeMrkdwn(q.excerpt),
        deadline: deadlineText(language, now, q.dueAt),
        holder:
          q.holder === null
            ? t(language, "staff.query.heldByNobody")
            : t(language, "staff.query.heldBy", { name: q.holder }),
      }),
      queryButton(language, q),
    ),
  );
}

function pickupBlocks(data: HomeData, pickups: readonly HomePickup[]): types.KnownBlock[] {
  return pickups.slice(0, HOME_ITEMS_MAX).map((p) =>
    section(
      t(data.language, "home.pickup.item", {
        ref: p.ref,
        when: escapeMrkdwn(p.when),
        address: escapeMrkdwn(p.address),
        contact: escapeMrkdwn(p.contact),
        goods: escapeMrkdwn(p.goods),
        status: escapeMrkdwn(p.status),
      }),
    ),
  );
}

function roleSection(
  data: HomeData,
  title: MessageKey,
  none: MessageKey,
  items: readonly unknown[],
  blocks: types.KnownBlock[],
): types.KnownBlock[] {
  const out: types.KnownBlock[] = [header(t(data.language, title))];
  if (items.length === 0) return [...out, context(t(data.language, none))];
  out.push(...blocks);
  if (items.length > HOME_ITEMS_MAX) {
    out.push(context(t(data.language, "home.more", { count: items.length - HOME_ITEMS_MAX })));
  }
  return [...out, { type: "divider" }];
}

export function homeView(data: HomeData): types.HomeView {
  const { language } = data;
  if (!data.known) return { type: "home", blocks: [section(t(language, "home.notInDirectory"))] };
  const blocks: types.KnownBlock[] = [];
  if (data.agent) {
    blocks.push(
      ...roleSection(data, "home.title.agent", "home.none.agent", data.agent, queryBlocks(data, data.agent)),
    );
  }
  if (data.supervisor) {
    const { supervisor } = data;
    blocks.push(
      ...roleSection(
        data,
        "home.title.supervisor",
        "staff.overdue.none",
        supervisor,
        queryBlocks(data, supervisor),
      ),
    );
  }
  if (data.courier) {
    const { courier } = data;
    blocks.push(
      ...roleSection(data, "home.title.courier", "home.none.courier", courier, pickupBlocks(data, courier)),
    );
  }
  if (data.dispatcher) {
    const { dispatcher } = data;
    blocks.push(
      ...roleSection(
        data,
        "home.title.dispatcher",
        "home.none.dispatcher",
        dispatcher,
        pickupBlocks(data, dispatcher),
      ),
    );
  }
  if (blocks.length === 0) blocks.push(section(t(language, "home.noWork")));
  blocks.push(context(t(language, "home.updated", { time: data.updatedAt })));
  return { type: "home", blocks };
}

/**
 * A modal of the answer form's that only says something: "taking the query…" while the take runs
 * (opened at once, within the click's trigger), or why there is no form to show.
 */
export function answerNoticeView(language: Language, text: string): types.ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: t(language, "answerForm.title") },
    close: { type: "plain_text", text: t(language, "problemForm.close") },
    blocks: [section(escapeMrkdwn(text))],
  };
}

/** The answer form of one query: its thread for reading, one text input (issue 10 §4). */
export function answerFormView(
  language: Language,
  query: { id: string; head: string; thread: readonly string[] },
): types.ModalView {
  const plain = (text: string): types.PlainTextElement => ({ type: "plain_text", text });
  const thread = query.thread.slice(-10).map((line) => context(escapeMrkdwn(line).slice(0, 3000)));
  return {
    type: "modal",
    callback_id: ANSWER_FORM.callbackId,
    private_metadata: query.id,
    title: plain(t(language, "answerForm.title")),
    submit: plain(t(language, "answerForm.submit")),
    close: plain(t(language, "problemForm.close")),
    blocks: [
      section(`*${escapeMrkdwn(query.head)}*`),
      ...thread,
      {
        type: "input",
        block_id: ANSWER_FORM.textBlock,
        label: plain(t(language, "answerForm.label")),
        element: { type: "plain_text_input", action_id: ANSWER_FORM.textBlock, multiline: true },
      },
    ],
  };
}
