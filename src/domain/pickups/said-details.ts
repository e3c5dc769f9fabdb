import { normalizePhone } from "../kernel/phone";

/**
 * The other details a customer types with a pickup address (SOP-20): "文昌路100号3栋,电话13812345678,
 * 寄到北京,一箱衣服" is an address, a phone, a destination and goods. Each is taken out of the text,
 * for its own question's reader to judge; what is left is the address, never holding the phone
 * (a name next to it or after 联系人: goes too: the address is where the courier goes, not who).
 */

/** The clauses of a message: split at commas, semicolons, full stops and line ends. */
const CLAUSE = /[,;。\n]+/;

/** A number typed in groups (as kernel/phone.ts reads one), not inside a Latin word or a longer number. */
const TYPED_NUMBER = /(?<![A-Za-z\d])\+?\(?\d[\d \t()-]*\d/g;
/** A phone's label just before it: "电话", "手机号:", "联系电话是", "tel". */
const PHONE_LABEL =
  /(?:联系|联络)?(?:电话|手机|号码|手机号码?|tel|phone|mobile)\s*(?:号码?)?\s*[:是为]?\s*$/i;
/** A person's name after a label ("联系人:张三"): it is not part of the address. */
const NAME_LABELLED = /(?:联系人|收件人|寄件人|收货人|姓名|名字)\s*[:是为]?\s*[\p{Script=Han}·]{0,4}/gu;
/** What marks a clause as part of an address: a digit, a road, a building, a room. */
const ADDRESS_WORD =
  /\d|路|街|道|巷|弄|村|组|小区|花园|苑|公寓|大厦|广场|园|社区|府|城|院|号|栋|幢|楼|室|单元|层|门|road|street|building|room/i;
/** A name typed right before the phone ("张三 13812345678", "王女士13812345678"). */
const NAME_BEFORE = /(?:^|\s)([\p{Script=Han}]{2,4})\s*$/u;

interface PhoneTaken {
  /** The first phone found, as normalizePhone writes it. */
  phone?: string | undefined;
  /** The text without any phone, its label or the name next to it. */
  rest: string;
}

/** The phone inside one run of digits typed in groups, as [start, end) of the run; else undefined. */
function phoneIn(run: string): { phone: string; start: number; end: number } | undefined {
  const groups = [...run.matchAll(/[^ \t]+/g)];
  for (let a = 0; a < groups.length; a++) {
    for (let b = groups.length; b > a; b--) {
      const first = groups[a];
      const last = groups[b - 1];
      if (!first || !last || first.index === undefined || last.index === undefined) continue;
      const end = last.index + last[0].length;
      const phone = normalizePhone(run.slice(first.index, end));
      if (phone) return { phone, start: first.index, end };
    }
  }
  return undefined;
}

/** One clause without its phones (and their labels, and a name next to them); undefined: nothing taken. */
function takePhonesFromClause(clause: string): { phones: string[]; rest: string } {
  const phones: string[] = [];
  let rest = clause;
  for (;;) {
    const found = [...rest.matchAll(TYPED_NUMBER)]
      .map((m) => ({ m, p: phoneIn(m[0]) }))
      .find((x) => x.p !== undefined);
    if (!found?.p || found.m.index === undefined) break;
    phones.push(found.p.phone);
    let before = rest.slice(0, found.m.index + found.p.start).replace(PHONE_LABEL, "");
    const name = NAME_BEFORE.exec(before);
    if (name?.[1] && !ADDRESS_WORD.test(name[1])) before = before.slice(0, name.index);
    rest = `${before} ${rest.slice(found.m.index + found.p.end)}`;
  }
  return { phones, rest };
}

/** A clause that lost something: dropped when nothing of an address is left ("电话", "张三"). */
export function leftOver(rest: string): string | undefined {
  const text = rest.replace(/\s+/g, " ").trim();
  return ADDRESS_WORD.test(text) ? text : undefined;
}

/**
 * Every phone in the text (the first is the one taken: SOP-20's contact phone), with the label
 * before it and a name next to it; a clause that held only those goes with them.
 */
export function takePhone(text: string): PhoneTaken {
  let phone: string | undefined;
  const kept: string[] = [];
  for (const clause of splitClauses(text)) {
    const named = clause.replace(NAME_LABELLED, " ");
    const taken = takePhonesFromClause(named);
    phone ??= taken.phones[0];
    if (taken.phones.length === 0 && named === clause) kept.push(clause);
    else {
      const rest = leftOver(taken.rest);
      if (rest) kept.push(rest);
    }
  }
  return { phone, rest: kept.join(",") };
}

export function splitClauses(text: string): string[] {
  return text
    .normalize("NFKC")
    .split(CLAUSE)
    .map((c) => c.trim())
    .filter((c) => c !== "");
}

/**
 * "寄到拉萨", "寄快递到香港", "寄两箱书到北京", "发往新疆乌鲁木齐", "send it to Beijing": where the
 * words say it goes (a few words of goods may stand between 寄 and 到).
 */
const SAID_DESTINATION: readonly RegExp[] = [
  /(?:寄|发|送|运)[^,，。;；!?！？\s到往去至]{0,8}?(?:到|往|去|至)(?<place>[^,，。;；!?！？\s]{1,20})/gu,
  /\bto\s+(?<place>[a-z][a-z ]{1,30}?)(?=[,.;!?]|$|\s+(?:tomorrow|today|by|at|please|pls)\b)/giu,
];

/** The places the text says it goes to ("寄到北京": 北京), with the words that said so, in order. */
export function saidDestinations(text: string): { place: string; said: string }[] {
  const found: { place: string; said: string; at: number }[] = [];
  for (const pattern of SAID_DESTINATION) {
    for (const match of text.matchAll(pattern)) {
      const place = match.groups?.place;
      if (place) found.push({ place, said: match[0], at: match.index ?? 0 });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ place, said }) => ({ place, said }));
}

