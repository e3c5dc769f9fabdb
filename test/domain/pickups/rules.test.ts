import { describe, expect, it } from "vitest";
import { DirectoryIndex, type DirectoryInput, parseDirectory } from "../../../src/domain/config/directory";
import { defaultPolicy, type PolicyInput } from "../../../src/domain/config/policy";
import { createBusinessCalendar } from "../../../src/domain/kernel/calendar";
import { normalizePhone } from "../../../src/domain/kernel/phone";
import {
  checkGoods,
  GOODS_MAX_LENGTH,
  type PickupDraft,
  PRICE_POLICY_RULE,
  pickupSchedule,
  validatePickupDraft,
} from "../../../src/domain/pickups/rules";

// Asia/Shanghai is UTC+8: 2026-11-27T02:00:00Z is Friday 10:00 at the branch.
const at = (iso: string) => new Date(iso);

function schedule(now: string, overrides: PolicyInput = {}) {
  const policy = defaultPolicy(overrides);
  return pickupSchedule(policy, createBusinessCalendar(policy), at(now));
}

const weekends: PolicyInput = { deskHours: { closedWeekdays: ["sat", "sun"] } };

describe("pickup schedule", () => {
  it("SOP-20: a request at 10:00 is picked up today, not before 15:00", () => {
    expect(schedule("2026-11-27T02:00:00Z")).toEqual({
      pickupDay: "2026-11-27",
      earliestAt: at("2026-11-27T07:00:00Z"),
      nextDay: false,
    });
  });

  it("SOP-20: a request at 16:00 can be picked up from now on", () => {
    expect(schedule("2026-11-27T08:00:00Z")).toEqual({
      pickupDay: "2026-11-27",
      earliestAt: at("2026-11-27T08:00:00Z"),
      nextDay: false,
    });
  });

  it("SOP-22: a request at 18:59 is still today; at 19:00 it is agreed for 15:00 the next day", () => {
    expect(schedule("2026-11-27T10:59:00Z").nextDay).toBe(false);
    expect(schedule("2026-11-27T11:00:00Z")).toEqual({
      pickupDay: "2026-11-28",
      earliestAt: at("2026-11-28T07:00:00Z"),
      nextDay: true,
    });
  });

  it("SOP-22: a request at 00:30, after midnight, belongs to the new day at 15:00", () => {
    expect(schedule("2026-11-27T16:30:00Z")).toEqual({
      pickupDay: "2026-11-28",
      earliestAt: at("2026-11-28T07:00:00Z"),
      nextDay: false,
    });
  });

  it("SOP-22: Friday after the cut-off, with weekends closed, goes to Monday 15:00", () => {
    expect(schedule("2026-11-27T12:00:00Z", weekends)).toEqual({
      pickupDay: "2026-11-30",
      earliestAt: at("2026-11-30T07:00:00Z"),
      nextDay: true,
    });
  });

  it("SOP-22: a request on a closed Saturday morning goes to the next desk day", () => {
    expect(schedule("2026-11-28T02:00:00Z", weekends)).toEqual({
      pickupDay: "2026-11-30",
      earliestAt: at("2026-11-30T07:00:00Z"),
      nextDay: true,
    });
  });

  it("SOP-22: earliest and cut-off come from the policy, on the branch's clock", () => {
    const s = schedule("2026-11-27T13:30:00Z", {
      timezone: "Europe/London",
      pickup: { earliest: "14:00", cutoff: "18:00" },
    });
    expect(s).toEqual({ pickupDay: "2026-11-27", earliestAt: at("2026-11-27T14:00:00Z"), nextDay: false });
  });
});

