import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { findTrackingNumber, type Intent, matchIntent, saidPlace } from "../../../src/domain/intents";
import { withinOneEdit } from "../../../src/domain/intents/text";

/**
 * Issue 14 §2: the spec of typed intents, as customers type them (zh-CN, English, both at once,
 * typos, full-width characters, punctuation, emoji). Each row: the text, the intent it says
 * (none: it says none), whether it is nothing but that (a whole message), and the tracking
 * number in it.
 */
const policy = defaultPolicy();
const YT = "YT1234567890";

type Row = [text: string, intent: Intent | undefined, whole?: boolean, trackingNo?: string];

const person: Row[] = [
  ["人工", "person", true],
  ["转人工", "person", true],
  ["转人工!!!", "person", true],
  ["我要人工", "person", true],
  ["人工客服", "person", true],
  ["请帮我转人工客服,谢谢", "person", true],
  ["客服", "person", true],
  ["客服呢?", "person", true],
  ["有人吗", "person", true],
  ["转 人工", "person", true],
  ["转人功", "person", true],
  ["找个真人跟我说", "person", false],
  ["人工 人工 人工😡", "person", true],
  ["转人工,我的快递破损了", "person", false],
  ["real person please", "person", true],
  ["I want to talk to a human", "person", true],
  ["Talk to an agent", "person", true],
  ["AGENT", "person", true],
  ["agnet", "person", true],
  ["human pls", "person", true],
  ["customer service", "person", true],
  ["can I speak to someone about my parcel", "person", false],
  ["人工 please", "person", true],
  ["我要 real person", "person", true],
  ["manual service", "person", true],
  ["人工 YT1234567890", "person", true, YT],
];

const complaint: Row[] = [
  ["我要投诉", "complaint", true],
  ["投诉!", "complaint", true],
  ["我要投述你们的快递员", "complaint", false],
  ["快递员态度太差了", "complaint", false],
  ["投诉 YT1234567890 三天了还没到", "complaint", false, YT],
  ["我要投诉,转人工", "complaint", false],
  ["I want to make a complaint", "complaint", true],
  ["complaint", "complaint", true],
  ["compliant about the courier", "complaint", false],
  ["your courier was rude", "complaint", false],
  ["投诉你们快递员", "complaint", false],
  ["I want to complain", "complaint", true],
  ["投诉:快递丢了要赔偿", "complaint", false], // both: the complaint is said first (INTENTS' order)
];

/** SOP-70, SOP-71: asking for compensation starts the /claim flow (flows/customer/intents.ts). */
const claim: Row[] = [
  ["我要理赔", "claim", true],
  ["理赔", "claim", true],
  ["快递丢了要赔偿", "claim", false],
  ["我的包裹还没到,我要索赔", "claim", false], // not tracking: "还没到" is why
  ["破损了赔偿多少钱", "claim", false], // not price: what the courier charges is SOP-21's
  ["理赔 YT1234567890", "claim", true, YT],
  ["I want compensation", "claim", true],
  ["I want to file a claim for my lost parcel", "claim", false],
  ["claim", "claim", true],
  ["Can I get my money back? the box arrived broken", "claim", false],
  // A question about compensation is no request for it: a thread's agent or a person answers.
  ["箱子里的东西摔坏了,怎么赔?", undefined],
  ["where can I claim my parcel", undefined], // collecting is no claim
];

const price: Row[] = [
  ["多少钱?", "price", true],
  ["多少钱？", "price", true],
  ["寄到北京多少钱", "price", false],
  ["运费怎么算", "price", false],
  ["我要寄快递,多少钱", "price", false],
  ["首重多少", "price", false],
  ["一公斤多少钱啊", "price", true],
  ["贵不贵", "price", true],
  ["how much?", "price", true],
  ["How much does it cost to send a parcel to Shanghai", "price", false],
  ["what is the price", "price", false],
  ["shipping fee?", "price", false],
  ["寄个快递 how much", "price", false],
];

const pickup: Row[] = [
  ["我要寄快递", "pickup", true],
  ["寄快递", "pickup", true],
  ["我要寄件", "pickup", true],
  ["上门取件", "pickup", true],
  ["可以上门取件吗?", "pickup", true],
  ["我想寄个东西到上海", "pickup", false],
  ["预约取件", "pickup", true],
  ["寄快第", "pickup", true],
  ["叫快递员来拿一下", "pickup", false],
  ["寄", "pickup", true],
  ["I want to send a parcel", "pickup", true],
  ["send a package please", "pickup", true],
  ["Can you come and pick up a box from my home", "pickup", false],
  ["book a pickup", "pickup", true],
  ["pickup", "pickup", true],
  ["我要 send a parcel", "pickup", true],
  // 来…取件 / 来…收件 / 来…取个件, whatever stands between (a place, a time, digits, spaces)
  ["明天下午来我家取件", "pickup", false],
  ["明天下午来我家取个件", "pickup", false],
  ["明天下午3点来文昌路100号取件", "pickup", false],
  ["明天下午 3 点来文昌路 100 号 3 栋取件", "pickup", false],
  ["来我家收件", "pickup", false],
  ["麻烦来公司收个快递", "pickup", false],
  ["我要寄快递,明天下午来取", "pickup", false],
  ["取消明天下午来我家取件", "cancelPickup", false],
  // The courier asked to come (SOP-20): someone asked, 来 to the customer's place or to an address
  ["我想请你们来我家取件", "pickup", false],
  ["师傅明天过来取件", "pickup", false],
  ["我要寄东西明天下午来取", "pickup", false],
  ["你们几点来取件", "pickup", false],
  ["来取件", "pickup", true],
];

