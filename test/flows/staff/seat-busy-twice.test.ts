import { afterEach, describe, expect, it } from "vitest";
import { noticePayload } from "../../../src/domain/desk";
import { shanghai, useDeskHarness } from "../../support/desk-harness";

describe("SOP-14: the last open seat asks to go busy twice", () => {
  const h = useDeskHarness("seat-busy-twice");
  afterEach(() => h.presence.available.clear());

  it("SOP-14: a second /busy while the request waits sends the duty lead no second card; approve still works", async () => {
    h.clock.set(shanghai("17:40"));
    const wang = h.staff("wang");
    await wang.say("/available");
    await wang.say("/busy");
    wang.expectReply("已请值班组长确认");
    await wang.say("/busy");
    wang.expectReply("已经请值班组长确认过您的示忙申请");
    expect(wang.received().perTurn).toEqual([1, 1, 1]);
    expect(await h.desk.isAvailable("wang")).toBe(true);

    const cards = h.notifier.toPerson("li").filter((n) => n.key === "seat.notice.askBusy");
    expect(cards).toHaveLength(1);
    const audit = await h.store.audit.list({ subject: "staff/wang" });
    expect(audit.filter((a) => a.action === "staff.busy_asked")).toHaveLength(1);

    const li = h.staff("li");
    await li.pressPayload(noticePayload(cards[0]?.actions?.[0]?.action ?? ""));
    li.expectReply("已同意 王芳(017) 示忙");
    expect(await h.desk.isAvailable("wang")).toBe(false);
    expect(li.received().perTurn).toEqual([1]);
  });

  it("SOP-14: yesterday's unanswered request does not stop today's card", async () => {
    h.clock.set(shanghai("17:40", "2026-11-26"));
    await h.desk.setAvailability("wang", true);
    expect(await h.desk.setAvailability("wang", false)).toMatchObject({ reason: "last_seat" });
    h.clock.set(shanghai("17:40"));
    const before = h.notifier.toPerson("li").length;
    expect(await h.desk.setAvailability("wang", false)).toMatchObject({ reason: "last_seat" });
    expect(
      h.notifier
        .toPerson("li")
        .slice(before)
        .map((n) => n.key),
    ).toEqual(["seat.notice.askBusy"]);
    h.clock.set(shanghai("10:00"));
  });
});
