import { describe, expect, it } from "vitest";
import type { PickupProblem } from "../../../src/domain/pickups/rules";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import type { Transcript } from "../../support/transcript";

const ADDRESS = "扬州市文昌路 88 号 3 栋 502 室";

/** Address, phone, goods, by road, sender pays: up to the "when" question. */
async function upToWhen(chat: Transcript): Promise<void> {
  await chat.play([
    { say: "/pickup", expect: "详细地址" },
    { say: ADDRESS, expect: ["「城东」片区", "联系电话", "[分享我的手机号]"] },
    { contact: "+86 138 1234 5678", expect: "寄往哪个城市" },
    { say: "北京", expect: "要寄什么物品" }, // SOP-27: the destination
    { say: "衣服", expect: "需要走航空件吗" },
    { press: "否", expect: "付款方式" },
    { press: "现付(寄件人付)", expect: "什么时候上门" },
  ]);
}

describe("customer flow: request a pickup", () => {
  const h = useDeskHarness("pickup");

  it("SOP-20, SOP-21: walks through every question; the summary quotes no price; confirming stores exactly one pickup", async () => {
    const chat = h.customer();
    await upToWhen(chat);
    expect(chat.buttons()).toEqual(["今天(11月27日) 15:00 以后", "上午上门(直接联系业务员)"]);
    await chat.press("今天(11月27日) 15:00 以后");
    chat.expectReply(`地址:${ADDRESS}`);
    chat.expectReply("联系电话:13812345678");
    chat.expectReply("物品:衣服");
    chat.expectReply("运输方式:陆运");
    chat.expectReply("付款方式:现付(寄件人付)");
    chat.expectReply("上门时间:今天(11月27日) 15:00 以后");
    chat.expectReply("运费由业务员上门时与您当面商定");
    // SOP-21: no amount of money anywhere in what the customer read.
    for (const turn of chat.turns) {
      for (const reply of turn.replies) expect(JSON.stringify(reply)).not.toMatch(/\d\s*元|¥|￥|价格[::]/);
    }
    expect(await h.desk.myPickups(chat.who.chat)).toEqual([]); // nothing stored before confirming
    const submit = chat.payloadOf("确认提交");
    await chat.press("确认提交");
    chat.expectReply("您的取件预约已登记,编号 #");
    chat.expectReply("业务员上门前会打电话给您");

    await chat.pressPayload(submit); // pressed twice: a double tap (issue 14 §3)
    chat.expectReply("已收到,无需重复点击");
    const stored = await h.desk.myPickups(chat.who.chat);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      address: ADDRESS,
      phone: "13812345678",
      goods: "衣服",
      payment: "sender_pays",
      zoneId: "east",
      pickupDay: "2026-11-27",
      morning: false,
      status: "requested",
    });
    expect(stored[0]?.earliestAt).toEqual(shanghai("15:00"));
  });

  it("SOP-20: half an address is asked again with an example of a full one", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: "文昌路", expect: ["地址需要写完整", "文昌中路 88 号 3 栋 502 室"] },
      { say: "扬州城东", expect: "地址需要写完整", absent: "联系电话" },
      { say: ADDRESS, expect: ["「城东」片区", "联系电话"] },
    ]);
  });

  it("SOP-27: an address outside every zone is answered with our zones, their roads and the hotline", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      {
        say: "南京市中山路 100 号 2 栋 301 室",
        expect: [
          "不在我们网点的取件范围内",
          "• 城东:文昌路、东关街",
          "• 城西:西门街、扬子江路、西湖镇",
          "0514-8000000",
        ],
        absent: "联系电话",
      },
      { say: "扬子江路 20 号 1 栋 101 室", expect: ["「城西」片区", "联系电话"] },
    ]);
  });

  it("SOP-20: a typed phone is checked and normalised; a half number is asked again", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "1381234", expect: ["号码好像不完整", "[分享我的手机号]"] },
      { say: "0514-8765 4321", expect: "寄往哪个城市" },
      { say: "北京", expect: "要寄什么物品" }, // SOP-27: the destination
    ]);
  });

  it("SOP-26: prohibited and fragile goods are refused with the reason, then other goods are taken", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "烟花", expect: ["「烟花」属于禁寄物品"], absent: "航空" },
      { say: "玻璃杯", expect: ["「玻璃」属于易碎物品"] },
      { say: "书", expect: "需要走航空件吗" },
    ]);
  });

  it("SOP-26: by air a battery is refused; the customer may send it by road instead", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "手机电池", expect: "需要走航空件吗" }, // fine by road
      { press: "是", expect: ["航空运输不收带有「电池」的物品", "[改走陆运]", "[换一件物品]"] },
      { press: "改走陆运", expect: "付款方式" },
      { press: "到付(收件人付)" },
      {
        press: "今天(11月27日) 15:00 以后",
        expect: ["物品:手机电池", "运输方式:陆运", "付款方式:到付(收件人付)"],
      },
    ]);
  });

  it("SOP-26: choosing other goods after an air refusal checks the new goods for air too", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "香水" },
      { press: "是", expect: "「香水」" },
      { press: "换一件物品", expect: "要寄什么物品" },
      { say: "充电宝", expect: ["航空运输不收带有「充电宝」的物品", "[改走陆运]"] },
      { press: "换一件物品" },
      { say: "文件", expect: "付款方式" },
      { press: "月结(协议客户)" },
      {
        press: "今天(11月27日) 15:00 以后",
        expect: ["物品:文件", "运输方式:航空", "付款方式:月结(协议客户)"],
      },
    ]);
  });

  it("SOP-28: payment is one of three buttons; typing instead gets the buttons again", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "衣服" },
      { press: "否" },
    ]);
    expect(chat.buttons()).toEqual(["现付(寄件人付)", "到付(收件人付)", "月结(协议客户)"]);
    await chat.say("微信付");
    chat.expectReply("请点击下面的按钮选择");
    expect(chat.buttons()).toEqual(["现付(寄件人付)", "到付(收件人付)", "月结(协议客户)"]);
  });

  it("SOP-22: after the 19:00 cut-off the next day is said first, before any question, and 'today' is not offered", async () => {
    h.clock.set(shanghai("19:30"));
    const chat = h.customer();
    await chat.say("/pickup");
    chat.expectReply("今天的取件预约在 19:00 截止,您的取件会安排在明天(11月28日)");
    chat.expectReply("详细地址");
    await chat.play([
      { say: ADDRESS },
      { contact: "+86 138 1234 5678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "衣服" },
      { press: "否" },
      { press: "现付(寄件人付)", expect: "什么时候上门", absent: "截止" }, // said once, at the start
    ]);
    expect(chat.buttons()).toEqual(["明天(11月28日) 15:00 以后", "上午上门(直接联系业务员)"]);
    expect(chat.buttons().some((b) => b.includes("今天"))).toBe(false);
    await chat.press("明天(11月28日) 15:00 以后");
    chat.expectReply("上门时间:明天(11月28日) 15:00 以后");
    await chat.press("确认提交");
    chat.expectReply("您的取件预约已登记");
    chat.expectReply("上门时间:明天(11月28日) 15:00 以后");
    const [stored] = await h.desk.myPickups(chat.who.chat);
    expect(stored?.pickupDay).toBe("2026-11-28");
    expect(stored?.earliestAt).toEqual(shanghai("15:00", "2026-11-28"));
  });

  it("before the cut-off, a request made after 15:00 is for today, from now on", async () => {
    h.clock.set(shanghai("16:20"));
    const chat = h.customer();
    await upToWhen(chat);
    expect(chat.buttons()).toEqual(["今天(11月27日) 16:20 以后", "上午上门(直接联系业务员)"]);
  });

  it("SOP-23: a morning pickup gives the zone courier's phone and the branch points as fallback", async () => {
    const chat = h.customer();
    await upToWhen(chat);
    await chat.press("上午上门(直接联系业务员)");
    chat.expectReply("上午取件请直接联系本片区业务员张伟,电话 13800000003");
    chat.expectReply("东关分点:东关街 12 号,电话 0514-8000001");
    chat.expectReply("上门时间:今天(11月27日)上午,请直接与业务员约定时间");
    await chat.press("确认提交");
    chat.expectReply("您的取件预约已登记");
    chat.expectReply("张伟,电话 13800000003");
    chat.expectReply("东关分点:东关街 12 号");
    const [stored] = await h.desk.myPickups(chat.who.chat);
    expect(stored?.morning).toBe(true);
  });

  it("the summary can be changed before confirming: a changed field is asked again, then the summary returns", async () => {
    const chat = h.customer();
    await upToWhen(chat);
    await chat.play([
      { press: "今天(11月27日) 15:00 以后" },
      { press: "修改信息", expect: "请选择要修改的内容" },
    ]);
    // The edit buttons keep the values buttons already sent in chats carry.
    const editValues = ["地址", "联系电话", "物品", "运输方式", "付款方式", "上门时间"].map((label) =>
      chat.payloadOf(label).split(".").slice(1).join("."),
    );
    expect(editValues).toEqual([
      "edit:address",
      "edit:phone",
      "edit:goods",
      "edit:air",
      "edit:payment",
      "edit:when",
    ]);
    await chat.play([
      { press: "物品", expect: "要寄什么物品" },
      { say: "书", expect: ["物品:书", "运费由业务员上门时与您当面商定"] },
      { press: "修改信息" },
      { press: "运输方式", expect: "需要走航空件吗" },
      { press: "是", expect: "运输方式:航空" },
    ]);
  });

  it("cancelling at the summary stores nothing", async () => {
    const chat = h.customer();
    await upToWhen(chat);
    await chat.press("今天(11月27日) 15:00 以后");
    await chat.press("取消");
    chat.expectReply("这次取件预约没有提交");
    expect(await h.desk.myPickups(chat.who.chat)).toEqual([]);
  });

  it("speaks English after /lang, with the three payment buttons of SOP-28", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/lang en" },
      { say: "/pickup", expect: "full pickup address" },
      { say: "文昌路", expect: "we need the full address" },
      { say: ADDRESS, expect: ["the 城东 zone", "[Share my phone number]"] },
      { contact: "13812345678", expect: "Which city is it going to" },
      { say: "Beijing", expect: "What would you like to send?" }, // SOP-27: the destination
      { say: "books" },
      { press: "No" },
    ]);
    expect(chat.buttons()).toEqual([
      "Sender pays now (现付)",
      "Recipient pays on delivery (到付)",
      "Monthly account (月结)",
    ]);
    await chat.press("Sender pays now (现付)");
    await chat.press("today (Nov 27), after 15:00");
    chat.expectReply("The courier will agree the price with you in person.");
  });

  describe("when the desk finds problems at confirmation", () => {
    const refusals: PickupProblem[][] = [];
    const refusing = useDeskHarness("pickup-refused", {
      desk: (real) => ({
        ...real,
        // The desk has the last word: a refusal it returns must reach the customer.
        requestPickup: async (input) => {
          const problems = refusals.shift();
          return problems ? { ok: false, problems } : real.requestPickup(input);
        },
      }),
    });

    it("shows the problems, goes back to the first bad field, and stores nothing half-done", async () => {
      refusals.push([
        { field: "goods", rule: "SOP-26", reason: "prohibited", matched: "烟花" },
        { field: "address", rule: "SOP-27", reason: "outside_coverage" },
      ]);
      const chat = refusing.customer();
      await upToWhen(chat);
      await chat.press("今天(11月27日) 15:00 以后");
      await chat.press("确认提交");
      chat.expectReply("还有几处信息需要再确认一下");
      chat.expectReply("「烟花」属于禁寄物品");
      chat.expectReply("不在我们网点的取件范围内"); // the first field in order: the address, asked again
      chat.expectNoReply("已登记");
      expect(await refusing.desk.myPickups(chat.who.chat)).toEqual([]);

      await chat.play([
        { say: "东关街 20 号 1 栋 101 室", expect: "要寄什么物品" }, // the phone was kept; the goods are asked
        { say: "茶叶", expect: "上门时间" }, // by air, payment and time were kept: back to the summary
        { press: "确认提交", expect: "您的取件预约已登记" },
      ]);
      const stored = await refusing.desk.myPickups(chat.who.chat);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        address: "东关街 20 号 1 栋 101 室",
        goods: "茶叶",
        phone: "13812345678",
      });
    });
  });
});

