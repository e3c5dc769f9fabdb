import { defineMessages } from "./catalogue";

/** SOP-90: queries handled per agent per month, against the season's target. */
export const workload = defineMessages(
  {
    "command.workload": "本月话务量",
    "workload.title": "{month} 话务量({season},目标每人每月 {target} 件):",
    "workload.season.peak": "旺季",
    "workload.season.off": "淡季",
    "workload.line": "• {name}:{handled} 件,完成 {percent}%",
    "workload.none": "本月还没有人处理过查件。",
    "workload.badMonth": "没看懂这个月份。请写成 2026-10、上个月 或 本月,或点下面的按钮。",
    "workload.button.previous": "上个月",
    "workload.button.current": "本月",
    "workload.digest": "上月话务量汇总\n{report}",
  },
  {
    "command.workload": "Queries handled this month",
    "workload.title": "{month} workload ({season}, target {target} per agent per month):",
    "workload.season.peak": "peak season",
    "workload.season.off": "off season",
    "workload.line": "• {name}: {handled} handled, {percent}% of target",
    "workload.none": "Nobody has handled a query this month yet.",
    "workload.badMonth":
      "That month was not understood. Write it like 2026-10, last month or this month, or tap a button.",
    "workload.button.previous": "Last month",
    "workload.button.current": "This month",
    "workload.digest": "Last month's workload\n{report}",
  },
);
