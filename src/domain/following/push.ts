import type { DirectoryIndex } from "../config/directory";
import type { Policy } from "../config/policy";
import type { DeskLog, UseCaseDeps } from "../desk/context";
import type { BusinessCalendar } from "../kernel/calendar";
import type { Actor, ChatRef } from "../kernel/chat";
import type { Notice, Notifier, Repositories, Scheduler, Store } from "../ports";
import { timer } from "../ports";
import type { FollowedPush, ParcelPush } from "../ports/following-records";
import type { StoredScan, Subscription } from "../ports/records";
import { pushMessage } from "./push-message";
import { isEveryScanOnly, PROBLEM_NOTE, pushStatus, quietUntil, TOLD_ELSEWHERE } from "./rules";

/**
 * Issue 17: a parcel's followers hear of its statuses. What causes a push (a scan batch, a problem
 * note) records it in its own transaction, once per parcel and status (the store's key); after the
 * commit one `follow-push` timer per due instant (now, or the end of quiet hours) sends what is due
 * through the send queue (followPushTimer). So the ingest adds one read, one insert and one timer
 * per batch, whatever the number of followers, and pushes held for the morning go out as one
 * message per parcel with its latest status.
 */

/** How many due pushes one transaction of the timer takes. */
export const PUSH_BATCH = 500;

/** What recording pushes needs: the policy's quiet hours on the branch's clock. */
export interface PushClock {
  policy: Pick<Policy, "following">;
  calendar: Pick<BusinessCalendar, "localMinutes" | "localDate" | "atLocalTime" | "addDays">;
  now: Date;
}

/** A push recorded now; `until`: the end of the quiet hours now is in (quietUntil), if any. */
function newPush(
  fields: Omit<ParcelPush, "recordedAt" | "dueAt" | "held" | "sentAt">,
  now: Date,
  until: Date | undefined,
): ParcelPush {
  const silent = fields.silent;
  return {
    ...fields,
    recordedAt: now,
    dueAt: silent ? now : (until ?? now),
    held: !silent && until !== undefined,
    sentAt: silent ? now : null,
  };
}

/**
 * Inside the ingest's transaction: the pushes its newly stored scans make, recorded for the parcels
 * some chat follows (the in-between scans only where a follower asked for every scan), each
 * parcel's status once: one statement for the batch. A hold's scan is recorded silent: holdOpened
 * tells the followers itself.
 */
export async function recordScanPushes(
  tx: Pick<Repositories, "following">,
  scans: readonly StoredScan[],
  clock: PushClock,
): Promise<ParcelPush[]> {
  const until = quietUntil(clock.policy, clock.calendar, clock.now);
  const byKey = new Map<string, FollowedPush>();
  for (const scan of scans) {
    const status = pushStatus(scan.kind, scan.location);
    if (!status) continue;
    const key = `${scan.trackingNo}\u0000${status}`;
    const before = byKey.get(key);
    // The same status twice in one batch: the first time it happened is the one pushed.
    if (before && before.at.getTime() <= scan.at.getTime()) continue;
    const fields = {
      trackingNo: scan.trackingNo,
      status,
      kind: scan.kind,
      at: scan.at,
      location: scan.location,
      category: null,
      silent: TOLD_ELSEWHERE.includes(status),
    };
    byKey.set(key, { ...newPush(fields, clock.now, until), everyScanOnly: isEveryScanOnly(scan) });
  }
  if (byKey.size === 0) return [];
  return tx.following.recordFollowed([...byKey.values()]);
}

/** The pushes' timers (one per due instant): after the commit that recorded them. */
export function pushTimers(pushes: readonly ParcelPush[]) {
  const seconds = new Set<number>();
  for (const p of pushes) if (p.sentAt === null) seconds.add(Math.ceil(p.dueAt.getTime() / 1000));
  return [...seconds].map(pushTimerAt);
}

/** The timer of the pushes due within one second: it runs at the second's end, when all of them are due. */
function pushTimerAt(second: number) {
  return timer("follow-push", String(second), new Date(second * 1000));
}

/** After the commit: the timers that send the recorded pushes. A failure is logged and returned. */
export async function schedulePushes(
  deps: { scheduler: Scheduler; log?: DeskLog | undefined },
  pushes: readonly ParcelPush[],
): Promise<{ timerId: string; error: unknown }[]> {
  const failures: { timerId: string; error: unknown }[] = [];
  for (const t of pushTimers(pushes)) {
    try {
      await deps.scheduler.schedule(t);
    } catch (error) {
      deps.log?.warn({ err: error, what: `schedule ${t.id}` }, "following: a push timer was not scheduled");
      failures.push({ timerId: t.id, error });
    }
  }
  return failures;
}

/**
 * A problem note staff recorded (problems/use-cases.ts), after its commit: its followers hear of it
 * in their words with a button to talk to a person, once (a problem scan after it adds nothing):
 * at once, or when quiet hours end. The push is recorded waiting, like a scan's, and taken and sent
 * here at once (sendDue); if that fails (Redis or the database down), a follow-push timer sends it
 * later, and the jobs' reconciliation (expectedPushTimers) restores a timer that could not be set.
 */
