import { defineMessages } from "./catalogue";

/**
 * Compensation claims (赔偿), SOP-70..SOP-72: the customer's /claim, the staff's /claims, the
 * claims' notices and digest lines. Customers' texts name no rule; staff texts may.
 */
export const claims = defineMessages(
  {
    "command.claim": "申请理赔(丢失、延误、破损)",
    "command.claims": "待处理的理赔(按剩余时间)",
    "menu.claim": "申请理赔",
    "staff.menu.claims": "理赔",

    "claim.kind.loss": "丢失",
    "claim.kind.delay": "延误",
    "claim.kind.damage": "破损",
    "claim.payout.cash": "现金",
    "claim.payout.bank_transfer": "银行转账",
    "claim.payout.wechat": "微信",
    "claim.payout.alipay": "支付宝",
    "claim.payout.freight_credit": "抵扣运费",
    "claim.daysLeft": "剩 {n} 天",

    // ---- the customer's /claim
    "claim.ask.trackingNo": "请发送需要理赔的快件运单号:",
    "claim.badTrackingNo": "这不是有效的运单号,请核对后重新发送(例如 YT1234567890):",
    "claim.ask.kind": "运单 {trackingNo}:请选择理赔原因:",
    "claim.ask.description": "请简单描述发生了什么(例如:什么时候发现、外包装情况、物品价值):",
    "claim.description.empty": "请用文字描述一下情况:",
    "claim.description.tooLong": "描述太长了,请控制在 {max} 字以内:",
    "claim.ask.photos": "如有照片(破损情况、外包装、面单),请直接发送,最多 {max} 张;没有或发完了请点“完成”。",
    "claim.photos.received": "已收到第 {n} 张照片。还可以继续发送,发完请点“完成”。",
    "claim.photos.full": "已收到 {max} 张照片,不能再添加了。请点“完成”。",
    "claim.photos.onlyPhotos": "请发送照片,或点“完成”继续。",
    "claim.button.photosDone": "完成",
    "claim.summary":
      "请确认理赔申请:\n运单号:{trackingNo}\n原因:{kind}\n情况:{description}\n照片:{photos} 张",
    "claim.button.submit": "提交申请",
    "claim.button.edit": "修改",
    "claim.edit.prompt": "要修改哪一项?",
    "claim.edit.back": "返回确认",
    "claim.field.trackingNo": "运单号",
    "claim.field.kind": "理赔原因",
    "claim.field.description": "情况描述",
    "claim.hint": "请点下面的按钮。",
    "claim.opened":
      "您的理赔申请已受理(运单 {trackingNo},{kind})。我们会在 {due} 前与您商定处理结果,期间客服会与您联系。",
    "claim.several": "您提到 {count} 个单号。理赔按单号逐个办理:先办运单 {first},提交后接着办 {others}。",
    "claim.next": "接着办运单 {trackingNo} 的理赔:",
    "claim.existing": "运单 {trackingNo} 的{kind}理赔申请已在处理中,我们会在 {due} 前与您商定处理结果。",
    "claim.refused.input": "申请没有提交成功,请重新检查后再试。",
    "claim.other.ask":
      "您在运单 {trackingNo} 上已有一件{kind}理赔还在处理中,我们会在 {due} 前与您商定结果。还要为{newKind}再开一件理赔吗?",
    "claim.other.plain": "要为运单 {trackingNo} 提交这件理赔吗?",
    "claim.button.another": "再开一件",
    "claim.button.keep": "不用了",
    "claim.other.kept":
      "好的,不再另开。运单 {trackingNo} 的{kind}理赔仍在处理中,我们会在 {due} 前与您商定结果。",
    "claim.customer.contacted":
      "{greeting}\n您的理赔申请(运单 {trackingNo})正在处理中,我们会在 {due} 前与您商定处理结果。\n{closing}",
    "claim.customer.settled":
      "{greeting}\n您的理赔申请(运单 {trackingNo})已处理:赔偿 {amount} 元,支付方式:{paidBy}。感谢您的耐心。\n{closing}",
    "claim.customer.refused":
      "{greeting}\n很抱歉,您的理赔申请(运单 {trackingNo})未能获得赔偿,原因:{reason}。如有疑问请致电 {hotline}。\n{closing}",

    // ---- notices and digests (staff)
    "notice.action.claimView": "查看理赔",
    "notice.claim.added": "客户补充了运单 {trackingNo} 的{kind}理赔:\n{text}",
    "claim.existing.added":
      "运单 {trackingNo} 的{kind}理赔申请已在处理中,您刚才说的已补充进去;我们会在 {due} 前与您商定处理结果。",
    "staff.claims.history.added": "• {at} 客户补充:{text}",
    "notice.claim.opened": "新理赔申请:运单 {trackingNo},{kind},须在 {due} 前与客户商定。\n{excerpt}",
    "notice.claim.warn": "理赔将到期:运单 {trackingNo}({kind}),{due} 到期,剩 {left} 天,处理人:{holder}。",
    "notice.claim.overdue":
      "理赔已超期未结:运单 {trackingNo}({kind}),{due} 到期,处理人:{holder}。不得以等待总公司决定为由拖延。",
    "claim.digest.title": "未结理赔 {n} 件:",
    "claim.digest.item": "• {trackingNo} {kind},{due} 到期({left}),处理人:{holder}",
    "claim.digest.overdue": "已超期",

    // ---- the staff's /claims
    "staff.claims.title": "未结理赔 {n} 件(剩余时间少的在前):",
    "staff.claims.none": "没有未结的理赔。",
    "staff.claims.item": "{trackingNo} {kind} {left}",
    "staff.claims.card":
      "理赔 {trackingNo}({kind})\n受理:{opened},{due} 到期({left})\n处理人:{holder};最近联系客户:{contacted}\n照片:{photos} 张\n情况:{description}{history}",
    "staff.claims.history": "\n记录:\n{lines}",
    "staff.claims.history.contacted": "• {at} {who} 联系客户:{note}",
    "staff.claims.history.pauseRefused": "• {at} {who} 要求暂停,已拒绝",
    "staff.claims.history.overdue": "• {at} 已超期,已报值班组长",
    "staff.claims.never": "未联系",
    "staff.claims.button.contact": "记录联系客户",
    "staff.claims.button.settle": "达成赔偿",
    "staff.claims.button.refuse": "拒赔",
    "staff.claims.button.pause": "等总公司决定(暂停)",
    "staff.claims.button.photos": "看照片",
    "staff.claims.button.list": "理赔列表",
    "staff.claims.ask.contact": "与客户联系的情况(一句话):",
    "staff.claims.ask.amount": "赔偿金额(元,例如 200 或 199.50):",
    "staff.claims.badAmount": "请输入大于 0、不超过 {max} 的金额(元,最多两位小数):",
    "staff.claims.ask.paidBy": "赔偿 {amount} 元,怎么支付?",
    "staff.claims.ask.reason": "拒赔的原因(客户会收到):",
    "staff.claims.contacted": "已记录联系客户:{trackingNo},客户已收到通知。",
    "staff.claims.settled": "已结案:{trackingNo} 赔偿 {amount} 元({paidBy}),客户已收到通知。",
    "staff.claims.settledLate": "注意:已超过期限才结案。",
    "staff.claims.refused": "已拒赔:{trackingNo},客户已收到原因。",
    "staff.claims.pauseRefused":
      "不能暂停:理赔不得因总公司尚未决定而拖延。期限仍是 {due},请在此前与客户商定或拒赔。",
    "staff.claims.closed": "这件理赔已经结案了。",
    "staff.claims.notFound": "找不到这件理赔。",
    "staff.claims.empty": "请输入文字:",
    "staff.claims.tooLong": "太长了,请控制在 {max} 字以内:",
    "staff.claims.noPhotos": "这件理赔没有照片。",
    "staff.claims.photo": "理赔 {trackingNo} 的照片 {n}/{total}",
  },
  {
    "command.claim": "Claim compensation (loss, delay, damage)",
    "command.claims": "Open claims, least time left first",
    "menu.claim": "Claim compensation",
    "staff.menu.claims": "Claims",

    "claim.kind.loss": "loss",
    "claim.kind.delay": "delay",
    "claim.kind.damage": "damage",
    "claim.payout.cash": "cash",
    "claim.payout.bank_transfer": "bank transfer",
    "claim.payout.wechat": "WeChat",
    "claim.payout.alipay": "Alipay",
    "claim.payout.freight_credit": "credit against freight",
    "claim.daysLeft": "{n} days left",

    "claim.ask.trackingNo": "Please send the tracking number of the parcel you are claiming for:",
    "claim.badTrackingNo":
      "That is not a valid tracking number. Please check it and send it again (e.g. YT1234567890):",
    "claim.ask.kind": "Tracking number {trackingNo}: what is the claim for?",
    "claim.ask.description":
      "Please tell us briefly what happened (when you noticed, the state of the packaging, the value of the goods):",
    "claim.description.empty": "Please describe what happened in words:",
    "claim.description.tooLong": "That is too long: please keep it under {max} characters:",
    "claim.ask.photos":
      "If you have photos (the damage, the packaging, the label), send them now, up to {max}; if not, or when done, press “Done”.",
    "claim.photos.received": "Photo {n} received. You can send more; press “Done” when finished.",
    "claim.photos.full": "{max} photos received; no more can be added. Please press “Done”.",
    "claim.photos.onlyPhotos": "Please send a photo, or press “Done” to go on.",
    "claim.button.photosDone": "Done",
    "claim.summary":
      "Please confirm your claim:\nTracking number: {trackingNo}\nReason: {kind}\nWhat happened: {description}\nPhotos: {photos}",
    "claim.button.submit": "Submit the claim",
    "claim.button.edit": "Change",
    "claim.edit.prompt": "What would you like to change?",
    "claim.edit.back": "Back to the summary",
    "claim.field.trackingNo": "Tracking number",
    "claim.field.kind": "Reason",
    "claim.field.description": "What happened",
    "claim.hint": "Please use the buttons below.",
    "claim.opened":
      "Your claim is registered (tracking number {trackingNo}, {kind}). We will agree the outcome with you by {due}; our staff will contact you meanwhile.",
    "claim.several":
      "You named {count} tracking numbers. A claim is made per parcel: first {first}, then {others} once it is submitted.",
    "claim.next": "Next, the claim for tracking number {trackingNo}:",
    "claim.existing":
      "Your {kind} claim for tracking number {trackingNo} is already being handled; we will agree the outcome with you by {due}.",
    "claim.refused.input": "The claim could not be submitted. Please check it and try again.",
    "claim.other.ask":
      "You already have a {kind} claim open on parcel {trackingNo}; we will agree the outcome with you by {due}. Open another claim, for {newKind}?",
    "claim.other.plain": "Submit this claim for parcel {trackingNo}?",
    "claim.button.another": "Open another",
    "claim.button.keep": "No, thanks",
    "claim.other.kept":
      "All right, no new claim. Your {kind} claim on parcel {trackingNo} is still being handled; we will agree the outcome with you by {due}.",
    "claim.customer.contacted":
      "{greeting}\nYour claim (tracking number {trackingNo}) is being handled; we will agree the outcome with you by {due}.\n{closing}",
    "claim.customer.settled":
      "{greeting}\nYour claim (tracking number {trackingNo}) is settled: {amount} yuan, paid by {paidBy}. Thank you for your patience.\n{closing}",
    "claim.customer.refused":
      "{greeting}\nWe are sorry: your claim (tracking number {trackingNo}) cannot be compensated. Reason: {reason}. For any question, call {hotline}.\n{closing}",

    "notice.action.claimView": "View claim",
    "notice.claim.added": "The customer added to the {kind} claim on {trackingNo}:\n{text}",
    "claim.existing.added":
      "Your {kind} claim on {trackingNo} is being handled, and what you just wrote has been added to it; we will agree the outcome with you by {due}.",
    "staff.claims.history.added": "• {at} the customer added: {text}",
    "notice.claim.opened":
      "New claim: {trackingNo}, {kind}; agree it with the customer by {due} .\n{excerpt}",
    "notice.claim.warn":
      "Claim due soon: {trackingNo} ({kind}), due {due}, {left} days left, held by {holder} .",
    "notice.claim.overdue":
      "Claim past its deadline: {trackingNo} ({kind}), due {due}, held by {holder}. Waiting for head office is no reason to delay it.",
    "claim.digest.title": "Open claims: {n}",
    "claim.digest.item": "• {trackingNo} {kind}, due {due} ({left}), held by {holder}",
    "claim.digest.overdue": "overdue",

    "staff.claims.title": "Open claims: {n} (least time left first):",
    "staff.claims.none": "No open claims.",
    "staff.claims.item": "{trackingNo} {kind} {left}",
    "staff.claims.card":
      "Claim {trackingNo} ({kind})\nOpened {opened}, due {due} ({left})\nHeld by {holder}; last contact with the customer: {contacted}\nPhotos: {photos}\nWhat happened: {description}{history}",
    "staff.claims.history": "\nRecorded:\n{lines}",
    "staff.claims.history.contacted": "• {at} {who} contacted the customer: {note}",
    "staff.claims.history.pauseRefused": "• {at} {who} asked to pause it: refused",
    "staff.claims.history.overdue": "• {at} past its deadline, the duty leads told",
    "staff.claims.never": "none yet",
    "staff.claims.button.contact": "Record contact",
    "staff.claims.button.settle": "Settle",
    "staff.claims.button.refuse": "Refuse",
    "staff.claims.button.pause": "Wait for head office (pause)",
    "staff.claims.button.photos": "Photos",
    "staff.claims.button.list": "Claims list",
    "staff.claims.ask.contact": "How was the customer contacted (one line)?",
    "staff.claims.ask.amount": "Amount agreed (yuan, e.g. 200 or 199.50):",
    "staff.claims.badAmount":
      "Please type an amount above 0 and at most {max} yuan, with at most two decimals:",
    "staff.claims.ask.paidBy": "{amount} yuan: how is it paid?",
    "staff.claims.ask.reason": "Why is it refused (the customer reads this)?",
    "staff.claims.contacted": "Contact recorded for {trackingNo}; the customer has been told.",
    "staff.claims.settled":
      "Closed: {trackingNo} settled at {amount} yuan ({paidBy}); the customer has been told.",
    "staff.claims.settledLate": "Note: closed after its deadline.",
    "staff.claims.refused": "Refused: {trackingNo}; the customer has been told why.",
    "staff.claims.pauseRefused":
      "It cannot be paused: a claim may not be delayed because head office has not decided. It is still due {due}: settle or refuse it by then.",
    "staff.claims.closed": "This claim is already closed.",
    "staff.claims.notFound": "This claim cannot be found.",
    "staff.claims.empty": "Please type it:",
    "staff.claims.tooLong": "Too long: please keep it under {max} characters:",
    "staff.claims.noPhotos": "This claim has no photos.",
    "staff.claims.photo": "Claim {trackingNo}: photo {n}/{total}",
  },
);