describe("customer flow: pickups as people say them (issue 14 §5)", () => {
  const h = useDeskHarness("pickup-typed");

  /** From the address to the "when" question, with one address. */
  async function upToWhenAt(chat: Transcript, address = ADDRESS): Promise<void> {
    await chat.play([
      { say: "/pickup" },
      { say: address, expect: "联系电话" },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "衣服" },
      { press: "否" },
      { press: "现付(寄件人付)", expect: ["什么时候上门", "明天下午3点"] },
    ]);
  }

  it("SOP-20, SOP-27: the bot's own example address, a longer form of the zone's road, is in that zone", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup", expect: "文昌中路 88 号 3 栋 502 室" },
      { say: "文昌中路 88 号 3 栋 502 室", expect: ["「城东」片区", "联系电话"], absent: "范围" },
    ]);
  });

  it("SOP-27: full-width digits and spaces do not hide the zone", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: "扬州市西门街８号２单元５０２室", expect: ["「城西」片区", "联系电话"] },
    ]);
  });

  it("SOP-20, SOP-27: a full English address is taken with no zone (the dispatcher places it), no refusal", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/lang en" },
      { say: "/pickup" },
      {
        say: "Room 502, 88 Wenchang Road, Yangzhou",
        expect: "contact number",
        absent: ["outside our branch", "in Chinese"],
      },
    ]);
  });

  it("SOP-27: an unknown road nearly like ours is shown the nearest zone first", async () => {
    const chat = h.customer();
    await chat.play([{ say: "/pickup" }, { say: "扬州市西门大街 12 号 1 栋 101 室" }]);
    const text = chat.text();
    expect(text).toContain("不在我们网点的取件范围内");
    expect(text.indexOf("• 城西")).toBeLessThan(text.indexOf("• 城东"));
  });

  it("SOP-22: '晚上8点可以吗' is answered with the cut-off and the next day's options", async () => {
    const chat = h.customer();
    await upToWhenAt(chat);
    await chat.say("晚上8点可以吗");
    chat.expectReply("20:00已经过了取件截止时间 19:00,当天不能上门。可以安排在明天(11月28日)");
    expect(chat.buttons()).toEqual(["明天(11月28日) 15:00 以后", "明天(11月28日)上午(直接联系业务员)"]);
    await chat.press("明天(11月28日) 15:00 以后");
    chat.expectReply("上门时间:明天(11月28日) 15:00 以后");
    await chat.press("确认提交");
    const [stored] = await h.desk.myPickups(chat.who.chat);
    expect(stored).toMatchObject({ pickupDay: "2026-11-28", morning: false });
    expect(stored?.earliestAt).toEqual(shanghai("15:00", "2026-11-28"));
  });

  it("SOP-20, SOP-23: '11点半' is before 15:00: that afternoon, or a morning pickup with the courier", async () => {
    const chat = h.customer();
    await upToWhenAt(chat);
    await chat.say("11点半");
    chat.expectReply("普通上门时间是 15:00 以后");
    expect(chat.buttons()).toEqual(["今天(11月27日) 15:00 以后", "今天(11月27日)上午(直接联系业务员)"]);
    await chat.press("今天(11月27日)上午(直接联系业务员)");
    chat.expectReply("张伟,电话 13800000003");
    chat.expectReply("上门时间:今天(11月27日)上午,请直接与业务员约定时间");
  });

  it("SOP-20: '明天下午' and a full-width '下午４点半' become pickup times", async () => {
    const tomorrow = h.customer();
    await upToWhenAt(tomorrow);
    await tomorrow.say("明天下午");
    tomorrow.expectReply("上门时间:明天(11月28日) 15:00 以后");

    const today = h.customer();
    await upToWhenAt(today);
    await today.say("下午４点半来吧");
    today.expectReply("上门时间:今天(11月27日) 16:30");
    await today.press("确认提交");
    const [stored] = await h.desk.myPickups(today.who.chat);
    expect(stored?.earliestAt).toEqual(shanghai("16:30"));
  });

  it("SOP-20, SOP-22: English times: 'tomorrow 3pm' is taken, 'tonight at 9' gets the next day", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/lang en" },
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "books" },
      { press: "No" },
      { press: "Sender pays now (现付)", expect: "tomorrow 3pm" },
      { say: "tonight at 9", expect: ["past the pickup cut-off of 19:00", "tomorrow (Nov 28)"] },
      { say: "tomorrow 3pm", expect: "Pickup time: tomorrow (Nov 28), after 15:00" },
    ]);
  });

  it("SOP-20: '/pickup 明天下午3点' takes the time at once; the when question is not asked", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup 明天下午3点" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "衣服" },
      { press: "否" },
      { press: "现付(寄件人付)", expect: "上门时间:明天(11月28日) 15:00", absent: "什么时候上门" },
      // The confirmation repeats the time the customer named, in the words 我的取件预约 and the
      // courier read too: the earliest the courier comes.
      { press: "确认提交", expect: "上门时间:明天(11月28日) 15:00 以后。" },
    ]);
  });

  it("a text that names no time gets the buttons again with an example, and the answers so far stay", async () => {
    const chat = h.customer();
    await upToWhenAt(chat);
    await chat.say("随便");
    chat.expectReply("没看懂这个时间");
    expect(chat.buttons()).toEqual(["今天(11月27日) 15:00 以后", "上午上门(直接联系业务员)"]);
    await chat.press("今天(11月27日) 15:00 以后");
    chat.expectReply(`地址:${ADDRESS}`);
  });

  it("SOP-26: live animals and tobacco are refused, in Chinese and English", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "两只小猫", expect: "「小猫」属于禁寄物品" },
      { say: "香烟两条", expect: "「香烟」属于禁寄物品" },
      { say: "猫粮", expect: "需要走航空件吗" }, // pet food is no animal
    ]);
    const en = h.customer();
    await en.play([
      { say: "/lang en" },
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "a live puppy", expect: "puppy" },
      { say: "2 cartons of cigarettes", expect: "cigarette" },
    ]);
    en.expectNoReply("Should it go by air?");
  });

  it("SOP-26: air chosen, then the goods changed at the summary: the transport is asked again", async () => {
    const chat = h.customer();
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "文件" },
      { press: "是" },
      { press: "现付(寄件人付)" },
      { press: "今天(11月27日) 15:00 以后", expect: "运输方式:航空" },
      { press: "修改信息" },
      { press: "物品" },
      { say: "书", expect: "需要走航空件吗" },
      { press: "否", expect: ["物品:书", "运输方式:陆运"] },
    ]);
  });

  it("SOP-20: a second pickup offers the last phone back in one tap", async () => {
    const chat = h.customer();
    await upToWhenAt(chat);
    await chat.press("今天(11月27日) 15:00 以后");
    await chat.press("确认提交");
    await chat.play([
      { say: "/pickup" },
      { say: "东关街 20 号 1 栋 101 室", expect: "可以用上次的号码" },
      { press: "用上次的号码 13812345678", expect: "寄往哪个城市" },
      { say: "北京", expect: "要寄什么物品" }, // SOP-27: the destination
    ]);
    // A third time, a new number typed instead is taken (and offered back the next time).
    await chat.play([
      { say: "/cancel" },
      { say: "/pickup" },
      { say: ADDRESS, expect: "用上次的号码 13812345678" },
      { say: "0514-8765 4321", expect: "寄往哪个城市" },
      { say: "北京", expect: "要寄什么物品" }, // SOP-27: the destination
    ]);
    // A customer with no pickup before gets the share-contact button.
    const first = h.customer();
    await first.play([{ say: "/pickup" }, { say: ADDRESS, expect: "[分享我的手机号]", absent: "上次" }]);
  });

  it("counts the messages from /pickup to the dispatcher's ping", async () => {
    const chat = h.customer();
    const before = h.notifier.sent.length;
    await upToWhenAt(chat);
    await chat.press("今天(11月27日) 15:00 以后");
    await chat.press("确认提交");
    const toCustomer = chat.turns.reduce((n, turn) => n + turn.replies.length, 0);
    const pings = h.notifier.sent.slice(before).filter((n) => n.key === "notice.pickup.new");
    const toDispatch = pings.filter((n) => n.to.kind === "dispatch").length;
    const total = toCustomer + pings.length;
    console.log(
      `messages: pickup start→ping ${total} (customer ${toCustomer} in ${chat.turns.length} turns, pings ${pings.length})`,
    );
    expect(toDispatch).toBe(1);
    expect(pings.length).toBe(2); // the dispatch group and the zone courier
    // One message per answer: 9 turns (SOP-27 asks the destination), 9 messages.
    expect(toCustomer).toBe(9);
    expect(total).toBe(11);
  });
});

