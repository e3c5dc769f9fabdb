import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defaultPolicy } from "../../src/domain/config/policy";
import { createBusinessCalendar } from "../../src/domain/kernel/calendar";
import type { ChatRef } from "../../src/domain/kernel/chat";
import { ManualClock } from "../../src/domain/kernel/clock";
import { cleanText } from "../../src/domain/kernel/text";
import { t } from "../../src/domain/messages";
import type { DeskLookups } from "../../src/domain/ports/lookups";
import { ask, handOver, say } from "../../src/flows/common";
import {
  createEngine,
  decodePayload,
  type EngineOptions,
  foldReplies,
  LANGUAGE_VALUE,
  MAX_TEXT_LENGTH,
  messageCount,
  sanitize,
  typedChoice,
} from "../../src/flows/engine";
import { type FormState, form } from "../../src/flows/form";
import type { ChannelInput, Flow, FlowName, RenderedReply, Who } from "../../src/flows/types";
import { branchDirectory } from "../support/branch";
import { MemoryChatLock } from "../support/memory/chat-lock";
import { MemorySessionStore } from "../support/memory/sessions";
import { transcript } from "../support/transcript";

// Sessions and the chat lock in memory (test/store/sessions-contract.test.ts holds them to Redis's behaviour).
const sessions = new MemorySessionStore();

const policy = defaultPolicy();
const clock = new ManualClock("2026-11-27T02:00:00Z");
const directory = branchDirectory();
const unused = new Proxy({}, { get: () => () => Promise.reject(new Error("not used in engine tests")) });
const deps = {
  lookups: unused as DeskLookups,
  policy,
  calendar: createBusinessCalendar(policy),
  directory,
  clock,
};

/** This file's own flows (the engine runs any registry; the desk's is typed by FlowName). */
type TestFlow = "colour" | "secret" | "boom" | "astray" | "pizza" | "waiter" | "order";

/** A two-step flow: asks a colour by buttons, then a name by text. */
const colourFlow: Flow<{ colour?: string }, TestFlow> = {
  name: "colour",
  command: "colour",
  state: z.object({ colour: z.string().optional() }),
  async start() {
    return {
      replies: [
        {
          kind: "choices",
          text: "colour?",
          choices: [
            { label: "Red", value: "red" },
            { label: "Blue", value: "blue" },
          ],
        },
      ],
      next: {},
    };
  },
  async on(_ctx, state, input) {
    if (!state.colour) {
      if (input.kind !== "choice")
        return { replies: [{ kind: "text", text: "press a button" }], next: state };
      return { replies: [{ kind: "text", text: `name for ${input.value}?` }], next: { colour: input.value } };
    }
    if (input.kind !== "text") return { replies: [{ kind: "text", text: "type a name" }], next: state };
    return { replies: [{ kind: "text", text: `${state.colour} ${input.text}` }] };
  },
};

const staffFlow: Flow<Record<string, never>, TestFlow> = {
  name: "secret",
  command: "secret",
  roles: ["agent"],
  state: z.object({}),
  async start() {
    return { replies: [{ kind: "text", text: "staff only area" }] };
  },
  async on() {
    return { replies: [] };
  },
};

const boomFlow: Flow<Record<string, never>, TestFlow> = {
  name: "boom",
  command: "boom",
  state: z.object({}),
  async start() {
    return { replies: [{ kind: "text", text: "armed" }], next: {} };
  },
  async on() {
    throw new Error("flow bug");
  },
};

/** A flow whose hand-over names a flow that does not exist (only a cast gets it past the compiler). */
const astrayFlow: Flow<Record<string, never>, TestFlow> = {
  name: "astray",
  command: "astray",
  state: z.object({}),
  async start() {
    return handOver([{ kind: "text", text: "handing over" }], "nowhere" as FlowName);
  },
  async on() {
    return { replies: [] };
  },
};

/**
 * A form that keeps what it was told: a size by buttons (re-offered when text comes instead), then
 * 是/否 to confirm. Its steps say several things (text, list, buttons) that reach the user as one message.
 */
