import { describe, expect, it } from "vitest";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

/**
 * A problem scan's note is staff text ("疑难件 SOP-33 收件人拒收 …"): a customer's /track shows the
 * status in their words and never the note; an agent's /track of the same parcel shows the note
 * (masked), so the agent answering "收件人没有拒收啊" sees what the courier wrote.
 */
describe("a problem scan's note: for staff, not for customers", () => {
  const h = useDeskHarness("problem-note-readers");
  const NOTE = "疑难件 SOP-33 收件人拒收 电话13912345678";

  it("the customer reads no note; the agent reads it, masked; one message each", async () => {
    const no = freshTrackingNo();
    await h.ingest([
      scan(no, "out_for_delivery", shanghai("08:00"), "扬州东关营业部"),
      scan(no, "problem", shanghai("09:00"), "扬州东关营业部", { note: NOTE }),
    ]);
    const customer = h.customer();
    await customer.say(no);
    customer.expectNoReply("SOP-33");
    customer.expectNoReply("疑难件");
    customer.expectNoReply("拒收");
    expect(customer.received().perTurn).toEqual([1]);

    const wang = h.staff("wang");
    await wang.say(`/track ${no}`);
    wang.expectReply("收件人拒收");
    wang.expectReply("139****5678");
    wang.expectNoReply("13912345678");
    expect(wang.received().perTurn.at(-1)).toBe(1);
  });
});
