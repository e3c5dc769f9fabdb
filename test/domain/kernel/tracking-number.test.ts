import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { checkTrackingNo, normalizeTrackingNo } from "../../../src/domain/kernel/tracking-number";

const policy = defaultPolicy();

describe("tracking numbers", () => {
  it.each([
    ["YT 1234-5678-9012", "YT123456789012"],
    ["１２３４５６７８９０１２", "123456789012"],
    ["ea 123 456 789 cn", "EA123456789CN"],
    ["yt1234567890", "YT1234567890"],
    [" 7700 1234 5678 ", "770012345678"],
  ])("normalises %j to %s", (raw, normal) => {
    expect(normalizeTrackingNo(raw)).toBe(normal);
    expect(checkTrackingNo(raw, policy)).toEqual({ ok: true, trackingNo: normal });
  });

  it.each(["abc", "123", "12345678901234567890123", "YT12345678<script>", "YT 1234 5678 9012 ".repeat(10)])(
    "rejects %j as malformed",
    (raw) => {
      expect(checkTrackingNo(raw, policy)).toEqual({ ok: false, reason: "malformed" });
    },
  );

  it("does not take a mobile phone number (11 digits) for a tracking number", () => {
    expect(checkTrackingNo("138 0000 0003", policy)).toEqual({ ok: false, reason: "malformed" });
    expect(checkTrackingNo("1234567890", policy)).toEqual({ ok: false, reason: "malformed" });
  });

  it("rejects an empty number as empty", () => {
    expect(checkTrackingNo(" - ", policy)).toEqual({ ok: false, reason: "empty" });
  });

  it("uses the pattern in the policy, anchored at both ends", () => {
    const sf = defaultPolicy({ trackingNumber: { pattern: "SF[0-9]{12}" } });
    expect(checkTrackingNo("SF123456789012", sf).ok).toBe(true);
    expect(checkTrackingNo("XSF123456789012", sf).ok).toBe(false);
    expect(checkTrackingNo("YT1234567890", sf).ok).toBe(false);
  });
});
