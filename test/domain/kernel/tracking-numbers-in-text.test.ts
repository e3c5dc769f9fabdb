import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { findTrackingNumbers } from "../../../src/domain/kernel/tracking-number-in-text";

const policy = defaultPolicy();

describe("every tracking number in a text (findTrackingNumbers)", () => {
  it.each([
    ["YT1234567890 YT1234567891", ["YT1234567890", "YT1234567891"]],
    ["我要索赔 YT1234567890 和 yt1234567891 都丢了", ["YT1234567890", "YT1234567891"]],
    ["YT1234567890,YT1234567890 还有 1234 5678 9012", ["YT1234567890", "123456789012"]],
    ["我的电话 13800000003,件在哪", []],
    ["", []],
  ])("%j → %j, each once, in the order typed", (text, numbers) => {
    expect(findTrackingNumbers(text, policy)).toEqual(numbers);
  });

  it("reads at most 50 from one text", () => {
    const many = Array.from({ length: 60 }, (_, i) => `YT${String(1234567000 + i)}`).join(" ");
    expect(findTrackingNumbers(many, policy)).toHaveLength(50);
  });
});
