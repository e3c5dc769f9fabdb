import { defineMessages } from "./catalogue";

/**
 * Complaints (投诉), SOP-82 and SOP-11's fine: the customer's /complain, the staff's /complaints,
 * the escalation notices and digest lines. Customers' texts name no rule; staff texts may.
 */
export const complaints = defineMessages(
  {
    "command.complain": "投诉",
    "command.complaints": "未结投诉(级别、时长)",
    "menu.complain": "我要投诉",
    "staff.menu.complaints": "投诉",

    "complaint.level.branch": "本网点",
    "complaint.level.region": "区域",
    "complaint.level.head_office": "总公司",
    "complaint.from.customer": "客户",
    "complaint.from.branch": "兄弟公司 {branch}",
    "complaint.fine": ",已记罚款 {yuan} 元",

    // ---- the customer's /complain
    "complain.ask.subject":
      "很抱歉给您带来不便。请发送相关的运单号;如果是关于之前的咨询,请点对应的按钮;都没有请点“没有运单号”。",
    "complain.button.none": "没有运单号",
    "complain.button.query": "关于 {ref} 的咨询",
    "complain.badSubject": "这不是有效的运单号。请重新发送运单号,或点下面的按钮:",
    "complain.ask.text": "请告诉我们发生了什么,我们会认真处理:",
    "complain.text.empty": "请用文字说明投诉内容:",
    "complain.text.tooLong": "内容太长了,请控制在 {max} 字以内:",
    "complain.hint": "请点下面的按钮。",
    "complain.opened":
      "您的投诉已登记,我们会尽快处理并回复您。如 {hours} 小时内未得到处理,投诉会自动转交上级。",
    "complain.failed": "投诉没有登记成功,请重新检查后再试。",
    "complaint.customer.about.tracking": "关于运单 {trackingNo} 的投诉",
    "complaint.customer.about.opened": "在 {at} 提交的投诉",
    "complaint.customer.acted":
      "{greeting}\n您{about}已有专人跟进(目前由{level}处理),有结果会第一时间告诉您。想补充情况,再发 /complain 说明即可。\n{closing}",
    "complain.existing":
      "您{about}还在处理中(目前由{level}处理),不用重新投诉。您刚才说的已经补充进去,处理人员会看到。",
    "complaint.customer.resolved": "{greeting}\n您的投诉已处理:{resolution}\n感谢您的反馈。\n{closing}",
    "complaint.customer.decided": "{greeting}\n您的投诉已有处理结果:{resolution}\n感谢您的耐心。\n{closing}",
    "complaint.customer.escalated": "您的投诉已转交{level}处理,我们会跟进并告诉您结果。",

    // ---- notices and digests (staff)
    "notice.action.complaintView": "查看投诉",
    "notice.complaint.opened": "新投诉 {ref}(来自{from}{fine}):请本网点先处理。\n{excerpt}",
    "notice.complaint.added": "投诉 {ref}(级别:{level})客户又补充了:\n{excerpt}",
    "notice.complaint.escalated":
      "投诉 {ref} 无人处理,已升级到{level},已 {age}。区域和总公司的决定请在 /complaints 里登记。{penalty}\n{excerpt}",
    "notice.complaint.penalty": "\n本网点在投诉到达总公司前没有任何处理,将被处罚。",
    "complaint.digest.title": "未结投诉 {n} 件:",
    "complaint.digest.item": "• {ref}(来自{from}),级别:{level},已 {age}{fine}",

    // ---- the staff's /complaints
    "staff.complaints.title": "未结投诉 {n} 件(时间长的在前):",
    "staff.complaints.none": "没有未结的投诉。",
    "staff.complaints.item": "{ref} {level} {age}",
    "staff.complaints.card":
      "投诉 {ref}(来自{from}{fine})\n级别:{level},已 {age}\n内容:{text}\n处理记录:\n{history}",
    "staff.complaints.noHistory": "(无)",
    "staff.complaints.history.opened": "• {at} 登记",
    "staff.complaints.history.acted": "• {at} {who}:{note}",
    "staff.complaints.history.escalated": "• {at} 升级到{level}",
    "staff.complaints.history.fined": "• {at} 记罚款 {yuan} 元",
    "staff.complaints.button.act": "记录处理",
    "staff.complaints.button.resolve": "已解决,结案",
    "staff.complaints.button.decide": "登记上级决定",
    "staff.complaints.button.branch": "登记兄弟公司投诉",
    "staff.complaints.button.list": "投诉列表",
    "staff.complaints.ask.act": "做了什么处理(一句话):",
    "staff.complaints.ask.resolve": "怎么解决的(客户会收到):",
    "staff.complaints.ask.resolveNoCustomer": "怎么解决的(一句话):",
    "staff.complaints.ask.decide": "{level}的决定(客户会收到):",
    "staff.complaints.acted": "已记录处理:{ref}。本级不再自动升级。",
    "staff.complaints.resolved": "已结案:{ref},客户已收到通知。",
    "staff.complaints.resolvedNoCustomer": "已结案:{ref}。",
    "staff.complaints.decided": "已登记{level}的决定并结案:{ref}。",
    "staff.complaints.notAllowed": "区域和总公司的决定只能由值班组长登记。",
    "staff.complaints.closed": "这件投诉已经结案了。",
    "staff.complaints.notFound": "找不到这件投诉。",
    "staff.complaints.empty": "请输入文字:",
    "staff.complaints.tooLong": "太长了,请控制在 {max} 字以内:",
    "staff.complaints.branch.askBranch": "哪个兄弟公司投诉?(公司名称)",
    "staff.complaints.branch.badBranch": "请输入 2 到 {max} 个字的公司名称:",
    "staff.complaints.branch.askTrackingNo": "涉及的运单号:",
    "staff.complaints.branch.badTrackingNo": "这不是有效的运单号,请重新输入:",
    "staff.complaints.branch.askText": "投诉内容:",
    "staff.complaints.branch.recorded": "已登记 {branch} 的投诉:{ref}。",
    "staff.complaints.branch.fined": "该公司对 {ref} 的查询于 {due} 到期,{answered}:已记罚款 {yuan} 元。",
    "staff.complaints.branch.answeredAt": "{at} 才回复",
    "staff.complaints.branch.unanswered": "至今未回复",
    "staff.complaints.branch.noFine": "没有找到该运单超时回复的兄弟公司查询,不记罚款。",
  },
  {
    "command.complain": "Make a complaint",
    "command.complaints": "Open complaints (level, age)",
    "menu.complain": "Make a complaint",
    "staff.menu.complaints": "Complaints",

    "complaint.level.branch": "the branch",
    "complaint.level.region": "the region",
    "complaint.level.head_office": "head office",
    "complaint.from.customer": "a customer",
    "complaint.from.branch": "branch {branch}",
    "complaint.fine": ", fined {yuan} yuan",

    "complain.ask.subject":
      "We are sorry for the trouble. Please send the tracking number it is about; if it is about an earlier question, press its button; if neither, press “No tracking number”.",
    "complain.button.none": "No tracking number",
    "complain.button.query": "About my question on {ref}",
    "complain.badSubject":
      "That is not a valid tracking number. Please send it again, or press a button below:",
    "complain.ask.text": "Please tell us what happened; we will look into it carefully:",
    "complain.text.empty": "Please say what the complaint is about in words:",
    "complain.text.tooLong": "That is too long: please keep it under {max} characters:",
    "complain.hint": "Please use the buttons below.",
    "complain.opened":
      "Your complaint is recorded; we will handle it and reply as soon as we can. If it is not handled within {hours} hours, it goes to our managers automatically.",
    "complain.failed": "The complaint could not be recorded. Please check it and try again.",
    "complaint.customer.about.tracking": "your complaint about parcel {trackingNo}",
    "complaint.customer.about.opened": "the complaint you made on {at}",
    "complaint.customer.acted":
      "{greeting}\nSomeone is now following {about} (handled by {level}); we will tell you the outcome as soon as we have it. To add anything, send /complain again.\n{closing}",
    "complain.existing":
      "We still have {about} open (handled by {level}), so there is no need to complain again. What you just wrote has been added to it for the staff handling it.",
    "complaint.customer.resolved":
      "{greeting}\nYour complaint has been handled: {resolution}\nThank you for telling us.\n{closing}",
    "complaint.customer.decided":
      "{greeting}\nThere is an outcome to your complaint: {resolution}\nThank you for your patience.\n{closing}",
    "complaint.customer.escalated":
      "Your complaint has been passed to {level}; we will follow it and tell you the outcome.",

    "notice.action.complaintView": "View complaint",
    "notice.complaint.opened": "New complaint {ref} (from {from}{fine}): the branch acts first.\n{excerpt}",
    "notice.complaint.added": "Complaint {ref} (level: {level}): the customer added:\n{excerpt}",
    "notice.complaint.escalated":
      "Complaint {ref} was not acted on and went up to {level}, {age} old. Record the region's or head office's decision in /complaints.{penalty}\n{excerpt}",
    "notice.complaint.penalty":
      "\nThe branch did nothing before it reached head office: the branch is penalised.",
    "complaint.digest.title": "Open complaints: {n}",
    "complaint.digest.item": "• {ref} (from {from}), level: {level}, {age} old{fine}",

    "staff.complaints.title": "Open complaints: {n} (oldest first):",
    "staff.complaints.none": "No open complaints.",
    "staff.complaints.item": "{ref} {level} {age}",
    "staff.complaints.card":
      "Complaint {ref} (from {from}{fine})\nLevel: {level}, {age} old\nText: {text}\nActions:\n{history}",
    "staff.complaints.noHistory": "(none)",
    "staff.complaints.history.opened": "• {at} recorded",
    "staff.complaints.history.acted": "• {at} {who}: {note}",
    "staff.complaints.history.escalated": "• {at} up to {level}",
    "staff.complaints.history.fined": "• {at} fined {yuan} yuan",
    "staff.complaints.button.act": "Record an action",
    "staff.complaints.button.resolve": "Resolved: close",
    "staff.complaints.button.decide": "Record the decision",
    "staff.complaints.button.branch": "Another branch's complaint",
    "staff.complaints.button.list": "Complaints list",
    "staff.complaints.ask.act": "What was done (one line)?",
    "staff.complaints.ask.resolve": "How was it resolved (the customer reads this)?",
    "staff.complaints.ask.resolveNoCustomer": "How was it resolved (one line)?",
    "staff.complaints.ask.decide": "The decision of {level} (the customer reads this):",
    "staff.complaints.acted": "Action recorded: {ref}. It no longer escalates at this level.",
    "staff.complaints.resolved": "Closed: {ref}; the customer has been told.",
    "staff.complaints.resolvedNoCustomer": "Closed: {ref}.",
    "staff.complaints.decided": "The decision of {level} is recorded and {ref} is closed.",
    "staff.complaints.notAllowed": "Only a duty lead records the region's or head office's decision.",
    "staff.complaints.closed": "This complaint is already closed.",
    "staff.complaints.notFound": "This complaint cannot be found.",
    "staff.complaints.empty": "Please type it:",
    "staff.complaints.tooLong": "Too long: please keep it under {max} characters:",
    "staff.complaints.branch.askBranch": "Which branch is complaining (its name)?",
    "staff.complaints.branch.badBranch": "Please type the branch's name, 2 to {max} characters:",
    "staff.complaints.branch.askTrackingNo": "The tracking number concerned:",
    "staff.complaints.branch.badTrackingNo": "That is not a valid tracking number; please type it again:",
    "staff.complaints.branch.askText": "The complaint:",
    "staff.complaints.branch.recorded": "Complaint of {branch} recorded: {ref}.",
    "staff.complaints.branch.fined": "Their query on {ref} was due {due} and {answered}: fined {yuan} yuan.",
    "staff.complaints.branch.answeredAt": "answered only at {at}",
    "staff.complaints.branch.unanswered": "is still unanswered",
    "staff.complaints.branch.noFine": "No late answer to a branch query on this parcel was found: no fine.",
  },
);
