import type { App, BlockAction, webApi } from "@slack/bolt";
import type { Role } from "../../../domain/config/directory";
import { t } from "../../../domain/messages";
import { problemNoteFlow } from "../../../flows/staff/problem-note";
import { refreshHome } from "./home-handlers";
import { PROBLEM_FORM } from "./ids";
import type { SlackStaffUiDeps } from "./index";
import { modalAnswer } from "./modal-answer";
import { slackReader, staffWith } from "./people";
import { readProblemForm, submitProblemForm, type ViewState } from "./problem-form-submit";
import { noticeModal, problemFormView } from "./problem-form-views";

/**
 * The problem-parcel modal's handlers (issue 10 §4): open it (views.open), rebuild it when the
 * category or a choice others depend on changes (views.update, keeping what was typed: the block
 * ids stay), and take the submission (errors on their fields, or stored and confirmed by DM).
 * The roles are the chat flow's (flows/staff/problem-note.ts): declared once.
 */
function formRoles(deps: SlackStaffUiDeps): readonly Role[] {
  return problemNoteFlow(deps.desk).roles ?? [];
}

export async function openProblemNote(
  deps: SlackStaffUiDeps,
  client: webApi.WebClient,
  triggerId: string,
  slackUserId: string,
  trackingNo = "",
): Promise<void> {
  const reader = slackReader(deps, slackUserId);
  const { language } = reader;
  const view = staffWith(reader, formRoles(deps))
    ? problemFormView({
        language,
        answers: {},
        branchPoints: branchPoints(deps),
        trackingNo: trackingNo.trim(),
      })
    : noticeModal(language, t(language, "problemForm.notStaff"));
  await client.views.open({ trigger_id: triggerId, view });
}

function branchPoints(deps: SlackStaffUiDeps): string[] {
  return deps.directory.data.branchPoints.map((b) => b.name);
}

export function installProblemModalHandlers(app: App, deps: SlackStaffUiDeps): void {
  // The category select, or a choice that decides which fields follow: the form is rebuilt.
  app.action<BlockAction>(
    { action_id: new RegExp(`^${PROBLEM_FORM.actionPrefix.replaceAll(".", "\\.")}`) },
    async (args) => {
      await args.ack();
      const { body, client } = args;
      const view = body.view;
      if (!view || view.callback_id !== PROBLEM_FORM.callbackId) return;
      const { language } = slackReader(deps, body.user.id);
      const input = readProblemForm(view.state.values as ViewState);
      try {
        await client.views.update({
          view_id: view.id,
          hash: view.hash,
          view: problemFormView({
            language,
            category: input.category || undefined,
            answers: input.details,
            branchPoints: branchPoints(deps),
          }),
        });
      } catch (err) {
        // A hash conflict: a newer change of the same form is being shown; nothing is lost.
        deps.log.warn({ err }, "problem form not rebuilt");
      }
    },
  );

  app.view(PROBLEM_FORM.callbackId, async ({ ack, body, view, client }) => {
    const reader = slackReader(deps, body.user.id);
    const { language } = reader;
    const answer = modalAnswer(deps.log, ack, client, body.user.id);
    try {
      const person = staffWith(reader, formRoles(deps));
      if (!person) {
        return await answer.refuse({ [PROBLEM_FORM.trackingBlock]: t(language, "problemForm.notStaff") });
      }
      const input = readProblemForm(view.state.values as ViewState);
      const outcome = await submitProblemForm(deps, person.id, language, input);
      if (!outcome.ok) return await answer.refuse(outcome.errors);
      // Stored with its audit row before the person is told (the desk committed it).
      await answer.done(outcome.text);
      await refreshHome(deps, client, body.user.id);
    } catch (err) {
      deps.log.error({ err, user: body.user.id }, "slack: a problem note submission failed");
      await answer.refuse({ [PROBLEM_FORM.trackingBlock]: t(language, "error.internal") });
    }
  });
}
