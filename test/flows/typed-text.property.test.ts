import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../src/domain/config/policy";
import { matchIntent } from "../../src/domain/intents";
import { normaliseTyped } from "../../src/domain/intents/text";
import { typedChoice } from "../../src/flows/engine";
import { shanghai, useDeskHarness } from "../support/desk-harness";
import { freshTrackingNo, scan } from "../support/parcels";
import { repliesText, type Transcript } from "../support/transcript";

/**
 * Issue 14 §2, "done means": random typed text, in any state of the pickup form (a customer's)
 * and of the problem note (staff's), never loses the answers already given: after it, the form
 * goes on to its summary, which still shows every one of them.
 *
 * Left out on purpose: what ends a flow by design. A whole-message request to cancel, for a
 * person, to complain or to claim (the customer asked to leave, issue 14 §2) and text that means a button (its label, its
 * start, a yes or confirm word: that button pressed; its cancel ends the flow, its confirm submits it).
 */
const ADDRESS = "扬州市文昌路 88 号 3 栋 502 室";
const NEW_ADDRESS = "扬州市文昌路 90 号 2 栋 101 室";
const PHONE = "13812345678";

const typed = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom(
    "多少钱?",
    "how much",
    "我的快递到哪了",
    "where is my parcel YT1234567890",
    "谢谢",
    "help",
    "我要寄快递",
    "人工湖路 5 号",
    "人工草坪",
    "取消了吗?我还要寄",
    "晚上8点可以吗",
    "明天下午",
    "１３８００００００００",
    "文昌路",
    "充电宝",
    "📦📦",
    "否?",
    "🙂",
    "/cancel",
    "",
    // issue 14 §2: pickup sentences, self-pickup questions and payment words typed mid-form
    "明天下午来我家取件",
    "明天下午3点来文昌路 100 号取件",
    "今晚8点来我家取件",
    "我的快递什么时候可以取",
    "到哪里取件",
    "取件码",
    "寄付",
    "到付",
  ),
);

/** What ends a flow by design (see above): the property says nothing about these. */
function endsByDesign(text: string, labels: readonly string[]): boolean {
  const match = matchIntent(text, defaultPolicy());
  const leaves = ["cancel", "cancelPickup", "person", "complaint", "claim"].includes(match.intent ?? "");
  const label = normaliseTyped(text);
  const pressesButton = typedChoice(labels, labels, text) !== undefined;
  return (
    (match.whole && leaves) ||
    pressesButton ||
    (label !== "" && labels.some((l) => normaliseTyped(l) === label))
  );
}

/**
 * What the user sees now: the last turn that said something (a text cleaned to nothing gets no
 * reply, and the question before it, with its buttons, stands).
 */
function onScreen(chat: Transcript): { text: string; buttons: Map<string, string>; asksContact: boolean } {
  const turn = [...chat.turns].reverse().find((t) => t.replies.length > 0);
  const replies = turn?.replies ?? [];
  const buttons = new Map(
    replies.flatMap((r) => (r.kind === "choices" ? r.choices : [])).map((c) => [c.label, c.payload]),
  );
  return { text: repliesText(replies), buttons, asksContact: replies.some((r) => r.kind === "ask_contact") };
}

async function press(chat: Transcript, buttons: Map<string, string>, label: string): Promise<void> {
  await chat.pressPayload(buttons.get(label) ?? `no button ${label}`);
}

/** Answers whatever the pickup form asks until its summary; the summary, or undefined if never there. */
async function pickupToSummary(chat: Transcript): Promise<string | undefined> {
  for (let i = 0; i < 12; i++) {
    const { text, buttons, asksContact } = onScreen(chat);
    const first = [...buttons.keys()][0];
    if (buttons.has("确认提交")) return text;
    if (buttons.has("返回")) await press(chat, buttons, "返回");
    else if (asksContact) await chat.say(PHONE);
    else if (buttons.has("是") && buttons.has("否")) await press(chat, buttons, "否");
    else if (buttons.has("现付(寄件人付)")) await press(chat, buttons, "现付(寄件人付)");
    else if (/什么时候上门|时间/.test(text) && first) await press(chat, buttons, first);
    else if (/寄往哪个城市|省份和城市|派送范围/.test(text))
      await chat.say("北京"); // SOP-27
    else if (text.includes("物品")) await chat.say("衣服");
    else if (text.includes("地址")) await chat.say(ADDRESS);
    else return undefined;
  }
  return undefined;
}

