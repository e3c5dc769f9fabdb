import { describe, expect, it } from "vitest";
import { saysNotReceived } from "../../../src/domain/deliveries/not-received";

describe("SOP-73: a customer saying a parcel was not received", () => {
  it.each([
    "不对,我没收到",
    "显示签收了但是我没拿到",
    "我没有收到啊",
    "根本没送到",
    "wrong, I never got it",
    "I did not receive it",
    "it says delivered but I haven't received anything",
  ])("%j says so", (text) => {
    expect(saysNotReceived(text)).toBe(true);
  });

  it.each([
    "还没收到钱",
    "赔款没收到",
    "收到了,谢谢",
    "什么时候到",
    "I got it, thanks",
    "refund not received",
  ])("%j does not (money, or received)", (text) => {
    expect(saysNotReceived(text)).toBe(false);
  });
});
