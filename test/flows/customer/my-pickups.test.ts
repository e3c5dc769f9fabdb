import { describe, expect, it } from "vitest";
import type { ChatRef } from "../../../src/domain/kernel/chat";
import type { PickupRequest } from "../../../src/domain/ports/records";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

describe("customer flow: my pickups", () => {
  const h = useDeskHarness("mypickups");

  async function requested(chat: ChatRef, address = "文昌路 88 号 3 栋 502 室"): Promise<PickupRequest> {
    const result = await h.desk.requestPickup({
      customer: chat,
      language: "zh",
      draft: { address, phone: "13812345678", goods: "衣服", payment: "sender_pays", byAir: false },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.pickup;
  }

  const ref = (p: PickupRequest) => `#${p.id.slice(0, 8)}`;

  it("lists open requests with status, day and address, and cancels one after a confirmation", async () => {
    const chat = h.customer();
    const first = await requested(chat.who.chat);
    h.clock.advance(60_000);
    const second = await requested(chat.who.chat, "东关街 5 号 2 楼");
    await chat.say("/mypickups");
    chat.expectReply("您的取件预约");
    // The time and transport in the words of the courier's notice (pickupWhenText, transportText).
    chat.expectReply(`${ref(first)} · 今天(11月27日) 15:00 以后 · 陆运 · 文昌路 88 号 3 栋 502 室 · 待派单`);
    chat.expectReply(`${ref(second)} · 今天(11月27日) 15:00 以后 · 陆运 · 东关街 5 号 2 楼`);
    expect(chat.buttons()).toEqual([`取消 ${ref(first)}`, `取消 ${ref(second)}`, "没有了,谢谢"]);

    await chat.press(`取消 ${ref(first)}`);
    chat.expectReply(
      `确定要取消取件预约 ${ref(first)} 吗?\n地址:文昌路 88 号 3 栋 502 室\n取件:今天(11月27日) 15:00 以后\n运输方式:陆运`,
    );
    await chat.press("确定取消");
    chat.expectReply(`已为您取消取件预约 ${ref(first)}`);

    expect((await h.store.pickups.get(first.id))?.status).toBe("cancelled");
    expect((await h.store.pickups.get(second.id))?.status).toBe("requested");
    await chat.say("/mypickups");
    chat.expectNoReply(ref(first));
    chat.expectReply(ref(second));
  });

  it("keeps the request when the customer thinks better of it", async () => {
    const chat = h.customer();
    const pickup = await requested(chat.who.chat);
    await chat.say("/mypickups");
    await chat.press(`取消 ${ref(pickup)}`);
    await chat.press("保留预约");
    chat.expectReply("预约保持不变");
    expect((await h.store.pickups.get(pickup.id))?.status).toBe("requested");
  });

  it("a request collected while the customer was confirming the cancellation stays collected", async () => {
    const chat = h.customer();
    const pickup = await requested(chat.who.chat);
    await chat.say("/mypickups");
    await chat.press(`取消 ${ref(pickup)}`);
    expect((await h.desk.acceptPickup("zhang", pickup.id)).ok).toBe(true);
    expect((await h.desk.collectPickup("zhang", pickup.id)).ok).toBe(true);
    await chat.press("确定取消");
    chat.expectReply("业务员已经取件");
    chat.expectReply("0514-8000000");
    expect((await h.store.pickups.get(pickup.id))?.status).toBe("collected");
  });

  it("shows none, and offers to request one, when nothing is open", async () => {
    const chat = h.customer();
    await chat.say("/mypickups");
    chat.expectReply("没有进行中的取件预约");
    await chat.press("预约取件");
    chat.expectReply("详细地址");
  });

  it("a tracking number typed while the list is shown is looked up", async () => {
    const chat = h.customer();
    const no = freshTrackingNo();
    await h.ingest([scan(no, "arrived", shanghai("08:00"), "扬州转运中心")]);
    await chat.say("/mypickups");
    await chat.say(no);
    chat.expectReply(`运单 ${no}:运输途中`);
  });

  it("does not list another customer's requests", async () => {
    const mine = h.customer();
    const theirs = h.customer();
    const pickup = await requested(theirs.who.chat);
    await mine.say("/mypickups");
    mine.expectNoReply(ref(pickup));
    mine.expectReply("没有进行中的取件预约");
  });

  it("an old cancel button of a request cancelled meanwhile says it is expired and changes nothing more", async () => {
    const chat = h.customer();
    const pickup = await requested(chat.who.chat);
    await chat.say("/mypickups");
    const cancelButton = chat.payloadOf(`取消 ${ref(pickup)}`);
    await chat.press(`取消 ${ref(pickup)}`);
    await chat.press("确定取消");
    await chat.pressPayload(cancelButton);
    chat.expectReply("这个按钮已过期");
    const events = await h.store.pickups.events(pickup.id);
    expect(events.filter((e) => e.event === "cancelled")).toHaveLength(1);
  });
});
