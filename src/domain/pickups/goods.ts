/**
 * SOP-26: before accepting a parcel, check it may be sent at all. Prohibited (违禁品) and fragile
 * goods are refused; by air, no batteries, liquids, knives or powders (电池、液体、刀具、粉剂).
 * The word lists are the policy's (`goods` in the policy file); these are their SOP-26 defaults.
 */

export const GOODS_MAX_LENGTH = 200;

/** 违禁品: refused whatever the transport, live animals and tobacco included. */
export const PROHIBITED_GOODS: readonly string[] = [
  "管制刀具",
  "枪",
  "弹药",
  "子弹",
  "炸药",
  "爆炸",
  "雷管",
  "烟花",
  "爆竹",
  "鞭炮",
  "毒品",
  "大麻",
  "冰毒",
  "海洛因",
  "易燃",
  "易爆",
  "汽油",
  "柴油",
  "酒精",
  "打火机",
  "火柴",
  "剧毒",
  "毒药",
  "腐蚀",
  "放射",
  // live animals (活体动物)
  "活体",
  "活物",
  "活禽",
  "活鸡",
  "活鸭",
  "活鱼",
  "活虾",
  "活蟹",
  "宠物",
  "小猫",
  "小狗",
  "猫咪",
  "狗狗",
  "仓鼠",
  "乌龟",
  "鹦鹉",
  // tobacco (烟草制品)
  "香烟",
  "烟草",
  "卷烟",
  "雪茄",
  "烟丝",
  "烟叶",
  "电子烟",
  "gun",
  "firearm",
  "ammunition",
  "ammo",
  "bullet",
  "explosive",
  "firework",
  "firecracker",
  "narcotic",
  "cannabis",
  "marijuana",
  "cocaine",
  "heroin",
  "flammable",
  "gasoline",
  "petrol",
  "poison",
  "corrosive",
  "radioactive",
  "live animal",
  "animal",
  "pet",
  "puppy",
  "kitten",
  "cat",
  "dog",
  "bird",
  "cigarette",
  "cigar",
  "tobacco",
  "vape",
  "e-cigarette",
];

/** 易碎品: the branch refuses fragile goods. */
export const FRAGILE_GOODS: readonly string[] = [
  "易碎",
  "玻璃",
  "陶瓷",
  "瓷器",
  "瓷",
  "镜子",
  "水晶",
  "fragile",
  "glass",
  "ceramic",
  "porcelain",
  "mirror",
  "crystal",
];

/**
 * By air: no batteries, liquids, knives or powders (电池、液体、刀具、粉剂), in the words people use
 * for the goods: whatever has a lithium battery built in (phones, laptops, power banks,
 * e-cigarettes, cameras, smart watches), liquids (cosmetics, perfume, liquor), powders (milk
 * powder) and blades (kitchen knives, scissors). A general word comes before the everyday names
 * that contain it, so that the customer reads the general one ("酒" for 白酒).
 */
export const AIR_GOODS_CLASSES = {
  battery: [
    "电池",
    "充电宝",
    "移动电源",
    "锂电",
    "手机",
    "笔记本电脑",
    "手提电脑",
    "平板电脑",
    "平板",
    "电子烟",
    "相机",
    "摄像机",
    "无人机",
    "智能手表",
    "电话手表",
    "手环",
    "蓝牙耳机",
    "电动牙刷",
    "battery",
    "batteries",
    "power bank",
    "lithium",
    "phone",
    "mobile phone",
    "cellphone",
    "iphone",
    "smartphone",
    "laptop",
    "ipad",
    "e-cigarette",
    "vape",
    "camera",
    "drone",
    "smart watch",
    "smartwatch",
  ],
  liquid: [
    "液体",
    "酒",
    "白酒",
    "红酒",
    "啤酒",
    "香水",
    "化妆品",
    "护肤品",
    "洗发水",
    "沐浴露",
    "乳液",
    "爽肤水",
    "指甲油",
    "饮料",
    "食用油",
    "精油",
    "酱油",
    "蜂蜜",
    "liquid",
    "perfume",
    "cosmetic",
    "cosmetics",
    "makeup",
    "alcohol",
    "wine",
    "liquor",
    "spirits",
    "beer",
    "shampoo",
    "lotion",
  ],
  powder: ["粉", "粉末", "奶粉", "面粉", "蛋白粉", "洗衣粉", "powder", "milk powder", "formula", "flour"],
  blade: [
    "刀",
    "剑",
    "菜刀",
    "剪刀",
    "水果刀",
    "剃须刀",
    "刀片",
    "knife",
    "knives",
    "blade",
    "scissors",
    "razor",
    "sword",
  ],
} as const satisfies Record<string, readonly string[]>;

