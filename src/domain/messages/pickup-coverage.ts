import type { IntentPhrases } from "../intents/intent";
import { defineMessages } from "./catalogue";

/**
 * SOP-1, SOP-21, SOP-26, SOP-27: where a parcel may go (the destination a pickup asks for, and a
 * customer's question whether a place is served), and collected goods found prohibited afterwards,
 * which go back to the customer. Customers read no rule ids; staff texts may cite them.
 */
export const pickupCoverage = defineMessages(
  {
    // ---- the pickup's destination (SOP-27)
    "customer.pickup.askDestination": "请问寄往哪个城市?例如:北京、广州、新疆乌鲁木齐。",
    "customer.pickup.destinationUnknown":
      "没能认出「{place}」是哪里。请写上省份和城市,例如:浙江义乌、新疆乌鲁木齐。",
    "customer.pickup.destinationOutside":
      "很抱歉,「{place}」不在我们快递网络的派送范围内,暂时寄不了,感谢您的理解。如果要寄往其他城市,请告诉我城市名称。",
    "customer.pickup.destinationTooLong": "城市名称请精简到 {max} 字以内。",
    "customer.pickup.field.destination": "寄往城市",
    "card.field.destination": "寄往",
    "pickup.card.destination": "寄往:{destination}",

    // ---- is a place served? (SOP-1, SOP-27)
    "coverage.zone.yes":
      "「{place}」在我们网点的上门范围内(属于{zone}片区),业务员可以上门取件和派送。需要寄件的话,点下面的按钮就可以预约上门取件。",
    "coverage.zone.no":
      "「{place}」不在我们网点的上门范围内。我们的片区:\n{zones}\n如果不确定,欢迎拨打客服热线 {hotline} 问一下。",
    "coverage.destination.yes":
      "可以寄到{destination},在我们快递网络的派送范围内。运费由上门取件的业务员和您当面商定。需要寄件的话,点下面的按钮就可以预约上门取件。",
    "coverage.destination.no": "很抱歉,「{place}」不在我们快递网络的派送范围内,暂时寄不了,感谢您的理解。",
    "coverage.general":
      "我们的快递网络派送{regions}。网点上门取件的片区:\n{zones}\n告诉我具体的城市或地址,我帮您查一下;也可以拨打客服热线 {hotline}。",
    "coverage.mainland": "中国大陆各省、自治区、直辖市(港澳台及海外暂不收寄)",
    // SOP-21, asked in the middle of a pickup request: the question stays where it was.
    "coverage.priceInPickup": "运费由上门取件的业务员和您当面商定。我们接着登记取件:",

    // ---- collected goods found prohibited (SOP-26)
    // Customers read it in /mypickups too: no "违禁品" (a battery by air is no contraband), no third person.
    "pickupStatus.returned": "物品不能寄,已退回",
    "card.pickup.returned":
      "【{courier} 取件后发现物品不能寄,退回客户】取件预约 {ref}({zone}):\n原因:{reason}\n地址:{address}\n物品:{goods}",
    "notice.pickup.returned":
      "您好,您的取件 {ref} 的物品经业务员检查,{reason},按规定不能寄递。物品会退还给您,业务员会和您联系。给您带来不便,敬请谅解。",
    "notice.pickup.returnedForDispatch":
      "取件 {ref}({address})取件后发现物品不能寄,退回客户:{reason}。业务员:{courier}。",
    "pickup.returnReason.battery": "物品带有电池(手机、电脑、充电宝等),不能走航空",
    "pickup.returnReason.liquid": "物品含有液体(化妆品、香水、酒类等),不能走航空",
    "pickup.returnReason.powder": "物品含有粉末(奶粉、面粉等),不能走航空",
    "pickup.returnReason.blade": "物品含有刀具(菜刀、剪刀等),不能走航空",
    "pickup.returnReason.prohibited": "物品属于禁寄物品",
    "pickup.returnReason.fragile": "物品属于易碎物品,本网点不收寄",
    "pickup.returnReason.other": "物品不符合收寄规定",
    "pickup.returnReason.otherWith": "物品不符合收寄规定({text})",
    "pickup.returnButton.battery": "带电池",
    "pickup.returnButton.liquid": "液体",
    "pickup.returnButton.powder": "粉末",
    "pickup.returnButton.blade": "刀具",
    "pickup.returnButton.prohibited": "禁寄物品",
    "pickup.returnButton.fragile": "易碎品",
    "pickup.returnButton.other": "其他原因",
    "staff.courier.button.prohibited": "物品不能寄,退回客户",
    "pickup.return.ask": "取件 {ref}:物品为什么不能寄?选一个原因:客户和调度会收到通知,物品退回客户。",
    "pickup.return.askText": "取件 {ref}:请用一句话写下原因(客户会看到):",
    "pickup.return.confirm":
      "取件 {ref}:原因记为“{reason}”。确认后客户和调度会收到通知,物品退回客户。确认吗?",
    "pickup.return.button.confirm": "确认退回",
    "pickup.return.button.again": "重新选原因",
    "pickup.return.done": "已登记:取件 {ref} 的物品退回客户({reason})。客户和调度已收到通知。",
    "pickup.return.notCollected": "只有已取件的物品才能登记退回客户。",
    "pickup.return.already": "这件取件已经登记为退回客户了。",
    "staff.courier.button.recent": "近 {days} 天已取件({count})",
    "staff.courier.recentTitle": "近 {days} 天您已取件的 {count} 单(物品不能寄的,打开后登记退回客户):",
  },
  {
    "customer.pickup.askDestination":
      "Which city is it going to? For example: Beijing, Guangzhou, 新疆乌鲁木齐.",
    "customer.pickup.destinationUnknown":
      "We couldn't tell where “{place}” is. Please write the province and the city, for example: 浙江义乌 (Yiwu, Zhejiang).",
    "customer.pickup.destinationOutside":
      "Sorry, “{place}” is outside our network's delivery area, so we can't send it there. Thank you for understanding. If it goes to another city, please tell us which.",
    "customer.pickup.destinationTooLong": "Please keep the city's name under {max} characters.",
    "customer.pickup.field.destination": "Destination",
    "card.field.destination": "To",
    "pickup.card.destination": "To: {destination}",

    "coverage.zone.yes":
      "“{place}” is in our “{zone}” zone: the courier collects and delivers there. To send something, tap below to book a pickup.",
    "coverage.zone.no":
      "“{place}” is outside the area our couriers cover. Our zones:\n{zones}\nIf you're not sure, please call our hotline {hotline}.",
    "coverage.destination.yes":
      "Yes, we deliver to {destination}: it is inside our network's area. The courier agrees the fee with you in person when collecting. To send something, tap below to book a pickup.",
    "coverage.destination.no":
      "Sorry, “{place}” is outside our network's delivery area, so we can't send parcels there. Thank you for understanding.",
    "coverage.general":
      "Our network delivers to {regions}. Our couriers collect in these zones:\n{zones}\nTell us the city or the address and we'll check it for you, or call our hotline {hotline}.",
    "coverage.mainland":
      "every province, autonomous region and municipality of mainland China (not Hong Kong, Macau, Taiwan or abroad)",
    "coverage.priceInPickup":
      "The courier agrees the fee with you in person when collecting. Let us go on with your pickup:",

    "pickupStatus.returned": "goods not accepted, returned",
    "card.pickup.returned":
      "[{courier} found the goods cannot be sent: returned to the customer] Pickup {ref} ({zone}):\nReason: {reason}\nAddress: {address}\nGoods: {goods}",
    "notice.pickup.returned":
      "Hello, the courier checked the goods of your pickup {ref}: {reason}, so they cannot be sent. They will be brought back to you, and the courier will contact you. We're sorry for the trouble.",
    "notice.pickup.returnedForDispatch":
      "Pickup {ref} ({address}): the goods were found unfit to send after collection and go back to the customer: {reason}. Courier: {courier}.",
    "pickup.returnReason.battery":
      "they have a battery (a phone, a computer, a power bank…), which cannot fly",
    "pickup.returnReason.liquid": "they hold a liquid (cosmetics, perfume, liquor…), which cannot fly",
    "pickup.returnReason.powder": "they hold a powder (milk powder, flour…), which cannot fly",
    "pickup.returnReason.blade": "they include a blade (a kitchen knife, scissors…), which cannot fly",
    "pickup.returnReason.prohibited": "they are goods that may not be posted",
    "pickup.returnReason.fragile": "they are fragile, which our branch does not accept",
    "pickup.returnReason.other": "they do not meet the rules for sending",
    "pickup.returnReason.otherWith": "they do not meet the rules for sending ({text})",
    "pickup.returnButton.battery": "Battery",
    "pickup.returnButton.liquid": "Liquid",
    "pickup.returnButton.powder": "Powder",
    "pickup.returnButton.blade": "Blade",
    "pickup.returnButton.prohibited": "Prohibited goods",
    "pickup.returnButton.fragile": "Fragile",
    "pickup.returnButton.other": "Other reason",
    "staff.courier.button.prohibited": "Cannot be sent: return to customer",
    "pickup.return.ask":
      "Pickup {ref}: why can't the goods be sent? Choose a reason: the customer and dispatch are told, and the goods go back to the customer.",
    "pickup.return.askText": "Pickup {ref}: please write the reason in one line (the customer reads it):",
    "pickup.return.confirm":
      "Pickup {ref}: the reason will read “{reason}”. Once confirmed the customer and dispatch are told and the goods go back to the customer. Confirm?",
    "pickup.return.button.confirm": "Confirm the return",
    "pickup.return.button.again": "Choose another reason",
    "pickup.return.done":
      "Recorded: the goods of pickup {ref} go back to the customer ({reason}). The customer and dispatch have been told.",
    "pickup.return.notCollected": "Only collected goods can be returned to the customer.",
    "pickup.return.already": "This pickup is already recorded as returned to the customer.",
    "staff.courier.button.recent": "Collected in the last {days} days ({count})",
    "staff.courier.recentTitle":
      "You collected {count} in the last {days} days (goods that cannot be sent: open one to return it to the customer):",
  },
);

