import { defineMessages } from "./catalogue";

/**
 * What a channel adapter itself says (issue 10 §4): the polite refusal of staff work to someone not
 * in the directory, and of a staff command to a colleague whose roles it is not for.
 */
export const channels = defineMessages(
  {
    "channel.notInDirectory":
      "您好,这项功能只对本网点在册的员工开放。如需使用,请联系值班主管把您的账号加入员工名录;查件、寄件请直接发送运单号或“寄快递”。",
    "channel.commandForRoles": "/{command} 是{roles}用的命令。",
    "role.or": "或",
    "role.agent": "话务员",
    "role.courier": "业务员",
    "role.driver": "司机",
    "role.dispatcher": "调度",
    "role.supervisor": "值班组长",
    "role.admin": "管理员",
  },
  {
    "channel.notInDirectory":
      "Hello, this is for the branch's staff only. To use it, ask the duty lead to add your account to the staff directory; to track a parcel or book a pickup, just send the tracking number or “pickup”.",
    "channel.commandForRoles": "/{command} is for {roles}.",
    "role.or": " or ",
    "role.agent": "agents",
    "role.courier": "couriers",
    "role.driver": "drivers",
    "role.dispatcher": "dispatch",
    "role.supervisor": "the duty lead",
    "role.admin": "administrators",
  },
);
