import { describe, expect, it } from "vitest";
import { findPhone, normalizePhone } from "../../../src/domain/kernel/phone";

describe("a phone inside a sentence (SOP-20: the pickup's contact phone, as people type it)", () => {
  it.each([
    ["我的电话 138-1234-5678", "13812345678"],
    ["电话13812345678", "13812345678"],
    ["我的手机号是１３８１２３４５６７８,谢谢", "13812345678"],
    ["打这个 +86 138 1234 5678 就行", "13812345678"],
    ["座机(0514) 8000000,白天有人", "0514-8000000"],
    ["call me on 0514-8765 4321 please", "0514-87654321"],
    ["my number is 138 1234 5678", "13812345678"],
    ["文昌路88号, 13812345678", "13812345678"],
    ["13812345678 或者 13900000000", "13812345678"],
    ["138-1234-5678", "13812345678"],
  ])("SOP-20: %j holds the phone %s", (text, phone) => {
    expect(findPhone(text)).toBe(phone);
  });

  it.each([
    "我的电话 138-1234",
    "1381234",
    "电话 138123456789", // twelve digits: no eleven of them are taken
    "单号 YT13812345678",
    "明天下午3点",
    "",
  ])("SOP-20: %j holds no phone", (text) => {
    expect(findPhone(text)).toBeUndefined();
  });

  it("one rule: a whole number is found exactly when normalizePhone takes it", () => {
    for (const typed of ["13800000003", "+86 138 0000 0003", "0514-8000000", "12800000003", "0514-80000"]) {
      expect(findPhone(typed)).toBe(normalizePhone(typed));
    }
  });

  it("a long run of numbers is read quickly and never throws", () => {
    const noise = Array.from({ length: 5000 }, (_, i) => String(i % 10)).join(" ");
    expect(findPhone(noise)).toBeUndefined();
  });
});
