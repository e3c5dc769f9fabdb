import { defineMessages } from "./catalogue";

/**
 * The seats (SOP-14: away notice, the last open seat after 17:30), the closing of staff messages
 * to customers (SOP-80/81), and queries raised to another branch (SOP-13, SOP-11). Staff texts may
 * cite rules; the customer's (`branchAsk.customer.*`) never do.
 */
export const seatsAndAsks = defineMessages(
  {
    "command.askbranch": "向兄弟公司查询",
    "command.branchasks": "等待兄弟公司答复的查询",
    // ---- SOP-80/81: the closing of a staff member's message to a customer
    "greeting.signOff": "—— {signature}。{closing}",

    // ---- SOP-14: seats
    "seat.busy.leadAfter": "示忙超过 {after} 仍未示闲,会告知值班组长。",
    "seat.notice.away": "{name}({workNo})示忙已超过 {after}(自 {since} 起),尚未示闲。",
    "seat.lastSeat.refused":
      "现在是 {time} 以后,您是唯一示闲的查件座席:须经值班组长同意才能示忙。已请值班组长确认,同意后会通知您;在此之前请保持示闲。",
    "seat.lastSeat.alreadyAsked":
      "已经请值班组长确认过您的示忙申请,不再重复发送;同意后会通知您。在此之前请保持示闲。",
    "seat.lastSeat.noLead":
      "现在是 {time} 以后,您是唯一示闲的查件座席,须经值班组长同意才能示忙,但名单里没有值班组长。请先请一位同事示闲。",
    "seat.notice.askBusy":
      "{name}({workNo})申请示忙,但 {time} 以后须保留一个查件座席,TA 是现在唯一示闲的。同意请点下方按钮;不同意请安排其他人先示闲。",
    "seat.action.approveBusy": "同意示忙",
    "seat.approved.toAgent": "值班组长 {lead} 已同意您示忙:新查件不再通知您。",
    "seat.approved.toLead": "已同意 {name} 示忙。",
    "seat.approve.alreadyBusy": "{name} 已经是示忙状态,无需再同意。",
    "seat.approve.notFound": "找不到这位话务员,按钮可能已过期。",
    "seat.approve.stale": "这条示忙申请已过期:{name} 之后已改过座席状态,无需处理。",

    // ---- SOP-13: a query raised to another branch
    "branchAsk.menu": "问兄弟公司",
    "branchAsk.askBranch": "向哪个兄弟公司查询?请输入公司名称(如:南京分公司)。",
    "branchAsk.badBranch": "公司名称须为 2 到 {max} 个字,请重新输入。",
    "branchAsk.askBranchOrigin":
      "向哪个兄弟公司查询?扫描记录的发件公司是 {origin},是它请点下面的按钮;其他公司请输入名称。",
    "branchAsk.button.origin": "发件公司:{origin}",
    "branchAsk.branchNotQuestion": "这里只填公司名称(如:南京分公司),问题在下一步输入。",
    "branchAsk.askQuestion": "请输入要问 {branch} 的问题(运单 {trackingNo})。",
    "branchAsk.badQuestion": "问题不能为空,最多 {max} 个字,请重新输入。",
    "branchAsk.raised":
      "已记录:向 {branch} 查询运单 {trackingNo}。对方须在 {due} 前答复,到时未答复会提醒您。\n请把下面这段发到对方公司(留言系统或电话):\n{paste}",
    "branchAsk.raisedForQuery": "客户的查件 {ref} 已标记为等待 {branch} 答复,客户已收到告知。",
    "branchAsk.paste": "【查询】运单 {trackingNo}:{question} 请于 {due} 前答复。——{ourBranch} {signature}",
    "branchAsk.list.title": "等待兄弟公司答复:{count} 条",
    "branchAsk.list.none": "没有等待兄弟公司答复的查询。",
    "branchAsk.list.item": "{mark}{branch} {trackingNo} {excerpt}",
    "branchAsk.view":
      "向 {branch} 查询运单 {trackingNo}\n问题:{question}\n由 {by} 于 {at} 提出,须在 {due} 前答复。",
    "branchAsk.view.query": "来自客户查件 {ref}。",
    "branchAsk.view.answered": "{branch} 的答复({at},{by} 记录):{answer}",
    "branchAsk.view.late": "⚠ 已超过答复时限。",
    "branchAsk.button.record": "记录对方答复",
    "branchAsk.button.list": "等待答复的查询",
    "branchAsk.button.fromQuery": "问兄弟公司",
    "branchAsk.button.openQuery": "回复客户",
    "branchAsk.typeAnswer": "请输入 {branch} 的答复内容。",
    "branchAsk.recorded": "已记录 {branch} 的答复。",
    "branchAsk.recordedForQuery": "客户的查件 {ref} 不再等待;请回复客户。",
    "branchAsk.alreadyAnswered": "这条查询的答复已经记录过了:",
    "branchAsk.notFound": "找不到这条查询,可能已处理。",
    "branchAsk.queryClosed":
      "客户的查件已回复或不存在,无法标记为等待答复;如仍需查询,请用 /askbranch 单独提出。",
    "branchAsk.notice.due":
      "向 {branch} 查询运单 {trackingNo} 已到答复时限 {due},对方仍未答复。请再催对方,收到后点“记录对方答复”。\n问题:{question}",
    "branchAsk.notice.answered": "{by} 记录了 {branch} 对运单 {trackingNo} 的答复:{answer}",
    "branchAsk.waiting": "⏳ 等待 {branch} 答复(自 {at} 起,{due} 前):{question}",
    "branchAsk.digest.title": "等待兄弟公司答复 {n} 条:",
    "branchAsk.digest.line": "• {branch} {trackingNo} {question}({due} 前){late}",
    "branchAsk.digest.late": " ⚠已超时",
    "branchAsk.customer.waiting":
      "{greeting}\n关于您的快件 {ref},我们已向{branch}查询,收到答复后会尽快回复您。\n{closing}",
  },
  {
    "command.askbranch": "Ask another branch",
    "command.branchasks": "Questions waiting on another branch",
    "greeting.signOff": "— {signature}. {closing}",

    "seat.busy.leadAfter": "If you stay busy longer than {after}, the duty lead is told.",
    "seat.notice.away": "{name} ({workNo}) has been busy for more than {after} (since {since}).",
    "seat.lastSeat.refused":
      "It is after {time} and yours is the only available query seat: going busy needs the duty lead's approval. The duty lead has been asked; you will hear when they approve. Until then please stay available.",
    "seat.lastSeat.alreadyAsked":
      "The duty lead has already been asked about your request to go busy; it is not sent again. You will hear when they approve. Until then please stay available.",
    "seat.lastSeat.noLead":
      "It is after {time} and yours is the only available query seat: going busy needs the duty lead's approval, but the directory has no duty lead. Please ask a colleague to set available first.",
    "seat.notice.askBusy":
      "{name} ({workNo}) asks to go busy, but after {time} one query seat must stay open and theirs is the only one. Press the button to approve; otherwise ask someone else to set available first.",
    "seat.action.approveBusy": "Approve busy",
    "seat.approved.toAgent":
      "Duty lead {lead} approved: you are busy now and new queries will not reach you.",
    "seat.approved.toLead": "{name} may go busy: approved.",
    "seat.approve.alreadyBusy": "{name} is busy already; nothing to approve.",
    "seat.approve.notFound": "That agent is not known; the button may be out of date.",
    "seat.approve.stale": "This request is out of date: {name} has changed their seat since; nothing to do.",

    "branchAsk.menu": "Ask a branch",
    "branchAsk.askBranch": "Which branch do you ask? Type its name (e.g. 南京分公司).",
    "branchAsk.badBranch": "A branch name has 2 to {max} characters; please type it again.",
    "branchAsk.askBranchOrigin":
      "Which branch do you ask? The scans name the origin {origin}: tap it below, or type another branch's name.",
    "branchAsk.button.origin": "Origin: {origin}",
    "branchAsk.branchNotQuestion": "Only the branch's name here (e.g. 南京分公司); the question comes next.",
    "branchAsk.askQuestion": "Type the question for {branch} (waybill {trackingNo}).",
    "branchAsk.badQuestion":
      "The question may not be empty and has at most {max} characters; please type it again.",
    "branchAsk.raised":
      "Recorded: waybill {trackingNo} asked of {branch}. They owe an answer by {due}; you are reminded if none is recorded by then.\nSend them this (message system or phone):\n{paste}",
    "branchAsk.raisedForQuery":
      "The customer's query {ref} now shows it waits on {branch}; the customer has been told.",
    "branchAsk.paste": "【查询】运单 {trackingNo}:{question} 请于 {due} 前答复。——{ourBranch} {signature}",
    "branchAsk.list.title": "Waiting on other branches: {count}",
    "branchAsk.list.none": "Nothing is waiting on another branch.",
    "branchAsk.list.item": "{mark}{branch} {trackingNo} {excerpt}",
    "branchAsk.view":
      "Waybill {trackingNo} asked of {branch}\nQuestion: {question}\nRaised by {by} at {at}; answer due by {due}.",
    "branchAsk.view.query": "From the customer's query {ref}.",
    "branchAsk.view.answered": "{branch} answered ({at}, recorded by {by}): {answer}",
    "branchAsk.view.late": "⚠ Past the time to answer.",
    "branchAsk.button.record": "Record their answer",
    "branchAsk.button.list": "Waiting on branches",
    "branchAsk.button.fromQuery": "Ask a branch",
    "branchAsk.button.openQuery": "Answer the customer",
    "branchAsk.typeAnswer": "Type the answer {branch} gave.",
    "branchAsk.recorded": "The answer of {branch} is recorded.",
    "branchAsk.recordedForQuery": "The customer's query {ref} no longer waits; please answer the customer.",
    "branchAsk.alreadyAnswered": "The answer to this was recorded already:",
    "branchAsk.notFound": "That branch query is not known; it may be done already.",
    "branchAsk.queryClosed":
      "The customer's query is answered or gone, so it cannot wait on a branch; to ask anyway, use /askbranch on its own.",
    "branchAsk.notice.due":
      'Waybill {trackingNo} asked of {branch}: no answer by {due}. Please chase them, then press "Record their answer".\nQuestion: {question}',
    "branchAsk.notice.answered": "{by} recorded the answer of {branch} on waybill {trackingNo}: {answer}",
    "branchAsk.waiting": "⏳ Waiting on {branch} (since {at}, due {due}): {question}",
    "branchAsk.digest.title": "Waiting on other branches ({n}):",
    "branchAsk.digest.line": "• {branch} {trackingNo} {question} (by {due}){late}",
    "branchAsk.digest.late": " ⚠ late",
    "branchAsk.customer.waiting":
      "{greeting}\nAbout your parcel {ref}: we have asked {branch} and will answer you as soon as they reply.\n{closing}",
  },
);
