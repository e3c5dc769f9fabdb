import { newItemAudience } from "../claims/common";
import type { Person } from "../config/directory";
import {
  agentsOnDuty,
  auditEntry,
  cancelTimers,
  closedUntil,
  dateText,
  newId,
  personActor,
  requirePerson,
  scheduleAll,
  sendAll,
  sendStrict,
  supervisorsOrAgents,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import { originTaskSentAction } from "../desk/notice-actions";
import type { TimerOutcome } from "../desk/timers";
import { isEscalated, nextReminder } from "../holds/origin-cadence";
import { t } from "../messages";
import { type Notice, type Repositories, timer, timerId } from "../ports";
import type { ProblemNote } from "../ports/records";
import type { OriginTask, OriginTaskRule } from "../ports/returns-records";
import { problemCategory } from "./taxonomy";

/**
 * SOP-38 (missorted) and SOP-45 (contents damaged, packaging intact): the origin branch is
 * messaged. Like SOP-50's message, it is a tracked task: recorded with the note (same
 * transaction), the agents get the text ready to paste and a button to record it sent; until
 * someone does, it comes back each desk morning and, after originMessage.escalateAfter, goes to
 * the supervisors too (the origin-task timer).
 */

const subjectOfOriginTask = (id: string) => `origin-task/${id}`;

const TASK_RULES: Readonly<Record<string, OriginTaskRule>> = {
  missorted: "SOP-38",
  damaged_contents: "SOP-45",
};

/** The task a note asks for (a "message_origin" follow-up of SOP-38 or SOP-45), if any. */
export function originTaskFor(
  deps: Pick<UseCaseDeps, "directory" | "newId">,
  note: ProblemNote,
  originBranch: string | null,
): OriginTask | undefined {
  const rule = TASK_RULES[note.category];
  if (!rule || !note.followUps.includes("message_origin")) return undefined;
  const spec = problemCategory(note.category);
  const reasonValue = typeof note.details.reason === "string" ? note.details.reason : "";
  const reason = spec?.reasons.find((r) => r.value === reasonValue)?.label.zh ?? spec?.label.zh ?? "";
  // Pasted into the network's message system: always Chinese.
  const text = t("zh", rule === "SOP-38" ? "originTask.text.missorted" : "originTask.text.damaged", {
    trackingNo: note.trackingNo,
    branch: deps.directory.branch.name,
    reason,
  });
  return {
    id: newId(deps),
    trackingNo: note.trackingNo,
    rule,
    noteId: note.id,
    originBranch,
    text,
    createdAt: note.recordedAt,
    sentAt: null,
    sentBy: null,
  };
}

/** Inside the note's transaction: the task and its audit row. */
export async function insertOriginTask(
  tx: Pick<Repositories, "originTasks" | "audit">,
  task: OriginTask,
  personId: string,
): Promise<void> {
  await tx.originTasks.insert(task);
  await tx.audit.append(
    auditEntry(task.createdAt, personActor(personId), "origin_task.opened", subjectOfOriginTask(task.id), {
      trackingNo: task.trackingNo,
      rule: task.rule,
      noteId: task.noteId,
    }),
  );
}

/** The timer of an unsent task: the next desk morning, or its escalation if that comes first. */
export function originTaskTimer(deps: Pick<UseCaseDeps, "calendar" | "policy">, task: OriginTask, now: Date) {
  return timer("origin-task", task.id, nextReminder(deps, task.createdAt, now));
}

function categoryText(language: "zh" | "en", task: OriginTask): string {
  const spec = problemCategory(task.rule === "SOP-38" ? "missorted" : "damaged_contents");
  return spec ? spec.label[language] : task.rule;
}

function taskNotices(people: readonly Person[], task: OriginTask, repeat: boolean): Notice[] {
  return people.map((p) =>
    toPerson(
      p,
      repeat ? "notice.originTask.repeat" : "notice.originTask.new",
      (lang) => ({
        trackingNo: task.trackingNo,
        category: categoryText(lang, task),
        origin: task.originBranch ?? "—",
        text: task.text,
        rule: task.rule,
      }),
      [originTaskSentAction(task.id)],
    ),
  );
}

/**
 * After the note's commit: the agents get the task (at night only a seat left available: the
 * timer brings it the next desk morning), and its timer is set. Best effort.
 */
export async function originTaskOpened(deps: UseCaseDeps, task: OriginTask): Promise<void> {
  const people = await newItemAudience(deps, deps.clock.now(), false);
  await sendAll(deps, taskNotices(people, task, false));
  await scheduleAll(deps, [originTaskTimer(deps, task, deps.clock.now())]);
}

/** The origin-task timer: re-reads the task; unsent, the agents again, and the supervisors after a day. */
export async function originTaskReminder(deps: UseCaseDeps, taskId: string): Promise<TimerOutcome> {
  const task = await deps.store.originTasks.get(taskId);
  if (!task || task.sentAt) return "skipped";
  const now = deps.clock.now();
  const closed = closedUntil(deps, now);
  if (closed) return closed;
  const escalation = isEscalated(deps, task.createdAt, now)
    ? supervisorsOrAgents(deps).map((p) =>
        toPerson(p, "notice.originTask.escalated", (lang) => ({
          trackingNo: task.trackingNo,
          category: categoryText(lang, task),
          origin: task.originBranch ?? "—",
          since: dateText(deps, task.createdAt),
          rule: task.rule,
        })),
      )
    : [];
  // The first notice went out with the note (originTaskOpened): every run of the timer repeats it.
  await sendStrict(deps, [...taskNotices(await agentsOnDuty(deps), task, true), ...escalation]);
  return { deferUntil: nextReminder(deps, task.createdAt, now) };
}

export type OriginTaskOutcome =
  | { ok: true; task: OriginTask }
  | { ok: false; reason: "not_found" | "already_sent"; task?: OriginTask };

/** The "origin messaged" button: compare and set, so of a double tap only one is recorded. */
export async function recordOriginTaskSent(
  deps: UseCaseDeps,
  personId: string,
  taskId: string,
): Promise<OriginTaskOutcome> {
  requirePerson(deps, personId, "agent", "supervisor");
  const task = await deps.store.originTasks.get(taskId);
  if (!task) return { ok: false, reason: "not_found" };
  if (task.sentAt) return { ok: false, reason: "already_sent", task };
  const now = deps.clock.now();
  const sent = await deps.store.transaction(async (tx) => {
    const updated = await tx.originTasks.markSent(taskId, now, personId);
    if (!updated) return undefined;
    await tx.audit.append(
      auditEntry(now, personActor(personId), "origin_task.sent", subjectOfOriginTask(taskId), {
        trackingNo: task.trackingNo,
        rule: task.rule,
      }),
    );
    return updated;
  });
  if (!sent) return { ok: false, reason: "already_sent", task };
  await cancelTimers(deps, [timerId("origin-task", taskId)]);
  return { ok: true, task: sent };
}
