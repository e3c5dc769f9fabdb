import { describe, expect, it } from "vitest";
import { looksLikeAmount, parseCodAmount, scanMarksCod, yuanText } from "../../../src/domain/deliveries/cod";
import {
  parseSigner,
  parseStamp,
  type SignerKind,
  type SignerProblem,
} from "../../../src/domain/deliveries/signer";

/**
 * SOP-74: "The signer's name is entered as written: full name; surname only with ',' for each
 * unreadable character of the given name; ',' for an unreadable surname; 草签 when nothing is
 * legible; 已收 when unsigned; a company stamp is entered as the stamp. COD receipts also carry the
 * amount collected." Every form of the rule is accepted as typed; anything else is refused with
 * its reason, never turned into a name.
 */
describe("SOP-74 signer names", () => {
  const accepted: [string, SignerKind, string][] = [
    // full name
    ["王小明", "full_name", "王小明"],
    ["李娜", "full_name", "李娜"],
    ["欧阳娜娜", "full_name", "欧阳娜娜"],
    ["买买提·艾力", "full_name", "买买提·艾力"],
    ["  王小明 ", "full_name", "王小明"],
    ["John Smith", "full_name", "John Smith"],
    ["Mary-Jane O'Neil", "full_name", "Mary-Jane O'Neil"],
    // surname, one "," per unreadable character of the given name
    ["王,", "surname_only", "王,"],
    ["王,,", "surname_only", "王,,"],
    ["王,,,", "surname_only", "王,,,"],
    ["欧阳,", "surname_only", "欧阳,"],
    ["司马,,", "surname_only", "司马,,"],
    ["王,,", "surname_only", "王,,"], // full-width commas from a Chinese keyboard
    ["王 , ,", "surname_only", "王,,"],
    // "," for an unreadable surname
    [",小明", "given_only", ",小明"],
    [",明", "given_only", ",明"],
    [",小明", "given_only", ",小明"],
    // nothing legible, unsigned
    ["草签", "scribble", "草签"],
    ["已收", "unsigned", "已收"],
    // a company stamp, entered as the stamp
    ["章:扬州某某有限公司", "stamp", "扬州某某有限公司"],
    ["章:扬州大学收发室", "stamp", "扬州大学收发室"],
    ["stamp: Example Ltd", "stamp", "Example Ltd"],
  ];
  it.each(accepted)("SOP-74: %j is accepted as %s", (typed, kind, text) => {
    expect(parseSigner(typed)).toEqual({ ok: true, signer: { kind, text } });
  });

  const refused: [string, SignerProblem][] = [
    ["", "empty"],
    ["   ", "empty"],
    ["王,明", "mixed_commas"], // readable characters of the given name are not written with commas
    ["王小,", "mixed_commas"], // 王小 is no compound surname: 小 was readable
    ["王小明,", "mixed_commas"],
    ["王,,,,", "too_many_commas"],
    [",,小明", "too_many_commas"],
    [",", "commas_only"],
    [",,,", "commas_only"],
    ["王", "not_a_name"], // a surname alone says nothing of the given name: 王, or 王,,
    ["王小明123", "not_a_name"],
    ["13800000003", "not_a_name"],
    ["王小明拒收", "refusal"], // SOP-45: a refusal, not a signature
    ["?", "not_a_name"],
    ["王小明!", "not_a_name"],
    ["扬州某某有限公司", "looks_like_stamp"], // a company's name is entered as the stamp
    ["某某超市", "looks_like_stamp"],
    ["王小明王小明王小明王小明王小明王小明王小明", "too_long"],
    ["章:", "empty_stamp"],
    [`章:${"某".repeat(41)}`, "too_long"],
  ];
  it.each(refused)("SOP-74: %j is refused (%s)", (typed, problem) => {
    expect(parseSigner(typed)).toEqual({ ok: false, problem });
  });

  it("SOP-74: a word like 本人 or 家人 is a two-character name as far as the rule goes: it is entered as written", () => {
    // The rule says "as written"; the desk does not judge whether two Han characters are a real name.
    expect(parseSigner("本人")).toEqual({ ok: true, signer: { kind: "full_name", text: "本人" } });
  });

  it("SOP-74: the stamp button takes the stamp's words as they are, and refuses none or too many", () => {
    expect(parseStamp("扬州某某有限公司")).toEqual({
      ok: true,
      signer: { kind: "stamp", text: "扬州某某有限公司" },
    });
    expect(parseStamp("  ")).toEqual({ ok: false, problem: "empty_stamp" });
    expect(parseStamp("某".repeat(41))).toEqual({ ok: false, problem: "too_long" });
    // Typed for the name, the words for "a stamp" are no person's name.
    for (const typed of ["盖章", "单位盖章", "盖了章", "公章。"])
      expect(parseSigner(typed)).toEqual({ ok: false, problem: "stamp_without_name" });
  });
});

describe("SOP-74 COD amounts", () => {
  it.each([
    ["58", 5800],
    ["58.5", 5850],
    ["58.50", 5850],
    ["¥58", 5800],
    ["￥1,200".replace(",", ""), 120000],
    ["58元", 5800],
    ["0.01", 1],
  ])("SOP-74: %j is %d fen", (typed, fen) => {
    expect(parseCodAmount(typed)).toEqual({ ok: true, fen });
  });

  it.each([
    ["abc", "not_an_amount"],
    ["-5", "not_an_amount"],
    ["1e3", "not_an_amount"],
    ["58,5", "not_an_amount"],
    ["", "not_an_amount"],
    ["0", "zero"],
    ["0.00", "zero"],
    ["58.555", "too_precise"],
    ["100000.01", "too_much"],
  ])("SOP-74: %j is refused (%s)", (typed, problem) => {
    expect(parseCodAmount(typed)).toEqual({ ok: false, problem });
  });

  it("reads the amount back in yuan, and knows an amount at the end of a typed name", () => {
    expect(yuanText(5850)).toBe("58.50");
    expect(yuanText(1)).toBe("0.01");
    expect(looksLikeAmount("58.5")).toBe(true);
    expect(looksLikeAmount("王小明")).toBe(false);
  });

  it("SOP-74: a delivery is COD when its scans say 代收货款 (or COD)", () => {
    expect(scanMarksCod(["签收人:王,,", "代收货款 58 元"])).toBe(true);
    expect(scanMarksCod([undefined, "COD 58"])).toBe(true);
    expect(scanMarksCod(["业务员 105", undefined])).toBe(false);
  });
});
