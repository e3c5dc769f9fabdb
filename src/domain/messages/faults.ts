import { defineMessages } from "./catalogue";

/** What a chat is told when it sends faster than a person types (issue 16 §4: the flood budget). */
export const faults = defineMessages(
  {
    "flood.slowDown": "您发送得太快了,请稍等片刻再发。刚才这几条消息没有处理,请稍后重新发送。",
  },
  {
    "flood.slowDown":
      "You are sending messages too fast; please wait a moment. The last few messages were not handled: send them again shortly.",
  },
);
