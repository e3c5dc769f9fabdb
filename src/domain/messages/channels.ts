import { defineMessages } from "./catalogue";

/** What a channel adapter itself says (issue 10 §4): the polite refusal of staff work to someone not in the directory. */
export const channels = defineMessages(
  {
    "channel.notInDirectory":
      "您好,这项功能只对本网点在册的员工开放。如需使用,请联系值班主管把您的账号加入员工名录;查件、寄件请直接发送运单号或“寄快递”。",
  },
  {
    "channel.notInDirectory":
      "Hello, this is for the branch's staff only. To use it, ask the duty lead to add your account to the staff directory; to track a parcel or book a pickup, just send the tracking number or “pickup”.",
  },
);
