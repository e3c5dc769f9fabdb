import { defineMessages } from "./catalogue";

/**
 * What the desk sends on its own (Notices): announcements, warnings, escalations, pings, customer
 * updates and the shift digests. Fragments (`notice.nobody`, `notice.query.from*`, …) are rendered
 * into the params of a larger notice in the recipient's language.
 */
export const notices = defineMessages(
  {
    // ---- buttons on notices
    "notice.action.take": "我来处理",
    "notice.action.accept": "接单",
    "notice.action.decline": "拒单",
    "notice.action.originMessaged": "已留言对方公司",
    "notice.action.originReplied": "对方公司已回复",

    // ---- fragments
    "notice.nobody": "无人认领",
    "notice.query.fromCustomer": "客户",
    "notice.query.fromBranch": "兄弟公司 {branch}",

    // ---- queries (SOP-10..SOP-14)
    "notice.query.passed": "{by} 把查件 {ref} 转给了您:\n{excerpt}\n请在 {due} 前回复。",
    "notice.query.answer": "{greeting}\n您的查件 {ref} 已有回复:\n{answer}\n—— {agent}。{closing}", // SOP-80/81
    "notice.agent.workNo": "{workNo} 号客服",
    "notice.agent.surname": "客服{surname}",
    "notice.query.warn": "查件 {ref} 将于 {due} 到期,尚未回复(处理人:{holder})。\n{excerpt}",
    "notice.query.overdue": "查件 {ref} 已超时未回复:已等待 {age},{due} 到期,处理人:{holder}。\n{excerpt}",
    "notice.staff.lastSeat":
      "{name}({workNo})已示忙,现在没有开放的查件席位:{after} 以后须保留一个查件席位,请安排。",

    // ---- pickups (SOP-20..SOP-28): messages/pickup-updates.ts

    // ---- problem parcels (SOP-30..SOP-45)
    "notice.problem.noted":
      "您的快件 {trackingNo} 已登记为问题件:{category}。我们正在跟进处理,如有疑问请致电 {hotline}。",

    // ---- self-pickup holds (SOP-50..SOP-52)
    "notice.hold.ready":
      "您的快件 {trackingNo} 已到 {place},请凭运单号自取(电话 {phone}),请在 {collectBy} 前领取。",
    "notice.hold.reminder": "温馨提醒:您的快件 {trackingNo} 仍在 {place} 等您领取(电话 {phone}),请尽快自取。",
    "notice.hold.messageOrigin":
      "快件 {trackingNo} 在 {place} 自取已满期限仍未领取,请留言对方公司({origin}),内容如下:\n{text}\n留言后请点“已留言对方公司”。",
    "notice.hold.originText":
      "运单号 {trackingNo}:收件人自 {since} 起被通知到 {place} 自取,至今未取,请联系寄件人处理。",
    "notice.hold.return":
      "快件 {trackingNo}({place})留言对方公司后 {waited} 仍无回复,今日直接退回:请标注“{marking}”并扫描发出。",
    "notice.hold.returning": "您的快件 {trackingNo} 因长时间未领取,将退回寄件方。如有疑问请致电 {hotline}。",

    // ---- digests (SOP-14)
    "notice.digest.handover":
      "交接班清单({date}):\n\n未回复查件 {queryCount} 件:\n{queries}\n\n自取件 {holdCount} 件:\n{holds}\n\n未接单取件 {pickupCount} 件:\n{pickups}{extra}",
    "notice.digest.morning":
      "今日待办({date}):\n\n未回复查件 {queryCount} 件:\n{queries}\n\n今日需处理的自取件 {holdCount} 件:\n{holds}\n\n今日未接单取件 {pickupCount} 件:\n{pickups}{extra}",
    "notice.digest.none": "无",
    "notice.digest.more": "……另有 {n} 件",
    "notice.digest.query": "• {ref}(来自{from}),处理人:{holder},{due} 到期{overdue}",
    "notice.digest.overdue": ",已超时",
    "notice.digest.hold.messageOrigin": "• {trackingNo} @ {place}:{at} 起需留言对方公司",
    "notice.digest.hold.awaitReply": "• {trackingNo} @ {place}:已留言,等待回复,{at} 无回复则退回",
    "notice.digest.hold.replied": "• {trackingNo} @ {place}:对方公司已回复,按回复处理",
    "notice.digest.hold.markedForReturn": "• {trackingNo} @ {place}:已标记退回,今日标注“{marking}”扫描发出",
  },
  {
    "notice.action.take": "Take it",
    "notice.action.accept": "Accept",
    "notice.action.decline": "Decline",
    "notice.action.originMessaged": "Origin messaged",
    "notice.action.originReplied": "Origin replied",

    "notice.nobody": "nobody",
    "notice.query.fromCustomer": "a customer",
    "notice.query.fromBranch": "branch {branch}",

    "notice.query.passed": "{by} passed query {ref} to you:\n{excerpt}\nPlease answer by {due}.",
    "notice.query.answer": "{greeting}\nYour query {ref} has an answer:\n{answer}\n— {agent}. {closing}", // SOP-80/81
    "notice.agent.workNo": "agent no. {workNo}",
    "notice.agent.surname": "agent {surname}",
    "notice.query.warn": "Query {ref} is due at {due} and has no answer yet (held by: {holder}).\n{excerpt}",
    "notice.query.overdue":
      "Query {ref} is overdue: waiting {age}, due at {due}, held by: {holder}.\n{excerpt}",
    "notice.staff.lastSeat":
      "{name} ({workNo}) has set the seat to busy and no query seat is open now: after {after} one query seat must stay open. Please arrange it.",

    "notice.problem.noted":
      "Your parcel {trackingNo} has been recorded as a problem parcel: {category}. We are following it up; for questions call {hotline}.",

    "notice.hold.ready":
      "Your parcel {trackingNo} is waiting for you at {place} (phone {phone}). Please collect it with the tracking number by {collectBy}.",
    "notice.hold.reminder":
      "Reminder: your parcel {trackingNo} is still waiting for you at {place} (phone {phone}). Please collect it soon.",
    "notice.hold.messageOrigin":
      "Parcel {trackingNo} at {place} has not been collected in time. Please message the origin branch ({origin}) with:\n{text}\nThen press “Origin messaged”.",
    "notice.hold.originText":
      "运单号 {trackingNo}:收件人自 {since} 起被通知到 {place} 自取,至今未取,请联系寄件人处理。",
    "notice.hold.return":
      "Parcel {trackingNo} ({place}): no answer {waited} after the origin was messaged. Return it today: mark it “{marking}” and scan it out.",
    "notice.hold.returning":
      "Your parcel {trackingNo} was not collected for a long time and will be returned to the sender. For questions call {hotline}.",

    "notice.digest.handover":
      "Shift handover ({date}):\n\nOpen queries: {queryCount}\n{queries}\n\nSelf-pickup holds: {holdCount}\n{holds}\n\nPickups not accepted: {pickupCount}\n{pickups}{extra}",
    "notice.digest.morning":
      "Today's list ({date}):\n\nOpen queries: {queryCount}\n{queries}\n\nHolds needing action today: {holdCount}\n{holds}\n\nPickups for today not accepted: {pickupCount}\n{pickups}{extra}",
    "notice.digest.none": "none",
    "notice.digest.more": "…and {n} more",
    "notice.digest.query": "• {ref} (from {from}), held by: {holder}, due {due}{overdue}",
    "notice.digest.overdue": ", overdue",
    "notice.digest.hold.messageOrigin": "• {trackingNo} @ {place}: message the origin from {at}",
    "notice.digest.hold.awaitReply":
      "• {trackingNo} @ {place}: origin messaged, awaiting reply; return at {at} without one",
    "notice.digest.hold.replied": "• {trackingNo} @ {place}: the origin replied; follow its answer",
    "notice.digest.hold.markedForReturn":
      "• {trackingNo} @ {place}: marked for return; mark “{marking}” and scan out today",
  },
);
