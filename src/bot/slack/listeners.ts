import type { App, types, webApi } from "@slack/bolt";
import type { DirectoryIndex } from "../../domain/config/directory";
import { CUSTOMER_COMMANDS } from "../../flows/customer";
import {
  decodePayload,
  type Engine,
  failureLanguage,
  failureText,
  flowOfValue,
  knownCommands,
} from "../../flows/engine";
import { STAFF_COMMANDS } from "../../flows/staff";
import type { ChannelInput, RenderedReply, Who } from "../../flows/types";
import type { Logger } from "../../log";
import type { EventDedupe } from "./dedupe";
import { type Click, deliverReplies } from "./deliver";
import type { LiveButtons } from "./live";
import { type BlockActionsBody, parseAction, parseMessage, parseSlashCommand } from "./parse";
import type { SlackStaffUi } from "./staff-ui";

/**
 * What Slack delivers, to the engine (issue 10 §4): a DM (message.im), the slash command `/parcel`,
 * and clicks on our buttons and selects (block_actions whose action_id does not start with `ui.`:
 * those are the staff UI's). Each listener acks first (Slack's three seconds), then runs one
 * engine turn and posts its replies. One error boundary: a failure is logged with the request's
 * id and answered politely in the person's language.
 */
export interface ListenerDeps {
  directory: DirectoryIndex;
  log: Logger;
  dedupe: EventDedupe;
  /** The buttons of each person's last turn in their DM (taken away when the next one answers). */
  live: LiveButtons;
  engine(): Engine | undefined;
  staffUi(): SlackStaffUi | undefined;
}

export const SLASH_COMMAND = "/parcel";

export function installListeners(app: App, deps: ListenerDeps): void {
  const { directory, log } = deps;
  const known = knownCommands(CUSTOMER_COMMANDS, STAFF_COMMANDS);
  app.use(dedupeEvents(deps));

  app.event("message", async ({ event, client }) => {
    const parsed = parseMessage(directory, event as Parameters<typeof parseMessage>[1]);
    if ("ignored" in parsed) return log.debug({ reason: parsed.ignored }, "slack: message ignored");
    await runTurn(deps, client, parsed.who, parsed.input);
  });

  app.command(SLASH_COMMAND, async ({ command, ack, client }) => {
    await ack();
    const parsed = parseSlashCommand(directory, command, known);
    const ui = deps.staffUi();
    if (parsed.problemNote && ui) {
      await ui.openProblemNote(client, command.trigger_id, command.user_id, parsed.problemArgs);
      return;
    }
    // In a channel, a word for the typer alone (a toast) is an ephemeral note there, as for a click.
    const inChannel: Click | undefined = parsed.who.isGroup ? { channelId: command.channel_id } : undefined;
    await runTurn(deps, client, parsed.who, parsed.input, inChannel);
  });

  app.action({ type: "block_actions", action_id: /^(?!ui\.)/ }, async ({ ack, body, action, client }) => {
    await ack();
    const actionsBody = body as BlockActionsBody & {
      message?: { ts?: string; text?: string; blocks?: unknown };
    };
    const parsed = parseAction(directory, actionsBody, action as Parameters<typeof parseAction>[2]);
    if ("ignored" in parsed) return log.debug({ reason: parsed.ignored }, "slack: action ignored");
    const ui = deps.staffUi();
    const payload = parsed.input.kind === "choice" ? parsed.input.payload : "";
    const decoded = decodePayload(payload);
    if (
      ui &&
      actionsBody.trigger_id &&
      decoded?.kind === "offer" &&
      flowOfValue(decoded.value) === "problem-note"
    ) {
      // The staff menu's problem-note button: on Slack the note is a modal (Slack-B's staff UI).
      await ui.openProblemNote(client, actionsBody.trigger_id, actionsBody.user?.id ?? "");
      return;
    }
    const message = actionsBody.message;
    const click: Click = {
      channelId: parsed.channelId,
      message:
        parsed.messageTs && message
          ? {
              ts: parsed.messageTs,
              text: message.text ?? "",
              blocks: (message.blocks ?? []) as types.KnownBlock[],
            }
          : undefined,
    };
    await runTurn(deps, client, parsed.who, parsed.input, click);
  });
}

/** An Events API event Slack retries (X-Slack-Retry-Num) or a second process gets: handled once. */
function dedupeEvents(deps: ListenerDeps): Parameters<App["use"]>[0] {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== "string") return next();
    if (!(await deps.dedupe.claim(eventId))) {
      deps.log.debug({ event_id: eventId }, "slack: duplicate event skipped");
      return;
    }
    try {
      await next();
    } finally {
      await deps.dedupe
        .done(eventId)
        .catch((error: unknown) =>
          deps.log.warn({ err: error, event_id: eventId }, "slack: could not mark an event done"),
        );
    }
  };
}

/**
 * One engine turn and its replies, inside the channel's error boundary. Only a turn that failed is
 * answered with error.internal: once the engine has committed, a failure to post its replies is
 * logged, never told as a failure of what was done.
 */
async function runTurn(
  deps: ListenerDeps,
  client: webApi.WebClient,
  who: Who,
  input: ChannelInput,
  click?: Click,
): Promise<void> {
  const { log } = deps;
  const userId = who.chat.userId ?? who.chat.chatId;
  const language = failureLanguage(who);
  let replies: RenderedReply[];
  try {
    const engine = deps.engine();
    if (!engine) throw new Error("slack: a request arrived before the flow engine was attached");
    replies = await engine.handle(who, input);
  } catch (error) {
    log.error({ err: error, user: userId, chat: who.chat.chatId }, "slack: handling a request failed");
    const text = failureText(who);
    const answer = who.isGroup
      ? client.chat.postEphemeral({ channel: who.chat.chatId, user: userId, text })
      : client.chat.postMessage({ channel: userId, text });
    await answer.catch((e: unknown) =>
      log.warn({ err: e }, "slack: could not tell the user about the failure"),
    );
    return;
  }
  try {
    await deliverReplies(client, who, replies, language, deps, click);
  } catch (error) {
    log.warn(
      { err: error, user: userId, chat: who.chat.chatId },
      "slack: the turn is done; its replies were not all delivered",
    );
  }
  if (who.person) await deps.staffUi()?.refreshHome(client, userId);
}
