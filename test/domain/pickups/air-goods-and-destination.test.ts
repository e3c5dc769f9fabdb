import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { createBusinessCalendar } from "../../../src/domain/kernel/calendar";
import { findPlace } from "../../../src/domain/kernel/place-in-text";
import { MAINLAND_REGIONS, REGIONS } from "../../../src/domain/kernel/places";
import { checkDestination } from "../../../src/domain/pickups/coverage";
import { airGoodsClass } from "../../../src/domain/pickups/goods";
import { checkGoods, validatePickupDraft } from "../../../src/domain/pickups/rules";
import { branchDirectory } from "../../support/branch";

const policy = defaultPolicy();
const coverage = policy.coverage;

describe("SOP-26: by air, goods in their everyday names", () => {
  const refused: [goods: string, matched: string, kind: string][] = [
    // built-in lithium batteries
    ["一部旧手机", "手机", "battery"],
    ["笔记本电脑一台", "笔记本电脑", "battery"],
    ["充电宝", "充电宝", "battery"],
    ["相机和镜头", "相机", "battery"],
    ["智能手表", "智能手表", "battery"],
    ["an old iPhone", "iphone", "battery"],
    ["my laptop", "laptop", "battery"],
    ["a smart watch", "smart watch", "battery"],
    ["digital camera", "camera", "battery"],
    // liquids
    ["化妆品一套", "化妆品", "liquid"],
    ["香水", "香水", "liquid"],
    ["两瓶白酒", "酒", "liquid"],
    ["cosmetics", "cosmetic", "liquid"],
    ["a bottle of liquor", "liquor", "liquid"],
    // powders
    ["奶粉两罐", "粉", "powder"],
    ["milk powder", "powder", "powder"],
    // blades
    ["菜刀", "刀", "blade"],
    ["剪刀两把", "刀", "blade"],
    ["kitchen knives", "knives", "blade"],
    ["scissors", "scissors", "blade"],
  ];
  it.each(refused)("refuses %j by air (%s, a %s), and takes it by road", (goods, matched, kind) => {
    expect(checkGoods(goods, { byAir: true, lists: policy.goods })).toEqual({
      ok: false,
      rule: "SOP-26",
      reason: "air_prohibited",
      matched,
    });
    expect(airGoodsClass(matched)).toBe(kind);
    expect(checkGoods(goods, { lists: policy.goods }).ok).toBe(true);
  });

  it("e-cigarettes are refused whatever the transport (tobacco), before the air check", () => {
    expect(checkGoods("电子烟", { byAir: true, lists: policy.goods })).toMatchObject({
      reason: "prohibited",
    });
  });

  it("ordinary goods fly; a phone's case, noodles and hotel towels are no battery, powder or liquid", () => {
    for (const goods of [
      "衣服",
      "书和文件",
      "手机壳",
      "手机膜两张",
      "米粉 粉丝",
      "酒店毛巾",
      "headphones",
      "a phone case",
    ]) {
      expect(checkGoods(goods, { byAir: true, lists: policy.goods }), goods).toMatchObject({ ok: true });
    }
  });

  it("goods.add extends the default lists, which stay whole; an empty word is refused at start-up", () => {
    const extended = defaultPolicy({ goods: { add: { byAir: ["磁铁"], prohibited: ["榴莲"] } } });
    expect(checkGoods("磁铁", { byAir: true, lists: extended.goods })).toMatchObject({
      reason: "air_prohibited",
      matched: "磁铁",
    });
    expect(checkGoods("榴莲", { lists: extended.goods })).toMatchObject({ reason: "prohibited" });
    expect(checkGoods("充电宝", { byAir: true, lists: extended.goods })).toMatchObject({
      reason: "air_prohibited",
    });
    expect(checkGoods("香烟", { lists: extended.goods })).toMatchObject({ reason: "prohibited" });
    expect(airGoodsClass("磁铁")).toBeUndefined(); // a branch's own word: refused without a class
    expect(() => defaultPolicy({ goods: { add: { byAir: [" "] } } })).toThrow();
  });
});

