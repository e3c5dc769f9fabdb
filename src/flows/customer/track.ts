import { z } from "zod";
import type { Desk, ParcelView } from "../../domain/desk/desk";
import { countBotAnswer } from "../../domain/following/figures";
import { hasQuietHours } from "../../domain/following/rules";
import { matchIntent } from "../../domain/intents";
import { formatLocalTime } from "../../domain/kernel/format";
import type { ScanKind } from "../../domain/kernel/scan";
import { checkTrackingNo } from "../../domain/kernel/tracking-number";
import type { MessageKey } from "../../domain/messages";
import { problemWordsKey } from "../../domain/parcels/problem-words";
import { ask, choice, forCustomer, handOver, say } from "../common";
import type { Flow, FlowContext, FlowInput, Reply, Step } from "../types";
import { dueReply } from "./common";
import { FOLLOWED_ARGS } from "./followed-parcel";
import { findTrackingNo } from "./format";
import { customerMenu } from "./menu";
import { insteadOfNumber, pleaseCheck, replyAbout, startNotReceived } from "./track-replies";
import { afterSeveral, answerSeveral, readSeveralArgs, severalState } from "./track-several";
import { readFollowingArgs, stopWhich, typedFollowing, whichState } from "./typed-following";

/**
 * Track a parcel (查件): started by a typed tracking number, `/track N`, or the menu (then it
 * asks). A known parcel gets its status in plain words; an unknown one becomes a query at once
 * (SOP-10, SOP-13: the desk finds out; the customer is never sent elsewhere), or joins the
 * customer's open query about it. Staff typing a number get the status too, and no query.
 */
const trackState = z.discriminatedUnion("step", [
  z.object({ step: z.literal("ask"), tries: z.number().int().min(0) }),
  z.object({ step: z.literal("answered"), trackingNo: z.string().max(64) }),
  // A well-formed number with no scans: "shall I ask a person?" (issue 14 §4), one tap to a query.
  z.object({ step: z.literal("unknown"), trackingNo: z.string().max(64) }),
  // Typed "stop following" while the chat follows several parcels: which one (typed-following.ts).
  whichState,
  // Several parcels answered in one message: "什么时候到" next asks which (track-several.ts).
  severalState,
]);
type TrackState = z.infer<typeof trackState>;

/** Two malformed numbers in a row: offer the menu instead of asking a third time. */
export const TRACK_MAX_TRIES = 2;
/** How many scans the history shows, newest first (issue 14 §7: folded to the last few). */
export const TRACK_HISTORY_ITEMS = 3;

const STATUS_KEYS: Record<ParcelView["status"], MessageKey> = {
  in_transit: "customer.track.status.in_transit",
  out_for_delivery: "customer.track.status.out_for_delivery",
  delivered: "customer.track.status.delivered",
  held_for_pickup: "customer.track.status.held_for_pickup",
  problem: "customer.track.status.problem",
  marked_for_return: "customer.track.status.marked_for_return",
  returned: "customer.track.status.returned",
};

const SCAN_KEYS: Record<ScanKind, MessageKey> = {
  collected: "customer.scan.collected",
  departed: "customer.scan.departed",
  arrived: "customer.scan.arrived",
  out_for_delivery: "customer.scan.out_for_delivery",
  delivered: "customer.scan.delivered",
  problem: "customer.scan.problem",
  held_for_pickup: "customer.scan.held_for_pickup",
  returned: "customer.scan.returned",
};

type ScanLine = ParcelView["latest"];

/** The track answer's buttons for following (issue 17). */
const FOLLOW_CHOICES = ["follow", "unfollow", "every", "keyonly"];

/** "Now following", with the customers' quiet hours ("21:00–08:00") when the policy has them. */
function followedText(ctx: FlowContext, trackingNo: string): string {
  if (!hasQuietHours(ctx.deps.policy)) return ctx.t("follow.nowAnyHour", { trackingNo });
  const { starts, ends } = ctx.deps.policy.following.quietHours;
  return ctx.t("follow.now", { trackingNo, quiet: `${starts.text}–${ends.text}` });
}

function scanLine(ctx: FlowContext, scan: ScanLine, plain: MessageKey, withNote: MessageKey): string {
  const params = {
    time: formatLocalTime(scan.at, forCustomer(ctx)),
    location: scan.location,
    event: ctx.t(SCAN_KEYS[scan.kind]),
  };
  // Staff (a person of the directory) also read a problem scan's own note; customers never do.
  const note = scan.note ?? (ctx.who?.person ? scan.staffNote : undefined);
  return note ? ctx.t(withNote, { ...params, note }) : ctx.t(plain, params);
}

/**
 * The answer for a known parcel, as one text (issue 14 §7, one answer one message): status, latest
 * scan, what the desk knows, and the history folded to the last few scans.
 */
