import { defineMessages } from "./catalogue";

/**
 * Following a parcel (issue 17): the buttons after a tracking answer, what a follower is told when
 * the parcel moves on, and the line that says a chat follows a parcel and how to stop. Customers
 * read all of these: no staff words, no rule ids.
 */
export const following = defineMessages(
  {
    // ---- buttons (after a tracking answer, on a push)
    "follow.button.follow": "🔔 关注此件",
    "follow.button.stop": "🔕 不再关注",
    "follow.button.everyScan": "每次扫描都通知我",
    "follow.button.keyOnly": "只通知重要状态",
    "follow.button.human": "联系人工客服",

    // ---- answers to the buttons
    "follow.now":
      "已关注快件 {trackingNo}:派送、签收、派送遇到情况、待自取和退回时会通知您({quiet} 之间的通知第二天早上发)。不想再收到,点「🔕 不再关注」即可。",
    "follow.nowAnyHour":
      "已关注快件 {trackingNo}:派送、签收、派送遇到情况、待自取和退回时会通知您。不想再收到,点「🔕 不再关注」即可。",
    "follow.already": "您已在关注快件 {trackingNo},有变化会通知您。",
    "follow.stopped": "已不再关注快件 {trackingNo},不会再收到它的通知。想再关注,再查一次单号即可。",
    "follow.notFollowing": "您没有关注快件 {trackingNo},不会收到它的通知。",
    "follow.everyScan.on": "好的,快件 {trackingNo} 的每一次扫描(发出、到达)都会通知您。",
    "follow.everyScan.off": "好的,快件 {trackingNo} 只在派送、签收、遇到情况、待自取和退回时通知您。",
    "follow.stale": "这个按钮已失效,请重新查询单号。",
    "follow.staffNot": "工作人员不接收客户的快件通知。",
    // ---- typed ("关注", "不再关注", "别再通知我了") without a number
    "follow.typed.askNumber": "请发一下要关注的运单号,查到后点「🔔 关注此件」就能收到它的通知。",
    "follow.typed.none": "您目前没有关注任何快件,不会收到快件通知。",
    "follow.typed.which": "您关注了以下快件,要取消关注哪一个?",
    "follow.typed.all": "全部取消",
    "follow.typed.allStopped": "已不再关注 {count} 个快件,不会再收到它们的通知。",

    // ---- said in a message the customer gets anyway: they follow by default
    "follow.byDefault": "🔔 您已自动关注此件,状态有变化会通知您;不想收到,查询单号后点「🔕 不再关注」。",
    "follow.byDefault.short": "🔔 已自动关注此件,有变化会通知您;点「🔕 不再关注」可取消。",

    // ---- pushes: the status, then what to do next
    "follow.push": "{status}{next}",
    "follow.push.out_for_delivery": "🚚 您的快件 {trackingNo} 正在派送中({time},{location})。",
    "follow.push.out_for_delivery.next": "请保持电话畅通,快递员可能会联系您。",
    "follow.push.delivered": "✅ 您的快件 {trackingNo} 已签收({time},{location})。",
    "follow.push.deliveredBy": "✅ 您的快件 {trackingNo} 已签收,签收人:{signer}({time},{location})。",
    "follow.push.delivered.next": "如果不是您本人或家人签收,或您没有收到,请点「联系人工客服」。",
    "follow.push.problem":
      "⚠️ 您的快件 {trackingNo}:{what}({time}),我们正在跟进;需要帮忙或想说明情况,请点「联系人工客服」。",
    "follow.push.held_for_pickup": "📦 您的快件 {trackingNo} 已到 {location},等您自取({time})。",
    "follow.push.held_for_pickup.next": "请凭运单号前往领取;查询单号可看到地址和电话。",
    "follow.push.returned": "↩️ 您的快件 {trackingNo} 已退回寄件方({time})。",
    "follow.push.returned.next": "如有疑问,请联系寄件人,或点「联系人工客服」。",
    "follow.push.scan": "📍 您的快件 {trackingNo}:{event}({time},{location})。",
    "follow.push.scan.next": "不想收到每次扫描的通知,点「只通知重要状态」。",
    "follow.push.signer.scribble": "(签名无法辨认)",
    "follow.push.signer.unsigned": "(未签名,已签收)",
  },
  {
    "follow.button.follow": "🔔 Follow this parcel",
    "follow.button.stop": "🔕 Stop following",
    "follow.button.everyScan": "Tell me every scan",
    "follow.button.keyOnly": "Only what matters",
    "follow.button.human": "Talk to a person",

    "follow.now":
      "You now follow parcel {trackingNo}: you will hear when it is out for delivery, delivered, meets a problem, waits for pickup or goes back (news between {quiet} comes the next morning). To stop, tap “🔕 Stop following”.",
    "follow.nowAnyHour":
      "You now follow parcel {trackingNo}: you will hear when it is out for delivery, delivered, meets a problem, waits for pickup or goes back. To stop, tap “🔕 Stop following”.",
    "follow.already": "You already follow parcel {trackingNo}; you will hear when it moves on.",
    "follow.stopped":
      "You no longer follow parcel {trackingNo} and will hear nothing more of it. To follow it again, track the number again.",
    "follow.notFollowing": "You do not follow parcel {trackingNo}; you will hear nothing of it.",
    "follow.everyScan.on": "Done: you will hear of every scan of parcel {trackingNo} (departed, arrived).",
    "follow.everyScan.off":
      "Done: you will hear of parcel {trackingNo} only when it is out for delivery, delivered, meets a problem, waits for pickup or goes back.",
    "follow.stale": "This button has expired; please track the number again.",
    "follow.staffNot": "Staff do not receive customers' parcel updates.",
    "follow.typed.askNumber":
      "Please send the tracking number to follow; once it is tracked, tap “🔔 Follow this parcel” to hear of it.",
    "follow.typed.none": "You do not follow any parcel, so you will get no parcel updates.",
    "follow.typed.which": "You follow these parcels. Which one should we stop?",
    "follow.typed.all": "Stop all",
    "follow.typed.allStopped": "You no longer follow {count} parcels and will hear nothing more of them.",

    "follow.byDefault":
      "🔔 You now follow this parcel and will hear when it moves on; to stop, track the number and tap “🔕 Stop following”.",
    "follow.byDefault.short": "🔔 You now follow this parcel; tap “🔕 Stop following” to stop.",

    "follow.push": "{status}{next}",
    "follow.push.out_for_delivery": "🚚 Your parcel {trackingNo} is out for delivery ({time}, {location}).",
    "follow.push.out_for_delivery.next": "Please keep your phone at hand: the courier may call you.",
    "follow.push.delivered": "✅ Your parcel {trackingNo} was delivered ({time}, {location}).",
    "follow.push.deliveredBy":
      "✅ Your parcel {trackingNo} was delivered, signed by {signer} ({time}, {location}).",
    "follow.push.delivered.next":
      "If neither you nor someone you know signed for it, or you did not get it, tap “Talk to a person”.",
    "follow.push.problem":
      "⚠️ Your parcel {trackingNo} met a problem on its way to you ({what}, {time}); we are on it, and for help or to tell us more, tap “Talk to a person”.",
    "follow.push.held_for_pickup": "📦 Your parcel {trackingNo} is waiting for you at {location} ({time}).",
    "follow.push.held_for_pickup.next":
      "Please collect it with the tracking number; track it to see the address and phone.",
    "follow.push.returned": "↩️ Your parcel {trackingNo} went back to the sender ({time}).",
    "follow.push.returned.next": "For questions, ask the sender, or tap “Talk to a person”.",
    "follow.push.scan": "📍 Your parcel {trackingNo}: {event} ({time}, {location}).",
    "follow.push.scan.next": "To hear only what matters, tap “Only what matters”.",
    "follow.push.signer.scribble": "(signature not legible)",
    "follow.push.signer.unsigned": "(received, not signed)",
  },
);
