import { defineMessages } from "./catalogue";

/**
 * What customers read (SOP-80: polite and warm, no negative or impolite words; never a price,
 * SOP-21). Times arrive formatted in the branch's time zone ("11月27日 18:45" / "Nov 27 18:45").
 */
export const customer = defineMessages(
  {
    // ---- shared
    "customer.done": "好的,感谢您的咨询,祝您生活愉快,再见!",
    "customer.button.done": "没有了,谢谢",
    "customer.chooseBelow": "请点击下面的按钮选择。",
    "customer.day.today": "今天({date})",
    "customer.day.tomorrow": "明天({date})",

    // ---- tracking (查件, SOP-10..SOP-13)
    "customer.track.ask": "请发送您的运单号,我马上为您查询。运单号在快递面单的条码下方,例如 1234 5678 9012。",
    "customer.track.giveUp":
      "没关系,我们换个方式帮您。您可以选择下面的服务,也可以联系人工客服,把面单上的信息告诉我们,我们帮您查。",
    "customer.track.header": "运单 {trackingNo}:{status}",
    "customer.track.status.in_transit": "运输途中",
    "customer.track.status.out_for_delivery": "正在派送,请保持电话畅通",
    "customer.track.status.delivered": "已签收",
    "customer.track.status.held_for_pickup": "已到自提点,等您来取",
    "customer.track.status.problem": "派送中遇到一点情况,我们正在处理",
    "customer.track.status.marked_for_return": "正在安排退回寄件方",
    "customer.track.status.returned": "已退回寄件方",
    "customer.track.latest": "最新动态:{time} {location},{event}",
    "customer.track.latestNote": "最新动态:{time} {location},{event}({note})",
    "customer.track.problem":
      "我们在 {at} 记录到:{category}。客服正在跟进,如需帮助可以点下面的按钮联系我们。",
    "customer.track.returnMarked": "如有疑问,欢迎点下面的按钮联系客服,我们帮您查看。",
    "customer.track.historyItem": "{time} {location} {event}",
    "customer.track.historyItemNote": "{time} {location} {event}({note})",
    "customer.track.askPerson": "就这个件咨询客服",
    "customer.track.notFound":
      "运单 {trackingNo} 暂时还没有物流记录。我们已经为您登记查询,客服会在 {due} 前在这里回复您,请留意消息。",
    "customer.track.notFoundAfterHours":
      "运单 {trackingNo} 暂时还没有物流记录。人工客服的服务时间是 {opens}–{closes},我们已经为您登记查询,客服会在 {due} 前在这里回复您。",
    "customer.track.alreadyAsked":
      "您关于运单 {trackingNo} 的查询已经登记,客服会在 {due} 前在这里回复您,请留意消息。",
    "customer.track.autoQuery": "客户查询运单 {trackingNo},系统中暂无该件的物流记录。",
    "customer.track.chooseBelow": "请选择下面的选项,或直接发送另一个运单号。",

    // scan kinds in plain words
    "customer.scan.collected": "已揽收",
    "customer.scan.departed": "已发出",
    "customer.scan.arrived": "已到达",
    "customer.scan.out_for_delivery": "派送中",
    "customer.scan.delivered": "已签收",
    "customer.scan.problem": "派送遇到情况,处理中",
    "customer.scan.held_for_pickup": "已到自提点",
    "customer.scan.returned": "已退回",

    // problem categories as a customer hears them (SOP-30..SOP-45)
    "customer.problem.address_unclear": "收件地址需要补充确认",
    "customer.problem.recipient_moved": "收件人已搬迁,正在确认新地址",
    "customer.problem.address_change": "正在按新地址安排派送",
    "customer.problem.nobody_home": "派送时无人签收,将再次安排派送",
    "customer.problem.cod_refused": "到付件暂未签收",
    "customer.problem.outside_zone": "地址在派送范围之外,正在安排派送方式",
    "customer.problem.open_to_inspect": "派送时需要开箱验货",
    "customer.problem.self_pickup": "已安排为自取件",
    "customer.problem.missorted": "分拣线路有误,正在转回正确线路",
    "customer.problem.return": "已申请退回",
    "customer.problem.damaged_contents": "外包装完好但内件受损,正在处理",
    "customer.problem.other": "派送中遇到一点情况",

    // ---- talk to a person (SOP-10, SOP-12, SOP-13)
    "customer.human.ask": "请简单说说您需要什么帮助;如果和某个包裹有关,请一并写上运单号。",
    "customer.human.askAbout": "请问关于运单 {trackingNo},您想了解什么?请简单描述一下。",
    "customer.human.empty": "请用几句话描述一下您的问题,我们马上转给客服。",
    "customer.human.tooLong": "内容有点长,麻烦精简到 {max} 字以内再发一次。",
    "customer.human.textOnly": "请用文字描述您的问题,我们会转给客服。",
    "customer.human.opened": "您的问题已转给客服,我们会在 {due} 前在这里回复您,请留意消息。",
    "customer.human.notReceived":
      "系统显示已签收,但您没有收到:客服会调取签收回单,核实签收人和签收地点后回复您;如确认丢失,可以申请理赔。",
    "customer.human.notReceivedMark": "【显示已签收,客户称未收到:请调取签收回单】",
    "customer.human.openedAfterHours":
      "人工客服的服务时间是 {opens}–{closes}。您的问题已经登记,客服会在 {due} 前在这里回复您。",
    "customer.human.added": "已补充到您还在处理中的问题里,客服会在 {due} 前在这里回复您,请留意消息。",

    // ---- pickups (取件, SOP-20..SOP-28)
    "customer.pickup.askAddress":
      "请发送上门取件的详细地址,包括路名、门牌号、楼栋和房间号,例如:文昌中路 88 号 3 栋 502 室。",
    "customer.pickup.halfAddress":
      "为了让业务员准确上门,地址需要写完整:路名和门牌号,以及楼栋、房间号,例如:文昌中路 88 号 3 栋 502 室。麻烦您再发一次完整地址。",
    "customer.pickup.addressTooLong": "地址有点长,麻烦精简到 {max} 字以内再发一次。",
    "customer.pickup.zoneFound": "好的,地址在「{zone}」片区,由该片区的业务员上门。",
    "customer.pickup.askPhone":
      "请留一个联系电话,方便业务员上门前联系您。可以点下面的按钮分享手机号,也可以直接输入。",
    "customer.pickup.sharePhone": "分享我的手机号",
    "customer.pickup.badPhone":
      "这个号码好像不完整。请发送 11 位手机号(例如 13812345678),或带区号的座机(例如 0514-8000000)。",
    "customer.pickup.askGoods": "请问要寄什么物品?例如:衣服、书、文件。",
    "customer.pickup.goodsTooLong": "物品描述请精简到 {max} 字以内。",
    "customer.pickup.goodsProhibited":
      "按照国家寄递规定,「{matched}」属于禁寄物品,不在收寄范围内,感谢您的理解。如果还有其他物品要寄,请告诉我们物品名称。",
    "customer.pickup.goodsFragile":
      "「{matched}」属于易碎物品,本网点暂不收寄,感谢您的理解。如果还有其他物品要寄,请告诉我们物品名称。",
    "customer.pickup.goodsAir":
      "航空运输不收带有「{matched}」的物品(电池、液体、刀具、粉末类物品都请走陆运)。您可以改走陆运,也可以换一件物品。",
    "customer.pickup.askAir": "需要走航空件吗?",
    "customer.pickup.button.road": "改走陆运",
    "customer.pickup.button.otherGoods": "换一件物品",
    "customer.pickup.askPayment": "请选择付款方式:",
    "customer.pickup.askWhen": "希望业务员什么时候上门?",
    "customer.pickup.afterCutoff": "今天的取件预约在 {cutoff} 截止,您的取件会安排在{day}。",
    "customer.pickup.closedToday": "今天网点休息,您的取件会安排在{day}。",
    "customer.pickup.when.afternoon": "{day} {time} 以后",
    "customer.pickup.when.morning": "上午上门(直接联系业务员)",
    "customer.pickup.morning": "上午取件请直接联系本片区业务员{name},电话 {phone}。",
    "customer.pickup.morningHotline": "上午取件请拨打客服热线 {hotline},我们帮您联系业务员。",
    "customer.pickup.branchPointsTitle": "如果联系不上业务员又比较着急,欢迎就近到分点寄件:",
    "customer.pickup.branchPoint": "{name}:{address},电话 {phone}",
    "customer.pickup.summary":
      "请确认取件信息:\n地址:{address}\n联系电话:{phone}\n寄往:{destination}\n物品:{goods}\n运输方式:{transport}\n付款方式:{payment}\n上门时间:{when}\n运费由业务员上门时与您当面商定。",
    "customer.pickup.transport.air": "航空",
    "customer.pickup.transport.road": "陆运",
    "customer.pickup.button.submit": "确认提交",
    "customer.pickup.button.edit": "修改信息",
    "customer.pickup.editWhich": "请选择要修改的内容:",
    "customer.pickup.field.address": "地址",
    "customer.pickup.field.phone": "联系电话",
    "customer.pickup.field.goods": "物品",
    "customer.pickup.field.air": "运输方式",
    "customer.pickup.field.payment": "付款方式",
    "customer.pickup.field.when": "上门时间",
    "customer.pickup.problemsIntro": "还有几处信息需要再确认一下:",
    "customer.pickup.paymentAgain": "请重新选择付款方式。",
    "customer.pickup.recorded":
      "您的取件预约已登记,编号 {ref},上门时间:{when}。业务员上门前会打电话给您,请保持电话畅通。运费由业务员与您当面商定。",
    "customer.pickup.recordedMorning":
      "您的取件预约已登记,编号 {ref}。上午取件请按下面的电话直接与业务员约定时间。运费由业务员与您当面商定。",
    "customer.pickup.notSubmitted": "好的,这次取件预约没有提交。有需要随时找我们。",
    "customer.pickup.setAside": "取件预约先放一放(没有提交,需要时再约),先为您办这件事。",
    "customer.pickup.photoNotAnswer": "照片收到了,但这一步需要您直接输入文字回答:",

    // ---- my pickups
    "customer.myPickups.none": "您目前没有进行中的取件预约。需要的话可以现在预约。",
    "customer.myPickups.title": "您的取件预约",
    "customer.myPickups.prompt": "如需取消某个预约,请点击对应的按钮。",
    "customer.myPickups.cancelButton": "取消 {ref}",
    "customer.myPickups.button.yesCancel": "确定取消",
    "customer.myPickups.button.keep": "保留预约",
    "customer.myPickups.cancelled": "已为您取消取件预约 {ref}。有需要随时再预约。",
    "customer.myPickups.tooLate":
      "这个预约已经处理完毕,业务员已经取件。如有疑问,欢迎拨打客服热线 {hotline},我们帮您处理。",
    "customer.myPickups.gone": "这个预约已经处理完毕,不需要再取消了。",
    "customer.myPickups.kept": "好的,预约保持不变。",
    // Typed at 我的取件预约, the button's own words (or shorter ones) show the list again.
    "customer.myPickups.typed": "我的取件预约|我的预约|我的取件|我的取件单|查看预约|预约记录|取件预约",
  },
  {
    // ---- shared
    "customer.done": "You're welcome. Thank you for contacting us, and goodbye!",
    "customer.button.done": "That's all, thanks",
    "customer.chooseBelow": "Please choose one of the buttons below.",
    "customer.day.today": "today ({date})",
    "customer.day.tomorrow": "tomorrow ({date})",

    // ---- tracking
    "customer.track.ask":
      "Please send your tracking number and I'll look it up right away. It is under the barcode on the waybill, for example 1234 5678 9012.",
    "customer.track.giveUp":
      "No problem, let's try another way. Choose a service below, or talk to a person: tell us what is on the waybill and we'll look it up for you.",
    "customer.track.header": "Parcel {trackingNo}: {status}",
    "customer.track.status.in_transit": "on its way",
    "customer.track.status.out_for_delivery": "out for delivery; please keep your phone at hand",
    "customer.track.status.delivered": "delivered",
    "customer.track.status.held_for_pickup": "waiting for you at a pickup point",
    "customer.track.status.problem": "we're sorting out a delivery matter",
    "customer.track.status.marked_for_return": "being returned to the sender",
    "customer.track.status.returned": "returned to the sender",
    "customer.track.latest": "Latest: {time}, {location}: {event}",
    "customer.track.latestNote": "Latest: {time}, {location}: {event} ({note})",
    "customer.track.problem":
      "On {at} we noted: {category}. Our desk is following it up; tap the button below if you'd like to talk to us.",
    "customer.track.returnMarked":
      "If you have any question about it, tap the button below and our desk will look into it.",
    "customer.track.historyItem": "{time} {location}: {event}",
    "customer.track.historyItemNote": "{time} {location}: {event} ({note})",
    "customer.track.askPerson": "Ask a person about this parcel",
    "customer.track.notFound":
      "We have no scans for {trackingNo} yet. We've passed it to our desk, and an agent will reply here by {due}.",
    "customer.track.notFoundAfterHours":
      "We have no scans for {trackingNo} yet. Our desk is staffed from {opens} to {closes}; we've recorded your question and an agent will reply here by {due}.",
    "customer.track.alreadyAsked":
      "Your question about {trackingNo} is already with our desk; an agent will reply here by {due}.",
    "customer.track.autoQuery": "The customer asks about {trackingNo}; no scans are on record yet.",
    "customer.track.chooseBelow": "Please choose an option below, or send another tracking number.",

    "customer.scan.collected": "collected",
    "customer.scan.departed": "departed",
    "customer.scan.arrived": "arrived",
    "customer.scan.out_for_delivery": "out for delivery",
    "customer.scan.delivered": "delivered",
    "customer.scan.problem": "delivery matter being handled",
    "customer.scan.held_for_pickup": "at the pickup point",
    "customer.scan.returned": "returned",

    "customer.problem.address_unclear": "the delivery address needs a few more details",
    "customer.problem.recipient_moved": "the recipient has moved and we're confirming the new address",
    "customer.problem.address_change": "the parcel is going to a new address",
    "customer.problem.nobody_home": "nobody was in at delivery; another attempt will be arranged",
    "customer.problem.cod_refused": "the cash-on-delivery parcel is waiting to be accepted",
    "customer.problem.outside_zone":
      "the address is outside the usual delivery area and we're arranging delivery",
    "customer.problem.open_to_inspect": "the parcel is to be opened for inspection on delivery",
    "customer.problem.self_pickup": "the parcel is set for collection",
    "customer.problem.missorted": "the parcel took a wrong route and is being put back on track",
    "customer.problem.return": "a return has been requested",
    "customer.problem.damaged_contents":
      "the packaging is intact but the contents are damaged, and we're handling it",
    "customer.problem.other": "a delivery matter",

    // ---- talk to a person
    "customer.human.ask":
      "Please tell us briefly what you need help with; if it's about a parcel, include its tracking number.",
    "customer.human.askAbout":
      "What would you like to know about parcel {trackingNo}? Please describe it briefly.",
    "customer.human.empty": "Please describe your question in a few words and we'll pass it to our desk.",
    "customer.human.tooLong":
      "That's a little long; please keep it under {max} characters and send it again.",
    "customer.human.textOnly": "Please type your question and we'll pass it to our desk.",
    "customer.human.opened": "Your question is with our desk; an agent will reply here by {due}.",
    "customer.human.notReceived":
      "The scans say it was delivered, but you did not receive it: an agent will look up the signed receipt (who signed, and where) and reply to you; if it turns out lost, you can file a claim.",
    "customer.human.notReceivedMark":
      "[Shown delivered, customer says not received: look up the signed receipt]",
    "customer.human.openedAfterHours":
      "Our desk is staffed from {opens} to {closes}. Your question is recorded, and an agent will reply here by {due}.",
    "customer.human.added": "We've added this to your open question; an agent will reply here by {due}.",

    // ---- pickups
    "customer.pickup.askAddress":
      "Please send the full pickup address: road and number, building and room, for example: 文昌中路 88 号 3 栋 502 室.",
    "customer.pickup.halfAddress":
      "So that the courier finds you, we need the full address: road and number, plus building and room, for example: 文昌中路 88 号 3 栋 502 室. Could you send the full address?",
    "customer.pickup.addressTooLong": "That address is a little long; please keep it under {max} characters.",
    "customer.pickup.zoneFound":
      "Thank you. The address is in the {zone} zone; its courier will come to you.",
    "customer.pickup.askPhone":
      "Please leave a contact number so the courier can call before coming. Tap the button below to share your number, or type it.",
    "customer.pickup.sharePhone": "Share my phone number",
    "customer.pickup.badPhone":
      "That number looks incomplete. Please send an 11-digit mobile number (e.g. 13812345678) or a landline with its area code (e.g. 0514-8000000).",
    "customer.pickup.askGoods": "What would you like to send? For example: clothes, books, documents.",
    "customer.pickup.goodsTooLong": "Please describe the goods in under {max} characters.",
    "customer.pickup.goodsProhibited":
      "Under the national postal rules, “{matched}” is on the list of goods that cannot be posted. Thank you for understanding. If you have something else to send, please tell us what it is.",
    "customer.pickup.goodsFragile":
      "“{matched}” counts as fragile, and our branch accepts only non-fragile goods. Thank you for understanding. If you have something else to send, please tell us what it is.",
    "customer.pickup.goodsAir":
      "Air transport doesn't take goods with “{matched}”: batteries, liquids, knives and powders travel by road. You can send it by road, or choose other goods.",
    "customer.pickup.askAir": "Should it go by air?",
    "customer.pickup.button.road": "Send by road",
    "customer.pickup.button.otherGoods": "Other goods",
    "customer.pickup.askPayment": "How will it be paid?",
    "customer.pickup.askWhen": "When should the courier come?",
    "customer.pickup.afterCutoff":
      "Today's pickups are taken until {cutoff}, so yours will be arranged for {day}.",
    "customer.pickup.closedToday": "The branch is closed today, so your pickup will be arranged for {day}.",
    "customer.pickup.when.afternoon": "{day}, after {time}",
    "customer.pickup.when.morning": "In the morning (call the courier)",
    "customer.pickup.morning": "For a morning pickup, please call your zone's courier {name} on {phone}.",
    "customer.pickup.morningHotline":
      "For a morning pickup, please call our hotline {hotline} and we'll reach the courier for you.",
    "customer.pickup.branchPointsTitle":
      "If the courier can't be reached and it's urgent, you're welcome at a branch point nearby:",
    "customer.pickup.branchPoint": "{name}: {address}, tel. {phone}",
    "customer.pickup.summary":
      "Please check your pickup request:\nAddress: {address}\nContact phone: {phone}\nTo: {destination}\nGoods: {goods}\nTransport: {transport}\nPayment: {payment}\nPickup time: {when}\nThe courier will agree the price with you in person.",
    "customer.pickup.transport.air": "by air",
    "customer.pickup.transport.road": "by road",
    "customer.pickup.button.submit": "Submit",
    "customer.pickup.button.edit": "Change something",
    "customer.pickup.editWhich": "What would you like to change?",
    "customer.pickup.field.address": "Address",
    "customer.pickup.field.phone": "Contact phone",
    "customer.pickup.field.goods": "Goods",
    "customer.pickup.field.air": "Transport",
    "customer.pickup.field.payment": "Payment",
    "customer.pickup.field.when": "Pickup time",
    "customer.pickup.problemsIntro": "A few details need another look:",
    "customer.pickup.paymentAgain": "Please choose the payment method again.",
    "customer.pickup.recorded":
      "Your pickup request is recorded, number {ref}, for {when}. The courier will call you before coming, so please keep your phone at hand. The courier will agree the price with you in person.",
    "customer.pickup.recordedMorning":
      "Your pickup request is recorded, number {ref}. For a morning pickup, please agree the time with the courier on the number below. The courier will agree the price with you in person.",
    "customer.pickup.notSubmitted": "All right, nothing was submitted. We're here whenever you need us.",
    "customer.pickup.setAside":
      "The pickup request is set aside (not submitted; ask again any time). First, this:",
    "customer.pickup.photoNotAnswer": "Thanks for the photo, but this step needs a typed answer:",

    // ---- my pickups
    "customer.myPickups.none": "You have no open pickup requests. You're welcome to make one now.",
    "customer.myPickups.title": "Your pickup requests",
    "customer.myPickups.prompt": "To cancel a request, tap its button.",
    "customer.myPickups.cancelButton": "Cancel {ref}",
    "customer.myPickups.button.yesCancel": "Yes, cancel it",
    "customer.myPickups.button.keep": "Keep it",
    "customer.myPickups.cancelled":
      "Pickup request {ref} is cancelled. You're welcome to book again any time.",
    "customer.myPickups.tooLate":
      "That request is already completed: the courier has collected the goods. For any question, please call our hotline {hotline} and we'll help.",
    "customer.myPickups.gone": "That request has already been completed, so there is nothing to cancel.",
    "customer.myPickups.kept": "All right, your request stays as it is.",
    "customer.myPickups.typed": "my pickup requests|my pickups|my requests|my bookings|my pickup",
  },
);