export function parcelText(ctx: FlowContext, view: ParcelView): string {
  const lines = [parcelStatus(ctx, view)];
  const history = view.history.slice(0, TRACK_HISTORY_ITEMS);
  if (view.history.length > 1) {
    lines.push("", ctx.t("track.history.title"));
    for (const s of history) {
      lines.push(`· ${scanLine(ctx, s, "customer.track.historyItem", "customer.track.historyItemNote")}`);
    }
    const earlier = view.history.length - history.length;
    if (earlier > 0) lines.push(ctx.t("track.history.earlier", { count: earlier }));
  }
  return lines.join("\n");
}

/**
 * A known parcel's status without its history: status, latest scan, a hold, a problem, a return
 * (SOP-10: what the scans say, also above a question only a person can answer).
 */
export function parcelStatus(ctx: FlowContext, view: ParcelView): string {
  const lines = [
    ctx.t("customer.track.header", { trackingNo: view.trackingNo, status: ctx.t(STATUS_KEYS[view.status]) }),
    scanLine(ctx, view.latest, "customer.track.latest", "customer.track.latestNote"),
  ];
  // A hold marked for return (SOP-51) no longer waits for the customer: only a live hold is told.
  if (view.hold && view.status === "held_for_pickup") lines.push(holdLine(ctx, view.hold));
  if (view.problem) {
    lines.push(
      ctx.t("customer.track.problem", {
        at: formatLocalTime(view.problem.at, forCustomer(ctx)),
        category: ctx.t(problemWordsKey(view.problem.category)),
      }),
    );
  }
  if (view.status === "marked_for_return") lines.push(ctx.t("customer.track.returnMarked"));
  return lines.join("\n");
}

/**
 * Where a held parcel waits, with the place's address and phone, and by when to collect it: never
 * a date already past (a hold past its collect-by still waits; the customer is asked to come soon).
 */
function holdLine(ctx: FlowContext, hold: NonNullable<ParcelView["hold"]>): string {
  const { directory } = ctx.deps;
  const point = directory.data.branchPoints.find((b) => b.name === hold.place);
  const where = point
    ? ctx.t("track.hold.address", { address: point.address, phone: point.phone })
    : ctx.t("track.hold.phone", { phone: directory.branch.hotline });
  if (hold.collectBy.getTime() > ctx.now.getTime()) {
    return ctx.t("track.hold.collectBy", {
      place: hold.place,
      where,
      collectBy: formatLocalTime(hold.collectBy, forCustomer(ctx)),
    });
  }
  return ctx.t("track.hold.soon", { place: hold.place, where });
}

export function parcelReplies(ctx: FlowContext, view: ParcelView): Reply[] {
  return [say(parcelText(ctx, view))];
}

/** Whether the chat follows the parcel (issue 17), and how. */
type Following = { everyScan: boolean } | undefined;

/** The buttons under a tracking answer: a person, follow or stop (and every scan), done. */
function nextChoices(ctx: FlowContext, text: string, following: Following): Reply {
  const follow = following
    ? [
        choice(ctx, "follow.button.stop", "unfollow"),
        following.everyScan
          ? choice(ctx, "follow.button.keyOnly", "keyonly")
          : choice(ctx, "follow.button.everyScan", "every"),
      ]
    : [choice(ctx, "follow.button.follow", "follow")];
  return ask(text, [
    choice(ctx, "customer.track.askPerson", "ask"),
    ...follow,
    choice(ctx, "customer.button.done", "done"),
  ]);
}

/**
 * A known parcel to a customer: one answer, one message (issue 14 §7): the status, the folded
 * history and the buttons. Told of a hold, the customer follows the parcel by default and is told
 * so in the same message (issue 17).
 */
async function answerKnown(desk: Desk, ctx: FlowContext, view: ParcelView): Promise<Step<TrackState>> {
  const { trackingNo } = view;
  countBotAnswer(); // issue 17 §6: answered without a person
  // Read with the parcel when it was asked for this chat (issue 15: one read per answer).
  let following: Following =
    view.following === undefined
      ? await desk.following(ctx.who.chat, trackingNo)
      : (view.following ?? undefined);
  let text = parcelText(ctx, view);
  if (!following && view.status === "held_for_pickup") {
    if ((await desk.follow(ctx.who.chat, ctx.language, trackingNo)) !== "staff") {
      following = { everyScan: false };
      text = `${text}\n\n${ctx.t("follow.byDefault.short")}`;
    }
  }
  return { replies: [nextChoices(ctx, text, following)], next: { step: "answered", trackingNo } };
}

