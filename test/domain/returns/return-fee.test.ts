import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { returnFee } from "../../../src/domain/returns/return-fee";

const policy = defaultPolicy();
const fee = (destination: string, weightKg: number, byAir?: boolean) =>
  returnFee({ destination, weightKg, byAir }, policy);

describe("SOP-60 routes", () => {
  it.each(["江苏省南京市鼓楼区", "浙江杭州", "上海市浦东新区", "安徽省合肥市"])(
    "SOP-60: a return to %s (江浙沪皖) is free whatever the weight",
    (destination) => {
      expect(fee(destination, 40)).toMatchObject({ ok: true, yuan: 0, route: "free_region" });
    },
  );

  it.each(["山东省菏泽市牡丹区", "济宁市任城区", "枣庄"])(
    "SOP-60: south-west Shandong is free by city name (%s)",
    (destination) => {
      expect(fee(destination, 12)).toMatchObject({ ok: true, yuan: 0, route: "free_region" });
    },
  );

  it("SOP-60: the rest of Shandong is not free: it goes by shuttle", () => {
    expect(fee("山东省济南市历下区", 12)).toMatchObject({ ok: true, yuan: 24, route: "shuttle" });
  });

  it("SOP-60: Tibet is 8 yuan per kg on the rounded-up weight", () => {
    expect(fee("西藏自治区拉萨市", 2.3)).toMatchObject({ ok: true, yuan: 24, route: "tibet", chargedKg: 3 });
  });

  it("SOP-60: Tibet is checked first, before the free and no-shuttle lists", () => {
    const p = defaultPolicy({ returnFees: { noShuttleRegions: ["西藏", "新疆"] } });
    expect(returnFee({ destination: "西藏拉萨 (寄件人在江苏)", weightKg: 1 }, p)).toMatchObject({
      route: "tibet",
      yuan: 8,
    });
  });

  it("SOP-60: a street named after a region is not that region (上海 西藏中路, 青岛 安徽路)", () => {
    expect(fee("上海市黄浦区西藏中路 100 号", 3)).toMatchObject({ route: "free_region", yuan: 0 });
    expect(fee("山东省青岛市市南区安徽路 5 号", 6)).toMatchObject({ route: "shuttle", yuan: 12 });
  });

  it("SOP-60: destinations with no network shuttle pay 5 yuan per kg", () => {
    const p = defaultPolicy({ returnFees: { noShuttleRegions: ["新疆"] } });
    expect(returnFee({ destination: "新疆乌鲁木齐市", weightKg: 1.2 }, p)).toMatchObject({
      ok: true,
      yuan: 10,
      route: "no_shuttle",
    });
  });
});

describe("SOP-60 shuttle weights", () => {
  it("SOP-60: exactly 5 kg by shuttle is free", () => {
    expect(fee("湖北省武汉市", 5)).toMatchObject({ ok: true, yuan: 0, route: "shuttle" });
  });

  it("SOP-60: 5.1 kg by shuttle pays 2 yuan/kg on the whole weight rounded up (6 kg → 12 yuan)", () => {
    expect(fee("湖北省武汉市", 5.1)).toMatchObject({ ok: true, yuan: 12, chargedKg: 6 });
  });

  it("SOP-60: under 5 kg is free and whole kilograms are not rounded further (10 kg → 20 yuan)", () => {
    expect(fee("广东省广州市", 0.1)).toMatchObject({ yuan: 0 });
    expect(fee("广东省广州市", 4.99)).toMatchObject({ yuan: 0 });
    expect(fee("广东省广州市", 10)).toMatchObject({ yuan: 20, chargedKg: 10 });
  });

  it("SOP-60: the thresholds and rates are the policy's", () => {
    const p = defaultPolicy({ returnFees: { shuttleFreeUpToKg: 10, shuttlePerKgYuan: 3 } });
    expect(returnFee({ destination: "湖北", weightKg: 10 }, p)).toMatchObject({ yuan: 0 });
    expect(returnFee({ destination: "湖北", weightKg: 10.5 }, p)).toMatchObject({ yuan: 33 });
  });

  it("SOP-60: the fee is always a whole number of yuan and never falls as weight grows", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 999, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (w, extra) => {
          const a = fee("河南省郑州市", w);
          const b = fee("河南省郑州市", w + extra);
          if (!a.ok || !b.ok) return false;
          return Number.isInteger(a.yuan) && a.yuan >= 0 && b.yuan >= a.yuan;
        },
      ),
    );
  });
});

describe("SOP-60 air and bad input", () => {
  it("SOP-60: an air return may carry a cost, even to a free region", () => {
    expect(fee("江苏扬州", 2, true)).toMatchObject({ ok: true, yuan: 0, airMayCost: true });
    expect(fee("江苏扬州", 2)).toMatchObject({ airMayCost: false });
  });

  it.each([
    [0, "weight_not_positive"],
    [-1, "weight_not_positive"],
    [Number.NaN, "weight_not_a_number"],
    [1000.01, "weight_over_limit"],
    [Number.POSITIVE_INFINITY, "weight_over_limit"],
  ])("SOP-60: a weight of %s kg is refused (%s)", (weightKg, reason) => {
    expect(fee("湖北", weightKg)).toEqual({ ok: false, reason });
  });

  it("SOP-60: 1000 kg is still priced; an empty destination is refused", () => {
    expect(fee("湖北", 1000)).toMatchObject({ ok: true, yuan: 2000 });
    expect(fee("  ", 1)).toEqual({ ok: false, reason: "no_destination" });
  });
});