export type AirGoodsClass = keyof typeof AIR_GOODS_CLASSES;

export const AIR_PROHIBITED_GOODS: readonly string[] = Object.values(AIR_GOODS_CLASSES).flat();

/** Which of the by-air classes a matched word belongs to; undefined for a branch's own word. */
export function airGoodsClass(matched: string): AirGoodsClass | undefined {
  const word = matched.normalize("NFKC").toLowerCase();
  const classes = Object.keys(AIR_GOODS_CLASSES) as AirGoodsClass[];
  return classes.find((c) => (AIR_GOODS_CLASSES[c] as readonly string[]).includes(word));
}

/**
 * Words that contain a table entry but name no such goods: 粉色 is pink, not a powder; pet food
 * and cat litter are not animals; "pet bottle" is plastic.
 */
const NOT_GOODS_WORDS = [
  "粉色",
  "粉红",
  "宠物用品",
  "宠物粮",
  "宠物食品",
  "宠物玩具",
  "猫粮",
  "狗粮",
  "猫砂",
  "cat food",
  "dog food",
  "pet food",
  "cat litter",
  "pet bottle",
  // By air: a phone's case, film or stand has no battery; 米粉, 粉丝 and 粉条 are noodles; 酒店 a hotel.
  "手机壳",
  "手机膜",
  "手机套",
  "手机支架",
  "相机包",
  "米粉",
  "粉丝",
  "粉条",
  "酒店",
  "phone case",
  "camera bag",
];

/** The three lists as the policy holds them (`goods.prohibited`, `goods.fragile`, `goods.byAir`). */
export interface GoodsLists {
  prohibited: readonly string[];
  fragile: readonly string[];
  byAir: readonly string[];
}

export const DEFAULT_GOODS_LISTS: GoodsLists = {
  prohibited: PROHIBITED_GOODS,
  fragile: FRAGILE_GOODS,
  byAir: AIR_PROHIBITED_GOODS,
};

export type GoodsRefusal = "prohibited" | "fragile" | "air_prohibited";

export type GoodsCheck =
  | { ok: true; goods: string }
  | { ok: false; rule: "SOP-26"; reason: GoodsRefusal; matched: string }
  | { ok: false; rule: "SOP-26"; reason: "empty" | "too_long" };

const normalizeText = (raw: string): string => raw.normalize("NFKC").replace(/\s+/g, " ").trim();

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

type Table = { term: string; re: RegExp }[];

/**
 * Chinese terms match anywhere; Latin terms match whole words (plural -s/-es allowed), so "gun"
 * finds "guns" but not "begun". A list is compiled once (the policy's lists live as long as it).
 */
const compiled = new WeakMap<readonly string[], Table>();
function compileTable(terms: readonly string[]): Table {
  const known = compiled.get(terms);
  if (known) return known;
  const table = terms.map((term) => {
    const t = term.normalize("NFKC").toLowerCase();
    const latin = /^[a-z -]+$/.test(t);
    const re = latin
      ? new RegExp(`(?<![a-z])${escapeRegExp(t)}(?:s|es)?(?![a-z])`)
      : new RegExp(escapeRegExp(t));
    return { term: t, re };
  });
  compiled.set(terms, table);
  return table;
}

/** SOP-26: may these goods be sent at all (and by air, when asked)? */
export function checkGoods(
  raw: string,
  options: { byAir?: boolean; lists?: GoodsLists | undefined } = {},
): GoodsCheck {
  const goods = normalizeText(raw);
  if (goods === "") return { ok: false, rule: "SOP-26", reason: "empty" };
  if ([...goods].length > GOODS_MAX_LENGTH) return { ok: false, rule: "SOP-26", reason: "too_long" };
  let text = goods.toLowerCase();
  for (const word of NOT_GOODS_WORDS) text = text.replaceAll(word, " ");

  const lists = options.lists ?? DEFAULT_GOODS_LISTS;
  const tables: [GoodsRefusal, Table][] = [
    ["prohibited", compileTable(lists.prohibited)],
    ["fragile", compileTable(lists.fragile)],
  ];
  if (options.byAir) tables.push(["air_prohibited", compileTable(lists.byAir)]);
  for (const [reason, table] of tables) {
    const hit = table.find(({ re }) => re.test(text));
    if (hit) return { ok: false, rule: "SOP-26", reason, matched: hit.term };
  }
  return { ok: true, goods };
}
