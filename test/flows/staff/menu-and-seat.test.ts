import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HARNESS_TIMEOUT, type StaffHarness, shanghai, staffHarness } from "./harness";

describe("staff menu", () => {
  let h: StaffHarness;
  beforeAll(async () => {
    h = await staffHarness("menu");
  }, HARNESS_TIMEOUT);
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.errors).toEqual([]);
  });

  it("SOP-80: greets an agent with the network and work number, and lists what agents do", async () => {
    const wang = h.staff("wang");
    await wang.say("/start");
    wang.expectReply("您好,某某快递 017 号为您服务。");
    expect(wang.buttons()).toEqual([
      "待回复查件",
      "示忙 / 示闲",
      "兄弟公司查件",
      "登记问题件",
      "自提件",
      "English",
    ]);
  });

  it("lists by role: couriers their pickups, dispatch the pickups to assign, the duty lead the overdue queries", async () => {
    const zhang = h.staff("zhang");
    await zhang.say("/menu");
    zhang.expectReply("某某快递 105 号");
    expect(zhang.buttons()).toEqual(["我的取件任务", "登记问题件", "自提件", "English"]);

    const chen = h.staff("chen");
    await chen.say("hello");
    expect(chen.buttons()).toEqual(["待派取件", "English"]);

    const li = h.staff("li");
    await li.say("/start");
    expect(li.buttons()).toEqual(["待回复查件", "超时查件", "English"]);
  });

  it("SOP-24: a driver's menu says notices come to them, with only the language button", async () => {
    const zhao = h.staff("zhao");
    await zhao.say("/start");
    zhao.expectReply("有货要接时会通知您(SOP-24)");
    expect(zhao.buttons()).toEqual(["English"]);
  });

  it("the language button switches the menu to English, greeting included", async () => {
    const wang = h.staff("wang");
    await wang.say("/start");
    await wang.press("English");
    wang.expectReply("Hello, Example Express operator no. 017 at your service.");
    expect(wang.buttons()).toContain("Open queries");
    expect(wang.buttons()).toContain("中文");
  });

  it("a staff command is answered as for a customer when the role does not fit (a courier asking for /queries)", async () => {
    const zhang = h.staff("zhang");
    await zhang.say("/queries");
    zhang.expectNoReply("待回复查件");
    zhang.expectReply("您可以:");
  });

  it("a menu button starts the flow it names", async () => {
    const chen = h.staff("chen");
    await chen.say("/start");
    await chen.press("待派取件");
    chen.expectReply("没有待派的取件");
  });
});

describe("SOP-14: available and busy", () => {
  let h: StaffHarness;
  beforeAll(async () => {
    h = await staffHarness("seat");
  }, HARNESS_TIMEOUT);
  afterAll(async () => {
    await h.close();
  });
  afterEach(async () => {
    expect(h.errors).toEqual([]);
    h.clock.set(shanghai("10:00"));
    for (const id of ["wang", "liu"]) await h.presence.setAvailable(id, false);
  });

  it("SOP-14: /available opens the seat and /busy closes it, and the duty lead is told", async () => {
    const wang = h.staff("wang");
    await wang.say("/available");
    wang.expectReply("已示闲");
    expect(await h.desk.isAvailable("wang")).toBe(true);

    const before = h.notifier.to("li").length;
    await wang.say("/busy");
    wang.expectReply("已示忙");
    wang.expectReply("已告知值班组长(SOP-14)");
    expect(await h.desk.isAvailable("wang")).toBe(false);
    expect(
      h.notifier
        .to("li")
        .slice(before)
        .map((n) => n.key),
    ).toContain("notice.staff.busy");
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

  it("SOP-14: after 17:30 the last available agent going busy is reminded that one seat stays open", async () => {
    h.clock.set(shanghai("17:45"));
    const wang = h.staff("wang");
    await wang.say("/available");
    await wang.say("/busy");
    wang.expectReply("17:30 后须保留一个查件座席(SOP-14)");

    // With a colleague still available, no reminder.
    await h.desk.setAvailability("liu", true);
    await wang.say("/available");
    await wang.say("/busy");
    wang.expectNoReply("17:30 后须保留");
  });

  it("SOP-14: before 17:30 no last-seat reminder", async () => {
    const wang = h.staff("wang");
    await wang.say("/available");
    await wang.say("/busy");
    wang.expectNoReply("17:30 后须保留");
  });
});