/**
 * Self-pickup questions (SOP-37, SOP-50): a parcel waiting at a point, never a pickup request. No
 * 来 before the 取, or 来了 ("it has come"), or 来 and 取件 in two clauses.
 */
const selfPickup: Row[] = [
  ["我的快递什么时候可以取", "track", true],
  ["到哪里取件", "track", false],
  ["取件码", "track", true],
  ["取件码是多少", "track", false],
  ["快递来了取件码多少", "track", false],
  ["我的快递到了吗,到哪里取件", "track", false],
  ["在哪取件啊", "track", false],
  ["快递员明天来吗?我去取件", undefined],
  // The customer comes (SOP-37): 我…来拿/来取, 来拿 at a 网点/驿站, or 来 that is no "come here"
  // (来回, 后来); never a pickup request.
  ["我下午来拿快递", "track", false],
  ["我想来拿东西", "track", false],
  ["我下午过来取件", "track", false],
  ["我可以来网点拿包裹吗", "track", false],
  ["我明天来文昌路100号驿站取件", "track", false],
  ["几点可以来取快递", undefined],
  ["请问几点可以来取快递", undefined],
  ["几点可以来取件", undefined],
  ["等我回来取件", "track", false],
  ["来回取件要多久", undefined],
  ["后来收件人说没收到", undefined],
  // An address in a question is no request either (the menu: src/flows/customer/route.ts)
  ["文昌路100号有我的包裹吗", undefined],
  ["文昌路100号3栋的快递放哪了", undefined],
];

const track: Row[] = [
  ["我的快递到哪了", "track", true],
  ["我的快递到哪了?", "track", true],
  ["快递到那了", "track", true],
  ["查快递", "track", true],
  ["查件", "track", true],
  ["帮我查一下快递", "track", true],
  ["我的快递", "track", true],
  ["单号YT1234567890到哪了", "track", true, YT],
  ["单号：ＹＴ１２３４５６７８９０", "track", true, YT],
  ["我的件 1234 5678 9012 还没到", "track", true, "123456789012"],
  ["请问 YT1234567890 什么时候到", "track", true, YT],
  ["快递三天了还没到", "track", false],
  ["where is my parcel YT1234567890", "track", true, YT],
  ["Where's my parcel?", "track", true],
  ["where is my package", "track", true],
  ["track", "track", true],
  ["traking", "track", true],
  ["track yt 1234-5678-90", "track", true, YT],
  ["my parcel hasnt arrived", "track", true],
  ["my parcle", "track", true],
  ["YT1234567890 到了吗", "track", true, YT],
  ["where is my 包裹", "track", true],
];

const cancel: Row[] = [
  ["取消", "cancel", true],
  ["取消!", "cancel", true],
  ["算了", "cancel", true],
  ["算了吧", "cancel", true],
  ["我要取消", "cancel", true],
  ["cancel", "cancel", true],
  ["Cancel.", "cancel", true],
  ["CANCEL", "cancel", true],
  ["cancle", "cancel", true],
  ["never mind", "cancel", true],
  ["ｃａｎｃｅｌ", "cancel", true],
  ["取消取件", "cancelPickup", true],
  ["我要取消预约", "cancelPickup", true],
  ["取消明天的上门取件", "cancelPickup", false],
  ["不寄了", "cancelPickup", true],
  ["cancel my pickup", "cancelPickup", true],
  ["取消 YT1234567890", "cancel", true, YT],
];

const help: Row[] = [
  ["帮助", "help", true],
  ["help", "help", true],
  ["Help!", "help", true],
  ["help me", "help", true],
  ["怎么用", "help", true],
  ["what can you do?", "help", true],
  ["help me track my parcel", "track", false],
];

const thanks: Row[] = [
  ["谢谢", "thanks", true],
  ["好的谢谢", "thanks", true],
  ["谢谢!🙏", "thanks", true],
  ["多谢", "thanks", true],
  ["再见", "thanks", true],
  ["拜拜~", "thanks", true],
  ["thanks", "thanks", true],
  ["Thank you!", "thanks", true],
  ["ok thanks", "thanks", true],
  ["thx", "thanks", true],
  ["bye", "thanks", true],
  ["谢谢,我的快递到哪了", "track", true],
];

