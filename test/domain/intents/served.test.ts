import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { matchIntent, servedAnswer } from "../../../src/domain/intents";
import { branchDirectory } from "../../support/branch";

const policy = defaultPolicy();
const deps = { directory: branchDirectory(), policy };

/** What the customer's desk reads: the intent, and for a coverage question, the answer (served.ts). */
function read(text: string) {
  const match = matchIntent(text, policy);
  const served = match.intent === "coverage" ? servedAnswer(text, deps) : undefined;
  const intent =
    match.intent === "coverage" && !served
      ? matchIntent(text, policy, { skip: ["coverage"] }).intent
      : match.intent;
  return { intent, served };
}

describe("SOP-1, SOP-27: is a place served? (typed as people type it)", () => {
  const covered: [text: string, destination: string][] = [
    ["你们送不送新疆", "新疆"],
    ["能寄到拉萨吗", "西藏拉萨"],
    ["新疆能寄吗?", "新疆"],
    ["请问可以发到乌鲁木齐吗", "新疆乌鲁木齐"],
    ["寄西藏吗", "西藏"],
    ["do you deliver to Urumqi?", "新疆 (Urumqi)"],
    ["Can you ship to Guangzhou", "广东 (Guangzhou)"],
  ];
  it.each(covered)("%j: the network delivers to %j (SOP-27 coverage)", (text, destination) => {
    expect(read(text)).toEqual({ intent: "coverage", served: { kind: "covered", destination } });
  });

  const notCovered: [text: string, place: string][] = [
    ["能寄到香港吗", "香港"],
    ["你们送不送台湾", "台湾"],
    ["可以寄到美国吗?", "美国"],
    ["Do you deliver to Hong Kong?", "香港"],
  ];
  it.each(notCovered)("%j: outside the coverage (%s)", (text, place) => {
    expect(read(text)).toEqual({ intent: "coverage", served: { kind: "not_covered", place } });
  });

  it("an address of the branch's zones is answered from the directory, with the keyword that placed it", () => {
    expect(read("文昌路100号能上门吗").served).toMatchObject({
      kind: "zone",
      zone: { id: "east" },
      keyword: "文昌路",
    });
    expect(read("东关街那边能送到吗").served).toMatchObject({ kind: "zone", keyword: "东关街" });
    expect(read("西门街8号送不送").served).toMatchObject({ kind: "zone", zone: { id: "west" } });
  });

  it("an address in no zone, asked for a visit, is outside the zones (even one that names a city)", () => {
    expect(read("我这边朝阳区xx路能上门吗")).toEqual({
      intent: "coverage",
      served: { kind: "outside_zones", place: "朝阳区xx路" },
    });
    expect(read("南京中山路能上门吗").served).toMatchObject({ kind: "outside_zones" });
  });

  it("the area asked about with no place named gets the area in general", () => {
    for (const text of ["你们的派送范围是哪些?", "你们上门的范围有哪些", "what areas do you cover?"]) {
      expect(read(text), text).toEqual({ intent: "coverage", served: { kind: "general" } });
    }
  });
});

describe("SOP-21: a price question stays a price question", () => {
  it.each([
    "寄一个5公斤的到广州多少钱",
    "寄到北京要多少钱?",
    "运费怎么算",
    "how much to send to Beijing",
    "What's the price to Lhasa?",
  ])("%j is a price question", (text) => {
    expect(read(text).intent).toBe("price");
  });
});

describe("SOP-1: the new questions steal no tracking, pickup or complaint sentence", () => {
  it.each([
    ["YT1234567890到哪了", "track"],
    ["我的快递到拉萨了吗", undefined], // as before: no phrase of tracking either (the route decides)
    ["我的快递能送到家吗", undefined],
    ["帮我查一下快递什么时候能到新疆", "track"],
    ["明天下午3点来文昌路100号取件", "pickup"],
    ["我要寄快递到北京", "pickup"],
    ["可以上门取件吗?", "pickup"],
    ["can I send a parcel to Beijing?", "pickup"],
    ["Can you come and pick up a box from my home", "pickup"],
    ["我要投诉,你们为什么不送新疆", "complaint"],
    ["这个能寄吗", undefined],
    ["充电宝能寄吗", undefined],
    ["明天能送到吗", undefined],
  ] as const)("%j reads as %s", (text, intent) => {
    expect(read(text)).toEqual({ intent, served: undefined });
  });
});

describe("claims and complaints stay theirs (投诉, 赔偿)", () => {
  it.each(["快递送不到能赔偿吗", "寄新疆的件丢了能赔吗", "我要投诉,能寄到拉萨吗"])(
    "%j is no coverage answer",
    (text) => {
      const { intent, served } = read(text);
      expect(served).toBeUndefined();
      expect(intent).not.toBe("coverage");
    },
  );
});

describe("hostile input", () => {
  it("a huge question of asking words and no place is read without trouble, as no place", () => {
    const huge = `${"你们送不送能不能寄到".repeat(400)}X`;
    expect(read(huge).served).toBeUndefined();
    expect(servedAnswer(`${"do you deliver to ".repeat(300)}?`, deps)).toBeUndefined();
  });
});
