import { defineMessages } from "./catalogue";

/**
 * The day's deliveries in words, for staff only: SOP-44's undelivered parcels (the agents' task and
 * the handover's section) and SOP-73/SOP-74's signed receipts (the courier's entry, the reminders,
 * the answer to a receipt query).
 */
export const deliveries = defineMessages(
  {
    "command.signed": "录入签收人",
    "command.receipt": "查签收回单",
    "command.undelivered": "当日未派送件",
    "staff.menu.signed": "录签收",
    "staff.menu.receipt": "查回单",
    "staff.menu.undelivered": "未派送件",

    // ---- SOP-44
    "undelivered.notice":
      "【当日未派送件 {date}】{count} 件今天出仓派送后没有签收、疑难、自提或退回扫描:\n{lines}{sameCity}\n请逐件留言发件公司,并扫描为疑难件;做完后标记已处理。",
    "undelivered.sameCity": "\n(同城件 {n} 件无需留言,未列出。)",
    "undelivered.line": "• {trackingNo} 发件:{origin},{day} {out} 出仓",
    "undelivered.originUnknown": "发件公司不明",
    "undelivered.select": "标记一件已处理…",
    "undelivered.button.all": "全部已处理",
    "undelivered.digest.title": "当日未派送件未处理 {n} 件:",
    "undelivered.list.title":
      "未处理的未派送件 {n} 件。点运单号查看;留言发件公司并扫描疑难件后,在该件下点“已处理”:",
    "undelivered.list.none": "没有待处理的未派送件。",
    "undelivered.list.notYet":
      "今天的未派送件清单 {time} 出来,现在还没有待处理的;有未派送件时会通知当班话务员。",
    "undelivered.one.title": "未派送件:",
    "undelivered.one.ask": "留言发件公司并扫描疑难件后,点“已处理”记录。",
    "undelivered.button.handled": "已处理",
    "undelivered.button.list": "返回清单",
    "undelivered.notOpen": "{trackingNo} 不在待处理的未派送件清单上。",
    "undelivered.list.all": "{day} 全部已处理",
    "undelivered.handled": "已记录:{trackingNo} 已留言发件公司并扫描疑难件。",
    "undelivered.handledAll": "已记录:{n} 件全部已处理。",
    "undelivered.alreadyHandled": "这些件已经标记过已处理,无需再点。",
    "undelivered.notListed": "这一件不在未派送件清单上。",

    // ---- SOP-74: the courier enters the signer
    "receipt.askSigner":
      "{trackingNo}({at} 签收扫描)签收人怎么写的?请按签收单原样输入:\n• 全名:王小明\n• 名字看不清:姓加每个看不清的字一个“,”:王,,\n• 姓看不清:“,”加名:,小明\n• 完全看不清点“草签”,没签字点“已收”,盖公司章点“公司盖章”。\n代收货款件可在名字后空格加金额:王小明 58.50",
    "receipt.askSignerCod": "此件为代收货款(COD),签收后还要录入实收金额。",
    "receipt.button.scribble": "草签",
    "receipt.button.unsigned": "已收",
    "receipt.button.stamp": "公司盖章",
    "receipt.askStamp": "请输入章上的单位名称(如:扬州某某有限公司):",
    "receipt.askCod": "{trackingNo} 是代收货款件:请输入实收金额(元),如 58 或 58.50:",
    "receipt.button.notCod": "不是代收件",
    "receipt.codRequired": "扫描记录显示 {trackingNo} 是代收货款件,必须录入实收金额:",
    "receipt.saved": "已录入:{trackingNo} 签收人 {signer}({kind}){cod}。",
    "receipt.savedCod": ",代收 ¥{amount}",
    "receipt.replaced": "(已更正,原录入:{previous})",
    "receipt.button.next": "录下一件",
    "receipt.notDelivered": "{trackingNo} 还没有签收扫描,不能录入签收人。请核对运单号:",
    "receipt.stamp": "章",
    "receipt.kind.full_name": "全名",
    "receipt.kind.surname_only": "名字看不清",
    "receipt.kind.given_only": "姓看不清",
    "receipt.kind.scribble": "草签",
    "receipt.kind.unsigned": "未签字",
    "receipt.kind.stamp": "公司章",
    "receipt.problem.empty": "没有收到签收人,请输入:",
    "receipt.problem.too_long": "太长了:名字最多 20 个字,章最多 40 个字。请重新输入:",
    "receipt.problem.mixed_commas":
      "只能写姓加“,”:名字里看不清的字都用“,”代替,看得清的字也不写(如 王,,)。请重新输入:",
    "receipt.problem.too_many_commas":
      "逗号太多:姓看不清只写一个“,”(如 ,小明);名字看不清,每个字一个“,”,最多三个(如 王,,)。请重新输入:",
    "receipt.problem.commas_only": "只有逗号:什么都看不清请点“草签”。请重新输入:",
    "receipt.problem.not_a_name":
      "这不像签收单上的名字(不能有数字或符号)。请按原样输入全名、王,, 或 ,小明,或点草签/已收/公司盖章:",
    "receipt.problem.looks_like_stamp": "这是单位名称:盖章的请点“公司盖章”再输入章上的名称。",
    "receipt.problem.empty_stamp": "章上的单位名称是空的,请输入:",
    "receipt.problem.stamp_without_name": "章按章上的字录入:请输入章上的单位名称(如:扬州某某有限公司):",
    "receipt.existing":
      "{trackingNo} 已由 {by} 于 {at} 录入签收人:{signer}。要更正吗?确认后原录入会被替换(审计记录保留原录入)。",
    "receipt.existingTyped": "更正为:{typed}",
    "receipt.button.correct": "更正",
    "receipt.problem.refusal": "写了“拒收”:这是拒收,不是签收,不能录成签收人。请按问题件登记(/problem)。",
    "receipt.amount.not_an_amount": "金额请写数字,如 58 或 58.50:",
    "receipt.amount.zero": "代收金额不能是 0,请输入实收金额:",
    "receipt.amount.too_much": "金额太大了,请核对后重新输入:",
    "receipt.amount.too_precise": "金额最多两位小数(分),请重新输入:",

    // ---- SOP-74: reminders and escalation
    "receipt.select": "录入签收人…",
    "receipt.line": "• {trackingNo} {at} 签收扫描({location})",
    "receipt.remind":
      "【签收录入提醒】您昨天({day})派送的 {count} 件还没录入签收人,今天 {by} 前要录完:\n{lines}\n用 /signed 录入。",
    "receipt.remindUnknown":
      "【签收录入提醒】昨天({day})有 {count} 件签收没录入签收人,扫描记录看不出是哪位业务员派送的,请安排在 {by} 前录入:\n{lines}",
    "receipt.escalate": "【签收逾期未录入】昨天({day})签收的 {count} 件到 {by} 仍未录入签收人:\n{lines}",
    // After days the desk was closed: the deliveries due on those days too.
    "receipt.escalateSince":
      "【签收逾期未录入】{since} 至 {day}(含网点休息日)签收的 {count} 件到 {by} 仍未录入签收人:\n{lines}",
    "receipt.escalateCourier": "{courier}:{count} 件\n{lines}",
    "receipt.courierUnknown": "业务员不明",

    // ---- SOP-73: the receipt asked for
    "receipt.answer.signed":
      "{trackingNo} 签收回单:签收人 {signer}({kind}),{deliveredAt} 签收{cod}。{enteredBy} 于 {enteredAt} 录入。回单保管到 {keptUntil}。",
    "receipt.answer.notEntered":
      "{trackingNo} 已于 {deliveredAt} 签收,但签收人还没录入(业务员:{courier})。回单保管到 {keptUntil}。",
    "receipt.answer.pastKeeping":
      "{trackingNo} 于 {arrivedAt} 到件,回单只保管 180 天,已于 {keptUntil} 过了保管期,无法提供。",
    "receipt.answer.notDelivered": "{trackingNo} 还没有签收扫描,没有签收回单。",
    "receipt.button.another": "再查一件",
  },
  {
    "command.signed": "Enter who signed",
    "command.receipt": "Look up a signed receipt",
    "command.undelivered": "Today's undelivered parcels",
    "staff.menu.signed": "Enter signer",
    "staff.menu.receipt": "Receipts",
    "staff.menu.undelivered": "Undelivered",

    "undelivered.notice":
      "[Undelivered today {date}] {count} parcels went out for delivery today with no delivered, problem, self-pickup or returned scan since:\n{lines}{sameCity}\nMessage each origin branch and scan each as a problem parcel (疑难件); then mark it handled.",
    "undelivered.sameCity": "\n({n} same-city parcels need no message and are not listed.)",
    "undelivered.line": "• {trackingNo} from {origin}, out {day} {out}",
    "undelivered.originUnknown": "origin unknown",
    "undelivered.select": "Mark one handled…",
    "undelivered.button.all": "All handled",
    "undelivered.digest.title": "Undelivered parcels not handled ({n}):",
    "undelivered.list.title":
      "{n} undelivered parcels not handled. Tap a number to open it; after messaging the origin and scanning it as 疑难件, tap “Handled” there:",
    "undelivered.list.none": "No undelivered parcels to handle.",
    "undelivered.list.notYet":
      "Today's undelivered list comes at {time}; nothing to handle yet. The agents on duty are told if there are any.",
    "undelivered.one.title": "Undelivered parcel:",
    "undelivered.one.ask":
      "After messaging the origin and scanning it as 疑难件, tap “Handled” to record it.",
    "undelivered.button.handled": "Handled",
    "undelivered.button.list": "Back to the list",
    "undelivered.notOpen": "{trackingNo} is not on the list of undelivered parcels to handle.",
    "undelivered.list.all": "All of {day} handled",
    "undelivered.handled": "Recorded: {trackingNo}: origin messaged, scanned as 疑难件.",
    "undelivered.handledAll": "Recorded: all {n} handled.",
    "undelivered.alreadyHandled": "Already marked handled; nothing to do.",
    "undelivered.notListed": "That parcel is not on the undelivered list.",

    "receipt.askSigner":
      '{trackingNo} (delivered scan {at}): who signed? Type it as written on the receipt:\n• full name: 王小明\n• given name unreadable: surname plus one "," per unreadable character: 王,,\n• surname unreadable: "," then the given name: ,小明\n• nothing legible: tap 草签; unsigned: tap 已收; a company stamp: tap Company stamp.\nFor a COD parcel you may add the amount after a space: 王小明 58.50',
    "receipt.askSignerCod": "This is a COD parcel: the amount collected is entered too.",
    "receipt.button.scribble": "草签 (illegible)",
    "receipt.button.unsigned": "已收 (unsigned)",
    "receipt.button.stamp": "Company stamp",
    "receipt.askStamp": "Type the name on the stamp (e.g. 扬州某某有限公司):",
    "receipt.askCod": "{trackingNo} is a COD parcel: type the amount collected in yuan, e.g. 58 or 58.50:",
    "receipt.button.notCod": "Not COD",
    "receipt.codRequired":
      "The scans show {trackingNo} is a COD parcel: the amount collected must be entered:",
    "receipt.saved": "Entered: {trackingNo} signed by {signer} ({kind}){cod}.",
    "receipt.savedCod": ", COD ¥{amount} collected",
    "receipt.replaced": " (corrected; it was: {previous})",
    "receipt.button.next": "Next parcel",
    "receipt.notDelivered":
      "{trackingNo} has no delivered scan yet: there is no signer to enter. Check the number:",
    "receipt.stamp": "Stamp",
    "receipt.kind.full_name": "full name",
    "receipt.kind.surname_only": "given name unreadable",
    "receipt.kind.given_only": "surname unreadable",
    "receipt.kind.scribble": "illegible",
    "receipt.kind.unsigned": "unsigned",
    "receipt.kind.stamp": "company stamp",
    "receipt.problem.empty": "No signer received; please type it:",
    "receipt.problem.too_long":
      "Too long: a name has at most 20 characters, a stamp 40. Please type it again:",
    "receipt.problem.mixed_commas":
      'Only the surname and commas: every unreadable character of the given name is a "," and readable ones are left out too (e.g. 王,,). Please type it again:',
    "receipt.problem.too_many_commas":
      'Too many commas: one "," for an unreadable surname (e.g. ,小明); one per unreadable character of the given name, at most three (e.g. 王,,). Please type it again:',
    "receipt.problem.commas_only": "Only commas: when nothing is legible tap 草签. Please type it again:",
    "receipt.problem.not_a_name":
      "That is not a name as written on a receipt (no digits or symbols). Type the full name, 王,, or ,小明, or tap 草签 / 已收 / Company stamp:",
    "receipt.problem.looks_like_stamp":
      "That is an organisation's name: for a stamp tap Company stamp, then type the name on it.",
    "receipt.problem.empty_stamp": "The name on the stamp is empty; please type it:",
    "receipt.problem.stamp_without_name":
      "A stamp is entered as it reads: type the organisation's name on the stamp (e.g. 扬州某某有限公司):",
    "receipt.existing":
      "{trackingNo} was already entered by {by} at {at}: signed by {signer}. Correct it? Confirming replaces that entry (the audit keeps it).",
    "receipt.existingTyped": "Correct it to: {typed}",
    "receipt.button.correct": "Correct it",
    "receipt.problem.refusal":
      "It says 拒收: that is a refusal, not a signature, and is not entered as a signer. Record it as a problem parcel (/problem).",
    "receipt.amount.not_an_amount": "Please write the amount in figures, e.g. 58 or 58.50:",
    "receipt.amount.zero": "A COD amount cannot be 0; type the amount collected:",
    "receipt.amount.too_much": "That amount is too large; please check and type it again:",
    "receipt.amount.too_precise": "At most two decimals (fen); please type it again:",

    "receipt.select": "Enter the signer of…",
    "receipt.line": "• {trackingNo} delivered {at} ({location})",
    "receipt.remind":
      "[Receipts to enter] {count} of your deliveries of yesterday ({day}) have no signer entered; they are due by {by} today:\n{lines}\nUse /signed to enter them.",
    "receipt.remindUnknown":
      "[Receipts to enter] {count} deliveries of yesterday ({day}) have no signer entered and the scans do not say which courier delivered them; please have them entered by {by}:\n{lines}",
    "receipt.escalate":
      "[Receipts late] {count} deliveries of yesterday ({day}) still have no signer entered at {by}:\n{lines}",
    "receipt.escalateSince":
      "[Receipts late] {count} deliveries from {since} to {day} (the desk's closed days included) still have no signer entered at {by}:\n{lines}",
    "receipt.escalateCourier": "{courier}: {count}\n{lines}",
    "receipt.courierUnknown": "courier unknown",

    "receipt.answer.signed":
      "{trackingNo} receipt: signed by {signer} ({kind}), delivered {deliveredAt}{cod}. Entered by {enteredBy} at {enteredAt}. Kept until {keptUntil}.",
    "receipt.answer.notEntered":
      "{trackingNo} was delivered {deliveredAt}, but the signer is not entered yet (courier: {courier}). Kept until {keptUntil}.",
    "receipt.answer.pastKeeping":
      "{trackingNo} arrived {arrivedAt}; receipts are kept 180 days, and this one is past keeping since {keptUntil}: it cannot be provided.",
    "receipt.answer.notDelivered": "{trackingNo} has no delivered scan yet: there is no receipt.",
    "receipt.button.another": "Look up another",
  },
);
