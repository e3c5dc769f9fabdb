import type { App, BlockAction, ButtonAction, types, webApi } from "@slack/bolt";
import type { Person, Role } from "../../../domain/config/directory";
import { TAKE_QUERY } from "../../../domain/desk/notice-actions";
import type { Language } from "../../../domain/kernel/chat";
import { personLabel } from "../../../domain/kernel/format";
import { type MessageKey, t } from "../../../domain/messages";
import { QUERY_TEXT_MAX_LENGTH } from "../../../domain/queries/reply-deadline";
import { staffActions } from "../../../flows/staff/actions";
import { homeData, homeDeps, querySubject } from "./home-data";
import { answerFormView, answerNoticeView, homeView } from "./home-views";
import { ANSWER_FORM, HOME } from "./ids";
import type { SlackStaffUiDeps } from "./index";
import { modalAnswer, tell } from "./modal-answer";
import { slackReader, staffWith } from "./people";

/**
 * The App Home's handlers (issue 10 §4): published when the person opens the tab and whenever
 * their work changes (refreshHome); "take" takes the query and opens its answer form at once (as
 * the chat's take button goes straight into answering); "answer" opens that small form, whose
 * submission is Desk.answerQuery: the asker gets the answer through the notifier, as from a chat.
 */
export async function refreshHome(
  deps: SlackStaffUiDeps,
  client: webApi.WebClient,
  slackUserId: string,
): Promise<void> {
  try {
    const { person } = slackReader(deps, slackUserId);
    const view = homeView(await homeData(homeDeps(deps), person));
    await client.views.publish({ user_id: slackUserId, view });
  } catch (err) {
    deps.log.warn({ err, slackUserId }, "App Home not published");
  }
}

/** Who may take and answer queries: the chat's take button's roles (flows/staff/actions.ts), declared once. */
function queryRoles(deps: SlackStaffUiDeps): readonly Role[] {
  return staffActions(deps.desk).find((a) => a.name === TAKE_QUERY)?.roles ?? [];
}

/** The answer form of a query (undefined: no such query). */
async function answerForm(
  deps: SlackStaffUiDeps,
  language: Language,
  queryId: string,
): Promise<types.ModalView | undefined> {
  const query = await deps.lookups.query(queryId);
  if (!query) return undefined;
  const messages = await deps.lookups.queryMessages(queryId);
  const subject = querySubject(query);
  const head =
    query.kind === "branch"
      ? t(language, "staff.query.headBranch", {
          branch: query.fromBranch ?? "—",
          trackingNo: query.trackingNo ?? "—",
        })
      : t(language, "staff.query.headCustomer", { trackingNo: query.trackingNo ?? "—" });
  const thread = messages.map((m) => {
    const who = m.author === "agent" ? personLabel(deps, language, m.personId) : subject;
    return `${who}: ${m.text || "📷"}`;
  });
  return answerFormView(language, { id: queryId, head, thread });
}

const ANSWER_REFUSALS = {
  not_found: "staff.query.notFound",
  answered: "staff.query.alreadyAnswered",
  not_yours: "staff.query.notYours",
  empty: "staff.query.emptyAnswer",
  too_long: "staff.query.answerTooLong",
} as const satisfies Record<string, MessageKey>;

type RefusalReason = keyof typeof ANSWER_REFUSALS | "taken";

/** Why a query cannot be taken or answered, in the person's language (its holder named). */
function refusalWords(
  deps: SlackStaffUiDeps,
  language: Language,
  reason: RefusalReason,
  holder: string | null,
): string {
  const key = reason === "taken" ? "staff.query.takenBy" : ANSWER_REFUSALS[reason];
  return t(language, key, { name: personLabel(deps, language, holder), max: QUERY_TEXT_MAX_LENGTH });
}

/** refusalWords, the query's holder read now. */
async function refusalText(
  deps: SlackStaffUiDeps,
  language: Language,
  queryId: string,
  reason: RefusalReason,
): Promise<string> {
  const holder = (await deps.lookups.query(queryId))?.assignee ?? null;
  return refusalWords(deps, language, reason, holder);
}

