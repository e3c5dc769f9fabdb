import { describe, expect, it } from "vitest";
import { handleTimer, type UseCaseDeps } from "../../src/domain/desk";
import { timerId } from "../../src/domain/ports";
import { useDeskHarness } from "../support/desk-harness";
import { audienceLabel } from "../support/fakes";

/**
 * Issue 12, complaints (SOP-82, SOP-11's fine) as people have them, through the engine: a
 * customer's /complain, its escalation a level after 24 hours with nobody acting, the duty lead
 * recording the region's decision (the customer told), an agent recording another branch's
 * complaint about a late answer with the 200-yuan fine, and the wrong roles.
 */
const h = useDeskHarness("complaints");
const HOUR = 3_600_000;

function deps(): UseCaseDeps {
  return {
    store: h.store,
    scheduler: h.scheduler,
    notifier: h.notifier,
    policy: h.policy,
    calendar: h.calendar,
    directory: h.directory,
    clock: h.clock,
    presence: h.presence,
  };
}

const toChat = (chatId: string) =>
  h.notifier.sent.filter((n) => audienceLabel(n.to) === `chat:${chatId}`).map((n) => n.key);

describe("a customer's /complain (SOP-82)", () => {
  it("SOP-82: recorded at the branch; not acted on within 24 h it goes up to the region; the lead records the region's decision", async () => {
    const customer = h.customer();
    await customer.play([
      { say: "/complain", expect: ["请发送相关的运单号", "没有运单号"] },
      { say: "随便", expect: "这不是有效的运单号" },
      { say: "YT8000000001", expect: "请告诉我们发生了什么" },
      { say: "快递员把包裹扔在门口就走了", expect: ["您的投诉已登记", "24 小时"], absent: "SOP" },
    ]);
    expect(customer.received().perTurn).toEqual([1, 1, 1, 1]);
    const [complaint] = (await h.store.complaints.listOpen(1000)).filter(
      (c) => c.trackingNo === "YT8000000001",
    );
    expect(complaint?.level).toBe("branch");
    expect(h.scheduler.pending.has(timerId("complaint-escalate", complaint?.id ?? ""))).toBe(true);

    h.clock.set(new Date((complaint?.openedAt.getTime() ?? 0) + 24 * HOUR));
    await handleTimer(deps(), { kind: "complaint-escalate", subjectId: complaint?.id ?? "" });
    expect((await h.store.complaints.get(complaint?.id ?? ""))?.level).toBe("region");
    expect(toChat(customer.who.chat.chatId)).toEqual(["complaint.customer.escalated"]);

    // An agent sees it, with its level, but the region's decision is the duty lead's to record.
    const agent = h.staff("wang");
    await agent.say("/complaints");
    agent.expectReply("区域");
    await agent.press("YT8000000001");
    agent.expectReply("级别:区域");
    expect(agent.buttons()).not.toContain("登记上级决定");

    const lead = h.staff("li");
    await lead.play([
      { say: "/complaints", expect: "未结投诉" },
      { press: "YT8000000001", expect: ["级别:区域", "升级到区域"] },
      { press: "登记上级决定", expect: "区域的决定" },
      { say: "区域决定:快递员书面检讨,向客户道歉", expect: "已登记区域的决定并结案" },
    ]);
    expect(toChat(customer.who.chat.chatId)).toEqual([
      "complaint.customer.escalated",
      "complaint.customer.decided",
    ]);
  });

  it("an agent's action at the branch stops the escalation; the customer hears it once", async () => {
    const customer = h.customer();
    await customer.play([{ say: "/complain YT8000000002" }, { say: "电话一直打不通" }]);
    const [complaint] = (await h.store.complaints.listOpen(1000)).filter(
      (c) => c.trackingNo === "YT8000000002",
    );
    const agent = h.staff("wang");
    await agent.play([
      { say: "/complaints" },
      { say: "YT8000000002", expect: "级别:本网点" }, // typed instead of pressed
      { press: "记录处理", expect: "做了什么处理" },
      { say: "已回电致歉,明天上午优先派送", expect: "已记录处理" },
    ]);
    h.clock.set(new Date((complaint?.openedAt.getTime() ?? 0) + 25 * HOUR));
    expect(await handleTimer(deps(), { kind: "complaint-escalate", subjectId: complaint?.id ?? "" })).toBe(
      "skipped",
    );
    expect(toChat(customer.who.chat.chatId)).toEqual(["complaint.customer.acted"]);
  });

  it("a complaint can name one of the customer's own recent questions", async () => {
    const customer = h.customer();
    await customer.say("/human YT8000000003 什么时候到?");
    await customer.say("/complain");
    await customer.press("YT8000000003");
    await customer.say("半天没人回复");
    customer.expectReply("您的投诉已登记");
    const [complaint] = (await h.store.complaints.listOpen(1000)).filter(
      (c) => c.trackingNo === "YT8000000003",
    );
    expect(complaint?.queryId).toBeTruthy();
  });

  it("a question without a waybill is offered by its own first words, never by an internal id", async () => {
    const customer = h.customer();
    await customer.say("/human 你们周末上班吗?我想寄一个很大的箱子");
    await customer.say("/complain");
    const offered = customer.buttons().find((b) => b.includes("你们周末上班吗"));
    expect(offered).toMatch(/^关于 “你们周末上班吗.我想寄…” 的咨询$/);
    expect(customer.buttons().join(" ")).not.toMatch(/#[0-9a-f]{4}/);
    await customer.press(offered ?? "");
    await customer.say("一直没人回复");
    customer.expectReply("您的投诉已登记");
    expect(customer.received().perTurn.slice(-2)).toEqual([1, 1]);
  });
});

describe("another branch's complaint (SOP-11)", () => {
  it("SOP-11: their query answered after 2 hours: the complaint records the 200-yuan fine against the branch", async () => {
    const opened = await h.desk.raiseQuery({
      asker: { channel: "telegram", chatId: "2001", userId: "2001" },
      language: "zh",
      text: "收件人说没收到",
      trackingNo: "YT8100000001",
      kind: "branch",
      fromBranch: "南京分公司",
      openedBy: "wang",
    });
    if (!opened.ok) throw new Error("query refused");
    h.clock.set(new Date(h.clock.now().getTime() + 3 * HOUR));
    await h.desk.takeQuery(opened.query.id, "wang");
    await h.desk.answerQuery(opened.query.id, "wang", "已签收");

    const agent = h.staff("wang");
    await agent.play([
      { say: "/complaints" },
      { press: "登记兄弟公司投诉", expect: "哪个兄弟公司投诉" },
      { say: "南京分公司", expect: "涉及的运单号" },
      { say: "YT8100000001", expect: "投诉内容" },
      {
        say: "三个小时才回复",
        expect: ["已登记 南京分公司 的投诉", "已记罚款 200 元", "13:00 才回复"],
      },
    ]);
    const [complaint] = (await h.store.complaints.listOpen(1000)).filter(
      (c) => c.trackingNo === "YT8100000001",
    );
    expect(complaint).toMatchObject({ fineYuan: 200, fromBranch: "南京分公司", queryId: opened.query.id });
    // Resolved at the branch: no customer's chat to tell, and the agent is not told one was.
    await agent.play([
      { say: "/complaints" },
      { press: "YT8100000001", expect: "已记罚款 200 元" },
      { press: "已解决,结案", expect: "怎么解决的(一句话)", absent: "客户会收到" },
      { say: "已向南京分公司说明并道歉", expect: "已结案:YT8100000001。", absent: "客户已收到" },
    ]);
    expect((await h.store.complaints.get(complaint?.id ?? ""))?.closedAt).not.toBeNull();
  });

  it("wrong roles: a courier's /complaints and a dispatcher's are refused; a customer's is not a staff list", async () => {
    for (const id of ["zhang", "sun"]) {
      const person = h.staff(id);
      await person.say("/complaints");
      person.expectReply("/complaints 是");
      person.expectNoReply("未结投诉");
    }
    const customer = h.customer();
    await customer.say("/complaints");
    customer.expectNoReply("未结投诉");
  });
});
