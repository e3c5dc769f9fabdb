import { describe, expect, it } from "vitest";
import { maskPersonalData } from "../../../src/domain/kernel/privacy";

/** Trial finding 2: a word after 收件人 that says what the person did is no name (拒收 stays 拒收). */
describe("maskPersonalData: a verb after a person's label is no name", () => {
  it("keeps 收件人拒收, 收件人不在家, 收件人要求改地址 as written", () => {
    expect(maskPersonalData("收件人拒收")).toBe("收件人拒收");
    expect(maskPersonalData("收件人不在家,明天再送")).toBe("收件人不在家,明天再送");
    expect(maskPersonalData("收件人要求改地址")).toBe("收件人要求改地址");
    expect(maskPersonalData("外包装完好内件破损,收件人拒收")).toBe("外包装完好内件破损,收件人拒收");
  });

  it("ends a name where such a word starts, and still masks the name", () => {
    expect(maskPersonalData("联系人刘德华电话13912345678")).toBe("联系人刘*电话139****5678");
    expect(maskPersonalData("收件人张三说放门口")).toBe("收件人张*说放门口");
    expect(maskPersonalData("收件人拒收 电话13912345678 联系人:刘德华")).toBe(
      "收件人拒收 电话139****5678 联系人:刘*",
    );
    expect(maskPersonalData("签收人:张三丰")).toBe("签收人:张*");
    expect(maskPersonalData("联系人王,,")).toBe("联系人王*");
    // A second label right after a name is read as a label, and its name masked too.
    expect(maskPersonalData("收件人张三联系人李四")).toBe("收件人张*联系人李*");
  });
});
