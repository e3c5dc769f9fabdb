import { defaultPolicy } from "../../src/domain/config/policy";
import { pushMessage } from "../../src/domain/following/push-message";
import { createBusinessCalendar } from "../../src/domain/kernel/calendar";
import type { Language } from "../../src/domain/kernel/chat";
import type { ParcelPush } from "../../src/domain/ports/following-records";

/** The parcel, place and time every problem-push test speaks of (10:40 in Shanghai). */
export const PROBLEM_PUSH_NO = "YT1000000006";
export const PROBLEM_PUSH_AT = new Date("2026-11-27T02:40:00Z");

const calendar = createBusinessCalendar(defaultPolicy());
// A parcel with no receipt and no return: the push speaks of the problem alone.
const tx = {
  deliveries: { getReceipt: async () => undefined },
  returns: { forParcel: async () => undefined },
} as unknown as Parameters<typeof pushMessage>[1];

/**
 * The push a web follower of PROBLEM_PUSH_NO gets when the parcel is marked a problem of `category`
 * (null: none given). Throws when no push comes, so a test cannot pass on a missing notice.
 */
export async function problemPushNotice(language: Language, category: string | null) {
  const at = PROBLEM_PUSH_AT;
  const push = {
    trackingNo: PROBLEM_PUSH_NO,
    status: "problem",
    kind: "problem",
    at,
    location: "扬州东关营业部",
    category,
    recordedAt: at,
    dueAt: at,
    held: false,
    sentAt: null,
    silent: false,
  } as ParcelPush;
  const follower = {
    trackingNo: PROBLEM_PUSH_NO,
    chat: { channel: "web" as const, chatId: "w1" },
    language,
    createdAt: at,
  };
  const notice = await pushMessage({ calendar }, tx, follower, [push]);
  if (!notice) throw new Error("no push");
  return notice;
}
