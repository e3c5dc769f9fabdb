import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { excerpt, formatAge, formatLocalTime, personLabel } from "../../domain/kernel/format";
import type { Query, QueryMessage } from "../../domain/ports/records";
import { checkQueryText, isOverdue, QUERY_TEXT_MAX_LENGTH } from "../../domain/queries/reply-deadline";
import { languageText, parcelStatusText, threadText, threadTrackingNo } from "../../domain/queries/thread";
import { ask, forStaff, handOver, say } from "../common";
import type { Choice, Flow, FlowContext, Reply, Step } from "../types";
import { common, done, flowButton, ID, me, menuButton } from "./shared";

/**
 * One open query (SOP-10, SOP-11): take it, answer it (type → confirm → sent to the asker), or
 * pass it on (back to the queue, or to a named agent). A query held by someone else shows who.
 * Started with the query id as args (from the list, the overdue list, or the `qt` notice button).
 */
const queryState = z.object({
  id: z.string().regex(ID),
  step: z.enum(["view", "answer", "confirm", "pass"]),
  draft: z.string().optional(),
});
type QueryState = z.infer<typeof queryState>;

export function agentQueryFlow(desk: Desk): Flow<QueryState> {
  return {
    name: "agent-query",
    roles: ["agent", "supervisor"],
    state: queryState,
    async start(ctx, args) {
      const id = args.trim();
      const query = ID.test(id) ? await ctx.deps.lookups.query(id) : undefined;
      if (!query) return done(ask(ctx.t("staff.query.notFound"), backButtons(ctx)));
      return show(desk, ctx, query);
    },
    async on(ctx, state, input) {
      const handled = common(ctx, input);
      if (handled) return handled;
      const person = me(ctx);
      const choice = input.kind === "choice" ? input.value : undefined;
      const text = input.kind === "text" ? input.text : undefined;

      if (state.step === "view") {
        if (choice !== "take") return again(ctx, state);
        const taken = await desk.takeQuery(state.id, person.id);
        if (taken.ok) return askAnswer(desk, ctx, taken.query, [say(ctx.t("staff.query.taken"))]);
        return refusedStep(desk, ctx, state.id, taken.reason);
      }

      if (state.step === "answer" || state.step === "confirm") {
        if (choice === "pass") return askPassTo(ctx, state);
        // SOP-13: ask another branch; the query then shows it waits on the answer.
        if (choice === "askbranch") return handOver([], "branch-ask", `q ${state.id}`);
        if (choice === "edit") {
          return {
            replies: [ask(ctx.t("staff.query.typeAnswer"), answerButtons(ctx))],
            next: { ...state, step: "answer" },
          };
        }
        if (choice === "send" && state.step === "confirm" && state.draft) {
          const answered = await desk.answerQuery(state.id, person.id, state.draft);
          if (answered.ok) {
            // SOP-80: the closing belongs in the asker's answer (answerQuery adds it), not here.
            return done(ask(ctx.t("staff.query.answered"), backButtons(ctx)));
          }
          if (answered.reason === "empty" || answered.reason === "too_long") {
            return {
              replies: [say(textProblem(ctx, answered.reason))],
              next: { id: state.id, step: "answer" },
            };
          }
          return refusedStep(desk, ctx, state.id, answered.reason);
        }
        if (text !== undefined) {
          // A new text replaces the draft, in either step: the confirm shows it again.
          const checked = checkQueryText(text);
          if (!checked.ok) return { replies: [say(textProblem(ctx, checked.reason))], next: state };
          return {
            replies: [
              ask(ctx.t("staff.query.confirmAnswer", { text: checked.text }), [
                { label: ctx.t("staff.query.button.send"), value: "send" },
                { label: ctx.t("staff.query.button.edit"), value: "edit" },
                { label: ctx.t("button.cancel"), value: "cancel" },
              ]),
            ],
            next: { id: state.id, step: "confirm", draft: checked.text },
          };
        }
        return again(ctx, state);
      }

      // step "pass": back to the queue ("to.-") or to a named agent ("to.<personId>").
      const to = choice ? /^to\.(.+)$/.exec(choice)?.[1] : undefined;
      if (!to) return askPassTo(ctx, state);
      const passed = await desk.passQuery(state.id, person.id, to === "-" ? undefined : to);
      if (passed.ok) {
        const key = to === "-" ? "staff.query.passedToQueue" : "staff.query.passedTo";
        return done(ask(ctx.t(key, { name: personLabel(ctx.deps, ctx.language, to) }), backButtons(ctx)));
      }
      return refusedStep(desk, ctx, state.id, passed.reason);
    },
  };
}