/** Goods named with a label: "物品:衣服", "寄的是书", "里面是文件". */
const GOODS_LABELLED =
  /^(?:物品|货物|物件|内件|品名|东西是|寄的是|寄的东西是|要寄的是|里面是|goods|contents?)\s*[:是为]?\s*(.+)$/iu;
/** Goods counted: "一箱衣服", "两袋特产", "寄3本书", "a box of books", "2 bags". */
const GOODS_COUNTED =
  /^(?:寄|发|有)?\s*(?:[一二两三四五六七八九十几半]|\d+)\s*(?:大|小)?(?:个|件|箱|包|袋|盒|本|双|套|瓶|台|份|批|捆|桶|罐|条|张|只|纸箱|麻袋|公斤|斤|kg)/iu;
const GOODS_COUNTED_EN =
  /^(?:a|an|one|two|three|four|five|some|\d+)\s+(?:box|boxe|bag|pack|package|parcel|case|piece|set|carton|kg|book|document|cloth)(?:e?s)?\b/i;
/** Everyday goods named alone in a short clause ("衣服", "文件和资料"). */
const GOODS_WORDS =
  /衣服|衣物|服装|书|文件|资料|鞋|食品|零食|特产|茶叶|样品|玩具|被子|日用品|床上用品|clothes|books?|documents?|shoes/i;
const GOODS_WORDS_MAX = 12;

/** The goods a clause names, when it is about goods and not a place; else undefined. */
export function saidGoods(clause: string): string | undefined {
  const text = clause.trim();
  const labelled = GOODS_LABELLED.exec(text)?.[1]?.trim();
  if (labelled) return labelled;
  if (/\d\s*(?:号|栋|幢|楼|室|单元|层)/.test(text)) return undefined; // a building, not a count
  if (GOODS_COUNTED.test(text) || GOODS_COUNTED_EN.test(text)) {
    // "寄两箱书到北京": the goods are 两箱书; where they go is the destination's words.
    return text
      .replace(/^(?:寄|发|有)\s*/, "")
      .replace(/(?:到|往|至|去)[^,]*$/u, "")
      .trim();
  }
  if ([...text].length <= GOODS_WORDS_MAX && GOODS_WORDS.test(text) && !ADDRESS_WORD.test(text)) return text;
  return undefined;
}
