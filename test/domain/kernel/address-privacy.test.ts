import { describe, expect, it } from "vitest";
import { maskAddressDetail } from "../../../src/domain/kernel/address-privacy";
import { EAST_ADDRESS } from "../../support/branch";

/** Issue 16 §6: a group chat reads the road and street number of an address, never the flat. */
describe("maskAddressDetail", () => {
  it("keeps the city, road and street number; hides building, unit and room", () => {
    expect(maskAddressDetail(EAST_ADDRESS)).toBe("扬州市文昌路 100 号 * 栋 *** 室");
    expect(maskAddressDetail("扬州市文昌中路８８号五单元302")).toBe("扬州市文昌中路８８号*单元***");
    expect(maskAddressDetail("东关街 66-2 号 1 栋 101 室")).toBe("东关街 66-2 号 * 栋 *** 室");
  });

  it("an address that is only a street number is left as it is", () => {
    expect(maskAddressDetail("扬州市文昌路 300 号")).toBe("扬州市文昌路 300 号");
  });

  it("without a street number, the numbers after the road or estate go", () => {
    expect(maskAddressDetail("扬州市阳光小区12栋302室")).toBe("扬州市阳光小区**栋***室");
    expect(maskAddressDetail("104国道旁 12 栋")).toBe("104国道旁 ** 栋");
  });

  it("no road named: every number hidden", () => {
    expect(maskAddressDetail("城东 18 栋 2 室")).toBe("城东 ** 栋 * 室");
  });

  it("a Latin address keeps its street number and hides the flat", () => {
    expect(maskAddressDetail("Room 1203, 100 Wenchang Road")).toBe("Room ****, 100 Wenchang Road");
    expect(maskAddressDetail("100 Wenchang Rd, Bldg 3, Apt #12")).toBe("100 Wenchang Rd, Bldg *, Apt #**");
  });
});
