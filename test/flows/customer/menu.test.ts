import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

describe("customer menu, language and commands", () => {
  const h = useDeskHarness("menu");

  it("SOP-80: /start greets the customer politely and offers the services and the language button", async () => {
    const chat = h.customer();
    await chat.say("/start");
    chat.expectReply("您好,这里是扬州分公司客服。请问有什么可以帮您?");
    expect(chat.buttons()).toEqual([
      "查件",
      "预约取件",
      "我的取件预约",
      "联系人工客服",
      "申请理赔", // issue 12: SOP-70..SOP-72
      "我要投诉", // issue 12: SOP-82
      "English",
    ]);
  });

  it("a text that is neither a number nor a question about one shows the menu", async () => {
    const chat = h.customer();
    await chat.say("你好");
    chat.expectReply("请选择您要办理的业务");
  });

  it("typing on after the menu gets one short line, not the same menu again; /menu is the whole menu", async () => {
    const chat = h.customer();
    await chat.say("你好");
    chat.expectReply("请选择您要办理的业务");
    const buttons = chat.buttons();
    await chat.say("张伟");
    expect(chat.last).toHaveLength(1);
    // SOP-80: no negative words; what the desk understands, as an offer.
    chat.expectReply("查件请发运单号,寄件请发“寄快递”,找客服请发“人工”");
    chat.expectNoReply("没看懂");
    chat.expectNoReply("请选择您要办理的业务");
    expect(chat.buttons()).toEqual(buttons); // the same choices, still one message
    await chat.say("嗯");
    chat.expectReply("查件请发运单号");
    chat.expectNoReply("请选择您要办理的业务");
    await chat.say("/menu");
    chat.expectReply("请选择您要办理的业务");
    // After /menu the count starts afresh: the next text it cannot place gets the whole menu.
    await chat.say("随便");
    chat.expectReply("请选择您要办理的业务");
  });

  it("SOP-80: the second menu's words work as it says: '寄快递' starts the pickup, '人工' a person", async () => {
    const chat = h.customer();
    await chat.play([{ say: "你好" }, { say: "张伟", expect: "寄件请发“寄快递”" }]);
    await chat.say("寄快递");
    chat.expectReply("详细地址");
  });

  it("SOP-80: in English the second menu is the offer too, with no negative words", async () => {
    const chat = h.customer("en");
    await chat.say("hello");
    chat.expectReply("What would you like to do?");
    await chat.say("blah blah");
    chat.expectReply("To track a parcel, send its waybill number; to send one, type “send a parcel”");
    chat.expectNoReply("didn't catch");
    await chat.say("send a parcel");
    chat.expectNoReply("What would you like to do?");
  });

  it("/lang switches every text to English, and back", async () => {
    const chat = h.customer();
    await chat.say("/lang");
    chat.expectReply("Switched to English.");
    chat.expectReply("Hello, this is the 扬州分公司 customer service.");
    expect(chat.buttons()).toEqual([
      "Track a parcel",
      "Request a pickup",
      "My pickup requests",
      "Talk to a person",
      "Claim compensation",
      "Make a complaint",
      "中文",
    ]);
    await chat.press("Track a parcel");
    chat.expectReply("Please send your tracking number");
    await chat.say("/lang");
    chat.expectReply("已切换为中文");
  });

  it("the menu's language button switches language too", async () => {
    const chat = h.customer();
    await chat.say("/start");
    await chat.press("English");
    chat.expectReply("Switched to English.");
    await chat.say("/pickup");
    chat.expectReply("Please send the full pickup address");
  });

  it("a customer whose Telegram speaks English is answered in English from the start", async () => {
    const chat = h.customer("en-GB");
    await chat.say("/start");
    chat.expectReply("What would you like to do?");
  });

  it("an old button, pressed after a newer message, has expired: a toast, no menu (issue 14 §3)", async () => {
    const chat = h.customer();
    await chat.say("/start");
    const oldTrack = chat.payloadOf("查件");
    await chat.say("/start");
    const liveTrack = chat.payloadOf("查件");
    await chat.pressPayload(oldTrack);
    expect(chat.toasts()).toEqual(["这个按钮已过期。直接发消息告诉我您要办什么即可。"]);
    // the newer menu is still live; in the middle of tracking the old button is a toast and tracking goes on
    await chat.pressPayload(liveTrack);
    chat.expectReply("请发送您的运单号");
    await chat.pressPayload(oldTrack);
    expect(chat.toasts()).toEqual(["这个按钮已过期,请用最新消息里的按钮继续。"]);
    expect(chat.received().perTurn).toEqual([1, 1, 0, 1, 0]);
    expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
  });

  it("a stranger typing a staff command (/queries) is told it is for the staff (every channel), nothing of the staff's", async () => {
    // A query waits in the agents' queue: the staff reply to /queries lists it.
    const asker = h.customer();
    await asker.say("/human 包裹三天没动了");
    asker.expectReply("您的问题已转给客服");
    const wang = h.staff("wang");
    await wang.say("/queries");
    wang.expectReply("待回复查件");
    wang.expectReply("包裹三天没动了");

    const chat = h.customer();
    await chat.say("/queries");
    // One rule for every channel (flows/engine dispatch): the polite "not in the directory" note.
    chat.expectReply("只对本网点在册的员工开放");
    chat.expectReply("寄快递");
    chat.expectNoReply("待回复");
    chat.expectNoReply("包裹三天没动了");
    expect(chat.buttons()).toEqual([]);
    // Nor did the staff command start anything: the next text is routed as a customer's.
    await chat.say("你好");
    chat.expectReply("请选择您要办理的业务");
  });

  it("/cancel stops a flow and shows the menu; nothing half-done is stored", async () => {
    const chat = h.customer();
    await chat.say("/pickup");
    await chat.say("文昌路 88 号 3 栋 502 室");
    await chat.say("/cancel");
    chat.expectReply("已取消");
    chat.expectReply("请选择您要办理的业务");
    expect(await h.desk.myPickups(chat.who.chat)).toEqual([]);
  });

  it("a tracking number typed in the middle of another flow's free-text step is not taken for a tracking request", async () => {
    // In the human flow a number is part of the question, not a command to track.
    const no = freshTrackingNo();
    await h.ingest([scan(no, "arrived", shanghai("08:00"))]);
    const chat = h.customer();
    await chat.say("/human");
    await chat.say(no);
    chat.expectReply("您的问题已转给客服");
    const [query] = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(query?.trackingNo).toBe(no);
  });
});
