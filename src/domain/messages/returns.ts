import { defineMessages } from "./catalogue";

/**
 * Returns (SOP-43, SOP-51, SOP-52, SOP-60), the SOP-53 call before a hold, and the messages to the
 * origin branch tracked until recorded sent (SOP-50, SOP-38, SOP-45). Texts customers read carry
 * no rule ids; the texts pasted into the network's message system are Chinese on both sides.
 */
export const returns = defineMessages(
  {
    "command.return": "登记发件公司要求退回",
    "staff.menu.return": "要求退回",

    // ---- notices
    "notice.action.originTaskSent": "已留言对方公司",
    "notice.action.returnNow": "已派件扫描,现在退回",
    "notice.return.bringBack":
      "快件 {trackingNo} 发件公司要求退回:请今天带回网点,标注“{marking}”并扫描发出。",
    "notice.return.warehouse": "快件 {trackingNo}({place})发件公司要求退回:请今天标注“{marking}”并扫描发出。",
    "notice.return.requested": "您的快件 {trackingNo} 应寄件方要求退回。{fee}如有疑问请致电 {hotline}。",
    "notice.return.fee.free": "退回费用:免费。",
    "notice.return.fee.priced": "退回费用:{yuan} 元(按 {kg} 公斤计)。",
    "notice.return.fee.air": "航空退回可能另有费用。",
    "notice.return.needsDeliveryScan":
      "快件 {trackingNo}({place})留言对方公司后逾期无回复,应直接退回,但还没有派件扫描:请先让片区做派件扫描。扫描后点下面的按钮;否则下一个上班日早上再检查。",
    "notice.hold.originRepeat":
      "再次提醒:快件 {trackingNo} 在 {place} 自取已过期限,还没有记录留言对方公司({origin})。内容如下:\n{text}\n留言后请点“已留言对方公司”。",
    "notice.hold.originEscalated":
      "快件 {trackingNo}({place})自 {since} 起应留言对方公司({origin}),至今无人记录。请安排客服处理。",
    "notice.originTask.new":
      "快件 {trackingNo}:{category},请留言对方公司({origin}),内容如下:\n{text}\n留言后请点“已留言对方公司”。",
    "notice.originTask.repeat":
      "再次提醒:快件 {trackingNo}({category})还没有记录留言对方公司({origin})。内容如下:\n{text}\n留言后请点“已留言对方公司”。",
    "notice.originTask.escalated":
      "快件 {trackingNo}({category})自 {since} 起需留言对方公司({origin}),至今无人记录。请安排客服处理。",
    "originTask.text.missorted":
      "运单号 {trackingNo}:此件错分到我司({branch}),原因:{reason}。请贵司核实后安排转发正确网点。",
    "originTask.text.damaged":
      "运单号 {trackingNo}:外包装完好,{reason},收件人已在签名后注明“拒收”。请贵司联系寄件人处理。",

    // ---- digests
    "notice.digest.returns.title": "已标记退回、未扫描发出 {n} 件:",
    "notice.digest.returns.line": "• {trackingNo}:{date} 标记“{marking}”{overdue}",
    "notice.digest.returns.overdue": ",当天未扫描发出",
    "notice.digest.originTasks.title": "未记录留言对方公司 {n} 件:",
    "notice.digest.originTasks.line": "• {trackingNo}:{since} 起需留言 {origin}",

    // ---- the return flow
    "staff.return.askWeight": "{trackingNo} 退回,标注“{marking}”。重量多少公斤?(如 7 或 7.5)",
    "staff.return.badWeight": "请输入重量公斤数,如 7 或 7.5(大于 0,不超过 1000)。",
    "staff.return.askDestination": "退回到哪个省?(如 江苏、黑龙江、新疆;山东请写到市,如 山东菏泽)",
    "staff.return.badDestination": "没有认出省份:请写省名,如 黑龙江、新疆、山东菏泽。",
    "staff.return.askOrigin": "扫描记录里没有发件公司:请输入发件公司名称(如 南京分公司)。",
    "staff.return.badOrigin": "请输入发件公司名称(2 到 50 个字)。",
    "staff.return.askWhere": "快件现在在哪里?(通知谁带回或处理)",
    "staff.return.button.warehouse": "在网点仓库",
    "staff.return.warehouse": "网点仓库",
    "staff.return.confirm":
      "确认退回:{trackingNo},标注“{marking}”\n重量 {kg} 公斤,退回{destination}:{fee}\n通知:{who},以及关注此件的客户",
    "staff.return.button.confirm": "确认退回",
    "staff.return.fee.free": "免费({route})",
    "staff.return.fee.priced": "{yuan} 元({route},按 {kg} 公斤计)",
    "staff.return.feeAir": "航空退回可能另有费用。",
    "staff.return.route.free_region": "江浙沪皖鲁西南",
    "staff.return.route.shuttle": "网络班车",
    "staff.return.route.no_shuttle": "无网络班车",
    "staff.return.route.tibet": "西藏",
    "staff.return.marked": "已登记退回:{trackingNo},今天标注“{marking}”并扫描发出。已通知 {who}。",
    "staff.return.customersTold": "{customers} 位关注此件的客户已收到退回通知。",
    "staff.return.refused.noDeliveryScan": "{trackingNo} 还没有派件扫描:请先做派件扫描,再登记退回。未保存。",
    "staff.return.refused.alreadyMarked": "{trackingNo} 已经登记过退回。",
    "staff.return.refused.delivered": "{trackingNo} 已签收,不能登记退回。",
    "staff.return.refused.notCourier": "所选的人不是业务员,未保存,请重新登记。",
    "staff.return.refused.unknownParcel": "没有 {trackingNo} 的记录。",
    "staff.return.heldReturned": "已标记退回:{trackingNo},今天标注“{marking}”并扫描发出。",
    "staff.return.stillNoScan": "{trackingNo} 还没有派件扫描:扫描后再按。",
    "staff.return.notDue": "这个自提件现在不需要退回(已回复、已取件或已标记)。",

    // ---- SOP-53 before a hold, and the origin asking back from /hold
    "staff.hold.askCalled": "{trackingNo}:放自提前,已经电话联系客户了吗?",
    "staff.hold.called.reached": "已联系上客户",
    "staff.hold.called.not_reached": "打了,没打通",
    "staff.hold.called.not_called": "还没打",
    "staff.hold.callFirst": "请先打电话联系客户,能当天派送的尽量当天派送,仓库不积压。打过电话后再选。",
    "staff.hold.button.originAsksBack": "对方公司要求退回",

    // ---- origin tasks (SOP-38, SOP-45)
    "staff.originTask.sent": "已记录:{trackingNo} 已留言对方公司。",
    "staff.originTask.alreadySent": "这条留言已经记录过了。",
    "staff.originTask.notFound": "找不到这条留言任务,可能已处理。",
  },
  {
    "command.return": "Record a return the origin asked for",
    "staff.menu.return": "Return to origin",

    "notice.action.originTaskSent": "Origin messaged",
    "notice.action.returnNow": "Delivery-scanned: return now",
    "notice.return.bringBack":
      "The origin asked for parcel {trackingNo} back: bring it to the branch today, mark it “{marking}” and scan it out.",
    "notice.return.warehouse":
      "The origin asked for parcel {trackingNo} ({place}) back: mark it “{marking}” and scan it out today.",
    "notice.return.requested":
      "Your parcel {trackingNo} is being returned at the sender's request. {fee}For questions call {hotline}.",
    "notice.return.fee.free": "Return fee: free. ",
    "notice.return.fee.priced": "Return fee: {yuan} yuan (for {kg} kg). ",
    "notice.return.fee.air": "A return by air may cost extra. ",
    "notice.return.needsDeliveryScan":
      "Parcel {trackingNo} ({place}): the origin did not answer in time, so it goes back, but it has no delivery scan yet: have the zone delivery-scan it first. Then press the button below; otherwise it is checked again next desk morning.",
    "notice.hold.originRepeat":
      "Reminder: parcel {trackingNo} at {place} is past its collection time and no message to the origin ({origin}) is recorded. Message:\n{text}\nThen press “Origin messaged”.",
    "notice.hold.originEscalated":
      "Parcel {trackingNo} ({place}): the origin ({origin}) was due a message from {since} and nobody has recorded it. Please have an agent do it.",
    "notice.originTask.new":
      "Parcel {trackingNo}: {category}. Please message the origin ({origin}) with:\n{text}\nThen press “Origin messaged” .",
    "notice.originTask.repeat":
      "Reminder: parcel {trackingNo} ({category}): no message to the origin ({origin}) recorded yet. Message:\n{text}\nThen press “Origin messaged” .",
    "notice.originTask.escalated":
      "Parcel {trackingNo} ({category}): the origin ({origin}) was due a message from {since} and nobody has recorded it . Please have an agent do it.",
    "originTask.text.missorted":
      "运单号 {trackingNo}:此件错分到我司({branch}),原因:{reason}。请贵司核实后安排转发正确网点。",
    "originTask.text.damaged":
      "运单号 {trackingNo}:外包装完好,{reason},收件人已在签名后注明“拒收”。请贵司联系寄件人处理。",

    "notice.digest.returns.title": "Marked for return, not scanned out: {n}",
    "notice.digest.returns.line": "• {trackingNo}: marked “{marking}” on {date}{overdue}",
    "notice.digest.returns.overdue": ", not scanned out that day",
    "notice.digest.originTasks.title": "Messages to the origin not recorded as sent: {n}",
    "notice.digest.originTasks.line": "• {trackingNo}: message {origin}, due since {since}",

    "staff.return.askWeight": "{trackingNo} goes back, marked “{marking}”. Its weight in kg? (e.g. 7 or 7.5)",
    "staff.return.badWeight": "Please type the weight in kg, e.g. 7 or 7.5 (more than 0, at most 1000).",
    "staff.return.askDestination":
      "Which province does it go back to? (e.g. 江苏, Heilongjiang, Xinjiang; for Shandong the city, e.g. 山东菏泽)",
    "staff.return.badDestination": "No province recognised: please name it, e.g. 黑龙江, Xinjiang, 山东菏泽.",
    "staff.return.askOrigin": "The scans name no origin branch: please type its name (e.g. 南京分公司).",
    "staff.return.badOrigin": "Please type the origin branch's name (2 to 50 characters).",
    "staff.return.askWhere": "Where is the parcel now? (who is told to bring it back or handle it)",
    "staff.return.button.warehouse": "At the branch warehouse",
    "staff.return.warehouse": "the branch warehouse",
    "staff.return.confirm":
      "Confirm the return: {trackingNo}, marked “{marking}”\n{kg} kg, back to {destination}: {fee}\nTold: {who}, and the parcel's followers",
    "staff.return.button.confirm": "Confirm the return",
    "staff.return.fee.free": "free ({route})",
    "staff.return.fee.priced": "{yuan} yuan ({route}, {kg} kg charged)",
    "staff.return.feeAir": "A return by air may cost extra.",
    "staff.return.route.free_region": "Jiangsu/Zhejiang/Shanghai/Anhui/SW Shandong",
    "staff.return.route.shuttle": "network shuttle",
    "staff.return.route.no_shuttle": "no network shuttle",
    "staff.return.route.tibet": "Tibet",
    "staff.return.marked":
      "Return recorded: {trackingNo}, mark it “{marking}” and scan it out today. Told: {who}.",
    "staff.return.customersTold": "{customers} follower(s) of the parcel were told.",
    "staff.return.refused.noDeliveryScan":
      "{trackingNo} has no delivery scan yet: delivery-scan it first, then record the return. Nothing stored.",
    "staff.return.refused.alreadyMarked": "{trackingNo} is already marked for return.",
    "staff.return.refused.delivered": "{trackingNo} was delivered: no return can be recorded.",
    "staff.return.refused.notCourier":
      "The person chosen is not a courier. Nothing stored; please start again.",
    "staff.return.refused.unknownParcel": "Nothing is known of {trackingNo}.",
    "staff.return.heldReturned":
      "Marked for return: {trackingNo}; mark it “{marking}” and scan it out today.",
    "staff.return.stillNoScan": "{trackingNo} still has no delivery scan: press again once it has.",
    "staff.return.notDue": "This hold needs no return now (answered, collected or marked already).",

    "staff.hold.askCalled": "{trackingNo}: before it goes on hold, was the customer called?",
    "staff.hold.called.reached": "Called, reached",
    "staff.hold.called.not_reached": "Called, no answer",
    "staff.hold.called.not_called": "Not yet",
    "staff.hold.callFirst":
      "Please call the customer first and deliver today where possible: the warehouse stays small. Choose again once you have called.",
    "staff.hold.button.originAsksBack": "Origin asks it back",

    "staff.originTask.sent": "Recorded: the origin was messaged about {trackingNo}.",
    "staff.originTask.alreadySent": "This message was recorded already.",
    "staff.originTask.notFound": "This message task cannot be found; it may have been dealt with.",
  },
);
