import { describe, expect, it } from "vitest";
import { isGroupChat } from "../../../src/domain/kernel/chat";
import { DEFAULT_TUNING } from "../../../src/jobs/queues";
import { chatIntervalMs } from "../../../src/jobs/send-worker";

/** Slack's posting limits as the send queue applies them (issue 10 §5; DESIGN.md "Jobs"). */
describe("Slack's limits on the send queue", () => {
  const limits = DEFAULT_TUNING.limits.slack;

  it("sends at most one message a second to a channel, and to a person's DM", () => {
    expect(isGroupChat("slack", "C0DISPATCH")).toBe(true);
    expect(isGroupChat("slack", "G0PRIVATE")).toBe(true);
    expect(isGroupChat("slack", "U0WANG")).toBe(false);
    expect(chatIntervalMs(limits, "slack", "C0DISPATCH")).toBe(1000);
    expect(chatIntervalMs(limits, "slack", "U0WANG")).toBe(1000);
  });

  it("spaces the whole app's posts evenly (one job per window), as Telegram's are", () => {
    expect(limits.global).toEqual({ max: 1, duration: 50 });
    expect(DEFAULT_TUNING.limits.telegram.global?.max).toBe(1);
  });
});
