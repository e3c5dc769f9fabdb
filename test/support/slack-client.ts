import { createHmac, randomBytes } from "node:crypto";
import {
  type Block,
  blockText,
  type SlackMessage,
  type SlackRecorder,
  type SlackView,
  type ViewDefinition,
} from "./slack-recorder";

/**
 * Slack's side of `POST /slack/events`, as Slack sends it: bodies signed with the app's signing
 * secret (v0: HMAC-SHA256 of `v0:<timestamp>:<raw body>`, in X-Slack-Signature, with
 * X-Slack-Request-Timestamp), for the Events API (JSON), slash commands (form-encoded) and
 * interactivity (`payload=<json>`, form-encoded). Buttons and select options are found the way a
 * person finds them: in a message or view the service sent, by the text they show.
 */
export interface SlackUser {
  id: string;
  name: string;
}

export interface PostOptions {
  /** Seconds since the epoch to sign with (default: now). */
  timestamp?: number;
  /** A signature to send instead of the right one. */
  signature?: string;
  /** Sign with this secret instead of the app's. */
  secret?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface SlackResponse {
  status: number;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json: Record<string, unknown> | undefined;
}

/** A button, select or input found in blocks: where it sits and what it offers. */
export interface FoundElement {
  block: Block;
  element: Block;
  blockId: string;
  actionId: string;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export class SlackClient {
  readonly #eventsUrl: string;
  #events = 0;

  constructor(
    appUrl: string,
    readonly signingSecret: string,
    readonly recorder: SlackRecorder,
    readonly appId = `A${randomBytes(4).toString("hex").toUpperCase()}`,
  ) {
    this.#eventsUrl = `${appUrl}/slack/events`;
  }

  /** Posts a raw body, signed (or mis-signed) as options say. */
  async post(body: string, contentType: string, options: PostOptions = {}): Promise<SlackResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? sign(options.secret ?? this.signingSecret, timestamp, body),
      "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    };
    if (options.retryNum !== undefined) {
      headers["x-slack-retry-num"] = String(options.retryNum);
      headers["x-slack-retry-reason"] = options.retryReason ?? "http_timeout";
    }
    const response = await fetch(this.#eventsUrl, { method: "POST", headers, body });
    const text = await response.text();
    let json: Record<string, unknown> | undefined;
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed === "object" && parsed !== null) json = parsed as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json };
  }

  // ---- Events API

  urlVerification(challenge: string, options?: PostOptions): Promise<SlackResponse> {
    const body = JSON.stringify({ token: "legacy-verification-token", challenge, type: "url_verification" });
    return this.post(body, "application/json", options);
  }

  /** An event_callback envelope around `event`; the same eventId twice is Slack retrying. */
  eventBody(event: Record<string, unknown>, eventId = this.newEventId()): string {
    return JSON.stringify({
      token: "legacy-verification-token",
      team_id: this.recorder.teamId,
      api_app_id: this.appId,
      event,
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.recorder.teamId,
          user_id: this.recorder.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
    });
  }

  newEventId(): string {
    this.#events += 1;
    return `Ev${randomBytes(5).toString("hex").toUpperCase()}${this.#events}`;
  }

  /** A direct message from a user to the bot (message.im). */
  dmEvent(user: SlackUser, text: string): Record<string, unknown> {
    const ts = messageTs();
    return {
      type: "message",
      channel: this.recorder.dmChannel(user.id),
      user: user.id,
      text,
      ts,
      event_ts: ts,
      channel_type: "im",
      client_msg_id: randomUuid(),
      team: this.recorder.teamId,
      blocks: [
        {
          type: "rich_text",
          block_id: randomBytes(3).toString("hex"),
          elements: [{ type: "rich_text_section", elements: [{ type: "text", text }] }],
        },
      ],
    };
  }

  dm(user: SlackUser, text: string, options?: PostOptions & { eventId?: string }): Promise<SlackResponse> {
    return this.post(this.eventBody(this.dmEvent(user, text), options?.eventId), "application/json", options);
  }

  appHomeOpened(user: SlackUser, options?: PostOptions): Promise<SlackResponse> {
    const event = {
      type: "app_home_opened",
      user: user.id,
      channel: this.recorder.dmChannel(user.id),
      tab: "home",
      event_ts: messageTs(),
    };
    return this.post(this.eventBody(event), "application/json", options);
  }

  // ---- slash commands