export async function pushProblemNote(
  deps: Pick<
    UseCaseDeps,
    "store" | "scheduler" | "notifier" | "directory" | "policy" | "calendar" | "clock" | "log"
  >,
  trackingNo: string,
  category: string,
  actor: Actor,
): Promise<void> {
  const now = deps.clock.now();
  try {
    const recorded = await deps.store.transaction(async (tx) => {
      if ((await tx.subscriptions.subscribers(trackingNo)).length === 0) return [];
      const push = newPush(
        {
          trackingNo,
          status: PROBLEM_NOTE,
          kind: PROBLEM_NOTE,
          at: now,
          location: null,
          category,
          silent: false,
        },
        now,
        quietUntil(deps.policy, deps.calendar, now),
      );
      const added = await tx.following.record([push]);
      if (added.length > 0) {
        await tx.audit.append({
          at: now,
          actor,
          action: "following.recorded",
          subject: `parcel/${trackingNo}`,
          data: { status: PROBLEM_NOTE, category, held: push.held },
        });
      }
      return added;
    });
    if (recorded.some((p) => !p.held)) {
      try {
        // One batch at most here (a staff member waits for this): what else is due has its timer.
        const taken = await sendDue(deps, now, 1);
        if (taken.some((p) => p.trackingNo === trackingNo && p.status === PROBLEM_NOTE)) return;
      } catch (err) {
        deps.log?.warn({ err, what: `push problem of ${trackingNo}` }, "following: sent by its timer later");
      }
    }
    await schedulePushes(deps, recorded);
  } catch (err) {
    deps.log?.warn({ err, what: `push problem of ${trackingNo}` }, "desk side effect failed after commit");
  }
}

/** What sending the due pushes needs (the timer job's deps). */
export interface PushSendDeps {
  store: Store;
  notifier: Notifier;
  directory: DirectoryIndex;
  calendar: BusinessCalendar;
  clock: { now(): Date };
}

/**
 * The `follow-push` timer: every push due now goes out, one message per parcel and follower with
 * the parcel's latest due status (issue 17 §3). A timer that fires early waits for its instant.
 * Taking the pushes and queueing their messages is one transaction: a failure leaves them waiting
 * and the job retries (the messages' dedupe keys send each once).
 */
export async function followPushTimer(
  deps: PushSendDeps,
  subjectId: string,
): Promise<"done" | "skipped" | { deferUntil: Date }> {
  const dueAt = new Date(Number(subjectId) * 1000);
  const now = deps.clock.now();
  if (Number.isFinite(dueAt.getTime()) && now.getTime() < dueAt.getTime()) return { deferUntil: dueAt };
  const taken = await sendDue(deps, now, Number.POSITIVE_INFINITY);
  return taken.length > 0 ? "done" : "skipped";
}

/**
 * The pushes due at `now` go out, at most `batches` batches of PUSH_BATCH. Per batch, the pushes are
 * taken and their messages written in one transaction; the messages are queued after it commits
 * (never a chat told of what is not committed, and the database is not held while Redis is
 * written). If queueing fails, the batch is given back to wait and the error goes up (the job
 * retries; the messages' dedupe keys send each once). Returns the pushes taken.
 */
async function sendDue(deps: PushSendDeps, now: Date, batches: number): Promise<ParcelPush[]> {
  const taken: ParcelPush[] = [];
  for (let batch = 0; batch < batches; batch++) {
    const { due, messages } = await deps.store.transaction(async (tx) => {
      const due = await tx.following.takeDue(now, PUSH_BATCH);
      return { due, messages: await pushMessages(deps, tx, due) };
    });
    try {
      for (const message of messages) await deps.notifier.notify(message);
    } catch (error) {
      await deps.store.following.release(due, now);
      throw error;
    }
    taken.push(...due);
    if (due.length < PUSH_BATCH) break;
  }
  return taken;
}

/** Whether a chat is a staff member's own (staff never receive customers' pushes, issue 17 §5). */
export function isStaffChat(directory: DirectoryIndex, chat: ChatRef): boolean {
  const user = chat.userId ?? chat.chatId;
  if (chat.channel === "telegram") {
    const id = Number(user);
    return Number.isSafeInteger(id) && directory.byTelegramId(id) !== undefined;
  }
  if (chat.channel === "slack") return directory.bySlackId(user) !== undefined;
  return directory.person(user) !== undefined;
}

/** One message per parcel and follower: the latest of the parcel's pushes that this follower hears of. */
async function pushMessages(
  deps: PushSendDeps,
  tx: Repositories,
  pushes: readonly ParcelPush[],
): Promise<Notice[]> {
  if (pushes.length === 0) return [];
  const byParcel = new Map<string, ParcelPush[]>();
  for (const p of pushes) byParcel.set(p.trackingNo, [...(byParcel.get(p.trackingNo) ?? []), p]);
  const followers = new Map<string, Subscription[]>();
  for (const f of await tx.subscriptions.subscribersOf([...byParcel.keys()])) {
    followers.set(f.trackingNo, [...(followers.get(f.trackingNo) ?? []), f]);
  }
  const messages: Notice[] = [];
  for (const [trackingNo, parcelPushes] of byParcel) {
    for (const follower of followers.get(trackingNo) ?? []) {
      if (isStaffChat(deps.directory, follower.chat)) continue;
      const message = await pushMessage(deps, tx, follower, parcelPushes);
      if (message) messages.push(message);
    }
  }
  return messages;
}

/** The jobs' reconciliation: a timer for every instant at which pushes still wait. */
export async function expectedPushTimers(deps: { store: Store }, limit: number) {
  const times = await deps.store.following.waitingDueTimes(limit);
  return [...new Set(times.map((at) => Math.ceil(at.getTime() / 1000)))].map(pushTimerAt);
}