/** A phrase list written compactly: phrases separated by "|". */
const words = (...chunks: string[]): string[] =>
  chunks.flatMap((chunk) => chunk.split("|")).filter((w) => w.trim() !== "");

/** Asked ("能…吗", "…不…", "can you …"): the place before the asking words, read on a clause. */
const PLACE_THEN_ASK =
  /^.{1,20}?(?:能|可以|可不可以|能不能)?(?:寄|送|发|到|派送|配送|上门|上门取件|上门收件)(?:吗|么|嘛|不|没)$/;
/** "寄新疆吗", "发西藏不", "到乌鲁木齐吗": the verb, the place, the question. */
const ASK_PLACE = /(?:寄|发|送|派送|配送)(?:得|不)?(?:到|去|往)?[^了过]{1,15}(?:吗|么|嘛|不)$/;
const CAN_YOU =
  /(?:do|does|can|could|will|would)(?:you|u|i|we|they)(?:also|still|even)?(?:deliver|ship|send|post|mail|go|cover|serve|come|pick|collect|reach)/i;

/**
 * SOP-1: is a place served? The phrases the intent matcher (src/domain/intents) reads; whether the
 * sentence names a place at all is decided by src/domain/intents/served.ts.
 */
export const coveragePhrases: { zh: IntentPhrases; en: IntentPhrases } = {
  zh: {
    anywhere: words(
      "送不送|寄不寄|发不发|到不到|派不派|上不上门|能不能寄到|能不能送到|能不能发到|可不可以寄到|可不可以送到",
      "能寄到|能送到|能发到|能派送到|可以寄到|可以送到|可以发到|寄得到|送得到|发得到|派得到",
      "范围|覆盖哪些|哪些地方能|哪些地方可以|哪些城市能|哪些城市可以",
      "能上门吗|可以上门吗|能不能上门|能上门不",
    ),
    whole: [],
    patterns: [PLACE_THEN_ASK, ASK_PLACE, CAN_YOU],
  },
  en: {
    anywhere: words(
      "do you deliver|can you deliver|do you ship|can you ship|can i send|can i ship|can i post",
      "do you cover|do you serve|do you go to|do you come to|can you come to|do you pick up|can you pick up",
      "delivery area|service area|coverage|is it covered|areas do you|cities do you|where do you deliver",
    ),
    whole: [],
  },
};