/** Issue 17: follow, stop, every scan or only what matters; the answer keeps the buttons that fit now. */
async function followChoice(
  desk: Desk,
  ctx: FlowContext,
  trackingNo: string,
  value: string,
): Promise<Step<TrackState>> {
  const chat = ctx.who.chat;
  let text: string;
  if (value === "follow") {
    const outcome = await desk.follow(chat, ctx.language, trackingNo);
    text =
      outcome === "staff"
        ? ctx.t("follow.staffNot")
        : outcome === "already"
          ? ctx.t("follow.already", { trackingNo })
          : followedText(ctx, trackingNo);
  } else if (value === "unfollow") {
    const stopped = await desk.unfollow(chat, trackingNo);
    text = ctx.t(stopped ? "follow.stopped" : "follow.notFollowing", { trackingNo });
  } else {
    const every = value === "every";
    const changed = await desk.setEveryScan(chat, trackingNo, every);
    text = changed
      ? ctx.t(every ? "follow.everyScan.on" : "follow.everyScan.off", { trackingNo })
      : ctx.t("follow.notFollowing", { trackingNo });
  }
  const following = await desk.following(chat, trackingNo);
  return { replies: [nextChoices(ctx, text, following)], next: { step: "answered", trackingNo } };
}

/** The customer said yes: the parcel with no scans becomes a query (SOP-10, SOP-13). */
async function askDesk(desk: Desk, ctx: FlowContext, trackingNo: string): Promise<Step<TrackState>> {
  // Asked again about the same unknown parcel, the desk keeps the one query (`reused`).
  const opened = await desk.raiseQuery({
    asker: ctx.who.chat,
    language: ctx.language,
    text: ctx.t("customer.track.autoQuery", { trackingNo }),
    trackingNo,
  });
  if (!opened.ok) throw new Error(`the desk refused the tracking query (${opened.reason})`);
  return {
    replies: [
      dueReply(
        ctx,
        opened,
        {
          open: "customer.track.notFound",
          afterHours: "customer.track.notFoundAfterHours",
          added: "customer.track.alreadyAsked",
        },
        { trackingNo },
      ),
    ],
  };
}

type Started = Promise<Step<TrackState> | undefined>;

/** What the route handed over in the args, if anything: typed following, several numbers, a followed parcel. */
async function startRouted(desk: Desk, ctx: FlowContext, args: string): Started {
  // Issue 17: "关注 YT…", "不再关注", "别再通知我了" typed (intents.ts).
  const typed = readFollowingArgs(args);
  if (typed) {
    const follow = (trackingNo: string, value: string) => followChoice(desk, ctx, trackingNo, value);
    return typedFollowing(desk, ctx, typed, follow, { step: "ask", tries: 0 });
  }
  // Several numbers in one message: all answered, in one message (track-several.ts).
  const several = readSeveralArgs(args);
  if (several) return answerSeveral(desk, ctx, several, parcelStatus);
  if (args !== FOLLOWED_ARGS) return undefined;
  // "什么时候能送到" with no number: the followed parcel that moved last, else the number asked (following/last-moved.ts).
  const followed = await desk.lastMovedFollowed(ctx.who.chat);
  if (followed) return answerKnown(desk, ctx, followed);
  return { replies: [say(ctx.t("customer.track.ask"))], next: { step: "ask", tries: 0 } };
}

/**
 * After a tracking answer: ask a person about this parcel, follow it or stop, finish, or look up
 * another number; a reply about the parcel just answered is read as if it named it.
 */
async function onAnswered(
  desk: Desk,
  ctx: FlowContext,
  state: { trackingNo: string },
  input: FlowInput,
  tryNumber: (ctx: FlowContext, raw: string, tries: number) => Promise<Step<TrackState>>,
): Promise<Step<TrackState>> {
  // answered: ask a person about this parcel, follow it or stop, finish, or look up another number
  if (input.kind === "choice" && input.value === "ask") {
    return handOver([], "human", state.trackingNo);
  }
  if (input.kind === "choice" && FOLLOW_CHOICES.includes(input.value)) {
    return followChoice(desk, ctx, state.trackingNo, input.value);
  }
  if (input.kind === "choice" && input.value === "done") return { replies: [say(ctx.t("customer.done"))] };
  if (input.kind === "text" && checkTrackingNo(input.text, ctx.deps.policy).ok) {
    return tryNumber(ctx, input.text, 0);
  }
  // A reply about the parcel just answered ("什么时候能送到", "送到了告诉我"): read as if it
  // named that parcel, through the same intents a typed sentence with its number goes through.
  const delivered = async () => (await desk.trackParcel(state.trackingNo))?.status === "delivered";
  const about =
    input.kind === "text" ? await replyAbout(ctx, state.trackingNo, input.text, delivered) : undefined;
  if (about === "track") return tryNumber(ctx, state.trackingNo, 0);
  // SOP-73: "不对,我没收到" under a delivered answer: a query about that parcel (human.ts).
  if (about === "person")
    return handOver([], "human", `${state.trackingNo} ${input.kind === "text" ? input.text : ""}`);
  if (about) return followChoice(desk, ctx, state.trackingNo, about);
  // Anything else typed or sent ("我要寄快递", "多少钱?", a sentence with another number) is
  // a new request, not an answer to these buttons: taken as if no flow ran (issue 14 §1).
  if (input.kind === "text" || input.kind === "photo") return { replies: [], pass: true };
  const following = await desk.following(ctx.who.chat, state.trackingNo);
  return {
    replies: [nextChoices(ctx, ctx.t("customer.track.chooseBelow"), following)],
    next: { step: "answered", trackingNo: state.trackingNo },
  };
}