/** Answers whatever the SOP-32 note asks until its summary; the summary, or undefined if never there. */
async function noteToSummary(chat: Transcript): Promise<string | undefined> {
  for (let i = 0; i < 10; i++) {
    const { text, buttons } = onScreen(chat);
    if (text.includes("确认登记")) return text;
    if (buttons.has("收件人要求")) await press(chat, buttons, "收件人要求");
    else if (text.includes("新电话")) await press(chat, buttons, "跳过(未变更)");
    else if (text.includes("新收件人")) await chat.say("李娜");
    else if (text.includes("详细新地址")) await chat.say(NEW_ADDRESS);
    else return undefined;
  }
  return undefined;
}

describe("random typed text never loses a form's answers (issue 14 §2)", () => {
  const h = useDeskHarness("typed-text");

  /** The pickup's answers in order, each with what the summary shows of it (SOP-20, SOP-26, SOP-28). */
  const pickupAnswers: [step: (chat: Transcript) => Promise<unknown>, shown: string][] = [
    [(c) => c.say(ADDRESS), `地址:${ADDRESS}`],
    [(c) => c.say(PHONE), `联系电话:${PHONE}`],
    [(c) => c.say("北京"), "寄往:北京"], // SOP-27: the destination
    [(c) => c.say("衣服"), "物品:衣服"],
    [(c) => c.press("否"), "运输方式:陆运"],
    [(c) => c.press("现付(寄件人付)"), "付款方式:现付(寄件人付)"],
    [(c) => c.press("今天(11月27日) 15:00 以后"), "上门时间:今天(11月27日) 15:00 以后"],
  ];

  it("SOP-20: in the pickup form, at every question and at the summary", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: pickupAnswers.length }), typed, async (given, text) => {
        const chat = h.customer();
        await chat.say("/pickup");
        for (const [answer] of pickupAnswers.slice(0, given)) await answer(chat);
        fc.pre(!endsByDesign(text, chat.buttons()));
        await chat.send({ kind: "text", text });
        const summary = await pickupToSummary(chat);
        expect(summary, chat.text()).toBeDefined();
        for (const [, shown] of pickupAnswers.slice(0, given)) expect(summary).toContain(shown);
        expect(await h.desk.myPickups(chat.who.chat)).toEqual([]); // nothing submitted by typing
      }),
      { numRuns: 150 },
    );
    expect(h.errors).toEqual([]);
  }, 120_000);

  it("SOP-32: in the problem note, at every question and at the summary", async () => {
    const no = freshTrackingNo();
    await h.ingest([scan(no, "arrived", shanghai("07:00"), "扬州分公司", { originBranch: "南京分公司" })]);
    const noteAnswers: [step: (chat: Transcript) => Promise<unknown>, shown: string][] = [
      [(c) => c.press("收件人要求"), "原因:收件人要求"],
      [(c) => c.say(NEW_ADDRESS), `详细新地址:${NEW_ADDRESS}`],
      [(c) => c.say("李娜"), "新收件人(如有变更):李娜"],
      [(c) => c.press("跳过(未变更)"), "确认登记"],
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: noteAnswers.length }), typed, async (given, text) => {
        const chat = h.staff("zhang");
        await chat.play([{ say: "/problem" }, { say: no }, { press: "改地址" }]);
        for (const [answer] of noteAnswers.slice(0, given)) await answer(chat);
        fc.pre(!endsByDesign(text, chat.buttons()));
        await chat.send({ kind: "text", text });
        const summary = await noteToSummary(chat);
        expect(summary, chat.text()).toBeDefined();
        for (const [, shown] of noteAnswers.slice(0, given)) expect(summary).toContain(shown);
        expect(await h.store.problems.listByParcel(no)).toEqual([]); // nothing recorded by typing
      }),
      { numRuns: 150 },
    );
    expect(h.errors).toEqual([]);
  }, 120_000);
});
