import {
  auditEntry,
  bestEffort,
  customerActor,
  sendAll,
  subjectOf,
  toChat,
  type UseCaseDeps,
} from "../desk/context";
import { isStaffChat } from "../following/push";
import { quietUntil } from "../following/rules";
import type { ChatRef, Language } from "../kernel/chat";
import type { MessageKey, Params } from "../messages";
import type { ParcelView } from "../ports/records";
import { parcelView } from "./parcel-view";

/** How many scans a tracking answer shows. */
export const TRACK_SCAN_LIMIT = 10;

/**
 * The customer's view of a parcel, a return the desk marked included (with or without a hold).
 * Asked for a chat, the view also says whether that chat follows the parcel (issue 17), when the
 * store read the followers with the parcel (one read per tracking answer, issue 15).
 */
export async function trackParcel(
  deps: UseCaseDeps,
  trackingNo: string,
  forChat?: ChatRef,
): Promise<ParcelView | undefined> {
  const record = await deps.store.parcels.get(trackingNo, TRACK_SCAN_LIMIT);
  if (!record) return undefined;
  const view = parcelView(record, deps.policy, record.markedReturn);
  if (view && forChat && record.followers) {
    const mine = record.followers.find((f) => f.channel === forChat.channel && f.chatId === forChat.chatId);
    view.following = mine ? { everyScan: mine.everyScan } : null;
  }
  return view;
}

export async function subscribe(
  deps: UseCaseDeps,
  chat: ChatRef,
  language: Language,
  trackingNo: string,
): Promise<void> {
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    await tx.subscriptions.subscribe({ trackingNo, chat, language, createdAt: now });
    await tx.audit.append(
      auditEntry(now, customerActor(chat), "parcel.subscribed", subjectOf.parcel(trackingNo), { language }),
    );
  });
}

/**
 * Tells every chat that follows the parcel, each in its own language; never a staff member's chat
 * (issue 17 §5: staff do not receive customers' notices). Inside the customers' quiet hours
 * (following/rules.ts quietUntil) the notices wait for the morning, as the status pushes do
 * (issue 17 §3). Best effort, like every notice after a commit (context.bestEffort).
 */
export async function notifySubscribers(
  deps: Pick<UseCaseDeps, "store" | "notifier" | "log" | "directory" | "policy" | "calendar">,
  trackingNo: string,
  key: MessageKey,
  params: (language: Language) => Params,
  now: Date,
): Promise<number> {
  let sent = 0;
  await bestEffort(deps, `subscribers of ${trackingNo}`, async () => {
    const { directory } = deps;
    const subscribers = (await deps.store.subscriptions.subscribers(trackingNo)).filter(
      (s) => !isStaffChat(directory, s.chat), // staff never receive customer notices (issue 17)
    );
    const notBefore = quietUntil(deps.policy, deps.calendar, now);
    await sendAll(
      deps,
      subscribers.map((s) => ({
        ...toChat(s.chat, s.language, key, params(s.language)),
        ...(notBefore ? { notBefore } : {}),
      })),
    );
    sent = subscribers.length;
  });
  return sent;
}
