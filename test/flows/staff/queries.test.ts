import { afterEach, describe, expect, it } from "vitest";
import type { Query } from "../../../src/domain/ports/records";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo } from "../../support/parcels";
import type { Transcript } from "../../support/transcript";

describe("agent flows: queries (SOP-10, SOP-11)", () => {
  const h = useDeskHarness("staff-queries");
  afterEach(async () => {
    // Each test starts with an empty queue: answer whatever a test left open.
    for (const q of await h.desk.openQueries())
      await h.desk.answerQuery(q.id, q.assignee ?? "wang", "已处理");
  });

  async function customerQuery(customer: Transcript, text: string, trackingNo?: string): Promise<Query> {
    const opened = await h.desk.raiseQuery({ asker: customer.who.chat, language: "zh", text, trackingNo });
    if (!opened.ok) throw new Error(`query refused: ${opened.reason}`);
    return opened.query;
  }

  it("SOP-10: an agent takes and answers a query from the list, and the customer gets the answer", async () => {
    const no = freshTrackingNo();
    const customer = h.customer();
    const query = await customerQuery(customer, "我的包裹到哪了?", no);

    const wang = h.staff("wang");
    await wang.say("/queries");
    wang.expectReply("待回复查件 1 条,其中超时 0 条");
    await wang.press(no);
    wang.expectReply("客户:我的包裹到哪了?"); // the card shows the thread (issue 14 §1)
    wang.expectReply("须在 10:30 前回复");
    wang.expectReply("处理人:无(待接)");
    await wang.press("接单并回复");
    wang.expectReply("已接单");
    wang.expectReply("请直接输入回复内容");
    expect((await h.store.queries.get(query.id))?.assignee).toBe("wang");

    await wang.say("您的包裹今天下午派送。");
    wang.expectReply("将发送:\n您的包裹今天下午派送。");
    expect((await h.store.queries.get(query.id))?.status).toBe("open"); // nothing sent before the confirm
    await wang.press("发送");
    wang.expectReply("已回复,对方会收到。");
    // SOP-80: the 再见 closes the customer's answer, not the agent's own confirmation.
    wang.expectNoReply("再见");

    const stored = await h.store.queries.get(query.id);
    expect(stored).toMatchObject({ status: "answered", answeredBy: "wang" });
    const toCustomer = h.notifier.toChat(customer.who.chat).filter((n) => n.key === "notice.query.answer");
    expect(toCustomer).toHaveLength(1);
    expect(toCustomer[0]?.params.answer).toBe("您的包裹今天下午派送。");
    expect(toCustomer[0]?.params.closing).toBe("再见。");
  });

  it("an answer can be edited before it is sent; only the confirmed text goes out", async () => {
    const customer = h.customer();
    const query = await customerQuery(customer, "能改地址吗");
    const wang = h.staff("wang");
    await h.desk.takeQuery(query.id, "wang");
    await wang.say("/queries");
    await wang.press("能改地址吗");
    wang.expectReply("请直接输入回复内容"); // held by wang already: straight to the answer
    await wang.say("可以");
    await wang.press("修改");
    await wang.say("可以,请提供新的详细地址。");
    await wang.press("发送");
    const sent = h.notifier.toChat(customer.who.chat).filter((n) => n.key === "notice.query.answer");
    expect(sent.map((n) => n.params.answer)).toEqual(["可以,请提供新的详细地址。"]);
  });

  it("SOP-10: an answer drafted before the query was passed to a colleague is not sent (not_yours)", async () => {
    const customer = h.customer();
    const query = await customerQuery(customer, "几点送");
    const wang = h.staff("wang");
    await h.desk.takeQuery(query.id, "wang");
    await wang.say("/queries");
    await wang.press("几点送");
    await wang.say("下午三点");
    await h.desk.passQuery(query.id, "wang", "chen"); // meanwhile, from another screen
    await wang.press("发送");
    wang.expectReply("这条查件现由 陈静");
    expect(h.notifier.toChat(customer.who.chat).filter((n) => n.key === "notice.query.answer")).toEqual([]);
    expect((await h.store.queries.get(query.id))?.status).toBe("open");
  });

  it("SOP-10: the list puts overdue queries first and marks them, with due time and holder", async () => {
    const a = h.customer();
    const b = h.customer();
    const older = await customerQuery(a, "第一个问题", freshTrackingNo());
    h.clock.set(shanghai("10:20"));
    await customerQuery(b, "第二个问题", freshTrackingNo());
    await h.desk.takeQuery(older.id, "chen");
    h.clock.set(shanghai("10:40")); // the first is due 10:30: overdue; the second due 10:50

    const wang = h.staff("wang");
    await wang.say("/queries");
    wang.expectReply("待回复查件 2 条,其中超时 1 条");
    const buttons = wang.buttons();
    expect(buttons[0]).toMatch(/^⚠10:30 .*第一个问题 · 陈静$/);
    expect(buttons[1]).toMatch(/^10:50 .*第二个问题 · 待接$/);
  });

  it("a query held by someone else shows who holds it and offers no take", async () => {
    const query = await customerQuery(h.customer(), "请问几点送到");
    await h.desk.takeQuery(query.id, "chen");
    const wang = h.staff("wang");
    await wang.say("/queries");
    await wang.press("请问几点送到");
    wang.expectReply("处理人:陈静(021)");
    expect(wang.buttons()).not.toContain("接单并回复");
  });

  it("a query taken by a colleague meanwhile is not taken twice: the reply names the holder", async () => {
    const query = await customerQuery(h.customer(), "还没收到");
    const wang = h.staff("wang");
    await wang.say("/queries");
    await wang.press("还没收到");
    await h.desk.takeQuery(query.id, "chen");
    await wang.press("接单并回复");
    wang.expectReply("这条查件已由 陈静(021) 接单");
    expect((await h.store.queries.get(query.id))?.assignee).toBe("chen");
  });

  it("passes a query back to the queue, or on to a named colleague", async () => {
    const query = await customerQuery(h.customer(), "转交测试");
    const wang = h.staff("wang");
    await wang.say("/queries");
    await wang.press("转交测试");
    await wang.press("接单并回复");
    await wang.press("转交");
    expect(wang.buttons()).toEqual(["放回队列", "陈静(021)", "李强(003)", "取消"]);
    await wang.press("陈静(021)");
    wang.expectReply("已转交给 陈静(021)");
    expect((await h.store.queries.get(query.id))?.assignee).toBe("chen");

    await h.desk.passQuery(query.id, "chen", "wang");
    await wang.say("/queries");
    await wang.press("转交测试");
    await wang.press("转交");
    await wang.press("放回队列");
    wang.expectReply("已放回队列");
    expect((await h.store.queries.get(query.id))?.assignee).toBeNull();
  });

  it("a blank answer sends nothing and the answer is still awaited", async () => {
    const query = await customerQuery(h.customer(), "空回复测试");
    await h.desk.takeQuery(query.id, "wang");
    const wang = h.staff("wang");
    await wang.say("/queries");
    await wang.press("空回复测试");
    await wang.say("   ");
    await wang.say("\u200b");
    expect(wang.buttons()).not.toContain("发送");
    expect((await h.store.queries.get(query.id))?.status).toBe("open");
    await wang.say("好的");
    wang.expectReply("将发送:\n好的");
  });

  it("the notice button qt takes the query and goes straight to the answer; the customer gets it", async () => {
    const customer = h.customer();
    const query = await customerQuery(customer, "通知按钮测试");
    const wang = h.staff("wang");
    await wang.pressPayload(`a.qt.${query.id}`);
    wang.expectReply("已接单");
    wang.expectReply("请直接输入回复内容");
    expect((await h.store.queries.get(query.id))?.assignee).toBe("wang");
    await wang.say("已经在派送途中。");
    await wang.press("发送");
    expect((await h.store.queries.get(query.id))?.status).toBe("answered");
    const toCustomer = h.notifier.toChat(customer.who.chat).filter((n) => n.key === "notice.query.answer");
    expect(toCustomer.map((n) => n.params.answer)).toEqual(["已经在派送途中。"]);
  });

  it("qt pressed on a query a colleague took says who has it, and changes nothing", async () => {
    const query = await customerQuery(h.customer(), "已被接走");
    await h.desk.takeQuery(query.id, "chen");
    const wang = h.staff("wang");
    await wang.pressPayload(`a.qt.${query.id}`);
    wang.expectReply("这条查件已由 陈静(021) 接单");
    expect((await h.store.queries.get(query.id))?.assignee).toBe("chen");
  });

  it("a forged or stale action payload is answered politely, never with an error", async () => {
    const wang = h.staff("wang");
    await wang.pressPayload("a.qt.nonexistent");
    wang.expectReply("找不到这条查件,可能已处理");
    await wang.pressPayload("a.zz.1");
    wang.expectReply("这个按钮已过期");
    await wang.pressPayload("a.qt.../../etc");
    wang.expectReply("这个按钮已过期");
    expect(h.errors).toEqual([]);
  });

  it("a customer pressing a staff action (a.qt.<id>) gets no staff effect", async () => {
    const customer = h.customer();
    const query = await customerQuery(customer, "客户按了员工按钮");
    await customer.pressPayload(`a.qt.${query.id}`);
    customer.expectNoReply("已接单");
    customer.expectReply("这个按钮是给负责的同事用的"); // a toast (issue 14 §3)
    expect((await h.store.queries.get(query.id))?.assignee).toBeNull();
  });

  it("SOP-11: /branchquery records a branch's query with a 2-hour deadline, answered to the agent's chat", async () => {
    const no = freshTrackingNo();
    const wang = h.staff("wang");
    await wang.say("/branchquery");
    wang.expectReply("哪家兄弟公司来查件");
    await wang.say("南京分公司");
    await wang.say("not a number");
    wang.expectReply("运单号格式不对");
    await wang.say(no.toLowerCase());
    await wang.say("收件人说没收到,请核实签收");
    wang.expectReply(`已登记:南京分公司 查 ${no},须在 12:00 前反馈`);

    const [query] = (await h.desk.openQueries()).filter((q) => q.trackingNo === no);
    expect(query).toMatchObject({
      kind: "branch",
      fromBranch: "南京分公司",
      text: "收件人说没收到,请核实签收",
      askedBy: wang.who.chat,
      dueAt: shanghai("12:00"),
    });
  });

  it("SOP-11: the duty lead sees what is overdue, who holds it and how late", async () => {
    const no = freshTrackingNo();
    const query = await customerQuery(h.customer(), "超时了吗", no);
    await h.desk.takeQuery(query.id, "wang");
    h.clock.set(shanghai("11:25")); // due 10:30

    const li = h.staff("li");
    await li.say("/overdue");
    li.expectReply("超时查件 1 条");
    li.expectReply(`${no} 超时了吗`);
    li.expectReply("应于 10:30 回复,已超时 55 分钟");
    li.expectReply("处理人:王芳(017)");
    await li.press(no);
    li.expectReply("⚠ 已超时 55 分钟");
  });

  it("the duty lead with nothing overdue is told so", async () => {
    await customerQuery(h.customer(), "刚来的问题");
    const li = h.staff("li");
    await li.say("/overdue");
    li.expectReply("没有超时的查件");
  });
});
