import { defineMessages } from "./catalogue";

/**
 * Pickups (SOP-20..SOP-28) in words: the notices the desk sends about a pickup (pings to dispatch
 * and the courier, updates to dispatch and the customer), how its time and transport read (one
 * text for the ping and the dispatcher's card alike), the courier's decline reasons, and what the
 * pickup form says about addresses, phones and typed times. Customers never read a rule id.
 */
export const pickupUpdates = defineMessages(
  {
    // ---- the pickup's time and transport, as every card and notice shows them
    "pickup.day.today": "今天({date})",
    "pickup.day.tomorrow": "明天({date})",
    "pickup.when.afternoon": "{day} {time} 以后",
    "pickup.when.morning": "{day}上午 {from}–{until},业务员与客户电话约定",
    "pickup.when.morningCustomer": "{day}上午,请直接与业务员约定时间",
    "pickup.transport.air": "航空",
    "pickup.transport.road": "陆运",
    "pickup.when.morningShort": "{day}上午",
    // the same time and transport in the shift digests, the staff lists and the customer's list
    "pickup.digest.item": "• {ref} {address}({when},{transport}):{status}",
    "pickup.list.item": "{when} · {address} · {status}",
    "pickup.list.itemAir": "{when} · {transport} · {address} · {status}",
    "pickup.mine.item": "{ref} · {when} · {transport} · {address} · {status}",
    "pickup.mine.confirmCancel":
      "确定要取消取件预约 {ref} 吗?\n地址:{address}\n取件:{when}\n运输方式:{transport}",

    // ---- notices (pings and updates)
    "notice.pickup.new":
      "新取件预约 {ref}({zone}):\n地址:{address}\n联系人:{contact}\n寄往:{destination}\n物品:{goods}\n运输方式:{transport}\n付款方式:{payment}\n取件时间:{when}\n价格由业务员与客户商定。",
    "notice.pickup.reminder":
      "【仍无人接单】取件预约 {ref}({zone}):\n地址:{address}\n联系人:{contact}\n寄往:{destination}\n物品:{goods}\n运输方式:{transport}\n付款方式:{payment}\n取件时间:{when}",
    "notice.pickup.declined":
      "【{courier} 拒单:{reason}】取件预约 {ref}({zone})重新待派:\n地址:{address}\n联系人:{contact}\n寄往:{destination}\n物品:{goods}\n运输方式:{transport}\n付款方式:{payment}\n取件时间:{when}",
    "notice.pickup.assigned":
      "调度把取件 {ref} 派给了您:\n地址:{address}\n联系人:{contact}\n寄往:{destination}\n物品:{goods}\n运输方式:{transport}\n付款方式:{payment}\n取件时间:{when}",
    "notice.pickup.reassigned": "取件 {ref}({address})已改派给其他业务员,您无需前往。",
    "notice.pickup.unaccepted":
      "取件 {ref}({address})已等待 {age},已提醒调度 {pings} 次仍无人接单({status}),不再自动提醒,请协调。",
    "notice.pickup.taken": "取件 {ref}({address})已由 {courier} 接单。",
    "notice.pickup.cancelledForDispatch": "客户已取消取件 {ref}({address}){courier}。",
    "notice.pickup.cancelledCourier": ",已通知业务员 {courier}",
    "notice.pickup.accepted":
      "您的取件预约已有业务员接单:{courier},电话 {phone}。\n取件时间:{when}。\n运费请与业务员直接商定。",
    "notice.pickup.collected": "业务员{courier}已上门取件(预约编号 {ref})。感谢您的信任!",
    // the courier enters the waybill of a collected pickup; its customer follows the parcel (issue 17)
    "waybill.button": "录入运单号",
    "waybill.ask": "请发送这单快件的运单号(录入后客户会收到运单号和进展通知):",
    "waybill.recorded": "已录入运单号 {trackingNo},客户已收到。",
    "waybill.already": "运单号 {trackingNo} 已录入过。",
    "waybill.other": "这单已录入另一个运单号 {recorded};如需更正请联系客服。",
    "waybill.malformed": "这不是有效的运单号,请核对后重新发送:",
    "waybill.checkDigit": "运单号 {trackingNo} 的校验位不对,可能输错了一位,请核对后重新发送:",
    "waybill.notCollected": "这单还没有登记取件,取件后再录入运单号。",
    "waybill.usedElsewhere":
      "运单号 {trackingNo} 已经是另一件快件的(此前已有扫描或已录在别的取件上),请核对后重新发送:",
    "notice.pickup.waybill":
      "您寄出的快件运单号是 {trackingNo}。🔔 派送和签收时我们会通知您;不想再收到,请按下面的按钮。",
    "notice.pickup.cancelled": "客户已取消取件 {ref}({address}),您无需前往。",
    "notice.pickup.goodsReady":
      "业务员 {courier}(电话 {phone})有货待取:\n地址:{address}\n物品:{goods}\n请尽快安排取货。",

    // ---- the courier's decline, one tap with its reason
    "pickup.decline.ask": "取件 {ref}:为什么拒单?点一下原因,或直接打字说明,会一起告诉调度。",
    "pickup.decline.done": "已拒单,退回调度重新派单(原因:{reason})。",
    "pickup.declineReason.busy": "今天排不开",
    "pickup.declineReason.far": "不顺路/太远",
    "pickup.declineReason.goods": "物品不能收",
    "pickup.declineReason.other": "其他原因",
    "pickup.declineReason.typed": "“{text}”",
    "pickup.decline.askText": "取件 {ref}:请用一句话说明原因(会告诉调度),也可以跳过。",
    "pickup.decline.skip": "跳过",
    "pickup.card.when": "取件:{when}",
    "pickup.card.transport": "运输方式:{transport}",
    "pickup.card.declined": "上次拒单:{courier},原因:{reason}({at})",

    // ---- the pickup form: addresses (SOP-20, SOP-27)
    "pickup.address.outside":
      "这个地址不在我们网点的取件范围内。我们的片区和主要道路有:\n{zones}\n如果您就在这些路上,请把门牌写完整再发一次;也可以拨打客服热线 {hotline},我们帮您安排。",
    "pickup.address.zone": "• {zone}:{keywords}",

    // ---- the phone, remembered from the last pickup (SOP-20)
    "pickup.phone.askAgain": "请问联系电话?可以用上次的号码,也可以直接输入新号码。",
    "pickup.phone.useLast": "用上次的号码 {phone}",
    "pickup.phone.orLast": "{problem}\n也可以点下面的按钮,用上次的号码。",

    // ---- typed times (SOP-20, SOP-22, SOP-23)
    "pickup.when.hint": "也可以直接告诉我时间,例如“明天下午3点”。",
    "pickup.when.afterCutoff": "{asked}已经过了取件截止时间 {cutoff},当天不能上门。可以安排在{day}:",
    "pickup.when.beforeEarliest":
      "普通上门时间是 {earliest} 以后。{day}可以 {earliest} 以后上门;上午取件请直接联系业务员:",
    "pickup.when.passed": "这个时间已经过了,可以选:",
    "pickup.when.closedDay": "那天网点休息,可以安排在{day}:",
    "pickup.when.tooFar": "最多可以预约 {max} 天内的时间,可以选:",
    "pickup.when.notUnderstood": "没看懂这个时间。请点下面的按钮,或说“明天下午3点”这样的时间。",
    "pickup.when.morningButton": "{day}上午(直接联系业务员)",
    "pickup.when.evening": "晚上",
  },
  {
    "pickup.day.today": "today ({date})",
    "pickup.day.tomorrow": "tomorrow ({date})",
    "pickup.when.afternoon": "{day}, after {time}",
    "pickup.when.morning": "{day}, morning {from}–{until}, time agreed by phone between courier and customer",
    "pickup.when.morningCustomer": "{day}, in the morning; please agree the time with the courier",
    "pickup.transport.air": "by air",
    "pickup.transport.road": "by road",
    "pickup.when.morningShort": "{day}, morning",
    "pickup.digest.item": "• {ref} {address} ({when}, {transport}): {status}",
    "pickup.list.item": "{when} · {address} · {status}",
    "pickup.list.itemAir": "{when} · {transport} · {address} · {status}",
    "pickup.mine.item": "{ref} · {when} · {transport} · {address} · {status}",
    "pickup.mine.confirmCancel":
      "Cancel pickup request {ref}?\nAddress: {address}\nPickup: {when}\nTransport: {transport}",

    "notice.pickup.new":
      "New pickup request {ref} ({zone}):\nAddress: {address}\nContact: {contact}\nTo: {destination}\nGoods: {goods}\nTransport: {transport}\nPayment: {payment}\nPickup: {when}\nThe courier agrees the price with the customer.",
    "notice.pickup.reminder":
      "[Still not accepted] Pickup request {ref} ({zone}):\nAddress: {address}\nContact: {contact}\nTo: {destination}\nGoods: {goods}\nTransport: {transport}\nPayment: {payment}\nPickup: {when}",
    "notice.pickup.declined":
      "[{courier} declined: {reason}] Pickup request {ref} ({zone}) needs a courier again:\nAddress: {address}\nContact: {contact}\nTo: {destination}\nGoods: {goods}\nTransport: {transport}\nPayment: {payment}\nPickup: {when}",
    "notice.pickup.assigned":
      "Dispatch assigned pickup {ref} to you:\nAddress: {address}\nContact: {contact}\nTo: {destination}\nGoods: {goods}\nTransport: {transport}\nPayment: {payment}\nPickup: {when}",
    "notice.pickup.reassigned": "Pickup {ref} ({address}) was given to another courier; you need not go.",
    "notice.pickup.unaccepted":
      "Pickup {ref} ({address}) has waited {age} without a courier ({status}); after {pings} reminder(s) dispatch will not be reminded again. Please step in.",
    "notice.pickup.taken": "Pickup {ref} ({address}) was accepted by {courier}.",
    "notice.pickup.cancelledForDispatch": "The customer cancelled pickup {ref} ({address}){courier}.",
    "notice.pickup.cancelledCourier": "; courier {courier} has been told",
    "notice.pickup.accepted":
      "A courier has taken your pickup request: {courier}, phone {phone}.\nPickup: {when}.\nPlease agree the price with the courier directly.",
    "notice.pickup.collected":
      "Courier {courier} has collected your parcel (pickup request {ref}). Thank you!",
    "waybill.button": "Enter the waybill number",
    "waybill.ask": "Send this parcel's waybill number (the customer then gets the number and its updates):",
    "waybill.recorded": "Waybill {trackingNo} recorded; the customer has it.",
    "waybill.already": "Waybill {trackingNo} was recorded already.",
    "waybill.other":
      "Another waybill number, {recorded}, is recorded for this pickup; to correct it, ask the desk.",
    "waybill.malformed": "That is not a valid waybill number; please check it and send it again:",
    "waybill.checkDigit":
      "The check digit of {trackingNo} does not match (one digit mistyped?); please check and send it again:",
    "waybill.notCollected":
      "This pickup is not recorded as collected yet; enter the waybill number after collecting.",
    "waybill.usedElsewhere":
      "Waybill {trackingNo} belongs to another parcel (scanned before, or entered on another pickup); please check it and send it again:",
    "notice.pickup.waybill":
      "The waybill number of the parcel you sent is {trackingNo}. 🔔 We will tell you when it goes out for delivery and when it is delivered; to stop these messages, press the button below.",
    "notice.pickup.cancelled": "The customer cancelled pickup {ref} ({address}); you need not go.",
    "notice.pickup.goodsReady":
      "Courier {courier} (phone {phone}) has goods ready to collect:\nAddress: {address}\nGoods: {goods}\nPlease collect them as soon as possible.",

    "pickup.decline.ask": "Pickup {ref}: why decline? Tap a reason or type it; dispatch will see it.",
    "pickup.decline.done": "Declined; back to dispatch to place again (reason: {reason}).",
    "pickup.declineReason.busy": "No time today",
    "pickup.declineReason.far": "Out of my way",
    "pickup.declineReason.goods": "Goods not acceptable",
    "pickup.declineReason.other": "Other reason",
    "pickup.declineReason.typed": "“{text}”",
    "pickup.decline.askText": "Pickup {ref}: say why in a few words (dispatch will see it), or skip.",
    "pickup.decline.skip": "Skip",
    "pickup.card.when": "Pickup: {when}",
    "pickup.card.transport": "Transport: {transport}",
    "pickup.card.declined": "Last declined by {courier}: {reason} ({at})",

    "pickup.address.outside":
      "This address is outside our branch's pickup area. Our zones and their main roads:\n{zones}\nIf you are on one of these roads, please send the full address again; or call our hotline {hotline} and we'll help you arrange it.",
    "pickup.address.zone": "• {zone}: {keywords}",

    "pickup.phone.askAgain":
      "What phone number should the courier call? Use the one from last time, or type a new one.",
    "pickup.phone.useLast": "Use {phone} again",
    "pickup.phone.orLast": "{problem}\nOr tap below to use the number from last time.",

    "pickup.when.hint": "You can also tell me a time, for example “tomorrow 3pm”.",
    "pickup.when.afterCutoff":
      "{asked} is past the pickup cut-off of {cutoff}, so the courier cannot come that day. We can arrange {day}:",
    "pickup.when.beforeEarliest":
      "Normal pickups are after {earliest}. {day} the courier can come after {earliest}; for a morning pickup please call the courier:",
    "pickup.when.passed": "That time has already passed. You can choose:",
    "pickup.when.closedDay": "The branch is closed that day. We can arrange {day}:",
    "pickup.when.tooFar": "Pickups can be booked up to {max} days ahead. You can choose:",
    "pickup.when.notUnderstood":
      "I couldn't read that time. Please tap a button below, or write a time like “tomorrow 3pm”.",
    "pickup.when.morningButton": "{day}, morning (call the courier)",
    "pickup.when.evening": "The evening",
  },
);

