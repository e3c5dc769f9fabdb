import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { maskedSigner } from "../../../src/domain/following/push-message";
import { hasQuietHours, latestPush, pushStatus, quietUntil } from "../../../src/domain/following/rules";
import { createBusinessCalendar } from "../../../src/domain/kernel/calendar";

/** Issue 17: which scans push, the customers' quiet hours, and which of several pushes is said. */
const at = (time: string, date = "2026-11-27") => new Date(`${date}T${time}+08:00`);

describe("following rules (issue 17)", () => {
  const policy = defaultPolicy();
  const calendar = createBusinessCalendar(policy);

  it("pushes the statuses that matter once each, the scans in between per place, nothing else", () => {
    expect(pushStatus("out_for_delivery", "A")).toBe("out_for_delivery");
    expect(pushStatus("delivered", "A")).toBe("delivered");
    expect(pushStatus("problem", "A")).toBe("problem");
    expect(pushStatus("returned", "A")).toBe("returned");
    expect(pushStatus("held_for_pickup", "A")).toBe("held_for_pickup");
    expect(pushStatus("departed", "扬州转运中心")).toBe("departed@扬州转运中心");
    expect(pushStatus("arrived", "B")).toBe("arrived@B");
  });

  it("§3: the default window 21:00–08:00 holds pushes until 08:00, across midnight", () => {
    expect(quietUntil(policy, calendar, at("20:59:59"))).toBeUndefined();
    expect(quietUntil(policy, calendar, at("21:00:00"))).toEqual(at("08:00:00", "2026-11-28"));
    expect(quietUntil(policy, calendar, at("23:59:00"))).toEqual(at("08:00:00", "2026-11-28"));
    expect(quietUntil(policy, calendar, at("00:30:00"))).toEqual(at("08:00:00"));
    expect(quietUntil(policy, calendar, at("07:59:57"))).toEqual(at("08:00:00"));
    expect(quietUntil(policy, calendar, at("08:00:00"))).toBeUndefined();
  });

  it("§3: a window inside one day, and none at all when it starts where it ends", () => {
    const noon = defaultPolicy({ following: { quietHours: { starts: "12:00", ends: "14:00" } } });
    expect(quietUntil(noon, calendar, at("13:00:00"))).toEqual(at("14:00:00"));
    expect(quietUntil(noon, calendar, at("15:00:00"))).toBeUndefined();
    const never = defaultPolicy({ following: { quietHours: { starts: "00:00", ends: "00:00" } } });
    expect(quietUntil(never, calendar, at("03:00:00"))).toBeUndefined();
  });

  it("the policy file without the key still loads, and a bad clock time is refused", () => {
    expect(defaultPolicy().following.quietHours.starts.text).toBe("21:00");
    expect(() => defaultPolicy({ following: { quietHours: { starts: "25:00" } } } as never)).toThrow();
  });

  it("several pushes become the latest: the newest event, the later status on a tie", () => {
    const p = (kind: string, time: string) => ({ kind, at: at(time) });
    expect(latestPush([p("out_for_delivery", "09:00:00"), p("problem", "10:00:00")])?.kind).toBe("problem");
    expect(latestPush([p("delivered", "10:00:00"), p("out_for_delivery", "10:00:00")])?.kind).toBe(
      "delivered",
    );
    expect(latestPush([])).toBeUndefined();
  });

  it("SOP-74: the signer as a follower reads it: a name masked 张*, the other forms as entered", () => {
    expect(maskedSigner("zh", "full_name", "张伟")).toBe("张*");
    expect(maskedSigner("zh", "surname_only", "王,,")).toBe("王*");
    expect(maskedSigner("zh", "given_only", ",小明")).toBe("*");
    expect(maskedSigner("en", "scribble", "草签")).toContain("not legible");
    expect(maskedSigner("zh", "unsigned", "已收")).toContain("未签名");
    expect(maskedSigner("zh", "stamp", "扬州某某有限公司")).toBe("扬州某某有限公司");
  });

  it("a quiet window whose start equals its end is no window, at any hour", () => {
    expect(hasQuietHours(policy)).toBe(true);
    const noon = defaultPolicy({ following: { quietHours: { starts: "12:00", ends: "14:00" } } });
    expect(hasQuietHours(noon)).toBe(true);
    for (const same of ["00:00", "21:00"]) {
      const none = defaultPolicy({ following: { quietHours: { starts: same, ends: same } } });
      expect(hasQuietHours(none), same).toBe(false);
      expect(quietUntil(none, calendar, at("22:00:00")), same).toBeUndefined();
    }
  });
});
