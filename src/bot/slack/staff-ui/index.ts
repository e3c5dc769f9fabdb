import type { App, webApi } from "@slack/bolt";
import type { DirectoryIndex } from "../../../domain/config/directory";
import type { Policy } from "../../../domain/config/policy";
import type { Desk } from "../../../domain/desk/desk";
import type { Clock } from "../../../domain/kernel/clock";
import type { DeskLookups } from "../../../domain/ports/lookups";
import type { Logger } from "../../../log";
import { installHomeHandlers, refreshHome } from "./home-handlers";

export { refreshHome } from "./home-handlers";

import { installProblemModalHandlers, openProblemNote } from "./problem-modal-handlers";

/**
 * The staff's Slack idioms beside the chat flows (issue 10 §4): the problem-parcel note as a modal
 * (views.open, views.update per category, errors on the fields that caused them) and the App Home
 * tab (views.publish of the person's work). Every action_id and callback_id here starts with `ui.`;
 * the channel adapter routes every other block action to the flow engine.
 */
export interface SlackStaffUiDeps {
  desk: Desk;
  lookups: DeskLookups;
  directory: DirectoryIndex;
  policy: Policy;
  clock: Clock;
  log: Logger;
}

export interface SlackStaffUi {
  /**
   * Opens the problem-note modal (the `/parcel problem` command, a shortcut): refused politely for
   * non-staff. `trackingNo`: what the person typed after the command, shown in the tracking-number field.
   */
  openProblemNote(
    client: webApi.WebClient,
    triggerId: string,
    slackUserId: string,
    trackingNo?: string,
  ): Promise<void>;
  /** Publishes the person's App Home again (their work changed). Never throws: failures are logged. */
  refreshHome(client: webApi.WebClient, slackUserId: string): Promise<void>;
}

export function installStaffUi(app: App, deps: SlackStaffUiDeps): SlackStaffUi {
  installProblemModalHandlers(app, deps);
  installHomeHandlers(app, deps);
  return {
    openProblemNote: (client, triggerId, slackUserId, trackingNo) =>
      openProblemNote(deps, client, triggerId, slackUserId, trackingNo),
    refreshHome: (client, slackUserId) => refreshHome(deps, client, slackUserId),
  };
}
