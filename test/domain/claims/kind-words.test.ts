import { describe, expect, it } from "vitest";
import { claimKindAnswer, claimKindInText } from "../../../src/domain/claims/kind-words";

/** SOP-70, SOP-71: the kind of a claim read from a customer's words. */
describe("a claim's kind in the customer's words", () => {
  it.each([
    ["我要索赔,YT1234567890123 丢了", "loss"],
    ["快递坏了", "damage"],
    ["一直没到,要赔偿", "delay"],
    ["没有丢,是坏了", "damage"],
    ["不是丢了,是晚了三天", "delay"],
    ["东西没坏,就是一直没到", "delay"],
    ["it was not lost but damaged", "damage"],
    ["the parcel isn't lost, it came late", "delay"],
    ["我没收到快递", "loss"],
  ])("%s → %s", (text, kind) => {
    expect(claimKindInText(text)).toBe(kind);
    expect(claimKindAnswer(text)).toBe(kind);
  });

  it("asks when two kinds are named, or none; at the kind question the first named wins", () => {
    expect(claimKindInText("晚了还坏了")).toBeUndefined();
    expect(claimKindAnswer("晚了还坏了")).toBe("delay");
    expect(claimKindAnswer("坏了,也晚了")).toBe("damage");
    expect(claimKindInText("我要索赔")).toBeUndefined();
    expect(claimKindInText("没有丢")).toBeUndefined();
  });

  it("reads no kind inside a waybill or a phone number", () => {
    expect(claimKindInText("YT1234567890123 13800000000")).toBeUndefined();
  });
});