/**
 * The query as staff read it: parcel, who asked, the whole thread (issue 14 §1: every message, a
 * photo as "[照片]"), the parcel's current status, the customer's language, when it is due, who
 * holds it. `thread`: its messages, when already read.
 */
export async function describeQuery(
  desk: Desk,
  ctx: FlowContext,
  q: Query,
  thread?: readonly QueryMessage[],
): Promise<string> {
  const messages = thread ?? (await ctx.deps.lookups.queryMessages(q.id));
  // The parcel: the query's, else the first one the customer named in the thread (as the notices say).
  const trackingNo = threadTrackingNo(q, messages, ctx.deps.policy);
  const view = trackingNo ? await desk.trackParcel(trackingNo) : undefined;
  const lines = [
    q.kind === "branch"
      ? ctx.t("staff.query.headBranch", { branch: q.fromBranch ?? "—", trackingNo: trackingNo ?? "—" })
      : ctx.t("staff.query.headCustomer", { trackingNo: trackingNo ?? "—" }),
    ctx.t("thread.card.parcel", {
      parcel: parcelStatusText(ctx.deps, ctx.language, trackingNo, view, ctx.now),
    }),
  ];
  if (q.kind === "customer") {
    lines.push(ctx.t("thread.card.language", { language: languageText(ctx.language, q.language) }));
  }
  lines.push(
    messages.length > 0
      ? `${ctx.t("thread.card.title")}\n${threadText(ctx.deps, ctx.language, messages, ctx.now)}`
      : ctx.t("staff.query.text", { text: q.text }),
    ctx.t("staff.query.due", {
      received: formatLocalTime(q.createdAt, forStaff(ctx)),
      due: formatLocalTime(q.dueAt, forStaff(ctx)),
    }),
  );
  // SOP-13: what the query waits on: its questions to other branches not answered yet.
  for (const waiting of (await desk.branchAsksForQuery(q.id)).filter((a) => a.status === "open")) {
    lines.push(
      ctx.t("branchAsk.waiting", {
        branch: waiting.branch,
        at: formatLocalTime(waiting.askedAt, forStaff(ctx)),
        due: formatLocalTime(waiting.dueAt, forStaff(ctx)),
        question: excerpt(waiting.question),
      }),
    );
  }
  if (isOverdue(q, ctx.now)) {
    lines.push(
      ctx.t("staff.query.late", { late: formatAge(ctx.language, ctx.now.getTime() - q.dueAt.getTime()) }),
    );
  }
  if (q.status === "answered") {
    lines.push(
      ctx.t("staff.query.answeredBy", {
        name: q.answeredBy ? personLabel(ctx.deps, ctx.language, q.answeredBy) : "—",
        at: q.answeredAt ? formatLocalTime(q.answeredAt, forStaff(ctx)) : "—",
      }),
    );
  } else {
    lines.push(
      q.assignee
        ? ctx.t("staff.query.heldBy", { name: personLabel(ctx.deps, ctx.language, q.assignee) })
        : ctx.t("staff.query.heldByNobody"),
    );
  }
  return lines.join("\n");
}

/** The most photos a card brings along (the newest); the thread's lines mention every one. */
export const CARD_PHOTOS_MAX = 5;

/** The card's text, and the thread's photos that follow it, each a message of its own (issue 14 §1). */
async function cardOf(
  desk: Desk,
  ctx: FlowContext,
  query: Query,
): Promise<{ text: string; photos: Reply[] }> {
  const messages = await ctx.deps.lookups.queryMessages(query.id);
  return { text: await describeQuery(desk, ctx, query, messages), photos: threadPhotos(ctx, messages) };
}

/**
 * The thread's last CARD_PHOTOS_MAX photos, oldest first, each captioned with its message's time
 * and author as the card's thread lines show them, so the agent knows which message it belongs to.
 */
export function threadPhotos(ctx: FlowContext, messages: readonly QueryMessage[]): Reply[] {
  const photos = messages.flatMap((m) => (m.photo ? [{ ...m, photo: m.photo }] : []));
  const shown = photos.slice(-CARD_PHOTOS_MAX);
  const earlier = photos.length - shown.length;
  return shown.map((m, i) => {
    const params = {
      time: formatLocalTime(m.at, forStaff(ctx)),
      from:
        m.author === "customer"
          ? ctx.t("thread.photo.customer")
          : personLabel(ctx.deps, ctx.language, m.personId),
      text: m.text,
    };
    const caption = ctx.t(m.text ? "thread.photo.captionText" : "thread.photo.caption", params);
    const note =
      i === 0 && earlier > 0 ? ctx.t("thread.photo.earlier", { count: earlier, shown: shown.length }) : "";
    return { kind: "photo", fileRef: m.photo, caption: note ? `${note}\n${caption}` : caption };
  });
}

