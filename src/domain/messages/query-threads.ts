import { defineMessages } from "./catalogue";

/**
 * A customer's thread with the desk (issue 14 §1, §4, §6, §7): what the customer hears when a
 * message joins their query, when a number needs checking, when the promised time passes; what
 * the agent reads of the thread (every message, photos, the parcel's status, the language), and
 * the captions of the photos that follow the agent's card.
 */
export const queryThreads = defineMessages(
  {
    // ---- to the customer
    "thread.customer.photoAdded": "照片收到了,已附在您的咨询里给客服。我们会在 {due} 前回复您。",
    "thread.customer.reopened": "收到,已转给为您解答的客服继续跟进。我们会在 {due} 前回复您。",
    "thread.customer.photoOpened":
      "照片收到了,已转给客服,我们会在 {due} 前在这里回复您。如需说明情况,可以直接补充文字。",
    "thread.customer.photoOpenedAfterHours":
      "照片收到了。人工客服的服务时间是 {opens}–{closes},您的问题已经登记,客服会在 {due} 前在这里回复您。如需说明情况,可以直接补充文字。",
    "thread.customer.addedAsap":
      "已补充到您还在处理中的问题里。抱歉让您久等了,客服正在加急处理,会尽快在这里回复您。",
    "thread.customer.photoAddedAsap":
      "照片收到了,已附在您的咨询里。抱歉让您久等了,客服正在加急处理,会尽快在这里回复您。",
    "thread.customer.late": "抱歉让您久等了,您的咨询 {ref} 还在处理中。我们已加急,会在 {due} 前回复您。",
    "track.check.malformed":
      "「{text}」看起来不是运单号,请核对面单后再发一次。我们可以查询的单号格式:\n{formats}",
    "track.check.checkDigit": "运单号 {trackingNo} 的校验位对不上,可能有一位输错了。请核对面单后再发一次。",
    "track.check.formatsUnknown": "请按面单上的运单号原样发送。",
    "track.format.letters": "{count} 个字母",
    "track.format.digits": "{count} 位数字",
    "track.format.range": "{min} 到 {max}",
    "track.format.join": " + ",
    "track.format.item": "· {format}",
    "track.unknown.ask":
      "运单 {trackingNo} 暂时还没有物流记录,可能刚寄出,扫描还没上传。要我请客服帮您查一下吗?",
    "track.unknown.yes": "请客服帮我查",
    "track.unknown.no": "先不用",
    "track.unknown.later": "好的。过一会儿再发一次单号就能查询。",
    "track.history.title": "物流记录:",
    "track.history.earlier": "(更早的 {count} 条记录未显示)",
    "track.hold.collectBy": "包裹在「{place}」等您领取({where}),请在 {collectBy} 前前往。",
    "track.hold.soon": "包裹在「{place}」等您领取({where}),已过通常的领取时间,请尽快前往,否则将退回寄件方。",
    "track.hold.address": "地址:{address},电话 {phone}",
    "track.hold.phone": "电话 {phone}",

    // ---- to staff
    "thread.notice.new": "新查件 {ref}(来自{from},{language}):\n包裹:{parcel}\n{thread}\n{dueLine}",
    "thread.notice.followUp": "查件 {ref} 的客户追加了消息({language}):\n包裹:{parcel}\n{thread}\n{dueLine}",
    "thread.notice.reopened":
      "查件 {ref} 已答复过,客户又来消息,已重新打开({language}):\n包裹:{parcel}\n{thread}\n{dueLine}",
    "thread.due.line": "请在 {due} 前回复。",
    "thread.due.overdue": "已超时(应在 {due} 前回复),请尽快回复。",
    "thread.due.overdueTold": "已超时(应在 {due} 前回复),已告知客户将在 {told} 前回复,请尽快回复。",
    "thread.due.short": "{due}(已超时)",
    "thread.action.reassign": "收回改派",
    "thread.reassigned": "查件 {ref} 已收回,已重新通知可接单的客服。",
    "thread.reassign.answered": "查件 {ref} 已答复,无需改派。",
    "thread.reassign.notFound": "找不到这个查件。",
    "thread.line.customer": "{time} 客户:{text}",
    "thread.line.agent": "{time} {name}:{text}",
    "thread.line.system": "{time} 系统:{text}",
    "thread.photo": "[照片]",
    "thread.photo.caption": "{time} {from}发来的照片",
    "thread.photo.captionText": "{time} {from}发来的照片:{text}",
    "thread.photo.customer": "客户",
    "thread.photo.earlier": "更早的 {count} 张照片未显示,以下是最近 {shown} 张。",
    "thread.photo.unavailable": "[照片无法显示]",
    "thread.earlier": "……更早的 {count} 条消息未显示",
    "thread.card.title": "对话记录:",
    "thread.card.language": "客户语言:{language}",
    "thread.card.parcel": "包裹状态:{parcel}",
    "thread.language.zh": "中文",
    "thread.language.en": "英文",
    "thread.parcel.none": "未提供单号",
    "thread.parcel.unknown": "{trackingNo}(暂无物流记录)",
    "thread.parcel.status": "{trackingNo} {status}(最新:{time} {location})",
    "thread.status.in_transit": "运输中",
    "thread.status.out_for_delivery": "派送中",
    "thread.status.delivered": "已签收",
    "thread.status.held_for_pickup": "待自提",
    "thread.status.problem": "问题件",
    "thread.status.marked_for_return": "待退回",
    "thread.status.returned": "已退回",
  },
  {
    "thread.customer.photoAdded":
      "Photo received and attached to your question for the agent. We'll answer by {due}.",
    "thread.customer.reopened":
      "Got it: passed to the agent who answered you, to follow up. We'll answer by {due}.",
    "thread.customer.photoOpened":
      "Photo received and passed to our desk; an agent will reply here by {due}. You can add a few words to explain.",
    "thread.customer.photoOpenedAfterHours":
      "Photo received. Our desk is staffed from {opens} to {closes}; your question is recorded, and an agent will reply here by {due}. You can add a few words to explain.",
    "thread.customer.addedAsap":
      "We've added this to your open question. Sorry to keep you waiting: it's being handled urgently, and an agent will reply here as soon as possible.",
    "thread.customer.photoAddedAsap":
      "Photo received and attached to your question. Sorry to keep you waiting: it's being handled urgently, and an agent will reply here as soon as possible.",
    "thread.customer.late":
      "Sorry to keep you waiting: your question {ref} is still being looked into. We've made it urgent and will answer by {due}.",
    "track.check.malformed":
      '"{text}" doesn\'t look like a tracking number. Please check the waybill and send it again. The formats we can track:\n{formats}',
    "track.check.checkDigit":
      "The check digit of {trackingNo} doesn't match; one character may be mistyped. Please check the waybill and send it again.",
    "track.check.formatsUnknown": "Please send the tracking number exactly as it is printed on the waybill.",
    "track.format.letters": "{count} letters",
    "track.format.digits": "{count} digits",
    "track.format.range": "{min} to {max}",
    "track.format.join": " + ",
    "track.format.item": "· {format}",
    "track.unknown.ask":
      "There are no scans for {trackingNo} yet; it may have just been sent. Shall I ask a person to look into it?",
    "track.unknown.yes": "Yes, ask a person",
    "track.unknown.no": "Not now",
    "track.unknown.later": "All right. Send the number again a little later to check.",
    "track.history.title": "History:",
    "track.history.earlier": "({count} earlier scans not shown)",
    "track.hold.collectBy":
      "Your parcel is waiting for you at {place} ({where}); please collect it by {collectBy}.",
    "track.hold.soon":
      "Your parcel is waiting for you at {place} ({where}). The usual collection time has passed: please collect it soon, or it goes back to the sender.",
    "track.hold.address": "{address}, phone {phone}",
    "track.hold.phone": "phone {phone}",

    "thread.notice.new": "New query {ref} (from {from}, {language}):\nParcel: {parcel}\n{thread}\n{dueLine}",
    "thread.notice.followUp":
      "The customer of query {ref} wrote again ({language}):\nParcel: {parcel}\n{thread}\n{dueLine}",
    "thread.notice.reopened":
      "Query {ref} was answered, and the customer wrote again; it is open again ({language}):\nParcel: {parcel}\n{thread}\n{dueLine}",
    "thread.due.line": "Please answer by {due}.",
    "thread.due.overdue": "Overdue (was due by {due}): please answer as soon as possible.",
    "thread.due.overdueTold":
      "Overdue (was due by {due}); the customer was told {told}: please answer as soon as possible.",
    "thread.due.short": "{due} (overdue)",
    "thread.action.reassign": "Take back and reassign",
    "thread.reassigned": "Query {ref} was taken back; the available agents have been told again.",
    "thread.reassign.answered": "Query {ref} has been answered: nothing to reassign.",
    "thread.reassign.notFound": "That query cannot be found.",
    "thread.line.customer": "{time} customer: {text}",
    "thread.line.agent": "{time} {name}: {text}",
    "thread.line.system": "{time} system: {text}",
    "thread.photo": "[photo]",
    "thread.photo.caption": "Photo from {from}, {time}",
    "thread.photo.captionText": "Photo from {from}, {time}: {text}",
    "thread.photo.customer": "the customer",
    "thread.photo.earlier": "Earlier photos not shown: {count}. These are the latest {shown}.",
    "thread.photo.unavailable": "[the photo cannot be shown]",
    "thread.earlier": "… {count} earlier messages not shown",
    "thread.card.title": "Conversation:",
    "thread.card.language": "Customer's language: {language}",
    "thread.card.parcel": "Parcel: {parcel}",
    "thread.language.zh": "Chinese",
    "thread.language.en": "English",
    "thread.parcel.none": "no tracking number given",
    "thread.parcel.unknown": "{trackingNo} (no scans yet)",
    "thread.parcel.status": "{trackingNo} {status} (latest: {time} {location})",
    "thread.status.in_transit": "in transit",
    "thread.status.out_for_delivery": "out for delivery",
    "thread.status.delivered": "delivered",
    "thread.status.held_for_pickup": "held for pickup",
    "thread.status.problem": "problem parcel",
    "thread.status.marked_for_return": "to be returned",
    "thread.status.returned": "returned",
  },
);