/**
 * Words that, typed at the phone question of a second pickup, take the last pickup's phone
 * ("就用上次的", "same as last time"): Chinese ones inside the message, English ones as words.
 * A message that also says no or new ("不用上次的", "a new number") is not one of them.
 */
export const lastPhonePhrases = {
  zh: ["上次", "之前的", "以前的", "原来的", "老号码", "同上", "一样的号码", "号码一样", "还是那个"],
  en: ["same", "last time", "last one", "previous", "as before", "old number", "old one", "usual"],
  not: {
    zh: ["不", "别", "换", "新", "改"],
    en: ["not", "dont", "new", "different", "another", "change", "other"],
  },
} as const;

/**
 * SOP-26: words that, typed at the "by air?" question, name the transport ("走航空快一点", "by road
 * then"): Chinese ones inside the message, English ones as words. A no-word just before one
 * ("不走航空", "not by air") turns it round.
 */
export const transportPhrases = {
  air: {
    zh: ["航空", "空运", "飞机", "空邮"],
    en: ["air", "by air", "plane", "flight", "fly", "airmail", "air freight"],
  },
  road: {
    zh: ["陆运", "陆路", "汽运", "汽车", "货车", "卡车", "地面", "走陆", "陆地"],
    en: ["road", "by road", "ground", "land", "truck", "surface", "overland"],
  },
  not: {
    zh: ["不", "别", "没", "非"],
    en: ["not", "no", "dont", "without", "never"],
  },
} as const;