const pizzaFlow: Flow<{ size?: string }, TestFlow> = {
  name: "pizza",
  command: "pizza",
  state: z.object({ size: z.string().optional() }),
  async start() {
    return { replies: [sizes("size?")], next: {} };
  },
  async on(_ctx, state, input) {
    if (!state.size) {
      if (input.kind !== "choice") return { replies: [sizes("please pick a size")], next: state };
      return {
        replies: [
          { kind: "text", text: `size ${input.value}` },
          { kind: "list", title: "your order", items: [input.value] },
          { kind: "choices", text: "confirm?", choices: [yes, no] },
        ],
        next: { size: input.value },
      };
    }
    if (input.kind === "choice" && input.value === "yes")
      return { replies: [{ kind: "text", text: `ordered ${state.size}` }] };
    if (input.kind === "choice" && input.value === "no")
      return { replies: [{ kind: "text", text: "not ordered" }] };
    return { replies: [{ kind: "choices", text: "confirm?", choices: [yes, no] }], next: state };
  },
};
const yes = { label: "✅ 是", value: "yes" };
const no = { label: "否", value: "no" };
function sizes(text: string) {
  return {
    kind: "choices" as const,
    text,
    choices: [
      { label: "Small", value: "small" },
      { label: "Large", value: "large" },
    ],
  };
}

/**
 * A menu-like flow, as /track's answer and /mypickups' list are: buttons, or "again" typed; any
 * other text is not for it, and it passes it on (issue 14 §1).
 */
const waiterFlow: Flow<Record<string, never>, TestFlow> = {
  name: "waiter",
  command: "waiter",
  state: z.object({}),
  async start() {
    return { replies: [waiterMenu("what else?")], next: {} };
  },
  async on(_ctx, state, input) {
    if (input.kind === "choice") return { replies: [{ kind: "text", text: "bye" }] };
    if (input.kind === "text" && input.text === "again")
      return { replies: [waiterMenu("again!")], next: state };
    if (input.kind === "text" || input.kind === "photo") return { replies: [], pass: true };
    return { replies: [waiterMenu("choose below")], next: state };
  },
};
function waiterMenu(text: string) {
  return { kind: "choices" as const, text, choices: [{ label: "That's all", value: "done" }] };
}

/** A form that can resume (issue 14 §4): a size by buttons, a name typed, a summary; asked in the chat's language. */
interface Order {
  size: string;
  name: string;
}
const orderForm = form<Order>({
  values: z.object({ size: z.string().optional(), name: z.string().optional() }),
  fields: [
    {
      key: "size",
      ask: (ctx) => [
        ask(ctx.language === "zh" ? "要多大的?" : "Which size?", [
          { label: ctx.language === "zh" ? "小" : "Small", value: "small" },
          { label: ctx.language === "zh" ? "大" : "Large", value: "large" },
        ]),
      ],
      parse: (_ctx, input) => (input.kind === "choice" ? { set: { size: input.value } } : {}),
    },
    {
      key: "name",
      ask: (ctx) => [say(ctx.language === "zh" ? "写谁的名字?" : "Whose name?")],
      parse: (_ctx, input) => (input.kind === "text" ? { set: { name: input.text } } : {}),
    },
  ],
  hint: "customer.chooseBelow",
  summary: {
    text: (ctx, answers) => `${ctx.language === "zh" ? "订单" : "Order"}: ${answers.size} ${answers.name}`,
    submit: "button.confirm",
  },
  submit: async (_ctx, answers) => ({
    end: { replies: [say(`ordered ${answers.size} for ${answers.name}`)] },
  }),
  cancel: () => ({ replies: [say("no order")] }),
});
const orderFlow: Flow<FormState<Order>, TestFlow> = {
  name: "order",
  command: "order",
  state: orderForm.state,
  start: (ctx) => orderForm.start(ctx),
  on: (ctx, state, input) => orderForm.on(ctx, state, input),
  resume: (ctx, state) => orderForm.resume(ctx, state),
};

const errors: unknown[] = [];
const options: EngineOptions<TestFlow> = {
  deps,
  sessions,
  lock: new MemoryChatLock(),
  flows: {
    colour: colourFlow,
    secret: staffFlow,
    boom: boomFlow,
    astray: astrayFlow,
    pizza: pizzaFlow,
    waiter: waiterFlow,
    order: orderFlow,
  },
  actions: [
    {
      name: "ping",
      roles: ["agent"],
      async run(_ctx, arg) {
        return { replies: [{ kind: "text", text: `pong ${arg}` }] };
      },
    },
  ],
  menu: (ctx) => [
    {
      kind: "choices",
      text: ctx.t("menu.customer"),
      choices: [
        { label: "colours", value: "flow:colour" },
        { label: ctx.t("menu.language"), value: LANGUAGE_VALUE },
      ],
    },
  ],
  route: (_ctx, input) =>
    input.kind === "text" && input.text === "paint" ? { flow: "colour", args: "" } : undefined,
  // Outside a flow only, as the desk's typed intents answer a price question (SOP-21).
  intercept: (_ctx, text, active) =>
    !active && text === "how much?"
      ? { reply: [{ kind: "text", text: "the courier tells you" }] }
      : undefined,
  onError: (e) => errors.push(e),
};
const engine = createEngine(options);

