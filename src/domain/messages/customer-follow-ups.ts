import { defineMessages } from "./catalogue";

/**
 * What a customer reads when one message asks about several parcels, and when they answer one of
 * the desk's own messages (a complaint's registration, a claim's settlement) without saying which
 * it is. Customers read all of these: no staff words, no rule ids.
 */
export const customerFollowUps = defineMessages(
  {
    // ---- several tracking numbers in one message (one answer, one message)
    "track.several.title": "您发来的 {count} 个单号:",
    "track.several.unknown": "运单 {trackingNo}:暂时没有查到记录。如需人工帮您查,请单独发送这个单号。",
    "track.several.left":
      "还有 {count} 个单号这次没有查:{trackingNos}。请分开发送,每条消息最多 {max} 个单号。",
    "track.several.which": "您问的是哪一个单号?请点选,我为您查看详细情况:",
    // ---- a reply to a complaint's registration
    "complain.reply.thanks": "不客气,有处理结果会第一时间告诉您。",
    "complain.reply.noted": "好的,有处理结果会第一时间告诉您。",
    "complain.reply.reopened": "您说的已重新登记为{about},我们会尽快处理并回复您。",
  },
  {
    "track.several.title": "The {count} tracking numbers you sent:",
    "track.several.unknown":
      "Parcel {trackingNo}: nothing found yet. To have a person look into it, send this number on its own.",
    "track.several.left":
      "{count} more numbers were not looked up this time: {trackingNos}. Please send them separately, at most {max} in one message.",
    "track.several.which": "Which parcel do you mean? Tap it for its details:",
    "complain.reply.thanks": "You are welcome; we will tell you the outcome as soon as we have it.",
    "complain.reply.noted": "Noted; we will tell you the outcome as soon as we have it.",
    "complain.reply.reopened":
      "What you wrote is recorded again as {about}; we will handle it and reply as soon as we can.",
  },
);