describe("goods check", () => {
  it.each([
    ["烟花爆竹一箱", "烟花"],
    ["仿真枪", "枪"],
    ["管制刀具", "管制刀具"],
    ["毒品", "毒品"],
    ["一桶汽油", "汽油"],
    ["易燃喷雾", "易燃"],
    ["活体动物:小狗", "活体"],
    ["Fireworks", "firework"],
    ["two GUNS", "gun"],
    ["ＧＵＮ", "gun"],
  ])("SOP-26: prohibited goods are refused (%s)", (goods, matched) => {
    expect(checkGoods(goods)).toEqual({ ok: false, rule: "SOP-26", reason: "prohibited", matched });
  });

  it.each([
    ["玻璃杯", "玻璃"],
    ["陶瓷花瓶", "陶瓷"],
    ["景德镇瓷器", "瓷器"],
    ["易碎品", "易碎"],
    ["Fragile vase", "fragile"],
    ["wine glasses", "glass"],
  ])("SOP-26: fragile goods are refused (%s)", (goods, matched) => {
    expect(checkGoods(goods)).toEqual({ ok: false, rule: "SOP-26", reason: "fragile", matched });
  });

  it.each([
    ["充电宝", "充电宝"],
    ["手机电池", "电池"],
    ["Lithium cells", "lithium"],
    ["AA batteries", "batteries"],
    ["洗发水 液体", "液体"],
    ["两瓶白酒", "酒"],
    ["香水", "香水"],
    ["水果刀", "刀"],
    ["奶粉", "粉"],
    ["protein powder", "powder"],
    ["kitchen knives", "knives"],
  ])("SOP-26: by air, batteries, liquids, knives and powders are refused (%s)", (goods, matched) => {
    expect(checkGoods(goods, { byAir: true })).toEqual({
      ok: false,
      rule: "SOP-26",
      reason: "air_prohibited",
      matched,
    });
    // The same goods go by road.
    expect(checkGoods(goods)).toEqual({ ok: true, goods });
  });

  it("SOP-26: ordinary goods pass, normalised; words that merely contain a term do not match", () => {
    expect(checkGoods("  衣服 两件 ")).toEqual({ ok: true, goods: "衣服 两件" });
    expect(checkGoods("粉色衣服", { byAir: true })).toEqual({ ok: true, goods: "粉色衣服" });
    expect(checkGoods("books, begun drafts")).toEqual({ ok: true, goods: "books, begun drafts" });
    expect(checkGoods("ＢＯＯＫＳ")).toEqual({ ok: true, goods: "BOOKS" });
  });

  it("SOP-26: empty goods or goods over 200 characters are invalid", () => {
    expect(checkGoods("   ")).toEqual({ ok: false, rule: "SOP-26", reason: "empty" });
    expect(checkGoods("书".repeat(GOODS_MAX_LENGTH + 1))).toEqual({
      ok: false,
      rule: "SOP-26",
      reason: "too_long",
    });
    expect(checkGoods("书".repeat(GOODS_MAX_LENGTH)).ok).toBe(true);
  });
});

describe("contact phone", () => {
  it.each([
    ["13800000003", "13800000003"],
    ["138 0000 0003", "13800000003"],
    ["138-0000-0003", "13800000003"],
    ["+86 138 0000 0003", "13800000003"],
    ["008613800000003", "13800000003"],
    ["８６１３８０００００００３", "13800000003"],
    ["１３８００００００03", "13800000003"],
    ["0514-8000000", "0514-8000000"],
    ["05148000000", "0514-8000000"],
    ["(0514) 8000000", "0514-8000000"],
    ["010 12345678", "010-12345678"],
    ["021-66668888", "021-66668888"],
    ["+86 514 8000000", "0514-8000000"],
  ])("SOP-20: the phone %s is recorded as %s", (raw, normalised) => {
    expect(normalizePhone(raw)).toBe(normalised);
  });

  it.each([
    "",
    "12345",
    "12800000003",
    "1380000000",
    "138000000031",
    "0514-80000",
    "phone 13800000003",
    "13800000003 ext 5",
  ])("SOP-20: %j is not a phone number", (raw) => {
    expect(normalizePhone(raw)).toBeUndefined();
  });
});

const directoryInput: DirectoryInput = {
  branch: { name: "扬州分公司", hotline: "0514-8000000" },
  zones: [{ id: "east", name: "城东", keywords: ["文昌路", "东关街"], courier: "zhang" }],
  branchPoints: [{ name: "东关分点", address: "东关街 12 号", phone: "0514-8000001" }],
  people: [
    { id: "zhang", name: "张伟", workNo: "105", roles: ["courier"], telegramId: 2003, phone: "13800000003" },
  ],
};

function depsWith(directory: DirectoryInput = directoryInput, now = "2026-11-27T02:00:00Z") {
  const policy = defaultPolicy();
  return {
    policy,
    calendar: createBusinessCalendar(policy),
    directory: new DirectoryIndex(parseDirectory(directory)),
    now: at(now),
  };
}

const goodDraft: PickupDraft = {
  address: "扬州市文昌路 100 号 3 栋 201 室",
  phone: "+86 138-1234-5678",
  goods: "衣服",
  payment: "cod",
};

