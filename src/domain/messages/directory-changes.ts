import { defineMessages } from "./catalogue";

/** SOP-25: the directory's changes, announced to the whole department in one message (staff only). */
export const directoryChanges = defineMessages(
  {
    "directory.changed": "通讯录变更通知:\n{lines}",
    "directory.change.zoneAdded": "• 新增片区 {zone}:业务员 {courier},司机 {driver}",
    "directory.change.zoneRemoved": "• 片区 {zone} 已撤销",
    "directory.change.zoneRenamed": "• 片区 {from} 改名为 {to}",
    "directory.change.zoneArea": "• 片区 {zone} 的范围改为:{keywords}",
    "directory.change.courier": "• 片区 {zone} 的业务员:{from} → {to}",
    "directory.change.driver": "• 片区 {zone} 的司机:{from} → {to}",
    "directory.change.phone": "• {person} 的电话:{from} → {to}",
    "directory.change.none": "无",
    "directory.change.separator": "、",
  },
  {
    "directory.changed": "Directory changes:\n{lines}",
    "directory.change.zoneAdded": "• New zone {zone}: courier {courier}, driver {driver}",
    "directory.change.zoneRemoved": "• Zone {zone} is closed",
    "directory.change.zoneRenamed": "• Zone {from} is now called {to}",
    "directory.change.zoneArea": "• Zone {zone} now covers: {keywords}",
    "directory.change.courier": "• Zone {zone}'s courier: {from} → {to}",
    "directory.change.driver": "• Zone {zone}'s driver: {from} → {to}",
    "directory.change.phone": "• {person}'s phone: {from} → {to}",
    "directory.change.none": "none",
    "directory.change.separator": ", ",
  },
);
