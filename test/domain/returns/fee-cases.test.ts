import { describe, expect, it } from "vitest";
import { defaultPolicy, policySchema } from "../../../src/domain/config/policy";
import { durationMs } from "../../../src/domain/kernel/duration";
import { readDestination, readWeight } from "../../../src/domain/returns/destination";
import { quoteReturnFee } from "../../../src/domain/returns/origin-return";

/**
 * Issue 12's four SOP-60 cases with the default policy, as an agent types them when recording a
 * return (a province, a weight), and the branch's overrides.
 */
const deps = { policy: defaultPolicy() };

describe("SOP-60: the four cases of the issue, default policy", () => {
  it("SOP-60: Jiangsu is free, whatever the weight", () => {
    expect(quoteReturnFee(deps, 30, "江苏")).toMatchObject({ ok: true, yuan: 0, route: "free_region" });
  });

  it("SOP-60: Heilongjiang, 7 kg on a network shuttle: 2 × 7 = 14 yuan (the whole weight once over 5 kg)", () => {
    expect(quoteReturnFee(deps, 7, "黑龙江")).toMatchObject({
      ok: true,
      yuan: 14,
      route: "shuttle",
      chargedKg: 7,
    });
  });

  it("SOP-60: a branch that reads 'over 5 kg' as only the excess: 2 × (7 − 5) = 4 yuan", () => {
    const p = { policy: defaultPolicy({ returnFees: { shuttleChargedWeight: "over_free" } }) };
    expect(quoteReturnFee(p, 7, "黑龙江")).toMatchObject({ ok: true, yuan: 4, chargedKg: 2 });
    expect(quoteReturnFee(p, 5, "黑龙江")).toMatchObject({ ok: true, yuan: 0 });
  });

  it("SOP-60: Xinjiang has no network shuttle by default: 5 yuan per kg (7 kg → 35 yuan)", () => {
    expect(quoteReturnFee(deps, 7, "新疆乌鲁木齐")).toMatchObject({
      ok: true,
      yuan: 35,
      route: "no_shuttle",
    });
    expect(quoteReturnFee(deps, 2, "Qinghai")).toMatchObject({ ok: true, yuan: 10, route: "no_shuttle" });
  });

  it("SOP-60: Tibet at its own rate: 8 yuan per kg (7 kg → 56 yuan), typed in Chinese or English", () => {
    expect(quoteReturnFee(deps, 7, "西藏拉萨")).toMatchObject({ ok: true, yuan: 56, route: "tibet" });
    expect(quoteReturnFee(deps, 7, "Tibet")).toMatchObject({ ok: true, yuan: 56, route: "tibet" });
  });

  it("SOP-60: the branch overrides the no-shuttle provinces (Xinjiang on a shuttle, Gansu without)", () => {
    const p = { policy: defaultPolicy({ returnFees: { noShuttleRegions: ["甘肃"] } }) };
    expect(quoteReturnFee(p, 7, "新疆")).toMatchObject({ route: "shuttle", yuan: 14 });
    expect(quoteReturnFee(p, 7, "甘肃兰州")).toMatchObject({ route: "no_shuttle", yuan: 35 });
  });

  it("an old policy file without the new keys still loads, with the defaults", () => {
    const p = policySchema.parse({ returnFees: { shuttlePerKgYuan: 3 } });
    expect(p.returnFees.shuttleChargedWeight).toBe("whole");
    expect(p.returnFees.noShuttleRegions).toEqual(["新疆", "青海"]);
    // SOP-50's unsent message goes to the supervisors after one day by default.
    expect(durationMs(new Date("2026-11-27T02:00:00Z"), p.originMessage.escalateAfter, p.timezone)).toBe(
      86_400_000,
    );
    expect(() => policySchema.parse({ returnFees: { shuttleChargedWeight: "half" } })).toThrow();
  });
});

describe("what the agent types (SOP-60 inputs, validated, never guessed)", () => {
  it.each([
    ["7", 7],
    ["7.5", 7.5],
    ["7 kg", 7],
    ["7公斤", 7],
    ["７ＫＧ", 7],
    ["1000", 1000],
  ])("the weight %s is %s kg", (typed, kg) => {
    expect(readWeight(typed)).toEqual({ ok: true, weightKg: kg });
  });

  it.each(["", "0", "-3", "七", "7斤", "1000.5", "1e3", "7.1234", "NaN", "字".repeat(10_000)])(
    "the weight %j is refused",
    (typed) => {
      expect(readWeight(typed)).toEqual({ ok: false });
    },
  );

  it("a destination names a province (or a city of the fee lists); anything else is refused", () => {
    const p = defaultPolicy();
    expect(readDestination("黑龙江", p)).toEqual({ ok: true, destination: "黑龙江" });
    expect(readDestination("  山东 菏泽  ", p)).toEqual({ ok: true, destination: "山东 菏泽" });
    expect(readDestination("菏泽", p)).toEqual({ ok: true, destination: "菏泽" });
    expect(readDestination("heilongjiang", p)).toEqual({ ok: true, destination: "黑龙江" });
    expect(readDestination("火星", p)).toEqual({ ok: false, reason: "unknown_province" });
    expect(readDestination("   ", p)).toEqual({ ok: false, reason: "empty" });
    expect(readDestination("江苏".repeat(30), p)).toEqual({ ok: false, reason: "too_long" });
    expect(readDestination(undefined, p)).toEqual({ ok: false, reason: "empty" });
  });
});