/** Things customers type that ask for none of these: addresses, goods, names, times, a phone. */
const none: Row[] = [
  ["文昌路 88 号 3 栋 502 室", undefined],
  ["扬州市人工湖路 5 号", undefined],
  ["东关街 12 号客服中心对面", undefined],
  ["人工草坪两卷", undefined],
  ["衣服和鞋子", undefined],
  ["手机壳 两箱", undefined],
  ["一箱书", undefined],
  ["phone charger", undefined],
  ["a small statue", undefined],
  ["张伟", undefined],
  ["李娜", undefined],
  ["Grace Kim", undefined],
  ["Tracy", undefined],
  ["13800000003", undefined],
  ["+86 138 0000 0003", undefined],
  ["0514-8000000", undefined],
  ["明天下午", undefined],
  ["晚上8点可以吗", undefined],
  ["11点半", undefined],
  ["你好", undefined],
  ["hello", undefined],
  ["好的", undefined],
  ["😀😀", undefined],
  ["???", undefined],
  ["", undefined],
  ["箱子里的东西摔坏了,怎么赔?", undefined],
  ["否", undefined],
  ["不用了", undefined],
  ["返回", undefined],
  ["我的电话是 138 0000 0003 5号楼", undefined],
  ["请问 YT1234567890 可以改地址吗", undefined, false, YT],
  [YT, undefined, false, YT],
];

const rows = [
  ...person,
  ...complaint,
  ...claim,
  ...price,
  ...pickup,
  ...selfPickup,
  ...track,
  ...cancel,
  ...help,
  ...thanks,
  ...none,
];

describe("typed intents (issue 14 §2)", () => {
  it("has at least 100 phrasings in its table", () => {
    expect(rows.length).toBeGreaterThanOrEqual(100);
  });

  it.each(rows)("%j says %s (whole: %s, number: %s)", (text, intent, whole, trackingNo) => {
    const match = matchIntent(text, policy);
    expect(match.intent).toBe(intent);
    if (whole !== undefined) expect(match.whole).toBe(whole);
    expect(match.trackingNo).toBe(trackingNo);
  });
});

describe("where a pickup sentence says the courier comes (saidPlace, SOP-20)", () => {
  it.each([
    ["明天下午3点来文昌路100号取件", "文昌路100号"],
    ["明天下午 3 点来文昌路 100 号 3 栋取件", "文昌路100号3栋"],
    ["明天下午来我家取件", "我家"],
    ["麻烦来公司收个快递", "公司"],
    ["我要寄快递,明天下午来取", undefined],
    ["我明天来文昌路100号驿站取件", undefined], // SOP-37: the customer at a point, no courier
    ["我下午来拿快递", undefined],
  ])("%j: %s", (text, place) => {
    expect(saidPlace("pickup", text, policy)).toBe(place);
  });
});

describe("a tracking number inside a sentence", () => {
  it.each([
    ["where is my parcel YT1234567890", YT],
    ["单号YT1234567890到哪了", YT],
    ["单号是yt1234567890,谢谢", YT],
    ["ＹＴ１２３４５６７８９０", YT],
    ["我的件 1234 5678 9012 还没到", "123456789012"],
    ["on 1234 5678 9012 please", "123456789012"],
    ["is yt 1234 5678 90 here", YT],
    ["ea 123 456 785 cn", "EA123456785CN"],
  ])("finds it in %j", (text, trackingNo) => {
    expect(findTrackingNumber(text, policy)?.trackingNo).toBe(trackingNo);
  });

  it.each([
    "13800000003",
    "电话 138 0000 0003",
    "我的电话是 138 0000 0003 5号楼",
    "+86 138 0000 0003",
    "8613800000003",
    "0514-8000000",
    "2026-11-27 15:30",
    "文昌路 88 号",
    "ea 123 456 789 cn", // S10 with a wrong check digit: not EA123456789 either
  ])("never takes a phone number or an address for one: %j", (text) => {
    expect(findTrackingNumber(text, policy)).toBeUndefined();
  });

  it("uses the policy's rule (trackingNumber.pattern)", () => {
    const sf = defaultPolicy({ trackingNumber: { pattern: "SF[0-9]{12}" } });
    expect(findTrackingNumber("查一下 SF123456789012 到哪了", sf)?.trackingNo).toBe("SF123456789012");
    expect(findTrackingNumber(`查一下 ${YT} 到哪了`, sf)).toBeUndefined();
  });
});

describe("one typo away", () => {
  it.each([
    ["cancle", "cancel", true],
    ["compliant", "complaint", true],
    ["traking", "tracking", true],
    ["pakage", "package", true],
    ["parcel", "parcel", true],
    ["cancer", "cancel", true],
    ["status", "stats", true],
    ["charger", "cancel", false],
    ["ab", "ba", true],
    ["abc", "cab", false],
  ])("%s and %s: %s", (a, b, near) => {
    expect(withinOneEdit(a, b)).toBe(near);
  });
});
