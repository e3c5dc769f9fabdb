import { defineMessages } from "./catalogue";

/**
 * What buttons and their toasts say (issue 14 §3): a press that cannot act is answered with a
 * short toast and the conversation stays where it was; in the dispatch group, personal cards go
 * to the person privately.
 */
export const buttons = defineMessages(
  {
    "buttons.stale": "这个按钮已过期,请用最新消息里的按钮继续。",
    // No command named: the menu's command differs by channel (/menu, Slack's /parcel, the web's box).
    "buttons.staleNoFlow": "这个按钮已过期。直接发消息告诉我您要办什么即可。",
    // A second tap on the button just answered (a double tap): it was taken once, nothing failed.
    "buttons.alreadyDone": "已收到,无需重复点击。",
    "buttons.notForYou": "这个按钮是给负责的同事用的,卡片已为他们保留。",
    "buttons.sentPrivately": "已私信发给您。",
    "buttons.privateChatFirst": "{name},请先私聊我(@{bot})并发送 /start,我才能把您的单子私信发给您。",
  },
  {
    "buttons.stale": "That button is out of date; please use the buttons of the latest message.",
    "buttons.staleNoFlow": "That button has expired. Just send a message saying what you need.",
    "buttons.alreadyDone": "Already done — no need to tap again.",
    "buttons.notForYou": "This button is for the colleague in charge; the card stays as it is for them.",
    "buttons.sentPrivately": "Sent to you privately.",
    "buttons.privateChatFirst":
      "{name}, please open a private chat with me (@{bot}) and send /start, so that I can send you your cards privately.",
  },
);
