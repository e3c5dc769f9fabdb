import { defineMessages } from "./catalogue";

/**
 * A pickup's card as it changes in place (issue 10 §3): what every copy says once the pickup has
 * moved on (the first ping, the reminder and the decline read as notices.ts's pickup pings), its
 * fields where the channel shows fields, and the dispatcher's courier select. An older copy in a chat
 * that has a newer one (a reminder, a ping after a decline) says so, without buttons.
 */
const DETAILS_ZH =
  "地址:{address}\n联系人:{contact}\n寄往:{destination}\n物品:{goods}\n运输方式:{transport}\n付款方式:{payment}\n取件时间:{when}";
const DETAILS_EN =
  "Address: {address}\nContact: {contact}\nTo: {destination}\nGoods: {goods}\nTransport: {transport}\nPayment: {payment}\nPickup: {when}";

export const cards = defineMessages(
  {
    "card.pickup.assigned": `【已派给 {courier},待接单】取件预约 {ref}({zone}):\n${DETAILS_ZH}`,
    "card.pickup.accepted": `【已由 {courier} 接单】取件预约 {ref}({zone}):\n${DETAILS_ZH}\n价格由业务员与客户商定。`,
    "card.pickup.collected": `【{courier} 已取件】取件预约 {ref}({zone}):\n${DETAILS_ZH}`,
    "card.pickup.cancelled": "【客户已取消】取件预约 {ref}({zone}):\n地址:{address}\n无需前往。",
    "card.field.address": "地址",
    "card.field.zone": "片区",
    "card.field.contact": "联系人",
    "card.field.goods": "物品",
    "card.field.transport": "运输方式",
    "card.field.payment": "付款方式",
    "card.field.when": "取件时间",
    "card.select.assign": "派给业务员…",
    "card.select.option": "派给 {courier}",
    "card.superseded": "⬇ 见下方新的派单(此条已失效)",
  },
  {
    "card.pickup.assigned": `[Assigned to {courier}, waiting for them to accept] Pickup {ref} ({zone}):\n${DETAILS_EN}`,
    "card.pickup.accepted": `[Accepted by {courier}] Pickup {ref} ({zone}):\n${DETAILS_EN}\nThe courier agrees the price with the customer.`,
    "card.pickup.collected": `[Collected by {courier}] Pickup {ref} ({zone}):\n${DETAILS_EN}`,
    "card.pickup.cancelled":
      "[Cancelled by the customer] Pickup {ref} ({zone}):\nAddress: {address}\nNobody need go.",
    "card.field.address": "Address",
    "card.field.zone": "Zone",
    "card.field.contact": "Contact",
    "card.field.goods": "Goods",
    "card.field.transport": "Transport",
    "card.field.payment": "Payment",
    "card.field.when": "Pickup",
    "card.select.assign": "Assign to a courier…",
    "card.select.option": "Assign to {courier}",
    "card.superseded": "⬇ See the newer ping below (this one is no longer live)",
  },
);
