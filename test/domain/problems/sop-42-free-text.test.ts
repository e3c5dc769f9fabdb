import { describe, expect, it } from "vitest";
import { notAProblemReason, type ProblemContext, validateProblemNote } from "../../../src/domain/problems";

/**
 * SOP-42: refusal because the courier would not carry it upstairs or was rude is not a
 * problem-parcel reason (不作留言处理). The free-text check catches the ways people put it, and lets
 * every genuine reason through: two tables, each phrase run through the whole note's validation.
 */

const ctx: ProblemContext = {
  now: new Date("2024-05-10T06:00:00Z"),
  timeZone: "Asia/Shanghai",
  hasDeliveryScan: true,
  branchPoints: ["东关分点"],
};

/** A return asked for by the recipient, with this as its free-text reason (SOP-39's text field). */
const note = (reason: string) =>
  validateProblemNote({ category: "return", details: { requestedBy: "recipient", reason } }, ctx);

const MUST_BE_REFUSED: readonly [string, "not_carried_upstairs" | "courier_rude"][] = [
  ["服务差", "courier_rude"],
  ["快递员服务太差了", "courier_rude"],
  ["服务态度差", "courier_rude"],
  ["态度不好", "courier_rude"],
  ["业务员态度不行", "courier_rude"],
  ["态度很差", "courier_rude"],
  ["态度 恶劣", "courier_rude"],
  ["派送员很凶", "courier_rude"],
  ["快递员对我凶", "courier_rude"],
  ["业务员骂人", "courier_rude"],
  ["送货员脾气大", "courier_rude"],
  ["快递员不耐烦", "courier_rude"],
  ["The courier was rude", "courier_rude"],
  ["bad service from the courier", "courier_rude"],
  ["the courier shouted at me", "courier_rude"],
  ["不给送上楼", "not_carried_upstairs"],
  ["不送楼上", "not_carried_upstairs"],
  ["没送上楼", "not_carried_upstairs"],
  ["拒绝送货上楼", "not_carried_upstairs"],
  ["不愿意送到楼上", "not_carried_upstairs"],
  ["快递员不肯搬到楼上", "not_carried_upstairs"],
  ["只放楼下", "not_carried_upstairs"],
  ["让我自己下楼取件", "not_carried_upstairs"],
  ["电梯坏了,快递员不愿意爬楼", "not_carried_upstairs"],
  ["courier would not carry it upstairs", "not_carried_upstairs"],
  ["refused to bring it up the stairs", "not_carried_upstairs"],
];

const GENUINE_REASONS: readonly string[] = [
  "收件人电话无人接听",
  "地址不详,缺少门牌号",
  "收件人已搬家,新地址未知",
  "收件人要求改天派送",
  "到付件收件人拒付运费",
  "收件人说没有订购,拒收",
  "外包装完好,内物破损",
  "小区门禁,无法进入",
  "收件人出差,要求放到自提点",
  "超出派送范围",
  "收件人电话停机",
  "公司已下班,无人签收",
  "收件人要求先开箱验货",
  "楼下快递柜已满",
  "收件人住六楼,约好明天上午送",
  "收件人在楼上开会,下午再送",
  "收件人不在楼上办公室,前台拒收",
  "服务区施工,道路封闭",
  "收件人态度明确:改地址后再送",
  "收件人不在家,邻居不肯代收",
  "发件人要求退回",
  "门口的狗很凶,无法派送", // a dog, not the courier
  "收件人家里养了大狗一直吼,不敢进门",
  "The recipient was not at home",
  "Wrong address, the street does not exist",
  "Recipient refused to pay cash on delivery",
  "recipient asked us to deliver to the yellow building's front desk",
];

describe("SOP-42: the free-text check of a problem reason", () => {
  it("has at least 20 phrasings that must be refused and 20 genuine reasons", () => {
    expect(MUST_BE_REFUSED.length).toBeGreaterThanOrEqual(20);
    expect(GENUINE_REASONS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(MUST_BE_REFUSED)(
    "SOP-42: %s is no problem-parcel reason (%s): the note is refused",
    (text, code) => {
      expect(notAProblemReason(text)?.code).toBe(code);
      expect(note(text)).toMatchObject({ ok: false, rule: "SOP-42", reason: "not_a_problem_reason" });
    },
  );

  it.each(GENUINE_REASONS)("SOP-42: %s is a genuine reason and passes", (text) => {
    expect(notAProblemReason(text)).toBeUndefined();
    expect(note(text)).toMatchObject({ ok: true, rule: "SOP-39", details: { reason: text } });
  });

  it("SOP-42: typed as the category itself, such a reason is refused before any question", () => {
    for (const text of ["服务差", "态度不好", "不送楼上"]) {
      expect(validateProblemNote({ category: text, details: {} }, ctx)).toMatchObject({
        ok: false,
        rule: "SOP-42",
      });
    }
  });
});