async function show(desk: Desk, ctx: FlowContext, query: Query): Promise<Step<QueryState>> {
  const person = me(ctx);
  if (query.assignee === person.id && query.status !== "answered") return askAnswer(desk, ctx, query, []);
  const { text, photos } = await cardOf(desk, ctx, query);
  if (query.status === "answered" || query.assignee) return done(ask(text, backButtons(ctx)), ...photos);
  return {
    replies: [
      ask(text, [{ label: ctx.t("staff.query.button.take"), value: "take" }, ...backButtons(ctx)]),
      ...photos,
    ],
    next: { id: query.id, step: "view" },
  };
}

/** Held by this agent: straight to the answer, the most common next thing to do. */
async function askAnswer(
  desk: Desk,
  ctx: FlowContext,
  query: Query,
  before: Reply[],
): Promise<Step<QueryState>> {
  const { text, photos } = await cardOf(desk, ctx, query);
  return {
    replies: [...before, ask(`${text}\n\n${ctx.t("staff.query.typeAnswer")}`, answerButtons(ctx)), ...photos],
    next: { id: query.id, step: "answer" },
  };
}

function answerButtons(ctx: FlowContext): Choice[] {
  return [
    { label: ctx.t("staff.query.button.pass"), value: "pass" },
    { label: ctx.t("branchAsk.button.fromQuery"), value: "askbranch" },
    { label: ctx.t("button.cancel"), value: "cancel" },
  ];
}

function askPassTo(ctx: FlowContext, state: QueryState): Step<QueryState> {
  const person = me(ctx);
  // passQuery accepts agents and the duty lead (SOP-14 hands work to the lead).
  const { directory } = ctx.deps;
  const agents = [...directory.withRole("agent"), ...directory.withRole("supervisor")].filter(
    (p, i, all) => p.id !== person.id && all.findIndex((q) => q.id === p.id) === i,
  );
  return {
    replies: [
      ask(ctx.t("staff.query.passTo"), [
        { label: ctx.t("staff.query.button.toQueue"), value: "to.-" },
        ...agents.map((p) => ({ label: personLabel(ctx.deps, ctx.language, p.id), value: `to.${p.id}` })),
        { label: ctx.t("button.cancel"), value: "cancel" },
      ]),
    ],
    next: { id: state.id, step: "pass" },
  };
}

/** The same question again, for an input that does not fit the step. */
function again(ctx: FlowContext, state: QueryState): Step<QueryState> {
  if (state.step === "view") {
    return {
      replies: [
        ask(ctx.t("staff.useButtons"), [
          { label: ctx.t("staff.query.button.take"), value: "take" },
          ...backButtons(ctx),
        ]),
      ],
      next: state,
    };
  }
  return { replies: [ask(ctx.t("staff.query.typeAnswer"), answerButtons(ctx))], next: state };
}

/** Why the desk refused a step on a query, with the way back to the queue. */
export async function refusedStep(
  desk: Desk,
  ctx: FlowContext,
  id: string,
  reason: string,
): Promise<Step<never>> {
  const query = await ctx.deps.lookups.query(id);
  switch (reason) {
    case "taken":
      return done(
        ask(
          ctx.t("staff.query.takenBy", {
            name: query?.assignee ? personLabel(ctx.deps, ctx.language, query.assignee) : "—",
          }),
          backButtons(ctx),
        ),
      );
    case "answered":
      return done(
        ask(
          query ? await describeQuery(desk, ctx, query) : ctx.t("staff.query.alreadyAnswered"),
          backButtons(ctx),
        ),
      );
    case "not_holder":
      return done(ask(ctx.t("staff.query.notHolder"), backButtons(ctx)));
    case "not_yours":
      return done(
        ask(
          ctx.t("staff.query.notYours", {
            name: personLabel(ctx.deps, ctx.language, query?.assignee ?? null),
          }),
          backButtons(ctx),
        ),
      );
    case "unknown_agent":
      return done(ask(ctx.t("staff.query.unknownAgent"), backButtons(ctx)));
    default:
      return done(ask(ctx.t("staff.query.notFound"), backButtons(ctx)));
  }
}

function textProblem(ctx: FlowContext, reason: "empty" | "too_long"): string {
  return reason === "empty"
    ? ctx.t("staff.query.emptyAnswer")
    : ctx.t("staff.query.answerTooLong", { max: QUERY_TEXT_MAX_LENGTH });
}

function backButtons(ctx: FlowContext): Choice[] {
  return [flowButton(ctx, "staff.button.queries", "agent-queries"), menuButton(ctx)];
}
