import { describe, expect, it } from "vitest";
import { typedSubject } from "../../../src/domain/complaints/typed-subject";
import { defaultPolicy } from "../../../src/domain/config/policy";

/** Trial finding 1: a waybill typed inside a sentence is read, and what else was said is kept. */
const policy = defaultPolicy();

describe("typedSubject: the waybill in what a customer typed, and the rest", () => {
  it("reads the number inside a sentence, zh and en, with no rest when the words only lead in", () => {
    expect(typedSubject("单号是YT1000000004", policy)).toEqual({ trackingNo: "YT1000000004" });
    expect(typedSubject("the number is YT1000000004", policy)).toEqual({ trackingNo: "YT1000000004" });
    expect(typedSubject("我的运单号:YT1000000004。", policy)).toEqual({ trackingNo: "YT1000000004" });
    expect(typedSubject("YT1000000004", policy)).toEqual({ trackingNo: "YT1000000004" });
  });

  it("keeps the rest of the sentence when it says something", () => {
    expect(typedSubject("快递员态度很差,YT1000000002 打电话骂人", policy)).toEqual({
      trackingNo: "YT1000000002",
      rest: "快递员态度很差, 打电话骂人",
    });
    expect(typedSubject("YT1000000002 courier was rude on the phone", policy)?.rest).toBe(
      "courier was rude on the phone",
    );
  });

  it("reads nothing from words with no number, or a number with a wrong check digit, or a phone", () => {
    expect(typedSubject("随便", policy)).toBeUndefined();
    expect(typedSubject("13912345678 打电话骂人", policy)).toBeUndefined();
    expect(typedSubject("", policy)).toBeUndefined();
  });
});