  commandBody(user: SlackUser, command: string, text: string, channelId?: string): string {
    return new URLSearchParams({
      token: "legacy-verification-token",
      team_id: this.recorder.teamId,
      team_domain: "parcel-desk-test",
      channel_id: channelId ?? this.recorder.dmChannel(user.id),
      channel_name: channelId ? "dispatch" : "directmessage",
      user_id: user.id,
      user_name: user.name,
      command,
      text,
      api_app_id: this.appId,
      is_enterprise_install: "false",
      response_url: this.recorder.responseUrl(),
      trigger_id: this.recorder.issueTrigger(user.id),
    }).toString();
  }

  command(
    user: SlackUser,
    command: string,
    text: string,
    options?: PostOptions & { channelId?: string },
  ): Promise<SlackResponse> {
    return this.post(
      this.commandBody(user, command, text, options?.channelId),
      "application/x-www-form-urlencoded",
      options,
    );
  }

  // ---- interactivity

  interact(payload: Record<string, unknown>, options?: PostOptions): Promise<SlackResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, "application/x-www-form-urlencoded", options);
  }

  #base(user: SlackUser): Record<string, unknown> {
    return {
      user: { id: user.id, username: user.name, name: user.name, team_id: this.recorder.teamId },
      api_app_id: this.appId,
      token: "legacy-verification-token",
      trigger_id: this.recorder.issueTrigger(user.id),
      team: { id: this.recorder.teamId, domain: "parcel-desk-test" },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  /** block_actions on a message (a button or a select option) as Slack sends it for a click. */
  messageActionPayload(user: SlackUser, message: SlackMessage, action: Record<string, unknown>) {
    return {
      type: "block_actions",
      ...this.#base(user),
      container: {
        type: "message",
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: false,
      },
      channel: { id: message.channel, name: message.channel.startsWith("D") ? "directmessage" : "dispatch" },
      message: {
        type: "message",
        user: this.recorder.botUserId,
        bot_id: this.recorder.botId,
        ts: message.ts,
        text: message.text,
        blocks: message.blocks,
      },
      state: { values: {} },
      response_url: this.recorder.responseUrl(),
      actions: [{ ...action, action_ts: messageTs() }],
    };
  }

  /** Clicks the button a message shows with this text (exactly, or containing it). */
  click(
    user: SlackUser,
    message: SlackMessage,
    label: string,
    options?: PostOptions,
  ): Promise<SlackResponse> {
    return this.interact(
      this.messageActionPayload(user, message, buttonAction(message.blocks, label)),
      options,
    );
  }

  /** Picks, in the message's select, the option showing this text. */
  select(
    user: SlackUser,
    message: SlackMessage,
    optionLabel: string,
    options?: PostOptions,
  ): Promise<SlackResponse> {
    return this.interact(
      this.messageActionPayload(user, message, selectAction(message.blocks, optionLabel)),
      options,
    );
  }

  /** block_actions inside a modal (a button, or a select with dispatch_action). */
  viewActionPayload(user: SlackUser, view: SlackView, action: Record<string, unknown>, values = {}) {
    return {
      type: "block_actions",
      ...this.#base(user),
      container: { type: "view", view_id: view.id },
      view: this.#viewPayload(view, values),
      actions: [{ ...action, action_ts: messageTs() }],
    };
  }

  #viewPayload(view: SlackView, values: Record<string, Record<string, unknown>>) {
    return {
      id: view.id,
      team_id: this.recorder.teamId,
      type: view.view.type ?? "modal",
      blocks: view.view.blocks ?? [],
      private_metadata: view.view.private_metadata ?? "",
      callback_id: view.view.callback_id ?? "",
      state: { values },
      hash: view.hash,
      title: view.view.title,
      clear_on_close: false,
      notify_on_close: false,
      close: view.view.close ?? null,
      submit: view.view.submit ?? null,
      previous_view_id: null,
      root_view_id: view.id,
      app_id: this.appId,
      external_id: "",
      app_installed_team_id: this.recorder.teamId,
      bot_id: this.recorder.botId,
    };
  }

  /**
   * Clicks a button in a modal or on the home tab by its text; `near`: the one of the block showing
   * this text (a home tab has a take button per query).
   */
  clickInView(
    user: SlackUser,
    view: SlackView,
    label: string,
    options?: PostOptions & { near?: string },
  ): Promise<SlackResponse> {
    const near = options?.near;
    const blocks = (view.view.blocks ?? []).filter((b) => near === undefined || blockText(b).includes(near));
    return this.interact(this.viewActionPayload(user, view, buttonAction(blocks, label)), options);
  }

  /**
   * Picks an option in a modal's select (one that dispatches its action, e.g. a category). As in
   * Slack, the payload's view.state carries every input as it stands (`answers` by label), the new
   * choice included.
   */
  selectInView(
    user: SlackUser,
    view: SlackView,
    optionLabel: string,
    answers: Record<string, string> = {},
    options?: PostOptions,
  ): Promise<SlackResponse> {
    const blocks = view.view.blocks ?? [];
    const action = selectAction(blocks, optionLabel);
    const values = viewState(view.view, answers);
    const blockId = String(action.block_id);
    values[blockId] = {
      ...values[blockId],
      [String(action.action_id)]: { type: action.type, selected_option: action.selected_option },
    };
    return this.interact(this.viewActionPayload(user, view, action, values), options);
  }

  /**
   * Submits a modal with its inputs filled by label (text as typed; a choice by the option's
   * text), as Slack sends view_submission. The answer is the HTTP response (response_action).
   */
  submitView(
    user: SlackUser,
    view: SlackView,
    answers: Record<string, string>,
    options?: PostOptions,
  ): Promise<SlackResponse> {
    const payload = {
      type: "view_submission",
      ...this.#base(user),
      view: this.#viewPayload(view, viewState(view.view, answers)),
      response_urls: [],
    };
    return this.interact(payload, options);
  }
}

