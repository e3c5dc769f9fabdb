import { describe, expect, it } from "vitest";
import { checkFullAddress } from "../../../src/domain/kernel/address";

describe("full addresses", () => {
  it.each([
    "扬州市广陵区文昌路 88 号",
    "东关街12号3栋201室",
    "东关街十二号",
    "12 Wenchang Road",
    "西湖镇金槐村5组18号",
  ])("SOP-20: accepts %s", (address) => {
    expect(checkFullAddress(address).ok).toBe(true);
  });

  it.each(["搬走了", "城东", "文昌路", "moved", "Wenchang Road", "东关街附近"])(
    "SOP-20: refuses the half address %s",
    (a) => {
      expect(checkFullAddress(a)).toEqual({ ok: false, reason: "incomplete" });
    },
  );

  it("refuses empty and overlong addresses with their own reasons", () => {
    expect(checkFullAddress("   ")).toEqual({ ok: false, reason: "empty" });
    expect(checkFullAddress(`文昌路88号${"x".repeat(300)}`)).toEqual({ ok: false, reason: "too_long" });
  });

  it("normalises full-width characters and spaces", () => {
    expect(checkFullAddress("文昌路　８８号")).toEqual({ ok: true, address: "文昌路 88号" });
  });
});
