import { describe, expect, it } from "vitest";
import { staffClosing, staffGreeting, staffSignature } from "../../../src/domain/queries/greeting";
import { branchDirectory } from "../../support/branch";

/**
 * SOP-80: "您好,某某快递 NNN 号为您服务", closing with "再见"; SOP-81: staff give their real work number,
 * or their surname when they have none. One greeting and one closing for every message a person
 * of the branch sends a customer.
 */
const directory = branchDirectory();

describe("SOP-80, SOP-81: the greeting and the closing of staff messages to customers", () => {
  it("SOP-80: the greeting names the network and the work number, in the customer's language", () => {
    expect(staffGreeting(directory, "zh", "wang")).toBe("您好,某某快递 017 号为您服务。");
    expect(staffGreeting(directory, "en", "wang")).toBe(
      "Hello, Example Express operator no. 017 at your service.",
    );
  });

  it("SOP-81: with no work number, the greeting gives the name and the signature the surname", () => {
    expect(staffGreeting(directory, "zh", "sun")).toBe("您好,某某快递 孙丽 为您服务。");
    expect(staffSignature(directory, "zh", "sun")).toBe("客服孙");
    expect(staffSignature(directory, "zh", "wang")).toBe("017 号客服");
  });

  it("SOP-80: the closing signs with the work number and ends with 再见 / Goodbye", () => {
    expect(staffClosing(directory, "zh", "wang")).toBe("—— 017 号客服。再见。");
    expect(staffClosing(directory, "en", "chen")).toBe("— agent no. 021. Goodbye.");
  });
});
