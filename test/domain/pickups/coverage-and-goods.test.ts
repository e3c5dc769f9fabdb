import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { keywordScore } from "../../../src/domain/kernel/address";
import { createBusinessCalendar } from "../../../src/domain/kernel/calendar";
import {
  checkGoods,
  checkPickupAddress,
  nearestZones,
  validatePickupDraft,
  zoneForAddress,
} from "../../../src/domain/pickups/rules";
import { branchDirectory } from "../../support/branch";

const directory = branchDirectory();

describe("SOP-27: which zone an address is in", () => {
  const table: [string, string | undefined][] = [
    ["文昌路 88 号 3 栋 502 室", "east"],
    ["文昌中路 88 号 3 栋 502 室", "east"], // the bot's own example: a longer form of 文昌路
    ["扬州市文昌西路 1 号", "east"],
    ["文昌东一路 5 号", "east"],
    ["文昌路８８号", "east"], // full-width digits
    ["文 昌 路 88 号", "east"], // spaces
    ["扬州市西门街８号２单元５０２室", "west"],
    ["扬子江中路 20 号", "west"],
    ["西湖镇 3 组 12 号", "west"],
    ["南京市中山路 100 号", undefined],
    ["文化路 10 号", undefined], // shares 文 only: not the road
    ["东路 1 号", undefined],
  ];
  for (const [address, zone] of table) {
    it(`${address} → ${zone ?? "none"}`, () => {
      expect(zoneForAddress(directory, address)?.id).toBe(zone);
    });
  }

  it("an exact keyword beats a longer form of another road", () => {
    expect(keywordScore("文昌路 1 号", "文昌路")).toBeGreaterThan(keywordScore("文昌中路 1 号", "文昌路"));
  });

  it("SOP-27: a full English address is taken with no zone (the dispatcher places it); half of one is not", () => {
    expect(checkPickupAddress("Room 502, 88 Wenchang Road, Yangzhou", directory)).toEqual({
      ok: true,
      address: "Room 502, 88 Wenchang Road, Yangzhou",
      zone: undefined,
    });
    expect(checkPickupAddress("Wenchang Road", directory)).toMatchObject({
      ok: false,
      problem: { rule: "SOP-20", reason: "incomplete" },
    });
    expect(checkPickupAddress("南京市中山路 100 号 2 栋", directory)).toMatchObject({
      ok: false,
      problem: { reason: "outside_coverage" },
    });
  });

  it("the nearest zones of an unmatched address: those sharing its road's name first", () => {
    expect(nearestZones(directory, "西门大街 12 号").map((z) => z.id)).toEqual(["west", "east"]);
    expect(nearestZones(directory, "中山路 1 号").map((z) => z.id)).toEqual(["east", "west"]);
  });
});

describe("SOP-26: goods that may not be sent", () => {
  const refused: [string, string][] = [
    ["两只小猫", "小猫"],
    ["活鸡一只", "活鸡"],
    ["宠物仓鼠", "宠物"],
    ["香烟两条", "香烟"],
    ["电子烟", "电子烟"],
    ["雪茄", "雪茄"],
    ["a live puppy", "puppy"],
    ["my cat", "cat"],
    ["2 cartons of cigarettes", "cigarette"],
    ["tobacco leaves", "tobacco"],
  ];
  for (const [goods, matched] of refused) {
    it(`refuses ${goods} (${matched})`, () => {
      expect(checkGoods(goods)).toEqual({ ok: false, rule: "SOP-26", reason: "prohibited", matched });
    });
  }

  it("pet food, cat litter and catalogues are not animals", () => {
    for (const goods of ["猫粮", "狗粮两袋", "猫砂", "cat food", "catalogue", "宠物用品"]) {
      expect(checkGoods(goods).ok, goods).toBe(true);
    }
  });

  it("the policy's lists decide (goods.prohibited, goods.fragile, goods.byAir), with SOP-26 defaults", () => {
    const policy = defaultPolicy({ goods: { prohibited: ["榴莲"], byAir: ["磁铁"] } });
    expect(policy.goods.fragile).toContain("玻璃"); // an unset list keeps its default
    expect(checkGoods("榴莲", { lists: policy.goods })).toMatchObject({ ok: false, reason: "prohibited" });
    expect(checkGoods("香烟", { lists: policy.goods }).ok).toBe(true); // the branch's own list replaced it
    expect(checkGoods("磁铁", { byAir: true, lists: policy.goods })).toMatchObject({
      reason: "air_prohibited",
    });

    const calendar = createBusinessCalendar(policy);
    const checked = validatePickupDraft(
      { address: "文昌路 1 号", phone: "13812345678", goods: "榴莲", payment: "cod" },
      { policy, calendar, directory, now: new Date("2026-11-27T02:00:00Z") },
    );
    expect(checked).toEqual({
      ok: false,
      problems: [{ field: "goods", rule: "SOP-26", reason: "prohibited", matched: "榴莲" }],
    });
  });

  it("a policy with an empty word is refused at start-up", () => {
    expect(() => defaultPolicy({ goods: { prohibited: [""] } })).toThrow();
  });
});
