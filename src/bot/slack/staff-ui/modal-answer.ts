import type { AckFn, ViewResponseAction, webApi } from "@slack/bolt";
import type { Logger } from "../../../log";
import { AckTooLate } from "../receiver";

/**
 * How a modal's submission is answered (issue 10 §4): errors on the fields that caused them, or the
 * modal closed and a confirmation by DM. When the outcome comes after the receiver already answered
 * Slack (its ack timeout: ack() throws AckTooLate), the modal can no longer show it: the refusal
 * goes by DM too, so nothing ends silently. Answered once: after the ack, only DMs follow.
 */
export interface ModalAnswer {
  /** Errors on their blocks (block id → text); by DM when the modal can no longer show them. */
  refuse(errors: Record<string, string>): Promise<void>;
  /** Closes the modal and confirms by DM (the confirmation says it was stored). */
  done(text: string): Promise<void>;
}

/** A view_submission listener's ack (Bolt types it as either form). */
type Ack = AckFn<void> | AckFn<ViewResponseAction>;
type Errors = { response_action: "errors"; errors: Record<string, string> };

/** A short word to the person in their DM with the app (a modal or the Home tab has no channel). */
export async function tell(
  log: Logger,
  client: webApi.WebClient,
  userId: string,
  text: string,
): Promise<void> {
  try {
    await client.chat.postMessage({ channel: userId, text });
  } catch (err) {
    log.warn({ err }, "staff UI message not sent");
  }
}

export function modalAnswer(log: Logger, ack: Ack, client: webApi.WebClient, userId: string): ModalAnswer {
  let settled = false;
  /** true: Slack has the response; false: too late (or answered before), tell by DM. */
  async function acked(response?: Errors): Promise<boolean> {
    if (settled) return false;
    settled = true;
    try {
      await ack(response);
      return true;
    } catch (err) {
      if (!(err instanceof AckTooLate)) throw err;
      log.warn({ userId }, "slack: a modal's answer came after the ack timeout; told by DM");
      return false;
    }
  }
  return {
    async refuse(errors) {
      if (await acked({ response_action: "errors", errors })) return;
      await tell(log, client, userId, Object.values(errors).join("\n"));
    },
    async done(text) {
      await acked();
      await tell(log, client, userId, text);
    },
  };
}
