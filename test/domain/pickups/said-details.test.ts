import { describe, expect, it } from "vitest";
import { saidDestinations, saidGoods, takePhone } from "../../../src/domain/pickups/said-details";
import { readPayment, readTransport } from "../../../src/domain/pickups/typed-choices";

describe("SOP-20: the phone typed with an address is taken out of it", () => {
  it.each([
    ["文昌路100号3栋,电话13812345678,寄到北京,一箱衣服", "13812345678", "文昌路100号3栋,寄到北京,一箱衣服"],
    ["文昌路100号3栋201室 张三 13812345678", "13812345678", "文昌路100号3栋201室"],
    ["文昌路100号3栋201室,联系人:张三,手机 138-1234-5678", "13812345678", "文昌路100号3栋201室"],
    ["文昌路 88 号 502 13812345678", "13812345678", "文昌路 88 号 502"],
    ["扬州市文昌路 88 号 3 栋 502 室", undefined, "扬州市文昌路 88 号 3 栋 502 室"],
    ["东关街 5 号,座机 0514-8000000", "0514-8000000", "东关街 5 号"],
  ])("%j: phone %s, address %j", (text, phone, rest) => {
    expect(takePhone(text)).toEqual({ phone, rest });
  });

  it("a second phone never stays in the address either", () => {
    expect(takePhone("文昌路100号 13812345678 13912345678").rest).toBe("文昌路100号");
  });
});

describe("SOP-26, SOP-27: destination and goods words", () => {
  it("'寄到北京' names 北京; an address names no destination", () => {
    expect(saidDestinations("寄到北京")).toEqual([{ place: "北京", said: "寄到北京" }]);
    expect(saidDestinations("文昌路100号3栋")).toEqual([]);
    expect(saidDestinations("寄两箱书到北京")).toEqual([{ place: "北京", said: "寄两箱书到北京" }]);
  });

  it.each([
    ["一箱衣服", "一箱衣服"],
    ["寄两袋特产", "两袋特产"],
    ["寄两箱书到北京", "两箱书"],
    ["物品:书", "书"],
    ["衣服", "衣服"],
    ["a box of books", "a box of books"],
  ])("%j is goods: %j", (clause, goods) => {
    expect(saidGoods(clause)).toBe(goods);
  });

  it.each(["3栋201室", "文昌路100号", "张三", "书香苑", "明天下午来我家取件", "我要寄快递"])(
    "%j is no goods",
    (clause) => {
      expect(saidGoods(clause)).toBeUndefined();
    },
  );
});

describe("SOP-26, SOP-28: typed answers to the button questions", () => {
  it.each([
    ["到付吧", "cod"],
    ["到付", "cod"],
    ["不要到付,寄付吧", "sender_pays"],
    ["月结的", "account"],
    ["cash on delivery please", "cod"],
    ["寄付还是到付", undefined],
    ["随便", undefined],
  ])("payment %j is %s", (text, payment) => {
    expect(readPayment(text)).toBe(payment);
  });

  it.each([
    ["要的,走航空快一点", "air"],
    ["by air", "air"],
    ["by road then", "road"],
    ["不走航空", "road"],
    ["not by air", "road"],
    ["不用了", "road"],
    ["是的", "air"],
    ["航空还是陆运", undefined],
    ["随便", undefined],
  ])("transport %j is %s", (text, transport) => {
    expect(readTransport(text)).toBe(transport);
  });
});
