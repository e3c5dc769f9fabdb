import { formatLocalTime } from "../../domain/kernel/format";
import type { MessageKey } from "../../domain/messages";
import type { ReplyDeadline } from "../../domain/queries/reply-deadline";
import { forCustomer, say } from "../common";
import type { FlowContext, Reply } from "../types";

/**
 * SOP-10/SOP-12: tells the customer by when the desk answers. After hours the due time is the
 * next desk morning's afterHoursBy (09:00), and we say the desk's hours so that it reads as a
 * promise kept, not a delay. A follow-up that joined the customer's open question (`reused`)
 * says so: its due time stays the first message's.
 */
export function dueReply(
  ctx: FlowContext,
  opened: {
    deadline: ReplyDeadline;
    reused?: boolean | undefined;
    query?: { trackingNo: string | null };
    followed?: boolean | undefined;
  },
  keys: { open: MessageKey; afterHours: MessageKey; added: MessageKey },
  params: Record<string, string> = {},
): Reply {
  const due = formatLocalTime(opened.deadline.dueAt, forCustomer(ctx));
  // Issue 17: a customer's query about a parcel follows it (queries/raise.ts): said in this same
  // message, only when the following is new and the parcel still on its way.
  const follows =
    !opened.reused && opened.followed && !ctx.who.person ? `\n${ctx.t("follow.byDefault")}` : "";
  if (opened.reused) return say(ctx.t(keys.added, { ...params, due }));
  if (opened.deadline.afterHours) {
    const { opens, closes } = ctx.deps.policy.deskHours;
    return say(ctx.t(keys.afterHours, { ...params, due, opens: opens.text, closes: closes.text }) + follows);
  }
  return say(ctx.t(keys.open, { ...params, due }) + follows);
}
