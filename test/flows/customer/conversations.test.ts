import { describe, expect, it } from "vitest";
import { handleTimer } from "../../../src/domain/desk";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo } from "../../support/parcels";

/**
 * Issue 14, what a tester found typing as customers do: a mistyped number alone, a tracking
 * sentence with a number that has no scans, a bare complaint, follow-ups after the promised time,
 * a number named in a follow-up, and photos (with a caption, as the question, with no query open).
 */
describe("customer conversations after the trial (issue 14 §1, §2, §4, §6)", () => {
  const h = useDeskHarness("conversations");

  const deps = () => h.useCaseDeps();

  describe("§4: a mistyped number alone gets 'please check', never the bare menu", () => {
    it("a UPU number with a wrong check digit", async () => {
      const chat = h.customer();
      await chat.say("EA123456784CN");
      chat.expectReply("运单号 EA123456784CN 的校验位对不上");
      chat.expectNoReply("请选择您要办理的业务");
      expect(chat.last).toHaveLength(1);
      expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
      // Typed again right, it is tracked: the track flow is waiting for it.
      await chat.say("EA123456785CN");
      chat.expectReply("要我请客服帮您查一下吗");
    });

    it("in English: digits too few get the formats we can track", async () => {
      const chat = h.customer("en");
      await chat.say("1234 5678");
      chat.expectReply(`"1234 5678" doesn't look like a tracking number`);
      chat.expectReply("The formats we can track");
      chat.expectNoReply("Please choose");
    });

    it("a mobile number, a room or a word alone is no waybill typo: the menu as before", async () => {
      for (const text of ["138 1234 5678", "302", "hello"]) {
        const chat = h.customer();
        await chat.say(text);
        chat.expectReply("请选择您要办理的业务");
        chat.expectNoReply("运单号");
      }
    });
  });

  describe("§2, §4: a sentence whose intent is tracking tracks, and asks before a person is asked", () => {
    it("帮我查一下 1234 5678 9012 这个件 (no scans): asks first, no query", async () => {
      const chat = h.customer();
      await chat.say("帮我查一下 1234 5678 9012 这个件");
      chat.expectReply("运单 123456789012 暂时还没有物流记录");
      chat.expectReply("要我请客服帮您查一下吗");
      expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
    });

    it("in English: 'can you check 1234 5678 9012 for me'", async () => {
      const chat = h.customer("en");
      await chat.say("can you check 1234 5678 9012 for me");
      chat.expectReply("Shall I ask a person to look into it?");
      expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
    });
  });

  describe("§2, SOP-82: a typed complaint starts /complain; a typed claim /claim (SOP-70, SOP-71)", () => {
    it("我要投诉 alone: the complaint's questions, one message each, then one complaint, no query", async () => {
      const no = freshTrackingNo();
      const chat = h.customer();
      await chat.say("我要投诉");
      chat.expectReply("请发送相关的运单号");
      expect(chat.buttons()).toContain("没有运单号");
      await chat.say(no);
      chat.expectReply("请告诉我们发生了什么");
      await chat.say("快递员没打电话就把包裹放在门口,丢了");
      chat.expectReply("您的投诉已登记");
      expect(chat.received().perTurn).toEqual([1, 1, 1]);
      const mine = (await h.store.complaints.listOpen(1000)).filter((c) => c.trackingNo === no);
      expect(mine).toHaveLength(1);
      expect(await h.store.queries.listOpenByAsker(chat.who.chat)).toEqual([]);
    });

    it("我要投诉 with what happened but no parcel: only the subject is asked, the words are kept", async () => {
      const chat = h.customer();
      await chat.say("我要投诉,快递员态度很差");
      chat.expectReply("请发送相关的运单号");
      await chat.press("没有运单号");
      chat.expectReply("您的投诉已登记");
      chat.expectNoReply("请告诉我们发生了什么");
      expect(chat.received().perTurn).toEqual([1, 1]);
      const mine = (await h.store.complaints.listOpen(1000)).filter(
        (c) => c.customer?.chatId === chat.who.chat.chatId,
      );
      expect(mine.map((c) => c.text)).toEqual(["快递员态度很差"]); // the request itself is no part of it
    });

    it("投诉 with a parcel: the parcel is taken, only what happened is asked", async () => {
      const no = freshTrackingNo();
      const chat = h.customer();
      await chat.say(`投诉 ${no}`);
      chat.expectReply("请告诉我们发生了什么");
      await chat.say("外包装破了");
      chat.expectReply("您的投诉已登记");
      const [complaint] = (await h.store.complaints.listOpen(1000)).filter((c) => c.trackingNo === no);
      expect(complaint?.text).toBe("外包装破了");
    });

    it("in English: 'I want to complain' starts the complaint in English", async () => {
      const chat = h.customer("en");
      await chat.say("I want to complain");
      chat.expectReply("Please send the tracking number it is about");
      await chat.press("No tracking number");
      chat.expectReply("Please tell us what happened");
    });

    it("快递丢了要赔偿 starts the claim; 理赔 with a parcel asks the reason next", async () => {
      const chat = h.customer();
      await chat.say("快递丢了要赔偿");
      chat.expectReply("请发送需要理赔的快件运单号");
      expect(chat.last).toHaveLength(1);
      const no = freshTrackingNo();
      const other = h.customer();
      await other.say(`我要理赔 ${no}`);
      other.expectReply(`运单 ${no}:请选择理赔原因`);
    });

    it("in English: 'I want compensation' starts the claim in English", async () => {
      const chat = h.customer("en");
      await chat.say("I want compensation");
      chat.expectReply("Please send the tracking number of the parcel you are claiming for");
    });
  });

  describe("§6: past the deadline, nobody is promised a time already past", () => {
    it("a follow-up hears the new time the customer was told, then 'as soon as possible'; staff read 已超时", async () => {
      const chat = h.customer();
      await chat.say("/human 我的件怎么还没到?");
      chat.expectReply("11月27日 10:30 前");
      const [query] = await h.store.queries.listOpenByAsker(chat.who.chat);
      if (!query) throw new Error("no query");
      await h.desk.takeQuery(query.id, "wang");

      // SOP-10: at 10:30 the escalation goes out and the customer is told a new time.
      h.clock.set(shanghai("10:30"));
      expect(await handleTimer(deps(), { kind: "query-due", subjectId: query.id })).toBe("done");
      expect(h.notifier.withKey("thread.customer.late")[0]?.params.due).toBe("11月27日 11:00");

      // 10:40: the follow-up is told 11:00, not the 10:30 already past.
      h.clock.set(shanghai("10:40"));
      h.notifier.clear();
      await chat.say("还要等多久?");
      chat.expectReply("客服会在 11月27日 11:00 前在这里回复您");
      chat.expectNoReply("10:30");
      const followUp = h.notifier.withKey("thread.notice.followUp")[0];
      expect(String(followUp?.params.dueLine)).toBe(
        "已超时(应在 10:30 前回复),已告知客户将在 11:00 前回复,请尽快回复。",
      );

      // 11:10: the new time has passed too: "as soon as possible", no time at all.
      h.clock.set(shanghai("11:10"));
      await chat.say("到底什么时候回复我");
      chat.expectReply("会尽快在这里回复您");
      chat.expectNoReply("11:00");
      chat.expectNoReply("10:30");

      // The duty lead takes it back: the desk reads 已超时, not "请在 10:30 前回复".
      h.notifier.clear();
      await h.staff("li").pressPayload(`a.qr.${query.id}`);
      const again = h.notifier.withKey("thread.notice.new").map((n) => String(n.params.dueLine));
      expect(again.length).toBeGreaterThan(0);
      expect(again).toContain("已超时(应在 10:30 前回复),请尽快回复。");
      for (const line of again)
        expect(line).toMatch(/^(已超时|Overdue \(was due by 10:30\): please answer as soon)/);
    });

    it("in English, before the late notice has gone out: 'as soon as possible'", async () => {
      const chat = h.customer("en");
      await chat.say("/human Can you deliver after 6pm?");
      chat.expectReply("Your question is with our desk");
      chat.expectReply("10:30");
      h.clock.set(shanghai("10:31"));
      await chat.say("Hello? Any news?");
      chat.expectReply("an agent will reply here as soon as possible");
      chat.expectNoReply("10:30");
    });
  });

  it("§1: a follow-up naming a tracking number attaches it to a query that had none", async () => {
    h.presence.available.add("wang");
    const no = freshTrackingNo();
    const chat = h.customer();
    await chat.say("/human 我有个快递一直没收到");
    h.clock.set(shanghai("10:05"));
    h.notifier.clear();
    await chat.say(`单号是 ${no}`);
    chat.expectReply("已补充到您还在处理中的问题里");
    const followUp = h.notifier.withKey("thread.notice.followUp")[0];
    expect(String(followUp?.params.parcel)).toContain(no);
    expect(String(followUp?.params.parcel)).not.toContain("未提供单号");
    const open = await h.store.queries.listOpenByAsker(chat.who.chat);
    expect(open).toHaveLength(1);
    // The agent's card names the parcel too.
    const wang = h.staff("wang");
    await wang.say("/queries");
    await wang.press("我有个快递一直没收到");
    wang.expectReply(no);
    wang.expectNoReply("未提供单号");
  });

  describe("§1: photos", () => {
    it("a photo with no query open is the question; the customer is told it went to the desk", async () => {
      const chat = h.customer();
      await chat.send({ kind: "photo", fileRef: "AgAC-label" });
      chat.expectReply("照片收到了,已转给客服");
      chat.expectNoReply("看不懂");
      chat.expectNoReply("请选择您要办理的业务");
      expect(chat.last).toHaveLength(1);
      const [query] = await h.store.queries.listOpenByAsker(chat.who.chat);
      expect(query?.text).toBe("[照片]");
      expect(await h.store.queries.messages(query?.id ?? "")).toMatchObject([
        { author: "customer", text: "", photo: "AgAC-label" },
      ]);
      expect(String(h.notifier.withKey("thread.notice.new")[0]?.params.thread)).toContain("客户:[照片]");
    });

    it("in English: the caption is kept with the photo, in the thread the agent reads", async () => {
      const chat = h.customer("en");
      await chat.send({ kind: "photo", fileRef: "AgAC-box", caption: "The box arrived crushed" });
      chat.expectReply("Photo received and passed to our desk");
      const [query] = await h.store.queries.listOpenByAsker(chat.who.chat);
      expect(query?.text).toBe("The box arrived crushed");
      // A second photo with a caption joins the same thread, caption and all.
      await chat.send({ kind: "photo", fileRef: "AgAC-inside", caption: "and the vase inside" });
      chat.expectReply("Photo received and attached");
      const messages = await h.store.queries.messages(query?.id ?? "");
      expect(messages.map((m) => [m.text, m.photo])).toEqual([
        ["The box arrived crushed", "AgAC-box"],
        ["and the vase inside", "AgAC-inside"],
      ]);
    });
  });
});