let chatSeq = 0;
let customer: Who;
beforeEach(() => {
  chatSeq += 1;
  const chat: ChatRef = {
    channel: "telegram",
    chatId: String(9000 + chatSeq),
    userId: String(9000 + chatSeq),
  };
  customer = { chat, person: undefined, isGroup: false };
  errors.length = 0;
});

const STALE = "这个按钮已过期,请用最新消息里的按钮继续。";
const ALREADY_DONE = "已收到,无需重复点击。";
const texts = (replies: RenderedReply[]) =>
  replies.map((r) => ("text" in r ? r.text : r.kind === "list" ? r.title : `[photo ${r.fileRef}]`));
function button(replies: RenderedReply[], label: string): string {
  for (const r of replies) {
    if (r.kind === "choices") {
      const found = r.choices.find((c) => c.label === label);
      if (found) return found.payload;
    }
  }
  throw new Error(`no button ${label} in ${JSON.stringify(replies)}`);
}
const send = (input: ChannelInput, who: Who = customer) => engine.handle(who, input);

describe("flow engine", () => {
  it("runs a flow step by step with state kept in the session store", async () => {
    const first = await send({ kind: "command", name: "colour", args: "" });
    const second = await send({ kind: "choice", payload: button(first, "Blue") });
    expect(texts(second)).toEqual(["name for blue?"]);
    expect(texts(await send({ kind: "text", text: "sky" }))).toEqual(["blue sky"]);
    // done: the next text is routed afresh and shows the menu
    expect(texts(await send({ kind: "text", text: "hello" }))).toEqual(["请选择您要办理的业务:"]);
  });

  it("answers a button from an older message with a toast, without touching the flow", async () => {
    const first = await send({ kind: "command", name: "colour", args: "" });
    const red = button(first, "Red");
    await send({ kind: "text", text: "not a button" }); // a newer message makes the old buttons stale
    expect(await send({ kind: "choice", payload: red })).toEqual([{ kind: "toast", text: STALE }]);
    expect(texts(await send({ kind: "text", text: "still here?" }))).toEqual(["press a button"]);
  });

  it("refuses a forged value that was never offered, with a toast", async () => {
    const first = await send({ kind: "command", name: "colour", args: "" });
    const forged = button(first, "Red").replace(".red", ".green");
    expect(await send({ kind: "choice", payload: forged })).toEqual([{ kind: "toast", text: STALE }]);
    expect(await send({ kind: "choice", payload: "garbage\u0000" })).toEqual([
      { kind: "toast", text: STALE },
    ]);
  });

  it("answers a stranger's staff command, on every channel, with the polite 'not in the directory' note", async () => {
    const replies = await send({ kind: "command", name: "secret", args: "" });
    expect(texts(replies).join()).not.toContain("staff only area");
    expect(texts(replies)).toEqual([t("zh", "channel.notInDirectory")]);
  });

  it("tells a colleague without the role whose command it is, in their language, not the customer help", async () => {
    const supervisor: Who = {
      chat: { channel: "web", chatId: "w-li", userId: "w-li" },
      person: directory.byTelegramId(2002), // li, the duty lead: /secret is the agents'
      isGroup: false,
    };
    const replies = await send({ kind: "command", name: "secret", args: "" }, supervisor);
    expect(replies).toEqual([{ kind: "text", text: "/secret 是话务员用的命令。" }]);
    const english: Who = { ...supervisor, person: { ...supervisor.person, language: "en" } as Who["person"] };
    expect(texts(await send({ kind: "command", name: "secret", args: "" }, english))).toEqual([
      "/secret is for agents.",
    ]);
  });

  it("answers a stranger's press of any notice button (a.<name>.<arg>) as someone else's, never expired", async () => {
    const NOT_FOR_YOU = t("zh", "buttons.notForYou");
    const slackStranger: Who = { ...customer, chat: { channel: "slack", chatId: "D0X", userId: "U0X" } };
    expect(await send({ kind: "choice", payload: "a.ping.q1" }, slackStranger)).toEqual([
      { kind: "toast", text: NOT_FOR_YOU },
    ]);
    // A name this desk does not know (an older version's, or forged): still not theirs.
    expect(await send({ kind: "choice", payload: "a.zz.q1" }, slackStranger)).toEqual([
      { kind: "toast", text: NOT_FOR_YOU },
    ]);
    // For staff an unknown notice button is an expired one, and the toast names no command.
    const agent: Who = { ...slackStranger, person: directory.byTelegramId(2001) };
    const [expired] = await send({ kind: "choice", payload: "a.zz.q1" }, agent);
    expect(expired).toEqual({ kind: "toast", text: t("zh", "buttons.staleNoFlow") });
    expect(expired && "text" in expired ? expired.text : "").not.toMatch(/\//);
  });

  it("lets staff run staff flows and notice actions; customers' action presses do nothing", async () => {
    const agent: Who = {
      chat: { channel: "telegram", chatId: "2001", userId: "2001" },
      person: directory.byTelegramId(2001),
      isGroup: false,
    };
    expect(texts(await send({ kind: "command", name: "secret", args: "" }, agent))).toEqual([
      "staff only area",
    ]);
    expect(texts(await send({ kind: "choice", payload: "a.ping.q1" }, agent))).toEqual(["pong q1"]);
    expect(await send({ kind: "choice", payload: "a.ping.q1" })).toEqual([
      { kind: "toast", text: "这个按钮是给负责的同事用的,卡片已为他们保留。" },
    ]);
  });

  it("runs no customer flow in a group chat, where others would read the address and phone", async () => {
    const inGroup: Who = { ...customer, chat: { ...customer.chat, chatId: "-100123" }, isGroup: true };
    const replies = await send({ kind: "command", name: "colour", args: "" }, inGroup);
    expect(texts(replies).join()).not.toContain("colour?");
    expect(texts(await send({ kind: "command", name: "start", args: "" }, inGroup))).toEqual([
      "查件、寄件请私聊本机器人办理,群里不处理个人信息。",
    ]);
    const agentInGroup: Who = {
      chat: { channel: "telegram", chatId: "-100123", userId: "2001" },
      person: directory.byTelegramId(2001),
      isGroup: true,
    };
    expect(texts(await send({ kind: "command", name: "secret", args: "" }, agentInGroup))).toEqual([
      "staff only area",
    ]);
  });

  it("cleans every kind of input before a flow sees it (a NUL cannot even be stored)", async () => {
    expect(sanitize({ kind: "command", name: "human", args: "\u0000where is it?\u202E" })).toEqual({
      kind: "command",
      name: "human",
      args: "where is it?",
    });
    expect(sanitize({ kind: "command", name: "../etc", args: "" })).toEqual({
      kind: "command",
      name: "help",
      args: "",
    });
    expect(sanitize({ kind: "contact", phone: "138\u00000000", ownContact: true })).toEqual({
      kind: "contact",
      phone: "1380000",
      ownContact: true,
    });
    expect(sanitize({ kind: "location", latitude: Number.NaN, longitude: 1 })).toEqual({
      kind: "text",
      text: "",
    });
    expect(sanitize({ kind: "photo", fileRef: "f\u00001", caption: "\u0000破了\u202E" })).toEqual({
      kind: "photo",
      fileRef: "f1",
      caption: "破了",
    });
    expect(sanitize({ kind: "photo", fileRef: "f1", caption: "字".repeat(3000) })).toBe("too_long");
    expect(sanitize({ kind: "command", name: "human", args: "字".repeat(3000) })).toBe("too_long");
    expect(texts(await send({ kind: "command", name: "colour", args: "字".repeat(3000) }))[0]).toContain(
      "消息太长了",
    );
  });

  it("says a message is too long and keeps the flow where it was", async () => {
    const first = await send({ kind: "command", name: "colour", args: "" });
    await send({ kind: "choice", payload: button(first, "Red") });
    const long = await send({ kind: "text", text: "字".repeat(10_000) });
    expect(texts(long)).toEqual([`消息太长了(最多 ${MAX_TEXT_LENGTH} 字),请简短一些。`]);
    expect(texts(await send({ kind: "text", text: "rose" }))).toEqual(["red rose"]);
  });

  it("catches a flow's error, answers politely, logs it and starts afresh", async () => {
    await send({ kind: "command", name: "boom", args: "" });
    expect(texts(await send({ kind: "text", text: "x" }))).toEqual([
      "抱歉,系统出了点问题,请稍后再试。您的信息没有丢失。",
    ]);
    expect(errors).toHaveLength(1);
    expect(texts(await send({ kind: "text", text: "y" }))).toEqual(["请选择您要办理的业务:"]);
  });

  it("restarts politely when the stored session has an old shape", async () => {
    await sessions.set(
      `session:telegram:${customer.chat.chatId}:${customer.chat.userId}`,
      '{"v":0,"flow":"colour"}',
      3_600_000,
    );
    const replies = await send({ kind: "text", text: "hi" });
    expect(texts(replies)[0]).toMatch(/^对话已超时或已更新,我们重新开始。\n\n请选择您要办理的业务/);
  });

  it("switches language with /lang and with the menu's language button, from any message", async () => {
    const menu = await send({ kind: "command", name: "start", args: "" });
    const en = await send({ kind: "command", name: "lang", args: "en" });
    expect(texts(en)).toEqual(["Switched to English.\n\nWhat would you like to do?"]);
    expect(texts(await send({ kind: "choice", payload: button(menu, "English") }))[0]).toBe(
      "已切换为中文。\n\n请选择您要办理的业务:",
    );
  });

  it("routes typed text outside a flow through the route hook", async () => {
    const replies = await send({ kind: "text", text: "paint" });
    expect(texts(replies)).toEqual(["colour?"]);
  });

  it("answers a contact or a photo outside any flow without failing", async () => {
    expect(texts(await send({ kind: "contact", phone: "13800000000", ownContact: true }))[0]).toContain(
      "看不懂",
    );
    expect(texts(await send({ kind: "photo", fileRef: "abc" }))[0]).toContain("看不懂");
  });

  it("handles two updates of one chat one at a time", async () => {
    const first = await send({ kind: "command", name: "colour", args: "" });
    const payload = button(first, "Blue");
    const results = await Promise.all([send({ kind: "choice", payload }), send({ kind: "choice", payload })]);
    const all = results.flatMap(texts);
    // the first press moves the flow on; the same button pressed again is a double tap (issue 14 §3)
    expect(all.filter((t) => t === "name for blue?")).toHaveLength(1);
    expect(all).toContain(ALREADY_DONE);
  });
});

describe("buttons that never lose work (issue 14 §3)", () => {
  const chat = () => transcript(engine, customer);

  it("a double tap gets a toast, not a menu; the flow goes on and its buttons stay live", async () => {
    const c = chat();
    await c.say("/pizza");
    const large = c.payloadOf("Large");
    await c.pressPayload(large);
    c.expectReply("confirm?");
    await c.pressPayload(large);
    // the button just answered, tapped again: taken once already, not "expired" (issue 14 §3)
    expect(c.last).toEqual([{ kind: "toast", text: ALREADY_DONE }]);
    expect(c.received().perTurn.at(-1)).toBe(0);
    // the confirm buttons of the turn before the double tap still work
    await c.pressPayload(messageButton(c.turns[1]?.replies, "✅ 是"));
    expect(c.text()).toBe("ordered large");
  });

  it("a button of an older message in the middle of a form gets a toast; what was given is kept", async () => {
    const c = chat();
    await c.say("/pizza");
    const small = c.payloadOf("Small");
    await c.say("a big one please");
    c.expectReply("please pick a size");
    await c.press("Large");
    await c.pressPayload(small); // the first question's button, long answered
    expect(c.toasts()).toEqual([STALE]);
    expect(c.received().perTurn.at(-1)).toBe(0);
    await c.say("否");
    expect(c.text()).toBe("not ordered");
  });

  it("a typed button label is that button pressed: 否, or 是 without its emoji, in full width, with a full stop", async () => {
    const c = chat();
    await c.play([{ say: "/pizza" }, { say: " large " }, { say: "是。", expect: "ordered large" }]);
    const d = chat();
    await d.play([{ say: "/pizza" }, { say: "ＳＭＡＬＬ" }, { say: "否", expect: "not ordered" }]);
    // text that is no label still reaches the flow
    const e = chat();
    await e.play([{ say: "/pizza" }, { say: "large please", expect: "please pick a size" }]);
  });

  it("an old button outside a flow gets a toast, not a menu, and does not run its flow again", async () => {
    const c = chat();
    await c.say("/start");
    const colours = c.payloadOf("colours");
    await c.say("/start"); // a newer menu
    const live = c.payloadOf("colours");
    await c.pressPayload(colours);
    expect(c.toasts()).toEqual([t("zh", "buttons.staleNoFlow")]);
    await c.pressPayload(live); // the newer menu's buttons are live
    expect(c.text()).toBe("colour?\n[Red]\n[Blue]");
    const d = chat();
    await d.play([{ say: "/pizza" }, { press: "Small" }]);
    const confirm = d.payloadOf("否");
    await d.press("✅ 是");
    await d.pressPayload(confirm);
    expect(d.toasts()).toEqual([t("zh", "buttons.staleNoFlow")]);
  });

  it("/lang in the middle of a flow restarts in that language with a menu whose buttons work", async () => {
    const c = chat();
    await c.play([{ say: "/pizza" }, { press: "Small" }, { say: "/lang en" }]);
    expect(c.text()).toContain("Switched to English.");
    await c.press("colours");
    expect(c.text()).toBe("colour?\n[Red]\n[Blue]");
    await c.say("/lang");
    c.expectReply("已切换为中文。");
    await c.say("否"); // the pizza is gone: 否 is no button now
    c.expectReply("请选择您要办理的业务");
  });

  it("one answer, one message: a step's text, list and buttons reach the user as one message", async () => {
    const c = chat();
    await c.play([{ say: "/pizza" }, { press: "Large" }]);
    expect(c.last).toHaveLength(1);
    expect(c.text()).toBe("size large\n\nyour order\n• large\n\nconfirm?\n[✅ 是]\n[否]");
    expect(c.received().perTurn).toEqual([1, 1]);
    expect(foldReplies([{ kind: "text", text: "a" }, ...[{ kind: "text" as const, text: "b" }]])).toEqual([
      { kind: "text", text: "a\n\nb" },
    ]);
  });

  it("a photo is a message of its own, in its place: texts join the card, never cross a photo", () => {
    const card = { kind: "choices" as const, text: "card", choices: [{ label: "OK", value: "ok" }] };
    const photo = (fileRef: string) => ({ kind: "photo" as const, fileRef, caption: `caption ${fileRef}` });
    const folded = foldReplies([{ kind: "text", text: "taken" }, card, photo("p1"), photo("p2")]);
    expect(folded).toEqual([{ ...card, text: "taken\n\ncard" }, photo("p1"), photo("p2")]);
    expect(messageCount(folded)).toBe(3);
    // A text after the photos stays after them; one before a photo joins the message before it.
    expect(
      foldReplies([card, { kind: "text", text: "before" }, photo("p1"), { kind: "text", text: "after" }]),
    ).toEqual([{ ...card, text: "card\n\nbefore" }, photo("p1"), { kind: "text", text: "after" }]);
    expect(foldReplies([{ kind: "text", text: "alone" }, photo("p1")])).toEqual([
      { kind: "text", text: "alone" },
      photo("p1"),
    ]);
  });
});

describe("no dead ends in the engine (issue 14 §1–§4)", () => {
  const chat = () => transcript(engine, customer);

  it("§1: text a menu-like flow cannot use is handled as if no flow ran: the hook, the route, the menu", async () => {
    const c = chat();
    await c.play([
      { say: "/waiter", expect: "what else?" },
      { say: "again", expect: "again!" },
    ]);
    // the route: the flow ends, and the same text starts what it starts outside any flow
    await c.play([{ say: "paint", expect: "colour?", absent: "choose below" }]);
    // the typed-intent hook, asked again as outside a flow (inside it answers nothing)
    await c.play([{ say: "/waiter" }, { say: "how much?" }]);
    expect(c.text()).toBe("the courier tells you");
    await c.play([{ say: "hello", expect: "请选择您要办理的业务", absent: "what else?" }]); // the flow ended
    // nothing places it: the menu, the flow ended (its button is stale now)
    await c.say("/waiter");
    const done = c.payloadOf("That's all");
    await c.play([{ say: "blah", expect: "请选择您要办理的业务" }]);
    await c.pressPayload(done);
    expect(c.toasts()).toEqual([t("zh", "buttons.staleNoFlow")]);
  });

  it("§1: a photo passed on is answered as outside a flow; a form never passes, its answers stay", async () => {
    const c = chat();
    await c.play([{ say: "/waiter" }, { input: { kind: "photo", fileRef: "f1" }, expect: "看不懂" }]);
    const d = chat();
    await d.play([
      { say: "/order" },
      { press: "大" },
      { say: "paint", expect: "订单: large paint" }, // the form took it as the name: nothing lost
    ]);
    const e = chat();
    await e.play([{ say: "/pizza" }, { say: "paint", expect: "please pick a size", absent: "colour?" }]);
  });

  it("§2: yes/no words at the catalogue's yes/no buttons, in Chinese and English", async () => {
    for (const [word, outcome] of [
      ["好的", "ordered large"],
      ["是的!", "ordered large"],
      ["对", "ordered large"],
      ["要", "ordered large"],
      ["Yes", "ordered large"],
      ["y", "ordered large"],
      ["OK", "ordered large"],
      ["不用", "not ordered"],
      ["不要", "not ordered"],
      ["不", "not ordered"],
      ["No", "not ordered"],
      ["n", "not ordered"],
    ] as const) {
      const c = chat();
      await c.play([{ say: "/pizza" }, { press: "Large" }, { say: word }]);
      expect(c.text(), word).toBe(outcome);
    }
    // no yes/no word: the flow gets the text, as before
    const c = chat();
    await c.play([{ say: "/pizza" }, { press: "Large" }, { say: "好吃吗", expect: "confirm?" }]);
  });

  it("§2: a label's start, or its part before or inside a bracket, is the button, when exactly one fits", () => {
    const pay = ["现付(寄件人付)", "到付(收件人付)", "月结(协议客户)"];
    const values = ["sender", "cod", "account"];
    expect(typedChoice(values, pay, "现付")).toBe("sender");
    expect(typedChoice(values, pay, "月结")).toBe("account");
    expect(typedChoice(values, pay, "收件人付")).toBe("cod");
    expect(typedChoice(values, pay, "付")).toBeUndefined(); // one letter: too easily meant otherwise
    const payEn = ["Sender pays now (现付)", "Recipient pays on delivery (到付)", "Monthly account (月结)"];
    expect(typedChoice(values, payEn, "monthly")).toBe("account");
    expect(typedChoice(values, payEn, "到付")).toBe("cod");
    const summary = ["确认提交", "修改信息", "取消"];
    const actions = ["submit", "edit", "cancel"];
    expect(typedChoice(actions, summary, "确认")).toBe("submit");
    expect(typedChoice(actions, summary, "ok")).toBe("submit");
    expect(typedChoice(actions, summary, "好的")).toBe("submit");
    expect(typedChoice(actions, summary, "修改")).toBe("edit");
    expect(typedChoice(actions, ["Submit", "Change something", "Cancel"], "OK!")).toBe("submit");
    expect(typedChoice(actions, ["Submit", "Change something", "Cancel"], "submit")).toBe("submit");
    // ambiguous: two labels start alike, or a word for two buttons: nothing
    const twoCancels = ["取消 #a1", "取消 #b2", "没有了,谢谢"];
    expect(typedChoice(["a", "b", "done"], twoCancels, "取消")).toBeUndefined();
    expect(typedChoice(["a", "done"], ["取消 #a1", "没有了,谢谢"], "取消")).toBe("a");
    expect(typedChoice(["a", "cancel"], ["取消 #a1", "取消"], "取消")).toBe("cancel"); // the exact label wins
    expect(typedChoice(["yes", "submit"], ["是", "确认提交"], "ok")).toBeUndefined();
    // synonyms only where their buttons are offered
    expect(typedChoice(["red", "blue"], ["Red", "Blue"], "好的")).toBeUndefined();
    expect(typedChoice(["red", "blue"], ["Red", "Blue"], "ok")).toBeUndefined();
  });

  it("§3: the button just answered, tapped again, is 'already done' (zh and en); another of its buttons is stale", async () => {
    const c = chat();
    await c.play([{ say: "/pizza" }, { press: "Small" }]);
    const yesButton = c.payloadOf("✅ 是");
    const noButton = c.payloadOf("否");
    await c.press("✅ 是");
    c.expectReply("ordered small");
    await c.pressPayload(yesButton);
    expect(c.toasts()).toEqual(["已收到,无需重复点击。"]);
    expect(c.received().perTurn.at(-1)).toBe(0);
    await c.pressPayload(noButton);
    expect(c.toasts()).toEqual([t("zh", "buttons.staleNoFlow")]);
    // a typed answer counts as the tap: the button tapped after it is a double tap too
    const d = chat();
    await d.play([{ say: "/lang en" }, { say: "/pizza" }, { press: "Large" }]);
    const typedYes = d.payloadOf("✅ 是");
    await d.play([{ say: "yes", expect: "ordered large" }]);
    await d.pressPayload(typedYes);
    expect(d.toasts()).toEqual(["Already done — no need to tap again."]);
    // a message later, the same button is only stale
    await d.say("hello");
    await d.pressPayload(typedYes);
    expect(d.toasts()).toEqual([t("en", "buttons.staleNoFlow")]);
  });

  it("§4: /lang in the middle of a form that can resume asks its question again in that language, answers kept", async () => {
    const c = chat();
    await c.play([
      { say: "/order", expect: "要多大的?" },
      { press: "大", expect: "写谁的名字?" },
    ]);
    await c.say("/lang en");
    expect(c.text()).toBe("Switched to English.\n\nWhose name?");
    expect(c.received().perTurn.at(-1)).toBe(1);
    await c.play([{ say: "Ann", expect: "Order: large Ann" }]);
    expect(c.buttons()).toEqual(["Confirm", "Cancel"]);
    // at the summary: the summary again, its buttons live in the new language
    await c.say("/lang zh");
    expect(c.text()).toBe("已切换为中文。\n\n订单: large Ann\n[确认]\n[取消]");
    await c.play([{ say: "确认", expect: "ordered large for Ann" }]);
    // the menus' language button resumes too; a question with buttons is asked with them
    const d = chat();
    await d.play([{ say: "/start" }]);
    const language = d.payloadOf("English");
    await d.play([{ say: "/order" }]);
    await d.pressPayload(language);
    expect(d.text()).toBe("Switched to English.\n\nWhich size?\n[Small]\n[Large]");
    await d.play([{ press: "Small", expect: "Whose name?" }]);
  });
});

describe("the dispatch group: cards act for their people, personal replies go privately (issue 14 §3, §6)", () => {
  const agentId = 2001;
  const inGroup = (userId: number, person = directory.byTelegramId(userId)): Who => ({
    chat: { channel: "telegram", chatId: "-1001234567", userId: String(userId) },
    person,
    isGroup: true,
    privateChat: { channel: "telegram", chatId: String(userId), userId: String(userId) },
  });
  const own = (userId: number): Who => ({
    chat: { channel: "telegram", chatId: String(userId), userId: String(userId) },
    person: directory.byTelegramId(userId),
    isGroup: false,
  });

  it("a card's button pressed by someone it is not for gets a toast, and nothing else happens", async () => {
    const stranger = transcript(engine, inGroup(7777));
    await stranger.pressPayload("a.ping.q1");
    expect(stranger.last).toEqual([{ kind: "toast", text: "这个按钮是给负责的同事用的,卡片已为他们保留。" }]);
  });

  it("what answers one person in the group goes to them privately, and its buttons work in their chat", async () => {
    const group = transcript(engine, inGroup(agentId));
    await group.pressPayload("a.ping.q7");
    expect(group.last).toEqual([
      { kind: "toast", text: "已私信发给您。" },
      { kind: "text", text: "pong q7", privately: true },
    ]);
    await group.say("/start");
    expect(group.last.every((r) => r.privately)).toBe(true);
    const payload = group.payloadOf("colours");
    const mine = transcript(engine, own(agentId));
    await mine.pressPayload(payload);
    expect(mine.text()).toBe("colour?\n[Red]\n[Blue]");
  });

  it("someone not staff who writes in the group is told with a short word, not a menu", async () => {
    const stranger = transcript(engine, inGroup(7778));
    await stranger.say("/start");
    expect(stranger.last).toEqual([
      { kind: "toast", text: "查件、寄件请私聊本机器人办理,群里不处理个人信息。" },
    ]);
  });
});

function messageButton(replies: RenderedReply[] | undefined, label: string): string {
  return button(replies ?? [], label);
}

describe("flow names and hand-overs", () => {
  it("fails loudly on a hand-over to an unknown flow: caught, logged and apologised for, never an empty reply", async () => {
    const replies = await send({ kind: "command", name: "astray", args: "" });
    expect(texts(replies)).toEqual(["抱歉,系统出了点问题,请稍后再试。您的信息没有丢失。"]);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('hand-over to an unknown flow: "nowhere"');
  });

  it("does not compile a hand-over to a name that is no flow", () => {
    // @ts-expect-error a hand-over names a FlowName: a typo is a compile error (npm run typecheck)
    const typo = handOver([], "agent-qeuries");
    expect(typo.then?.flow).toBe("agent-qeuries");
  });

  it("refuses at start-up a flow registered under another name, and a command declared twice", () => {
    expect(() => createEngine({ ...options, flows: { ...options.flows, boom: colourFlow } })).toThrow(
      'flow "colour" is registered as "boom"',
    );
    const clash = { ...boomFlow, command: "colour" };
    expect(() => createEngine({ ...options, flows: { ...options.flows, boom: clash } })).toThrow(
      "command /colour is declared twice",
    );
    const builtIn = { ...boomFlow, command: "help" };
    expect(() => createEngine({ ...options, flows: { ...options.flows, boom: builtIn } })).toThrow(
      "command /help is declared twice",
    );
  });

  it("starts a flow by the command it declares, and only for the roles it declares", async () => {
    expect(texts(await send({ kind: "command", name: "COLOUR", args: "" }))).toEqual(["colour?"]);
    expect(texts(await send({ kind: "command", name: "secret", args: "" }))[0]).toContain(
      t("zh", "channel.notInDirectory"),
    );
  });
});

describe("engine helpers", () => {
  it("cleanText drops control and bidi characters but keeps line breaks and emoji", () => {
    expect(cleanText("\u0000a\u202Eb\nc 📦 ")).toBe("ab\nc 📦");
  });

  it("decodes only well-formed payloads", () => {
    expect(decodePayload("o1z.red")).toEqual({ kind: "offer", offer: 71, value: "red" });
    expect(decodePayload("a.qt.123e4567-e89b")).toEqual({ kind: "action", name: "qt", arg: "123e4567-e89b" });
    expect(decodePayload("a.QT.1")).toBeUndefined();
    expect(decodePayload("x".repeat(65))).toBeUndefined();
    expect(decodePayload("l")).toEqual({ kind: "language" });
  });
});