describe("SOP-27: the destination inside the network's coverage", () => {
  it("the default coverage is the mainland's 31 divisions: not Hong Kong, Macau or Taiwan", () => {
    expect(REGIONS).toHaveLength(34);
    expect(MAINLAND_REGIONS).toHaveLength(31);
    expect([...coverage.regions].sort()).toEqual([...MAINLAND_REGIONS].sort());
    for (const outside of ["香港", "澳门", "台湾"]) expect(coverage.regions).not.toContain(outside);
  });

  const inside: [typed: string, destination: string][] = [
    ["北京", "北京"],
    ["拉萨", "西藏拉萨"],
    ["新疆乌鲁木齐", "新疆乌鲁木齐"],
    ["乌鲁木齐市天山区", "新疆乌鲁木齐"],
    ["广州市天河区体育西路 100 号", "广东广州"],
    ["浙江义乌", "浙江义乌"],
    ["内蒙古自治区呼和浩特", "内蒙古呼和浩特"],
    ["吉林", "吉林"],
    ["海南州", "青海海南州"], // a prefecture of 青海, not the province 海南
    ["Beijing", "北京"],
    ["Urumqi", "新疆 (Urumqi)"],
    ["Lhasa, Tibet", "西藏 (Lhasa)"],
  ];
  it.each(inside)("%j is inside: %j", (typed, destination) => {
    expect(checkDestination(typed, coverage)).toMatchObject({ ok: true, destination });
  });

  const outside: [typed: string, place: string][] = [
    ["香港", "香港"],
    ["澳门", "澳门"],
    ["台湾台北", "台湾"],
    ["台北", "台湾"],
    ["Hong Kong", "香港"],
    ["美国纽约", "美国"],
    ["Tokyo, Japan", "tokyo"],
  ];
  it.each(outside)("%j is outside (%s)", (typed, place) => {
    expect(checkDestination(typed, coverage)).toEqual({ ok: false, reason: "outside", place });
  });

  it("words that name no place are asked again, never guessed; a road named after a place is no place", () => {
    for (const typed of ["随便", "寄付", "北京路 12 号", "中山路 5 号", "朝阳区"]) {
      expect(checkDestination(typed, coverage), typed).toEqual({ ok: false, reason: "unknown" });
    }
    expect(checkDestination("  ", coverage)).toEqual({ ok: false, reason: "empty" });
    expect(checkDestination("北".repeat(61), coverage)).toEqual({ ok: false, reason: "too_long" });
  });

  it("the place it comes from is not the destination: 从扬州寄到拉萨", () => {
    expect(findPlace("从扬州寄到拉萨")).toMatchObject({ kind: "region", city: "拉萨" });
  });

  it("the policy decides: coverage.regions (short or full names) and coverage.excluded", () => {
    const branch = defaultPolicy({ coverage: { regions: ["江苏省", "浙江", "香港"], excluded: ["舟山"] } });
    expect(branch.coverage.regions).toEqual(["江苏", "浙江", "香港"]);
    expect(checkDestination("香港", branch.coverage)).toMatchObject({ ok: true });
    expect(checkDestination("北京", branch.coverage)).toEqual({
      ok: false,
      reason: "outside",
      place: "北京",
    });
    expect(checkDestination("浙江舟山", branch.coverage)).toEqual({
      ok: false,
      reason: "outside",
      place: "舟山",
    });
    expect(() => defaultPolicy({ coverage: { regions: ["西臧"] } })).toThrow(/provincial division/);
    expect(() => defaultPolicy({ coverage: { regions: [] } })).toThrow();
  });

  it("a draft with a destination outside the coverage is a SOP-27 problem; none given is not checked", () => {
    const deps = {
      policy,
      calendar: createBusinessCalendar(policy),
      directory: branchDirectory(),
      now: new Date("2026-11-27T02:00:00Z"),
    };
    const draft = { address: "文昌路 1 号 3 栋", phone: "13812345678", goods: "衣服", payment: "cod" };
    expect(validatePickupDraft({ ...draft, destination: "香港" }, deps)).toEqual({
      ok: false,
      problems: [{ field: "destination", rule: "SOP-27", reason: "outside", matched: "香港" }],
    });
    const inside = validatePickupDraft({ ...draft, destination: "拉萨" }, deps);
    expect(inside).toMatchObject({ ok: true, value: { destination: "西藏拉萨" } });
    const none = validatePickupDraft(draft, deps);
    expect(none.ok && none.value.destination).toBeUndefined();
  });
});