export function trackFlow(desk: Desk): Flow<TrackState> {
  /** Looks the number up; a parcel with no scans becomes a query at once (SOP-10, SOP-13). */
  async function answer(ctx: FlowContext, trackingNo: string): Promise<Step<TrackState>> {
    const view = await desk.trackParcel(trackingNo, ctx.who.chat);
    // Staff read the status and carry on with their work: no customer choices, no query.
    if (ctx.who.person) {
      return {
        replies: view ? parcelReplies(ctx, view) : [say(ctx.t("staff.track.unknown", { trackingNo }))],
      };
    }
    if (view) return answerKnown(desk, ctx, view);
    // Issue 14 §4: check before making work: ask before a person is asked.
    return {
      replies: [
        ask(ctx.t("track.unknown.ask", { trackingNo }), [
          choice(ctx, "track.unknown.yes", "yes"),
          choice(ctx, "track.unknown.no", "no"),
        ]),
      ],
      next: { step: "unknown", trackingNo },
    };
  }

  async function tryNumber(ctx: FlowContext, raw: string, tries: number): Promise<Step<TrackState>> {
    const trackingNo = findTrackingNo(ctx, raw);
    if (trackingNo) return answer(ctx, trackingNo);
    const failed = tries + 1;
    if (failed >= TRACK_MAX_TRIES) {
      return { replies: [say(ctx.t("customer.track.giveUp")), ...customerMenu(ctx)] };
    }
    return { replies: [say(pleaseCheck(ctx, raw))], next: { step: "ask", tries: failed } };
  }

  return {
    name: "track",
    command: "track",
    menu: { label: "menu.track", position: 10 },
    state: trackState,
    async start(ctx, args) {
      const unreceived = await startNotReceived(desk, args); // SOP-73 (track-replies.ts)
      if (unreceived !== undefined)
        return typeof unreceived === "string" ? tryNumber(ctx, unreceived, 0) : unreceived;
      const routed = await startRouted(desk, ctx, args);
      if (routed) return routed;
      if (args.trim() === "")
        return { replies: [say(ctx.t("customer.track.ask"))], next: { step: "ask", tries: 0 } };
      return tryNumber(ctx, args, 0);
    },
    async on(ctx, state, input) {
      if (state.step === "ask") {
        if (input.kind === "text") {
          // "不要再通知我了" while a number is asked: no number, the stop it says (issue 17).
          const match = matchIntent(input.text, ctx.deps.policy);
          if (match.intent === "unfollow") {
            const follow = (trackingNo: string, value: string) => followChoice(desk, ctx, trackingNo, value);
            const request = { stop: true, ...(match.trackingNo ? { trackingNo: match.trackingNo } : {}) };
            return typedFollowing(desk, ctx, request, follow, state);
          }
          // Another request, or "好的"/"谢谢", typed instead of the number (track-replies.ts).
          const instead = insteadOfNumber(ctx, match.intent, input.text);
          if (instead) return instead;
          return tryNumber(ctx, input.text, state.tries);
        }
        return { replies: [say(ctx.t("customer.track.ask"))], next: state };
      }
      if (state.step === "several") {
        const delivered = async (no: string) => (await desk.trackParcel(no))?.status === "delivered";
        const after = await afterSeveral(ctx, state, input, delivered);
        return typeof after === "string" ? tryNumber(ctx, after, 0) : after;
      }
      if (state.step === "which") {
        const follow = (trackingNo: string, value: string) => followChoice(desk, ctx, trackingNo, value);
        const stopped = input.kind === "choice" && (await stopWhich(desk, ctx, state, input.value, follow));
        if (stopped) return stopped;
        if (input.kind === "text" || input.kind === "photo") return { replies: [], pass: true };
        return { replies: [say(ctx.t("follow.stale"))] };
      }
      if (state.step === "unknown") {
        if (input.kind === "choice" && input.value === "yes") return askDesk(desk, ctx, state.trackingNo);
        if (input.kind === "choice" && input.value === "no")
          return { replies: [say(ctx.t("track.unknown.later"))] };
      }
      return onAnswered(desk, ctx, state, input, tryNumber);
    },
  };
}
