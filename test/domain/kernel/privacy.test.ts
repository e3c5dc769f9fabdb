import { describe, expect, it } from "vitest";
import { maskPersonalData } from "../../../src/domain/kernel/privacy";

describe("maskPersonalData", () => {
  it("hides the middle of a mobile number, however it is typed", () => {
    expect(maskPersonalData("电话13800000003")).toBe("电话138****0003");
    expect(maskPersonalData("tel: 138-0000-0003")).toBe("tel: 138****0003");
    expect(maskPersonalData("call 138 0000 0003 now")).toBe("call 138****0003 now");
    expect(maskPersonalData("+86 13800000003")).toBe("138****0003");
  });

  it("hides the local number of a landline, keeping the area code", () => {
    expect(maskPersonalData("联系电话 0514-8000000")).toBe("联系电话 0514-***0000");
    expect(maskPersonalData("(021)12345678")).toBe("(021)****5678");
    expect(maskPersonalData("021 1234 5678")).toBe("021 ****5678");
  });

  it("leaves waybill numbers and other long digit runs alone", () => {
    expect(maskPersonalData("运单 YT13800000003 已到")).toBe("运单 YT13800000003 已到");
    expect(maskPersonalData("转单 0514800000012")).toBe("转单 0514800000012");
    expect(maskPersonalData("138000000031")).toBe("138000000031");
  });

  it("keeps only the first character of a name after 签收人/收件人/寄件人/联系人", () => {
    expect(maskPersonalData("已签收,签收人:张三丰")).toBe("已签收,签收人:张*");
    expect(maskPersonalData("收件人 李四 电话13900001111")).toBe("收件人 李* 电话139****1111");
    expect(maskPersonalData("寄件人:欧阳修")).toBe("寄件人:欧*");
    expect(maskPersonalData("联系人王,,")).toBe("联系人王*");
  });

  it("SOP-74: 草签 and 已收 are no names and stay", () => {
    expect(maskPersonalData("签收人:草签")).toBe("签收人:草签");
    expect(maskPersonalData("签收人:已收")).toBe("签收人:已收");
  });

  it("masks English names after 'signed by' and similar labels", () => {
    expect(maskPersonalData("Delivered, signed by John Smith")).toBe("Delivered, signed by J*");
    expect(maskPersonalData("recipient: mary")).toBe("recipient: m*");
    expect(maskPersonalData("signed by the front desk")).toBe("signed by the front desk");
  });

  it("keeps places and everything else", () => {
    expect(maskPersonalData("快件已到达 扬州转运中心,下一站 东关分点")).toBe(
      "快件已到达 扬州转运中心,下一站 东关分点",
    );
  });
});
