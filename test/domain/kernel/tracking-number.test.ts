import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import {
  checkTrackingNo,
  normalizeTrackingNo,
  trackingFormats,
} from "../../../src/domain/kernel/tracking-number";

const policy = defaultPolicy();

describe("tracking numbers", () => {
  it.each([
    ["YT 1234-5678-9012", "YT123456789012"],
    ["１２３４５６７８９０１２", "123456789012"],
    ["ea 123 456 785 cn", "EA123456785CN"], // UPU S10 with its check digit (5)
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

  it("a UPU S10 number whose check digit does not match is a typo, with the number as read", () => {
    expect(checkTrackingNo("RR473124829GB", policy)).toEqual({ ok: true, trackingNo: "RR473124829GB" });
    expect(checkTrackingNo("rr 473124828 gb", policy)).toEqual({
      ok: false,
      reason: "check_digit",
      trackingNo: "RR473124828GB",
    });
  });

  it("reads the accepted formats from the same pattern, so the hint and the check are one rule", () => {
    expect(trackingFormats(policy.trackingNumber.pattern)).toEqual([
      [
        { kind: "letters", min: 1, max: 4 },
        { kind: "digits", min: 8, max: 18 },
      ],
      [{ kind: "digits", min: 12, max: 18 }],
      [
        { kind: "letters", min: 2, max: 2 },
        { kind: "digits", min: 9, max: 9 },
        { kind: "letters", min: 2, max: 2 },
      ],
    ]);
    expect(trackingFormats("SF[0-9]{12}")).toBeUndefined();
    expect(trackingFormats("\\d{10}")).toEqual([[{ kind: "digits", min: 10, max: 10 }]]);
  });
});
