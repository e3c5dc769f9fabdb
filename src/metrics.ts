import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { queriesPer100 } from "./domain/following/figures";
import type { FollowingFigures } from "./domain/ports/following-records";
import type { Engine } from "./flows/engine";

/**
 * What `GET /metrics` exposes (Prometheus text, prom-client). Counters are counted where the
 * thing happens, through the small observer interfaces below (the flow engine, the send and timer
 * workers take one; src/domain and src/flows never see prom-client); gauges that describe the
 * state (queue depths, open and overdue queries) are read when Prometheus scrapes
 * (routes/admin-metrics.ts). Counters live in the process that counts: with `npm run worker`
 * apart, the send and timer counters are that process's.
 */

/** The send worker tells how each outbound message ended. */
export interface SendObserver {
  sent(channel: string): void;
  /** The platform answered 429: the queue waits retry_after. */
  rateLimited(channel: string): void;
  /** Lost for good (recorded as notice.failed). */
  failed(channel: string): void;
}

/** The timer worker tells each run that ended (not a deferral to desk hours). */
export interface TimerObserver {
  fired(kind: string, lateMs: number, outcome: string): void;
}

/** The conversation side: every update a channel hands to the engine, its replies, and the steps that failed. */
export interface EngineObserver {
  updateHandled(channel: string): void;
  /** Replies the engine rendered for one update (the adapter sends them at once, not through the send queue). */
  replied(channel: string, count: number): void;
  flowError(channel: string): void;
  /** An update dropped by the flood budget (src/bot/flood-budget.ts, issue 16 §4). */
  dropped(channel: string): void;
}

export type DeskObserver = SendObserver & TimerObserver & EngineObserver;

/** A timer run this long after its due time counts as late. */
export const TIMER_LATE_AFTER_MS = 60_000;

export interface DeskMetrics extends DeskObserver {
  registry: Registry;
}

/** A registry with the desk's counters; `gauges` registers the scrape-time ones (routes/admin-metrics.ts). */
export function createDeskMetrics(registry = new Registry()): DeskMetrics {
  const counter = (name: string, help: string, labelNames: string[]) =>
    new Counter({ name: `parcel_desk_${name}`, help, labelNames, registers: [registry] });
  const updates = counter("updates_handled_total", "Updates handed to the flow engine", ["channel"]);
  const flowErrors = counter("flow_errors_total", "Conversation steps that failed (answered politely)", [
    "channel",
  ]);
  const replies = counter(
    "replies_total",
    "Replies to a person's message, rendered by the flow engine and sent by the channel at once (not in messages_sent_total)",
    ["channel"],
  );
  const dropped = counter(
    "updates_dropped_total",
    "Updates dropped unhandled because their chat sent more than its flood budget (issue 16)",
    ["channel"],
  );
  const sent = counter(
    "messages_sent_total",
    "Messages delivered by the send queue: notices, reminders, answers relayed to another chat (not direct replies: replies_total)",
    ["channel"],
  );
  const limited = counter("messages_rate_limited_total", "429 answers from the platform", ["channel"]);
  const failed = counter("messages_failed_total", "Outbound messages lost for good", ["channel"]);
  const fired = counter("timers_fired_total", "SOP timer runs that ended", ["kind", "outcome"]);
  const late = counter("timers_late_total", "SOP timers run more than 60 s after their due time", ["kind"]);
  const breaches = counter(
    "sla_breaches_total",
    "Queries that reached their reply deadline unanswered and were escalated (SOP-10, SOP-11)",
    [],
  );
  const lateness = new Histogram({
    name: "parcel_desk_timer_lateness_seconds",
    help: "How long after its due time a timer ran",
    labelNames: ["kind"],
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
    registers: [registry],
  });
  return {
    registry,
    updateHandled: (channel) => updates.inc({ channel }),
    replied: (channel, count) => {
      if (count > 0) replies.inc({ channel }, count);
    },
    flowError: (channel) => flowErrors.inc({ channel }),
    dropped: (channel) => dropped.inc({ channel }),
    sent: (channel) => sent.inc({ channel }),
    rateLimited: (channel) => limited.inc({ channel }),
    failed: (channel) => failed.inc({ channel }),
    fired(kind, lateMs, outcome) {
      fired.inc({ kind, outcome });
      lateness.observe({ kind }, Math.max(0, lateMs) / 1000);
      if (lateMs > TIMER_LATE_AFTER_MS) late.inc({ kind });
      // The due timer escalates only a query still open at its deadline (queries/timers.ts).
      if (kind === "query-due" && outcome === "done") breaches.inc();
    },
  };
}

