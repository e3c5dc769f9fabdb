import { describe, expect, it } from "vitest";
import { isAcknowledgementWord } from "../../../src/domain/broadcasts/ack-words";

/** SOP-83: what a courier or driver types to acknowledge a broadcast, and what is more than that. */
describe("SOP-83: typed acknowledgements", () => {
  it("counts a short reply that starts with an acknowledgement word", () => {
    for (const typed of [
      "收到",
      "收到!",
      "好的,收到",
      "收到,明天准时到",
      "知道了。",
      "OK",
      "👍",
      "got it",
      "嗯,明白",
      "已收到",
      "Roger.",
    ])
      expect(isAcknowledgementWord(typed), typed).toBe(true);
  });

  it("does not count a question, a but, a no, a number or a long message", () => {
    for (const typed of [
      "收到,但是我的车坏了怎么办",
      "收到?",
      "好的吗",
      "不收到",
      "收到 YT1234567890",
      "ok but the road is closed",
      "收到收到收到收到收到收到收到收到收到收到收到",
      "明天几点到",
    ])
      expect(isAcknowledgementWord(typed), typed).toBe(false);
  });
});
