import { describe, expect, it } from "vitest";
import { pickedByPlace } from "../../../src/domain/intents/position";

describe("pickedByPlace: a listed parcel named by its place", () => {
  it.each([
    ["第二个", 2, 1, ""],
    ["第2个呢", 2, 1, ""],
    ["后面那个", 2, 1, ""],
    ["前面的", 2, 0, ""],
    ["最后一个", 3, 2, ""],
    ["1", 2, 0, ""],
    ["the second one please", 2, 1, ""],
    ["the last one", 4, 3, ""],
    ["第一个我没收到", 2, 0, "我没收到"],
    ["第二", 2, 1, ""],
    ["后面那个单号什么时候到", 2, 1, "什么时候到"],
  ])("%s of %i → index %i", (text, count, index, rest) => {
    const picked = pickedByPlace(text, count);
    expect(picked?.index).toBe(index);
    expect(picked?.rest).toBe(rest);
  });

  it.each([
    ["第三个", 2],
    ["后面那个", 3],
    ["5", 4],
    ["我要寄快递", 2],
    ["第二天能到吗", 2],
    ["最后什么时候到", 2],
  ])("%s of %i picks nothing", (text, count) => {
    expect(pickedByPlace(text, count)).toBeUndefined();
  });
});