describe("pickup draft", () => {
  it("SOP-20: a complete draft names the zone and its courier, with a normalised phone and the schedule", () => {
    const r = validatePickupDraft(goodDraft, depsWith());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.address).toBe("扬州市文昌路 100 号 3 栋 201 室");
    expect(r.value.phone).toBe("13812345678");
    expect(r.value.zone?.id).toBe("east");
    expect(r.value.courier?.id).toBe("zhang");
    expect(r.value.payment).toBe("cod");
    expect(r.value.pickupDay).toBe("2026-11-27");
    expect(r.value.earliestAt).toEqual(at("2026-11-27T07:00:00Z"));
    expect(r.value.nextDay).toBe(false);
    expect(r.value.morning).toBe(false);
    expect(r.value.courierPhone).toBeUndefined();
    expect(r.value.branchPoints).toBeUndefined();
  });

  it("SOP-21: a valid pickup carries no price; the courier agrees it", () => {
    expect(PRICE_POLICY_RULE).toBe("SOP-21");
    const r = validatePickupDraft(goodDraft, depsWith());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.stringify(r.value)).not.toMatch(/price|fee|yuan|amount/i);
  });

  it("SOP-23: a morning pickup gets the zone courier's phone and the branch points as fallback", () => {
    const r = validatePickupDraft({ ...goodDraft, morning: true }, depsWith());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.morning).toBe(true);
    expect(r.value.courierPhone).toBe("13800000003");
    expect(r.value.branchPoints).toEqual([
      { name: "东关分点", address: "东关街 12 号", phone: "0514-8000001" },
    ]);
  });

  it("SOP-22: a draft after the cut-off is scheduled for the next day", () => {
    const r = validatePickupDraft(goodDraft, depsWith(directoryInput, "2026-11-27T11:30:00Z"));
    expect(r.ok && r.value.pickupDay).toBe("2026-11-28");
    expect(r.ok && r.value.nextDay).toBe(true);
  });

  it("SOP-20: every missing field is listed at once", () => {
    const r = validatePickupDraft({ address: " ", phone: "" }, depsWith());
    expect(r).toEqual({
      ok: false,
      problems: [
        { field: "address", rule: "SOP-20", reason: "missing" },
        { field: "phone", rule: "SOP-20", reason: "missing" },
        { field: "goods", rule: "SOP-26", reason: "missing" },
        { field: "payment", rule: "SOP-28", reason: "missing" },
      ],
    });
  });

  it("SOP-20: half an address, a bad phone, refused goods and an unknown payment are all reported", () => {
    const r = validatePickupDraft(
      { address: "城东", phone: "12345", goods: "烟花", payment: "bitcoin" },
      depsWith(),
    );
    expect(r).toEqual({
      ok: false,
      problems: [
        { field: "address", rule: "SOP-20", reason: "incomplete" },
        { field: "phone", rule: "SOP-20", reason: "invalid" },
        { field: "goods", rule: "SOP-26", reason: "prohibited", matched: "烟花" },
        { field: "payment", rule: "SOP-28", reason: "invalid" },
      ],
    });
  });

  it("SOP-26: goods refused by air are a problem only when the draft goes by air", () => {
    const draft = { ...goodDraft, goods: "充电宝" };
    expect(validatePickupDraft(draft, depsWith()).ok).toBe(true);
    expect(validatePickupDraft({ ...draft, byAir: true }, depsWith())).toEqual({
      ok: false,
      problems: [{ field: "goods", rule: "SOP-26", reason: "air_prohibited", matched: "充电宝" }],
    });
  });

  it("SOP-28: each payment method is accepted: sender pays, cash on delivery, contract account", () => {
    for (const payment of ["sender_pays", "cod", "account"]) {
      const r = validatePickupDraft({ ...goodDraft, payment }, depsWith());
      expect(r.ok && r.value.payment).toBe(payment);
    }
  });

  it("SOP-27: a full address outside every zone is refused as outside coverage", () => {
    const r = validatePickupDraft({ ...goodDraft, address: "扬州市汶河南路 12 号" }, depsWith());
    expect(r).toEqual({
      ok: false,
      problems: [{ field: "address", rule: "SOP-27", reason: "outside_coverage" }],
    });
  });

  it("SOP-27: with no zones in the directory, coverage is not judged and no courier is named", () => {
    const r = validatePickupDraft(
      { ...goodDraft, address: "扬州市汶河南路 12 号", morning: true },
      depsWith({ branch: { name: "网点客服部", hotline: "00000" } }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.zone).toBeNull();
    expect(r.value.courier).toBeNull();
    expect(r.value.courierPhone).toBeUndefined();
    expect(r.value.branchPoints).toBeUndefined();
  });
});
