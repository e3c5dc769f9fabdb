import { describe, expect, it } from "vitest";
import type { RenderedReply } from "../../../src/flows/types";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo } from "../../support/parcels";
import { messagesOf } from "../../support/transcript";

/**
 * Issue 14 §1: a customer's photo joins their query's thread, and the agent sees it. The agent's
 * card (opened or taken) is one message, and the thread's last photos follow it, one message each,
 * captioned with the time of the message they belong to. Notices stay text ("[照片]").
 */
describe("customer flow: photos in a thread reach the agent (SOP-10)", () => {
  const h = useDeskHarness("thread-photos");

  const photos = (replies: readonly RenderedReply[]) =>
    replies.flatMap((r) => (r.kind === "photo" ? [{ fileRef: r.fileRef, caption: r.caption }] : []));

  it("a customer writes and sends a photo of the damage; the agent opens and takes the query and sees the photo", async () => {
    h.presence.available.add("wang");
    const no = freshTrackingNo();
    const customer = h.customer();
    const wang = h.staff("wang");

    await customer.say(`/human ${no} 箱子里的东西摔坏了`);
    customer.expectReply("您的问题已转给客服");
    h.clock.set(shanghai("10:05"));
    await customer.send({ kind: "photo", fileRef: "AgACAgUAAxkBAAIB-damage" });
    customer.expectReply("照片收到了");
    expect(customer.received().perTurn).toEqual([1, 1]);
    // The notice is text only: the photo shows as [照片].
    const followUp = h.notifier.withKey("thread.notice.followUp").filter((n) => n.params.ref === no);
    expect(String(followUp[0]?.params.thread)).toContain("客户:[照片]");

    // Opened from the list: the card, then the photo with the time of its message.
    await wang.say("/queries");
    await wang.press(no);
    expect(messagesOf(wang.last)).toHaveLength(2);
    expect(wang.last[0]?.kind).toBe("choices");
    wang.expectReply("箱子里的东西摔坏了");
    wang.expectReply("[照片 AgACAgUAAxkBAAIB-damage]");
    expect(photos(wang.last)).toEqual([
      { fileRef: "AgACAgUAAxkBAAIB-damage", caption: "10:05 客户发来的照片" },
    ]);

    // Taken: the card with "taken" and the answer prompt is one message, the photo right after it.
    await wang.press("接单并回复");
    expect(messagesOf(wang.last).map((r) => r.kind)).toEqual(["choices", "photo"]);
    wang.expectReply("已接单");
    wang.expectReply("请直接输入回复内容");
    expect(photos(wang.last)).toEqual([
      { fileRef: "AgACAgUAAxkBAAIB-damage", caption: "10:05 客户发来的照片" },
    ]);

    // The answer itself is one message again, without the photo.
    await wang.say("很抱歉,请保留外箱,我们今天联系您办理理赔。");
    await wang.press("发送");
    expect(messagesOf(wang.last)).toHaveLength(1);
    expect(photos(wang.last)).toEqual([]);
    expect(wang.received().perTurn).toEqual([1, 2, 2, 1, 1]);
    wang.received().print("photo round trip (agent)");
  });

  it("in English: taken from the notice, the card brings the last 5 photos and says how many earlier ones it leaves out", async () => {
    h.presence.available.add("chen");
    const customer = h.customer("en");
    await customer.say("/human The vase in my parcel arrived broken");
    const [query] = await h.store.queries.listOpenByAsker(customer.who.chat);
    if (!query) throw new Error("no query");
    for (let i = 1; i <= 6; i += 1) {
      h.clock.set(shanghai(`10:1${i}`));
      await customer.send({ kind: "photo", fileRef: `file-${i}` });
      customer.expectReply("Photo received");
    }

    const chen = h.staff("chen");
    await chen.pressPayload(`a.qt.${query.id}`);
    chen.expectReply("The vase in my parcel arrived broken");
    expect(messagesOf(chen.last)).toHaveLength(1 + 5);
    const shown = photos(chen.last);
    expect(shown.map((p) => p.fileRef)).toEqual(["file-2", "file-3", "file-4", "file-5", "file-6"]);
    expect(shown[0]?.caption).toBe(
      "Earlier photos not shown: 1. These are the latest 5.\nPhoto from the customer, 10:12",
    );
    expect(shown[4]?.caption).toBe("Photo from the customer, 10:16");
    // The photos come after the card, never before it.
    expect(chen.last.findIndex((r) => r.kind === "choices")).toBeLessThan(
      chen.last.findIndex((r) => r.kind === "photo"),
    );
  });

  it("a thread without photos: the card is one message, as before", async () => {
    const customer = h.customer();
    await customer.say("/human 我想改一下收件地址");
    const [query] = await h.store.queries.listOpenByAsker(customer.who.chat);
    if (!query) throw new Error("no query");
    const wang = h.staff("wang");
    await wang.pressPayload(`a.qt.${query.id}`);
    expect(messagesOf(wang.last)).toHaveLength(1);
    expect(photos(wang.last)).toEqual([]);
  });
});
