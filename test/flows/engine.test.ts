import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defaultPolicy } from "../../src/domain/config/policy";
import { createBusinessCalendar } from "../../src/domain/kernel/calendar";
import type { ChatRef } from "../../src/domain/kernel/chat";
import { ManualClock } from "../../src/domain/kernel/clock";
import { cleanText } from "../../src/domain/kernel/text";
import type { DeskLookups } from "../../src/domain/ports/lookups";
import { handOver } from "../../src/flows/common";
import {
  createEngine,
  decodePayload,
  type EngineOptions,
  LANGUAGE_VALUE,
  MAX_TEXT_LENGTH,
  sanitize,
} from "../../src/flows/engine";
import type { ChannelInput, Flow, FlowName, RenderedReply, Who } from "../../src/flows/types";
import { branchDirectory } from "../support/branch";
import { MemoryChatLock } from "../support/memory/chat-lock";
import { MemorySessionStore } from "../support/memory/sessions";

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
type TestFlow = "colour" | "secret" | "boom" | "astray";

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

const errors: unknown[] = [];
const options: EngineOptions<TestFlow> = {
  deps,
  sessions,
  lock: new MemoryChatLock(),
  flows: { colour: colourFlow, secret: staffFlow, boom: boomFlow, astray: astrayFlow },
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

const texts = (replies: RenderedReply[]) => replies.map((r) => ("text" in r ? r.text : r.title));
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

  it("refuses a button from an older message as expired, without touching the flow", async () => {
    const first = await send({ kind: "command", name: "colour", args: "" });
    const red = button(first, "Red");
    await send({ kind: "text", text: "not a button" }); // a newer message makes the old buttons stale
    expect(texts(await send({ kind: "choice", payload: red }))[0]).toBe("这个按钮已过期,请重新开始。");
  });

  it("refuses a forged value that was never offered", async () => {
    const first = await send({ kind: "command", name: "colour", args: "" });
    const forged = button(first, "Red").replace(".red", ".green");
    expect(texts(await send({ kind: "choice", payload: forged }))[0]).toBe("这个按钮已过期,请重新开始。");
    expect(texts(await send({ kind: "choice", payload: "garbage\u0000" }))[0]).toBe(
      "这个按钮已过期,请重新开始。",
    );
  });

  it("answers a stranger's staff command as for a customer, with the customer help", async () => {
    const replies = await send({ kind: "command", name: "secret", args: "" });
    expect(texts(replies).join()).not.toContain("staff only area");
    expect(texts(replies)[0]).toContain("/track");
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
    expect(texts(await send({ kind: "choice", payload: "a.ping.q1" }))[0]).toBe(
      "这个按钮已过期,请重新开始。",
    );
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
    expect(texts(replies)[0]).toBe("对话已超时或已更新,我们重新开始。");
  });

  it("switches language with /lang and with the menu's language button, from any message", async () => {
    const menu = await send({ kind: "command", name: "start", args: "" });
    const en = await send({ kind: "command", name: "lang", args: "en" });
    expect(texts(en)).toEqual(["Switched to English.", "What would you like to do?"]);
    expect(texts(await send({ kind: "choice", payload: button(menu, "English") }))[0]).toBe("已切换为中文。");
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
    // the first press moves the flow on; the same button pressed again is stale
    expect(all.filter((t) => t === "name for blue?")).toHaveLength(1);
    expect(all).toContain("这个按钮已过期,请重新开始。");
  });
});

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
    expect(texts(await send({ kind: "command", name: "secret", args: "" }))[0]).toContain("/track");
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