/** The process's metrics: what the workers count by default and what /metrics shows. */
export const deskMetrics: DeskMetrics = createDeskMetrics();

/** A gauge whose value is read at scrape time; a failing read leaves the series out, never fails the scrape. */
export function scrapeGauge<L extends string>(
  registry: Registry,
  spec: { name: string; help: string; labelNames?: readonly L[] },
  read: (set: (value: number, labels?: Partial<Record<L, string>>) => void) => Promise<void>,
): Gauge<L> {
  return new Gauge<L>({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames ?? [],
    registers: [registry],
    async collect() {
      this.reset();
      await read((value, labels) => (labels ? this.set(labels, value) : this.set(value))).catch(() => {});
    },
  });
}

/**
 * The engine with every update and its rendered replies counted per channel (flow errors come
 * through the engine's onError). A reply is counted once, here: it never goes through the send
 * queue, whose deliveries are messages_sent_total.
 */
export function observeEngine(
  engine: Engine,
  observer: Pick<EngineObserver, "updateHandled" | "replied">,
): Engine {
  return {
    async handle(who, input) {
      observer.updateHandled(who.chat.channel);
      const replies = await engine.handle(who, input);
      observer.replied(who.chat.channel, replies.length);
      return replies;
    },
  };
}

/** The store's side of issue 17's figures (FollowingRepository.figures). */
export interface FollowingFiguresSource {
  figures(since: Date): Promise<FollowingFigures>;
}

/** The window of issue 17's gauges: the last 24 hours. */
export const FOLLOWING_WINDOW_MS = 24 * 3600 * 1000;

/**
 * Issue 17 §6, what the desk exists to reduce, read at scrape time: tracking answers the bot gave
 * without a person (this process's), queries opened per 100 tracked parcels, pushes sent and held
 * (last 24 hours) and waiting, and the chats that follow a parcel.
 */
export function followingGauges(
  registry: Registry,
  source: FollowingFiguresSource,
  now: () => Date,
  botAnswers: () => number,
): void {
  let cached:
    | { at: number; figures: Promise<Awaited<ReturnType<FollowingFiguresSource["figures"]>>> }
    | undefined;
  // One read per scrape for all of the gauges below.
  const figures = () => {
    const at = Date.now();
    if (!cached || at - cached.at > 1000) {
      cached = { at, figures: source.figures(new Date(now().getTime() - FOLLOWING_WINDOW_MS)) };
    }
    return cached.figures;
  };
  scrapeGauge(
    registry,
    {
      name: "parcel_desk_customer_contacts_bot_answered",
      help: "Tracking answers the bot gave customers without a person (this process, since start)",
    },
    async (set) => set(botAnswers()),
  );
  scrapeGauge(
    registry,
    {
      name: "parcel_desk_queries_per_100_tracked_parcels",
      help: "Customer queries opened per 100 parcels scanned, last 24 hours",
    },
    async (set) => {
      const f = await figures();
      set(queriesPer100(f.queriesOpened, f.parcelsTracked));
    },
  );
  scrapeGauge(
    registry,
    {
      name: "parcel_desk_pushes",
      help: "Parcel statuses pushed to followers: sent and held for quiet hours (last 24 hours), waiting now",
      labelNames: ["state"],
    },
    async (set) => {
      const f = await figures();
      set(f.pushesSent, { state: "sent" });
      set(f.pushesHeld, { state: "held" });
      set(f.pushesWaiting, { state: "waiting" });
    },
  );
  scrapeGauge(
    registry,
    { name: "parcel_desk_following_chats", help: "Chats that follow at least one parcel" },
    async (set) => set((await figures()).followingChats),
  );
}
