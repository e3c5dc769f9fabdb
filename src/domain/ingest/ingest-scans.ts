import { z } from "zod";
import type { DirectoryIndex } from "../config/directory";
import type { Policy } from "../config/policy";
import type { DeskLog } from "../desk/context";
import { recordScanPushes, schedulePushes } from "../following/push";
import { createHold, holdOpened, holdTimerIds } from "../holds/use-cases";
import { type BusinessCalendar, createBusinessCalendar } from "../kernel/calendar";
import type { Clock } from "../kernel/clock";
import { type ScanEvent, scanKindSchema } from "../kernel/scan";
import { hasUnprintable } from "../kernel/text";
import { checkTrackingNo } from "../kernel/tracking-number";
import type { Notifier, Repositories, Scheduler, Store } from "../ports";
import type { HoldCloseReason, SelfPickupHold, StoredScan } from "../ports/records";

/**
 * The scan ingest (DESIGN.md, "Ingest API"): the network's system posts batches of scan events.
 * A batch is all-or-nothing and each event idempotent: the same event twice is stored once.
 * Scans drive self-pickup holds: held_for_pickup opens one (the hold's clock starts), delivered
 * or returned closes it.
 */

export const MAX_BATCH_EVENTS = 5000;

const printable = z.string().refine((text) => !hasUnprintable(text), "must not contain control characters");

const TRACKING_NO_REASONS = {
  empty: "is empty",
  malformed: "is not a tracking number of the network",
  check_digit: "fails its check digit (UPU S10)",
} as const;

/** One batch as posted: a JSON array of 1..5000 events; every field checked, nothing extra. */
export function scanBatchSchema(policy: Pick<Policy, "trackingNumber">) {
  const trackingNo = z.string().transform((raw, ctx) => {
    const checked = checkTrackingNo(raw, policy);
    if (checked.ok) return checked.trackingNo;
    ctx.addIssue({ code: "custom", message: TRACKING_NO_REASONS[checked.reason] });
    return z.NEVER;
  });
  const event = z
    .object({
      trackingNo,
      at: z.iso
        .datetime({
          offset: true,
          message: "must be an ISO-8601 date-time with an offset, e.g. 2024-05-01T10:00:00+08:00",
        })
        .transform((s) => new Date(s)),
      kind: scanKindSchema,
      location: printable.trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
      note: printable.max(500, "must be at most 500 characters").optional(),
      originBranch: printable.trim().max(100, "must be at most 100 characters").optional(),
    })
    .strict();
  return z
    .array(event, { message: "must be a JSON array of scan events" })
    .min(1, "must hold at least one scan event")
    .max(MAX_BATCH_EVENTS, `must hold at most ${MAX_BATCH_EVENTS} scan events`);
}

export interface BatchProblem {
  /** The event's position in the array; null for a problem with the batch as a whole. */
  index: number | null;
  /** Where in the event, e.g. "at"; "" for the event or batch itself. */
  path: string;
  message: string;
}

/** The reasons a batch was rejected, per index, at most `limit` of them. */
export function batchProblems(error: z.ZodError, limit = 100): BatchProblem[] {
  return error.issues.slice(0, limit).map((issue) => {
    const [first, ...rest] = issue.path;
    return typeof first === "number"
      ? { index: first, path: rest.map(String).join("."), message: issue.message }
      : { index: null, path: issue.path.map(String).join("."), message: issue.message };
  });
}

export interface IngestDeps {
  store: Store;
  scheduler: Scheduler;
  policy: Policy;
  clock: Clock;
  newId?: () => string;
  /**
   * With both, a hold the scans open tells the parcel's followers where to collect it
   * (notice.hold.ready), as a hold staff open does; without, nobody is told.
   */
  notifier?: Notifier | undefined;
  directory?: DirectoryIndex | undefined;
  /** Where a failed notice after the commit is reported. */
  log?: DeskLog | undefined;
  /** The branch's clock (quiet hours of pushes to followers); default: the policy's. */
  calendar?: BusinessCalendar | undefined;
}

export interface IngestOutcome {
  received: number;
  stored: number;
  duplicates: number;
  holdsOpened: number;
  holdsClosed: number;
  /** Issue 17: statuses recorded for the parcels' followers (sent by the follow-push timer). */
  pushes: number;
  /**
   * Timers that could not be scheduled or cancelled after the commit (the scans and holds are
   * stored all the same; a job that fires late re-reads the hold and does nothing wrong).
   */
  timerFailures: { timerId: string; error: unknown }[];
}

const INGEST_ACTOR = { kind: "system", name: "ingest" } as const;
const CLOSING_KINDS: Partial<Record<StoredScan["kind"], HoldCloseReason>> = {
  delivered: "delivered",
  returned: "returned",
};

/**
 * Stores a validated batch in one transaction (scans, the holds they open or close, the audit
 * rows), then does what a new hold needs (its first timer, its followers told) and cancels the
 * timers of the holds it closed.
 */