function messageTs(): string {
  const now = Date.now();
  return `${Math.floor(now / 1000)}.${String((now % 1000) * 1000 + Math.floor(Math.random() * 1000)).padStart(6, "0")}`;
}

function randomUuid(): string {
  const hex = randomBytes(16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Every interactive element of some blocks: actions blocks' elements, section accessories, input elements. */
export function elementsOf(blocks: readonly Block[]): FoundElement[] {
  const found: FoundElement[] = [];
  for (const block of blocks) {
    const blockId = String(block.block_id ?? "");
    const candidates: Block[] = [];
    if (block.type === "actions" && Array.isArray(block.elements))
      candidates.push(...(block.elements as Block[]));
    if (block.accessory) candidates.push(block.accessory as Block);
    if (block.type === "input" && block.element) candidates.push(block.element as Block);
    for (const element of candidates) {
      found.push({ block, element, blockId, actionId: String(element.action_id ?? "") });
    }
  }
  return found;
}

const plain = (value: unknown): string => {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && typeof (value as { text?: unknown }).text === "string") {
    return (value as { text: string }).text;
  }
  return "";
};

/** The labels of the buttons some blocks show. */
export function buttonLabels(blocks: readonly Block[]): string[] {
  return elementsOf(blocks)
    .filter((e) => e.element.type === "button")
    .map((e) => plain(e.element.text));
}

/** The options of every select (and radio/checkbox group) some blocks show. */
export function optionsOf(element: Block): { text: string; value: string; option: Block }[] {
  const groups = Array.isArray(element.option_groups)
    ? (element.option_groups as Block[]).flatMap((g) => (g.options ?? []) as Block[])
    : [];
  const options = [...((element.options ?? []) as Block[]), ...groups];
  return options.map((o) => ({ text: plain(o.text), value: String(o.value ?? ""), option: o }));
}

export function selectOptionLabels(blocks: readonly Block[]): string[] {
  return elementsOf(blocks)
    .filter((e) => e.element.type === "static_select" || e.element.type === "radio_buttons")
    .flatMap((e) => optionsOf(e.element).map((o) => o.text));
}

function findButton(blocks: readonly Block[], label: string): FoundElement {
  const buttons = elementsOf(blocks).filter((e) => e.element.type === "button");
  const found =
    buttons.find((b) => plain(b.element.text) === label) ??
    buttons.find((b) => plain(b.element.text).includes(label));
  if (!found) {
    throw new Error(
      `no button "${label}"; buttons: ${JSON.stringify(buttons.map((b) => plain(b.element.text)))}`,
    );
  }
  return found;
}

export function hasButton(blocks: readonly Block[], label: string): boolean {
  return buttonLabels(blocks).some((b) => b === label || b.includes(label));
}

export function buttonAction(blocks: readonly Block[], label: string): Record<string, unknown> {
  const { element, blockId, actionId } = findButton(blocks, label);
  return {
    action_id: actionId,
    block_id: blockId,
    text: { type: "plain_text", text: plain(element.text), emoji: true },
    ...(element.value !== undefined ? { value: element.value } : {}),
    ...(element.style !== undefined ? { style: element.style } : {}),
    type: "button",
  };
}

function findOption(blocks: readonly Block[], optionLabel: string) {
  const selects = elementsOf(blocks).filter((e) =>
    ["static_select", "radio_buttons"].includes(e.element.type),
  );
  for (const exact of [true, false]) {
    for (const select of selects) {
      const option = optionsOf(select.element).find((o) =>
        exact ? o.text === optionLabel : o.text.includes(optionLabel),
      );
      if (option) return { select, option };
    }
  }
  throw new Error(
    `no option "${optionLabel}"; options: ${JSON.stringify(selects.flatMap((s) => optionsOf(s.element).map((o) => o.text)))}`,
  );
}

export function selectAction(blocks: readonly Block[], optionLabel: string): Record<string, unknown> {
  const { select, option } = findOption(blocks, optionLabel);
  const selected = { text: { type: "plain_text", text: option.text, emoji: true }, value: option.value };
  return {
    type: select.element.type,
    action_id: select.actionId,
    block_id: select.blockId,
    ...(select.element.type === "static_select"
      ? { selected_option: selected, placeholder: select.element.placeholder }
      : { selected_option: selected }),
  };
}

/** An input block's label. */
export function inputLabel(block: Block): string {
  return plain(block.label);
}

/**
 * view.state.values for a modal's input blocks, filled from answers by label (exact, or the
 * block's label containing the key). A choice element takes the option showing the answer's text.
 */
export function viewState(view: ViewDefinition, answers: Record<string, string>) {
  const values: Record<string, Record<string, unknown>> = {};
  const inputs = (view.blocks ?? []).filter((b) => b.type === "input");
  for (const [label, answer] of Object.entries(answers)) {
    const block =
      inputs.find((b) => inputLabel(b) === label) ?? inputs.find((b) => inputLabel(b).includes(label));
    if (!block) {
      throw new Error(`no input "${label}" in the view; inputs: ${JSON.stringify(inputs.map(inputLabel))}`);
    }
    const element = block.element as Block;
    const actionId = String(element.action_id ?? "");
    values[String(block.block_id)] = { [actionId]: elementValue(element, answer) };
  }
  // Inputs left empty are sent as Slack sends them: present, with no value.
  for (const block of inputs) {
    const blockId = String(block.block_id);
    if (values[blockId]) continue;
    const element = block.element as Block;
    values[blockId] = { [String(element.action_id ?? "")]: emptyValue(element) };
  }
  return values;
}

function elementValue(element: Block, answer: string): Record<string, unknown> {
  switch (element.type) {
    case "plain_text_input":
      return { type: "plain_text_input", value: answer };
    case "static_select":
    case "radio_buttons": {
      const option =
        optionsOf(element).find((o) => o.text === answer) ??
        optionsOf(element).find((o) => o.text.includes(answer));
      if (!option) {
        throw new Error(
          `no option "${answer}"; options: ${JSON.stringify(optionsOf(element).map((o) => o.text))}`,
        );
      }
      return {
        type: element.type,
        selected_option: { text: { type: "plain_text", text: option.text }, value: option.value },
      };
    }
    case "datepicker":
      return { type: "datepicker", selected_date: answer };
    case "timepicker":
      return { type: "timepicker", selected_time: answer };
    case "datetimepicker":
      return { type: "datetimepicker", selected_date_time: Math.floor(new Date(answer).getTime() / 1000) };
    case "number_input":
      return { type: "number_input", value: answer };
    default:
      return { type: String(element.type), value: answer };
  }
}

/** An input the person left as it was: its initial value, if the view gave one, else none. */
function emptyValue(element: Block): Record<string, unknown> {
  switch (element.type) {
    case "static_select":
    case "radio_buttons":
      return { type: element.type, selected_option: element.initial_option ?? null };
    case "datepicker":
      return { type: "datepicker", selected_date: element.initial_date ?? null };
    case "timepicker":
      return { type: "timepicker", selected_time: element.initial_time ?? null };
    case "datetimepicker":
      return { type: "datetimepicker", selected_date_time: element.initial_date_time ?? null };
    default:
      return { type: String(element.type), value: element.initial_value ?? null };
  }
}