describe("customer flow: the phone and giving up, as people type them (issue 14 §5)", () => {
  const h = useDeskHarness("pickup-phone");

  /** One pickup confirmed with 13812345678, so that the next one offers it back (SOP-20). */
  async function onePickupBefore(chat: Transcript): Promise<void> {
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "13812345678" },
      { say: "北京" }, // SOP-27: the destination
      { say: "衣服" },
      { press: "否" },
      { press: "现付(寄件人付)" },
      { press: "今天(11月27日) 15:00 以后" },
      { press: "确认提交", expect: "已登记" },
    ]);
  }

  it("SOP-20: a phone inside a sentence is taken, in Chinese and English", async () => {
    const zh = h.customer();
    await zh.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "我的电话 138-1234-5678", expect: "寄往哪个城市", absent: "不完整" },
      { say: "北京", expect: "要寄什么物品" }, // SOP-27: the destination
      { say: "衣服" },
      { press: "否" },
      { press: "现付(寄件人付)" },
      { press: "今天(11月27日) 15:00 以后", expect: "联系电话:13812345678" },
    ]);
    const en = h.customer();
    await en.play([
      { say: "/lang en" },
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "my number is 0514-8000000, call after 3", expect: "Which city is it going to" },
    ]);
    // A half number inside a sentence is still asked again.
    const half = h.customer();
    await half.play([
      { say: "/pickup" },
      { say: ADDRESS },
      { say: "我的电话 138-1234", expect: ["号码好像不完整", "[分享我的手机号]"] },
    ]);
  });

  it.each([["就用上次的"], ["用上次的"], ["跟上次一样"]])(
    "SOP-20: on a second pickup, %j takes the last phone",
    async (typed) => {
      const chat = h.customer();
      await onePickupBefore(chat);
      await chat.play([
        { say: "/pickup" },
        { say: "东关街 20 号 1 栋 101 室", expect: "[用上次的号码 13812345678]" },
        { say: typed, expect: "寄往哪个城市", absent: "不完整" },
        { say: "北京", expect: "要寄什么物品" }, // SOP-27: the destination
        { say: "书" },
        { press: "否" },
        { press: "现付(寄件人付)" },
        { press: "今天(11月27日) 15:00 以后", expect: "联系电话:13812345678" },
      ]);
    },
  );

  it("SOP-20: 'same as last time' in English takes the last phone; 'a new number' does not", async () => {
    const chat = h.customer();
    await onePickupBefore(chat);
    await chat.play([
      { say: "/lang en" },
      { say: "/pickup" },
      { say: ADDRESS, expect: "[Use 13812345678 again]" },
      { say: "a new number", expect: ["looks incomplete", "[Use 13812345678 again]"] },
      { say: "same as last time", expect: "Which city is it going to" },
      { say: "Beijing", expect: "What would you like to send?" }, // SOP-27: the destination
    ]);
  });

  it("SOP-20: after a number that is not one, the re-ask still offers the last phone, and it works", async () => {
    const chat = h.customer();
    await onePickupBefore(chat);
    await chat.play([
      { say: "/pickup" },
      { say: ADDRESS },
      {
        say: "1381234",
        expect: ["号码好像不完整", "也可以点下面的按钮,用上次的号码", "[用上次的号码 13812345678]"],
      },
      { say: "不用上次的", expect: "[用上次的号码 13812345678]", absent: "要寄什么物品" },
      { press: "用上次的号码 13812345678", expect: "寄往哪个城市", absent: "过期" },
      { say: "北京", expect: "要寄什么物品" }, // SOP-27: the destination
    ]);
  });

  it.each([
    ["算了不寄了", "goods"],
    ["不寄了", "goods"],
    ["不要了", "goods"],
    ["取消预约", "goods"],
    ["算了不寄了", "address"],
    ["不要了", "phone"],
  ])("typing %j at the %s question ends the form as /cancel does; nothing is stored", async (typed, at) => {
    const chat = h.customer();
    // SOP-27: the destination is asked between the phone and the goods.
    const steps = [{ say: "/pickup" }, { say: ADDRESS }, { say: "13812345678" }, { say: "北京" }];
    const upTo = { address: 1, phone: 2, goods: 4 }[at] ?? 4;
    await chat.play(steps.slice(0, upTo));
    await chat.say(typed);
    chat.expectReply("已取消"); // as /cancel says it
    chat.expectNoReply("需要走航空件吗");
    chat.expectNoReply("号码好像不完整");
    expect(await h.desk.myPickups(chat.who.chat)).toEqual([]);
    // The form is over: the next words are not its answer.
    await chat.say("衣服");
    chat.expectNoReply("需要走航空件吗");
  });

  it("'never mind, cancel' and 'I don't want to send it anymore' end the form in English", async () => {
    for (const typed of ["never mind, cancel", "I don't want to send it anymore"]) {
      const chat = h.customer();
      await chat.play([
        { say: "/lang en" },
        { say: "/pickup" },
        { say: ADDRESS },
        { say: "13812345678", expect: "Which city is it going to" },
        { say: "Beijing", expect: "What would you like to send?" }, // SOP-27: the destination
        { say: typed, expect: "Cancelled", absent: "Should it go by air?" },
      ]);
      expect(await h.desk.myPickups(chat.who.chat)).toEqual([]);
    }
  });
});