export async function ingestScans(deps: IngestDeps, events: readonly ScanEvent[]): Promise<IngestOutcome> {
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const receivedAt = deps.clock.now();

  const calendar = deps.calendar ?? createBusinessCalendar(deps.policy);
  const { stored, opened, closed, pushes } = await deps.store.transaction(async (tx) => {
    const stored = await tx.parcels.addScans(events, receivedAt);
    const holds = await applyHoldScans(tx, stored, newId, receivedAt);
    // Issue 17: what the parcels' followers are to hear of, each status once (sent after the commit).
    const pushes = await recordScanPushes(tx, stored, { policy: deps.policy, calendar, now: receivedAt });
    await tx.audit.append({
      at: receivedAt,
      actor: INGEST_ACTOR,
      action: "scans.ingested",
      subject: `ingest/${receivedAt.toISOString()}`,
      data: {
        received: events.length,
        stored: stored.length,
        duplicates: events.length - stored.length,
        parcels: new Set(stored.map((s) => s.trackingNo)).size,
        holdsOpened: holds.opened.length,
        holdsClosed: holds.closed.length,
        pushes: pushes.length,
      },
    });
    return { stored, ...holds, pushes };
  });

  // After the commit: a timer for a hold that was never stored would fire for nothing. A new hold
  // gets what every hold gets (holds.holdOpened): its first timer, and its followers told.
  const timerFailures: IngestOutcome["timerFailures"] = [];
  const closedIds = new Set(closed.map((h) => h.id));
  // Opened and closed within the batch: nothing to wait for.
  const waiting = opened.filter((hold) => !closedIds.has(hold.id));
  for (const { timerFailure } of await Promise.all(waiting.map((hold) => holdOpened(deps, hold)))) {
    if (timerFailure) timerFailures.push(timerFailure);
  }
  const cancels = closed.map((hold) => holdTimerIds(hold.id));
  const results = await Promise.allSettled(cancels.map((ids) => deps.scheduler.cancel(ids)));
  results.forEach((r, i) => {
    const ids = cancels[i];
    if (r.status === "rejected" && ids) timerFailures.push({ timerId: ids.join(","), error: r.reason });
  });
  // Issue 17: one follow-push timer per due instant sends them through the send queue.
  timerFailures.push(...(await schedulePushes(deps, pushes)));

  return {
    received: events.length,
    stored: stored.length,
    duplicates: events.length - stored.length,
    holdsOpened: opened.length,
    holdsClosed: closed.length,
    pushes: pushes.length,
    timerFailures,
  };
}

/**
 * The newly stored scans, in time order, open and close self-pickup holds:
 * - held_for_pickup opens a hold at the scan's place (SOP-37) unless one is open, or
 *   an earlier batch showed the parcel delivered or returned after that scan (it came late);
 * - delivered or returned closes the open hold, unless the scan is older than the hold.
 */
async function applyHoldScans(
  tx: Repositories,
  stored: readonly StoredScan[],
  newId: () => string,
  receivedAt: Date,
): Promise<{ opened: SelfPickupHold[]; closed: SelfPickupHold[] }> {
  const relevant = stored
    .map((scan, order) => ({ scan, order }))
    .filter(({ scan }) => scan.kind === "held_for_pickup" || CLOSING_KINDS[scan.kind] !== undefined)
    .sort((a, b) => a.scan.at.getTime() - b.scan.at.getTime() || a.order - b.order)
    .map(({ scan }) => scan);
  const opened: SelfPickupHold[] = [];
  const closed: SelfPickupHold[] = [];
  if (relevant.length === 0) return { opened: [], closed: [] };
  // The open hold per parcel as the batch goes (absent: none), read once for the whole batch.
  const openHolds = new Map<string, SelfPickupHold>();
  for (const hold of await tx.holds.openForParcels([...new Set(relevant.map((s) => s.trackingNo))])) {
    openHolds.set(hold.trackingNo, hold);
  }

  const batchScanIds = new Set(stored.map((s) => s.id));
  for (const scan of relevant) {
    const current = openHolds.get(scan.trackingNo);
    if (scan.kind === "held_for_pickup") {
      if (current) continue;
      if (await closedEarlierAfter(tx, scan, batchScanIds)) continue;
      const hold = await createHold(
        tx,
        {
          id: newId(),
          trackingNo: scan.trackingNo,
          place: scan.location,
          originBranch: scan.originBranch ?? null,
          heldAt: scan.at,
        },
        { at: receivedAt, actor: INGEST_ACTOR, data: { scanId: scan.id } },
      );
      openHolds.set(scan.trackingNo, hold);
      opened.push(hold);
      continue;
    }
    const closeReason = CLOSING_KINDS[scan.kind];
    if (!current || !closeReason || scan.at.getTime() < current.heldAt.getTime()) continue;
    const hold = await tx.holds.updateOpen(current.id, { closedAt: scan.at, closeReason });
    openHolds.delete(scan.trackingNo);
    if (!hold) continue;
    await tx.audit.append({
      at: receivedAt,
      actor: INGEST_ACTOR,
      action: "hold.closed",
      subject: `hold/${hold.id}`,
      data: { trackingNo: hold.trackingNo, closeReason, closedAt: scan.at.toISOString(), scanId: scan.id },
    });
    closed.push(hold);
  }
  return { opened, closed };
}

/**
 * Whether an earlier batch already brought a delivered or returned scan dated after this
 * held_for_pickup scan (which then arrived late): the parcel is no longer waiting to be collected.
 * Closing scans of the same batch are not counted here; the time-ordered loop applies them.
 */
async function closedEarlierAfter(
  tx: Repositories,
  scan: StoredScan,
  batchScanIds: Set<string>,
): Promise<boolean> {
  const parcel = await tx.parcels.get(scan.trackingNo, 50);
  return (parcel?.scans ?? []).some(
    (s) =>
      CLOSING_KINDS[s.kind] !== undefined && s.at.getTime() > scan.at.getTime() && !batchScanIds.has(s.id),
  );
}
