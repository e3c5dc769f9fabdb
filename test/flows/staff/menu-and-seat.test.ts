import { afterEach, describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

describe("staff menu", () => {
  const h = useDeskHarness("staff-menu");

  it("greets an agent by name and work number (not with SOP-80's customer greeting), and lists what agents do", async () => {
    const wang = h.staff("wang");
    await wang.say("/start");
    wang.expectReply("王芳(017),您好。");
    expect(wang.buttons()).toEqual([
      "待回复查件",
      "示忙 / 示闲",
      "兄弟公司来查", // SOP-11: another branch asks us
      "问兄弟公司", // SOP-13
      "登记问题件",
      "未派送件", // SOP-44
      "自提件",
      "要求退回", // SOP-52
      "查回单", // SOP-73
      "理赔", // SOP-70..SOP-72
      "投诉", // SOP-82
      "English",
    ]);
  });

  it("lists by role: couriers their pickups, dispatch the pickups to assign, the duty lead the overdue queries", async () => {
    const zhang = h.staff("zhang");
    await zhang.say("/menu");
    zhang.expectReply("张伟(105),您好。");
    expect(zhang.buttons()).toEqual(["我的取件任务", "登记问题件", "自提件", "录签收", "English"]); // 录签收: SOP-74

    const sun = h.staff("sun");
    await sun.say("hello");
    expect(sun.buttons()).toEqual(["待派取件", "查回单", "English"]); // 查回单: SOP-73

    const li = h.staff("li");
    await li.say("/start");
    expect(li.buttons()).toEqual([
      "待回复查件",
      "超时查件",
      "问兄弟公司",
      "未派送件", // SOP-44
      "要求退回",
      "录签收", // SOP-74
      "查回单", // SOP-73
      "理赔",
      "投诉",
      "群发通知", // SOP-83
      "English",
    ]);
  });

  it("SOP-24: a driver's menu says notices come to them, with only the language button", async () => {
    const zhao = h.staff("zhao");
    await zhao.say("/start");
    zhao.expectReply("有货要接时会通知您");
    expect(zhao.buttons()).toEqual(["English"]);
  });

  it("the language button switches the menu to English, greeting included", async () => {
    const wang = h.staff("wang");
    await wang.say("/start");
    await wang.press("English");
    wang.expectReply("Hello, 王芳 (017).");
    expect(wang.buttons()).toContain("Open queries");
    expect(wang.buttons()).toContain("中文");
  });

  it("a staff command whose role does not fit says whose it is (a courier asking for /queries)", async () => {
    const zhang = h.staff("zhang");
    await zhang.say("/queries");
    zhang.expectNoReply("待回复查件");
    zhang.expectNoReply("您可以:");
    zhang.expectReply("/queries 是话务员或值班组长用的命令。");
  });

  it("/help lists the commands of the person's roles, one line each, in their language", async () => {
    const wang = h.staff("wang");
    await wang.say("/help");
    wang.expectReply("王芳,您可以用这些命令:");
    wang.expectReply("/queries — 待处理的查询");
    wang.expectReply("/busy — 示忙:暂停接收查询");
    wang.expectReply("/problem — 登记问题件");
    wang.expectReply("/cancel — 取消当前操作");
    wang.expectReply("直接发送运单号即可查件");
    wang.expectNoReply("/jobs"); // a courier's
    wang.expectNoReply("/pickup "); // the customers' own commands are not a staff member's work

    const chen = h.staff("chen"); // the directory says chen reads English
    await chen.say("/help");
    chen.expectReply("/queries — Open queries");
    chen.expectReply("/branchquery — Record a query from another branch");

    const zhang = h.staff("zhang");
    await zhang.say("/help");
    zhang.expectReply("/jobs — 我的取件任务");
    zhang.expectNoReply("/queries");

    const customer = h.customer(); // a customer's /help is still the customer help
    await customer.say("/help");
    customer.expectReply("您可以:");
    customer.expectNoReply("/queries");
  });

  it("a tracking number typed outside a flow is tracked for staff too, without opening a query", async () => {
    const no = freshTrackingNo();
    await h.ingest([scan(no, "arrived", shanghai("08:00"), "扬州分公司")]);
    const zhang = h.staff("zhang");
    await zhang.say(no);
    zhang.expectReply(`运单 ${no}:运输途中`);
    expect(zhang.buttons()).toEqual([]); // no customer follow-ups ("ask a person")

    const unknown = freshTrackingNo();
    await zhang.say(unknown);
    zhang.expectReply(`系统里没有 ${unknown} 的扫描记录`);
    expect(await h.store.queries.listOpenByAsker(zhang.who.chat)).toEqual([]);
    // Words that are no tracking number still show the menu.
    await zhang.say("你好");
    zhang.expectReply("请选择");
  });

  it("a menu button starts the flow it names", async () => {
    const sun = h.staff("sun");
    await sun.say("/start");
    await sun.press("待派取件");
    sun.expectReply("没有待派的取件");
  });
});

describe("SOP-14: available and busy", () => {
  const h = useDeskHarness("staff-seat");
  afterEach(() => {
    h.presence.available.clear(); // every seat busy again
  });

  it("SOP-14: /available opens the seat and /busy closes it; the duty lead hears only after 5 minutes", async () => {
    const wang = h.staff("wang");
    await wang.say("/available");
    wang.expectReply("已示闲");
    expect(await h.desk.isAvailable("wang")).toBe(true);

    const before = h.notifier.toPerson("li").length;
    await wang.say("/busy");
    wang.expectReply("已示忙");
    wang.expectReply("示忙超过 5 分钟 仍未示闲,会告知值班组长");
    expect(await h.desk.isAvailable("wang")).toBe(false);
    expect(h.notifier.toPerson("li").slice(before)).toEqual([]); // not on every busy
    expect(h.scheduler.pending.has("seat-away-wang")).toBe(true);
  });

  it("SOP-14: the menu's seat button toggles, and each reply states the seat's state now", async () => {
    const wang = h.staff("wang");
    await wang.say("/start");
    await wang.press("示忙 / 示闲");
    wang.expectReply("已示闲");
    expect(await h.desk.isAvailable("wang")).toBe(true);
    await wang.press("改为示忙");
    wang.expectReply("已示忙");
    expect(await h.desk.isAvailable("wang")).toBe(false);
  });

  it("SOP-14: /busy when busy already changes nothing and says so", async () => {
    const wang = h.staff("wang");
    await wang.say("/busy");
    wang.expectReply("您现在是示忙状态");
    expect(await h.desk.isAvailable("wang")).toBe(false);
  });

  it("SOP-14: after 17:30 the last available agent cannot go busy alone; with a colleague available they can", async () => {
    h.clock.set(shanghai("17:45"));
    const wang = h.staff("wang");
    await wang.say("/available");
    await wang.say("/busy");
    wang.expectReply("须经值班组长同意才能示忙");
    expect(await h.desk.isAvailable("wang")).toBe(true);

    // With a colleague still available, wang's seat is not the last one.
    await h.desk.setAvailability("chen", true);
    await wang.say("/busy");
    wang.expectReply("已示忙");
    expect(await h.desk.isAvailable("wang")).toBe(false);
    h.clock.set(shanghai("10:00")); // the seats are cleared after each test
  });

  it("SOP-14: before 17:30 the last seat goes busy freely", async () => {
    const wang = h.staff("wang");
    await wang.say("/available");
    await wang.say("/busy");
    wang.expectReply("已示忙");
    wang.expectNoReply("值班组长同意");
  });
});

describe("issue 14: buttons that never lose work, the dispatch group, /lang, one message per answer", () => {
  const h = useDeskHarness("staff-buttons");

  it("§7: the menu, /help and the seat each answer in one message, in Chinese and in English", async () => {
    const wang = h.staff("wang");
    await wang.play([{ say: "/start" }, { press: "示忙 / 示闲" }, { say: "/help" }, { say: "/cancel" }]);
    const zh = wang.received();
    zh.print("staff menu, help, seat, cancel (zh)");
    expect(zh.perTurn).toEqual([1, 1, 1, 1]);
    const chen = h.staff("chen"); // the directory says chen reads English
    await chen.play([{ say: "/start" }, { press: "Busy / available" }, { say: "/help" }, { say: "/cancel" }]);
    const en = chen.received();
    en.print("staff menu, help, seat, cancel (en)");
    expect(en.perTurn).toEqual([1, 1, 1, 1]);
    await h.desk.setAvailability("wang", false);
    await h.desk.setAvailability("chen", false);
  });

  it("SOP-14: a typed button label is the button: 改为示忙 typed after /available closes the seat", async () => {
    await h.desk.setAvailability("wang", false);
    const wang = h.staff("wang");
    await wang.say("/available");
    wang.expectReply("已示闲");
    await wang.say("改为示忙");
    wang.expectReply("已示忙");
    expect(await h.desk.isAvailable("wang")).toBe(false);
    await h.desk.setAvailability("chen", false);
    const chen = h.staff("chen");
    await chen.play([{ say: "/available" }, { say: "set busy", expect: "busy" }]);
    expect(await h.desk.isAvailable("chen")).toBe(false);
  });

  it("SOP-14: a double tap on the seat button toggles once; the second tap is a toast", async () => {
    const wang = h.staff("wang");
    await wang.say("/busy");
    const toggle = wang.payloadOf("改为示闲");
    await wang.pressPayload(toggle);
    wang.expectReply("已示闲");
    await wang.pressPayload(toggle);
    expect(wang.toasts()).toEqual(["已收到,无需重复点击。"]); // a double tap (issue 14 §3)
    expect(wang.received().perTurn).toEqual([1, 1, 0]);
    expect(await h.desk.isAvailable("wang")).toBe(true);
    await h.desk.setAvailability("wang", false);
  });

  it("SOP-33: an old menu's button in the middle of a problem note is a toast; the number given is kept", async () => {
    const no = freshTrackingNo();
    const zhang = h.staff("zhang");
    await zhang.say("/start");
    const oldMenu = zhang.payloadOf("自提件");
    await zhang.press("登记问题件");
    await zhang.say(no);
    zhang.expectReply(`${no} 是什么问题件?`);
    await zhang.pressPayload(oldMenu);
    expect(zhang.toasts()).toEqual(["这个按钮已过期,请用最新消息里的按钮继续。"]);
    const liu = h.staff("liu");
    await liu.play([{ say: "/lang en" }, { say: "/start" }]);
    const stale = liu.payloadOf("Problem parcel");
    await liu.play([{ press: "Problem parcel" }, { say: no }]);
    await liu.pressPayload(stale);
    expect(liu.toasts()).toEqual([
      "That button is out of date; please use the buttons of the latest message.",
    ]);
    await liu.say("/cancel");
  });

  it("/lang in the middle of a problem note restarts in English, and the menu it shows is live", async () => {
    const zhang = h.staff("zhang");
    await zhang.play([{ say: "/problem" }, { say: "/lang en" }]);
    zhang.expectReply("Switched to English.");
    zhang.expectReply("Hello, 张伟 (105).");
    expect(zhang.received().perTurn).toEqual([1, 1]);
    await zhang.press("My pickups");
    zhang.expectNoReply("out of date");
    await zhang.say("/lang zh");
    zhang.expectReply("已切换为中文。");
    await zhang.press("我的取件任务");
    zhang.expectNoReply("已过期");
  });

  it("§6: in the dispatch group a staff member's menu goes to them privately, in their language, and works there", async () => {
    const chen = h.groupMember("chen");
    await chen.group.say("/menu");
    expect(chen.group.last.every((r) => r.privately)).toBe(true);
    chen.group.expectReply("Hello, 陈静 (021).");
    await chen.own.pressPayload(chen.group.payloadOf("Open queries"));
    chen.own.expectNoReply("out of date");
    const zhang = h.groupMember("zhang");
    await zhang.group.say("/pickups"); // dispatch's command: whose it is, told privately
    expect(zhang.group.last.every((r) => r.privately)).toBe(true);
    zhang.group.expectReply("/pickups 是调度用的命令。");
  });

  it("§3: in the dispatch group a card's button acts only for its people; anyone else gets a toast", async () => {
    const sun = h.groupMember("sun"); // the dispatcher: a courier's accept button is not for them
    await sun.group.pressPayload("a.pa.some-pickup");
    expect(sun.group.last).toEqual([
      { kind: "toast", text: "这个按钮是给负责的同事用的,卡片已为他们保留。" },
    ]);
    const stranger = h.groupMember();
    await stranger.group.pressPayload("a.qt.some-query");
    expect(stranger.group.toasts()).toEqual(["这个按钮是给负责的同事用的,卡片已为他们保留。"]);
    await stranger.group.say("/start");
    expect(stranger.group.toasts()).toEqual(["查件、寄件请私聊本机器人办理,群里不处理个人信息。"]);
  });
});
