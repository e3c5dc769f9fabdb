import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

/**
 * After an answer about two parcels, people name one by its place ("第二个", "后面那个", "the
 * second one"), not by tapping or retyping its number: that is the parcel, never the bare menu.
 */
describe("a parcel of a several-parcel answer named by its place", () => {
  const h = useDeskHarness("several-by-place");

  async function twoParcels(language?: string) {
    const [a, b] = [freshTrackingNo(), freshTrackingNo()];
    await h.ingest([
      scan(a, "delivered", shanghai("08:00"), "文昌路"),
      scan(b, "out_for_delivery", shanghai("08:30")),
    ]);
    const customer = h.customer(language);
    await customer.say(`${a} ${b}`);
    return { a, b, customer };
  }

  for (const words of ["第二个", "后面那个", "2", "第二个呢"]) {
    it(`'${words}' at "which one?" answers the second parcel`, async () => {
      const { a, b, customer } = await twoParcels();
      await customer.say("什么时候到");
      customer.expectReply("您问的是哪一个单号");
      await customer.say(words);
      customer.expectReply(`运单 ${b}:正在派送`);
      customer.expectNoReply(`运单 ${a}`);
      customer.expectNoReply("请选择您要办理的业务");
      expect(customer.received().perTurn).toEqual([1, 1, 1]);
    });
  }

  it("'第二个什么时候到' straight after the answer, and English 'the second one'", async () => {
    const { b, customer } = await twoParcels();
    await customer.say("第二个什么时候到");
    customer.expectReply(`运单 ${b}:正在派送`);
    const english = await twoParcels("en");
    await english.customer.say("when will it arrive");
    await english.customer.say("the second one");
    english.customer.expectReply(`Parcel ${english.b}:`);
    english.customer.expectNoReply("What would you like to do?");
  });

  it("SOP-73: '第一个我没收到' of the delivered one opens the receipt query for that parcel", async () => {
    const { a, customer } = await twoParcels();
    await customer.say("第一个我没收到");
    customer.expectReply("客服会调取签收回单");
    expect(customer.received().perTurn).toEqual([1, 1]);
    const [query] = await h.store.queries.listOpenByAsker(customer.who.chat);
    expect(query?.trackingNo).toBe(a);
  });

  it("a third parcel of two, or '我要寄快递', is no pick: a new request as before", async () => {
    const { customer } = await twoParcels();
    await customer.say("第三个");
    customer.expectNoReply("运单 YT");
    await customer.say("我要寄快递");
    customer.expectReply("详细地址");
  });
});

describe("a Telegram reply to an older several-parcel answer naming one by its place", () => {
  const h = useDeskHarness("several-by-place-reply");

  it("SOP-73: '第一个我没收到' replying to the answer, after the chat moved on, is that parcel's receipt query", async () => {
    const [a, b] = [freshTrackingNo(), freshTrackingNo()];
    await h.ingest([
      scan(a, "delivered", shanghai("08:00"), "文昌路"),
      scan(b, "out_for_delivery", shanghai("08:30")),
    ]);
    const customer = h.customer();
    await customer.say(`${a} ${b}`);
    const answer = customer.text();
    await customer.say("谢谢");
    await customer.send({ kind: "text", text: "第一个我没收到", replyTo: answer });
    customer.expectReply("客服会调取签收回单");
    customer.expectNoReply("请选择您要办理的业务");
    const [query] = await h.store.queries.listOpenByAsker(customer.who.chat);
    expect(query?.trackingNo).toBe(a);
    await customer.send({ kind: "text", text: "后面那个呢", replyTo: answer });
    customer.expectReply(`运单 ${b}:正在派送`);
    expect(customer.received().perTurn).toEqual([1, 1, 1, 1]);
  });
});