/**
 * "Take" on the Home tab. The click's trigger lasts three seconds: the answer form is opened first
 * (its reads only), then the query is taken; when it cannot be (someone else has it, it is
 * answered) the form becomes a note saying why. When the form could not open (the trigger
 * expired) or anything fails, the person is told by DM; the Home is refreshed in every case.
 */
async function takeQuery(
  deps: SlackStaffUiDeps,
  body: BlockAction,
  client: webApi.WebClient,
  person: Person,
) {
  const queryId = (body.actions[0] as ButtonAction | undefined)?.value ?? "";
  const { language } = person;
  const userId = body.user.id;
  let viewId: string | undefined;
  try {
    const form = await answerForm(deps, language, queryId);
    const view = form ?? answerNoticeView(language, t(language, "answerForm.loading"));
    viewId = (await client.views.open({ trigger_id: body.trigger_id, view })).view?.id;
  } catch (err) {
    deps.log.warn({ err, userId }, "slack: the answer form could not be opened (trigger expired?)");
  }
  try {
    const taken = await deps.desk.takeQuery(queryId, person.id);
    // Read once: whether the query is already this person's, and whom a refusal names.
    const holder = taken.ok ? person.id : ((await deps.lookups.query(queryId))?.assignee ?? null);
    const mine = taken.ok || (taken.reason === "taken" && holder === person.id);
    if (mine) {
      if (!viewId) await tell(deps.log, client, userId, t(language, "staff.query.taken"));
    } else if (!taken.ok) {
      const text = refusalWords(deps, language, taken.reason, holder);
      if (viewId) await client.views.update({ view_id: viewId, view: answerNoticeView(language, text) });
      else await tell(deps.log, client, userId, text);
    }
  } catch (err) {
    deps.log.error({ err, userId, queryId }, "slack: taking a query from the App Home failed");
    await tell(deps.log, client, userId, t(language, "error.internal"));
  }
  await refreshHome(deps, client, userId);
}

export function installHomeHandlers(app: App, deps: SlackStaffUiDeps): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== undefined && event.tab !== "home") return;
    await refreshHome(deps, client, event.user);
  });

  app.action<BlockAction>(HOME.take, async ({ ack, body, client }) => {
    await ack();
    const person = staffWith(slackReader(deps, body.user.id), queryRoles(deps));
    if (!person) return refreshHome(deps, client, body.user.id);
    await takeQuery(deps, body, client, person);
  });

  app.action<BlockAction>(HOME.answer, async ({ ack, body, client }) => {
    await ack();
    const person = staffWith(slackReader(deps, body.user.id), queryRoles(deps));
    const queryId = (body.actions[0] as ButtonAction | undefined)?.value ?? "";
    if (!person) return refreshHome(deps, client, body.user.id);
    try {
      const form = await answerForm(deps, person.language, queryId);
      if (form) await client.views.open({ trigger_id: body.trigger_id, view: form });
      else await tell(deps.log, client, body.user.id, t(person.language, "staff.query.notFound"));
    } catch (err) {
      deps.log.warn({ err, queryId }, "slack: the answer form could not be opened");
      await tell(deps.log, client, body.user.id, t(person.language, "error.internal"));
      await refreshHome(deps, client, body.user.id);
    }
  });

  app.view(ANSWER_FORM.callbackId, async ({ ack, body, view, client }) => {
    const reader = slackReader(deps, body.user.id);
    const answer = modalAnswer(deps.log, ack, client, body.user.id);
    const onField = (text: string) => answer.refuse({ [ANSWER_FORM.textBlock]: text });
    try {
      const person = staffWith(reader, queryRoles(deps));
      if (!person) return await onField(t(reader.language, "buttons.notForYou"));
      const text = view.state.values[ANSWER_FORM.textBlock]?.[ANSWER_FORM.textBlock]?.value ?? "";
      const queryId = view.private_metadata;
      const answered = await deps.desk.answerQuery(queryId, person.id, text);
      if (!answered.ok)
        return await onField(await refusalText(deps, person.language, queryId, answered.reason));
      // Committed (the asker's answer is queued) before the agent is told.
      await answer.done(t(person.language, "staff.query.answered"));
    } catch (err) {
      deps.log.error({ err, user: body.user.id }, "slack: an answer form submission failed");
      await onField(t(reader.language, "error.internal"));
    }
    await refreshHome(deps, client, body.user.id);
  });
}
