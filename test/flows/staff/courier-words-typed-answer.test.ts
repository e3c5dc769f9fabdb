import { describe, expect, it } from "vitest";
import { useDeskHarness } from "../../support/desk-harness";

/**
 * A courier answers the desk's "要把这句话转给值班组长吗?" by typing, as people do, not only by the
 * button: "是的", "转吧", "ok" pass the words on; "不用" passes nothing; neither is itself offered.
 */
describe("the offer to pass a courier's words to the duty lead, answered by typing", () => {
  const h = useDeskHarness("courier-words-typed");

  for (const yes of ["是的", "转吧", "好的", "ok"]) {
    it(`'${yes}' passes the offered words, once, to the duty lead`, async () => {
      const zhang = h.staff("zhang");
      await zhang.say("这个件地址不对怎么办");
      const before = h.notifier.sent.length;
      await zhang.say(yes);
      zhang.expectReply("已把您的话转给值班组长 李强(003):“这个件地址不对怎么办”。");
      zhang.expectNoReply(`“${yes}”`);
      const sent = h.notifier.sent.slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.params).toMatchObject({ text: "这个件地址不对怎么办" });
      expect(zhang.received().perTurn).toEqual([1, 1]);
    });
  }

  it("'不用' passes nothing and is not offered itself", async () => {
    const zhang = h.staff("zhang");
    await zhang.say("今天几点收班");
    const before = h.notifier.sent.length;
    await zhang.say("不用");
    zhang.expectNoReply("转给值班组长");
    expect(h.notifier.sent.length).toBe(before);
  });
});
