/**
 * Issue 16 §4 in the bench: other customers' /track latency while one chat floods the service
 * (FLOOD_RATE messages a second, far over its budget), against the same paced load with no flood,
 * in one run. The target: their p99 within twice its quiet value. Nothing here asserts a timing.
 */
import { Agent } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { FakeBotApi } from "./fake-bot-api";
import { type LoadResult, type LoadTarget, paced, postUpdate, trackUpdate } from "./load";

/** One chat's messages a second: a script or a stuck key, not a person. */
export const FLOOD_RATE = 50;
/** The others' paced rate beside the flood (a busy hour's customers, not a stress test). */
export const OTHERS_RATE = 100;
const FLOODER_CHAT = 4_999_999_999;

export interface FloodFigures {
  quiet: LoadResult;
  flooded: LoadResult;
  /** The others' p99 with the flood, over their p99 without it. */
  p99Ratio: number;
  /** Messages the flooding chat sent, and the messages it got back (one "please slow down" per flood). */
  floodSent: number;
  floodAnswers: number;
  /** Flood posts not answered 200 (a 5xx would make Telegram send them all again). */
  floodFailed: number;
}

// The flooder's own sockets, so that its posts do not queue behind the others' (or theirs behind its).
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** The flooding chat: FLOOD_RATE /track messages a second until `stop` aborts. */
export async function flood(target: LoadTarget, trackingNo: string, stop: AbortSignal) {
  const posts: Promise<number>[] = [];
  const started = performance.now();
  while (!stop.aborted) {
    const due = started + (posts.length * 1000) / FLOOD_RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    posts.push(postUpdate(target, trackUpdate(FLOODER_CHAT, trackingNo), agent));
  }
  const statuses = await Promise.all(posts);
  return { sent: posts.length, failed: statuses.filter((s) => s !== 200).length };
}

/** The others' paced /track, first alone, then beside the flooding chat. */
export async function measureFlood(
  target: { webhookUrl: string; secret: string; api: FakeBotApi },
  parcels: readonly string[],
  seconds: number,
): Promise<FloodFigures> {
  const count = seconds * OTHERS_RATE;
  await paced(target, parcels, OTHERS_RATE, OTHERS_RATE); // a warm second, not counted
  const quiet = await paced(target, parcels, count, OTHERS_RATE);
  const stop = new AbortController();
  const flooding = flood(target, parcels[0] ?? "BN0000000000", stop.signal);
  const flooded = await paced(target, parcels, count, OTHERS_RATE);
  stop.abort();
  const { sent, failed } = await flooding;
  // Its answers (the budget's share, then one "please slow down"): counted, then forgotten.
  await sleep(200);
  const answers = target.api.replies.get(String(FLOODER_CHAT))?.length ?? 0;
  target.api.replies.delete(String(FLOODER_CHAT));
  return {
    quiet,
    flooded,
    p99Ratio: flooded.p99Ms / quiet.p99Ms,
    floodSent: sent,
    floodAnswers: answers,
    floodFailed: failed,
  };
}

export function describeFlood(name: string, f: FloodFigures): string {
  return (
    `${name} flood: others' p99 ${f.quiet.p99Ms.toFixed(1)} ms alone, ${f.flooded.p99Ms.toFixed(1)} ms beside one chat` +
    ` at ${FLOOD_RATE}/s (×${f.p99Ratio.toFixed(2)}); the flooder sent ${f.floodSent}, got ${f.floodAnswers} answers,` +
    ` ${f.floodFailed} not 200`
  );
}
