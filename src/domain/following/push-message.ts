import type { SignerKind } from "../deliveries/signer";
import type { BusinessCalendar } from "../kernel/calendar";
import type { Language } from "../kernel/chat";
import { formatLocalTime } from "../kernel/format";
import { maskPersonalData } from "../kernel/privacy";
import { isMessageKey, type MessageKey, t } from "../messages";
import { problemWordsKey } from "../parcels/problem-words";
import type { Notice, Repositories } from "../ports";
import type { ParcelPush } from "../ports/following-records";
import type { Subscription } from "../ports/records";
import { followActions } from "./actions";
import { isEveryScanOnly, latestPush } from "./rules";

/**
 * One push as the follower reads it (issue 17 §2): the latest status they hear of, in their
 * language, masked as /track masks (other people's names and phones), then what they can do next,
 * with the buttons for it. Customers' words only: a problem is said as the tracking answer says it.
 */

type Rendered = { status: string; next: string; extra: "human" | "keyOnly" | undefined };

/** SOP-74's signer entry as a follower may read it: a person's name masked (张*), the rest as entered. */
export function maskedSigner(language: Language, kind: SignerKind, text: string): string {
  switch (kind) {
    case "full_name":
    case "surname_only":
      return `${[...text][0] ?? ""}*`;
    case "given_only":
      return "*";
    case "scribble":
      return t(language, "follow.push.signer.scribble");
    case "unsigned":
      return t(language, "follow.push.signer.unsigned");
    case "stamp":
      return maskPersonalData(text);
  }
}

async function delivered(
  tx: Pick<Repositories, "deliveries">,
  push: ParcelPush,
  language: Language,
  params: Record<string, string>,
): Promise<string> {
  const receipt = await tx.deliveries.getReceipt(push.trackingNo);
  if (!receipt) return t(language, "follow.push.delivered", params);
  const signer = maskedSigner(language, receipt.signerKind, receipt.signer);
  return t(language, "follow.push.deliveredBy", { ...params, signer });
}

async function render(
  tx: Pick<Repositories, "deliveries">,
  push: ParcelPush,
  language: Language,
  calendar: BusinessCalendar,
): Promise<Rendered> {
  const params = {
    trackingNo: push.trackingNo,
    time: formatLocalTime(push.at, { calendar, language }),
    location: maskPersonalData(push.location ?? ""),
  };
  const say = (key: MessageKey, extra: Rendered["extra"], status?: string): Rendered => ({
    status: status ?? t(language, key, params),
    next: t(language, `${key}.next` as MessageKey),
    extra,
  });
  switch (push.kind) {
    case "out_for_delivery":
      return say("follow.push.out_for_delivery", undefined);
    case "delivered":
      return say("follow.push.delivered", "human", await delivered(tx, push, language, params));
    case "problem": {
      // One sentence: what happened in customer words, as /track says it (never the scan's staff
      // note), and what to do.
      const what = t(language, problemWordsKey(push.category));
      return { status: t(language, "follow.push.problem", { ...params, what }), next: "", extra: "human" };
    }
    case "held_for_pickup":
      return say("follow.push.held_for_pickup", undefined);
    case "returned":
      return say("follow.push.returned", "human");
    default: {
      const event = isMessageKey(`customer.scan.${push.kind}`)
        ? t(language, `customer.scan.${push.kind}` as MessageKey)
        : push.kind;
      return say("follow.push.scan", "keyOnly", t(language, "follow.push.scan", { ...params, event }));
    }
  }
}

/** The follower's message for these pushes of one parcel, or undefined when none is for them. */
export async function pushMessage(
  deps: { calendar: BusinessCalendar },
  tx: Pick<Repositories, "deliveries" | "returns">,
  follower: Subscription,
  pushes: readonly ParcelPush[],
): Promise<Notice | undefined> {
  const heard = pushes.filter((p) => !p.silent && (!isEveryScanOnly(p) || follower.everyScan === true));
  const latest = latestPush(heard);
  if (!latest) return undefined;
  // A return the desk marked (a hold due to go back, holds/; the origin asking, returns/) was told
  // to the followers then, with its fee.
  if (latest.kind === "returned" && (await tx.returns.forParcel(latest.trackingNo))) return undefined;
  const { language, chat } = follower;
  const rendered = await render(tx, latest, language, deps.calendar);
  return {
    to: { kind: "chat", chat, language },
    key: "follow.push",
    // A problem is one sentence that says what to do; the others say it on a line of its own.
    params: { status: rendered.status, next: rendered.next === "" ? "" : `\n${rendered.next}` },
    actions: followActions(latest.trackingNo, rendered.extra),
    // One status of one parcel reaches one chat once, however often the job runs.
    dedupeKey: `follow|${latest.trackingNo}|${latest.status}|${chat.channel}|${chat.chatId}`,
  };
}
