import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { webSignIn } from "../../src/bot/web";
import type { ChatLog } from "../../src/bot/web/chat-log";
import { OpenCount, WindowCounter } from "../../src/bot/web/limits";
import { LiveHub } from "../../src/bot/web/live";
import { MAX_ATTEMPTS, MAX_CODES_PER_HOUR, redisSignInCodes } from "../../src/bot/web/signin";
import { loadConfig } from "../../src/config";
import { t } from "../../src/domain/messages";
import { silentLogger } from "../../src/log";
import { redisForFile } from "../jobs/support";
import { type EventStream, WebVisitor } from "../support/web-client";
import { startWebScope, type WebScope } from "../support/web-scope";

/**
 * Issue 11 review: the web chat's guards, on the web channel alone (createWeb on a Fastify server,
 * a recording engine, real Redis under a prefix of this file): who may use `?as=`, the limits on
 * sign-in codes, what a visitor must have before the engine takes a turn, the limits by IP, an
 * answer that could not be kept, and a chat whose live channel could not be subscribed.
 */
const scopes: WebScope[] = [];
const streams: EventStream[] = [];
const { redis, prefix } = redisForFile("web-guards", async () => {
  for (const stream of streams) stream.close();
  for (const scope of scopes) await scope.close();
});
let n = 0;

async function scope(
  options: Omit<Parameters<typeof startWebScope>[0], "redis" | "prefix">,
): Promise<WebScope> {
  n += 1;
  const s = await startWebScope({ redis, prefix: `${prefix}s${n}:`, ...options });
  scopes.push(s);
  return s;
}

afterEach(() => {
  for (const stream of streams.splice(0)) stream.close();
});

describe("who may use ?as= (webSignIn)", () => {
  it("only a local try-out: no ADMIN_TOKEN and no Telegram or Slack credentials", () => {
    const admin = "admin-token-0123456789";
    expect(webSignIn({})).toBe("as");
    expect(webSignIn({ ADMIN_TOKEN: admin })).toBe("code");
    expect(webSignIn({ ADMIN_TOKEN: admin, TELEGRAM_BOT_TOKEN: "1:x" })).toBe("code");
    expect(webSignIn({ TELEGRAM_BOT_TOKEN: "123:abc" })).toBe("off");
    expect(webSignIn({ SLACK_BOT_TOKEN: "xoxb-1" })).toBe("off");
  });

  it("with chat credentials and no ADMIN_TOKEN refuses ?as= and says on /signin that web sign-in is off", async () => {
    const s = await scope({ signIn: "off" });
    const v = new WebVisitor(s.base);
    const refused = await v.open("/?as=wang");
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe("/signin");
    expect(v.cookie).toBeUndefined();
    const page = await v.open("/signin");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(t("zh", "web.signin.off"));
    expect(html).toContain('<form id="ask" hidden>');
    await v.open("/");
    expect(await v.post("/web/signin/code", { person: "wang" })).toMatchObject({ status: 404, error: "off" });
    expect(s.notices).toEqual([]);
    const me = await fetch(`${s.base}/web/me`, { headers: { cookie: v.cookie ?? "" } });
    expect(await me.json()).toMatchObject({ person: null, signIn: "off" });
  });
});

describe("one-time sign-in codes (redisSignInCodes)", () => {
  const wrongFor = (code: string) => (code === "000000" ? "000001" : "000000");

  it("a fresh code does not restore the tries: wrong guesses count across codes, then the person is locked", async () => {
    const codes = redisSignInCodes(redis, `${prefix}codes1:`);
    const nextCode = async () => {
      await redis.del(`${prefix}codes1:code-wait:li`); // the minute between codes has passed
      const code = await codes.issue("li");
      expect(code).toMatch(/^\d{6}$/);
      return code;
    };
    const first = await nextCode();
    for (let i = 0; i < MAX_ATTEMPTS - 1; i += 1)
      expect(await codes.check("li", wrongFor(first))).toBe(false);
    const second = await nextCode();
    for (let i = 0; i < MAX_ATTEMPTS - 1; i += 1)
      expect(await codes.check("li", wrongFor(second))).toBe(false);
    const third = await nextCode();
    expect(await codes.check("li", wrongFor(third))).toBe(false);
    expect(await codes.check("li", "abc")).toBe(false); // the tenth wrong try
    // The third code had only two wrong tries, but the person has ten: locked, the right code too.
    expect(await codes.check("li", third)).toBe(false);
    await redis.del(`${prefix}codes1:code-wait:li`);
    expect(await codes.issue("li")).toBe("wait");
  });

  it(`sends at most ${MAX_CODES_PER_HOUR} codes an hour to a person, however often they are asked for`, async () => {
    const codes = redisSignInCodes(redis, `${prefix}codes2:`);
    for (let i = 0; i < MAX_CODES_PER_HOUR; i += 1) {
      await redis.del(`${prefix}codes2:code-wait:sun`);
      expect(await codes.issue("sun")).toMatch(/^\d{6}$/);
    }
    await redis.del(`${prefix}codes2:code-wait:sun`);
    expect(await codes.issue("sun")).toBe("wait");
    // Someone else is not held up by it, and a right code after a few wrong ones still passes.
    const code = await codes.issue("zhao");
    expect(await codes.check("zhao", wrongFor(String(code)))).toBe(false);
    expect(await codes.check("zhao", String(code))).toBe(true);
    expect(await codes.check("zhao", String(code))).toBe(false); // used once
  });
});

describe("sign-in posts", () => {
  it("answer a second ask within the minute as the first (202): a real person looks like a made-up one", async () => {
    const s = await scope({ signIn: "code" });
    const v = new WebVisitor(s.base);
    await v.open("/");
    const first = await v.post("/web/signin/code", { person: "017" });
    const second = await v.post("/web/signin/code", { person: "017" });
    const stranger = await v.post("/web/signin/code", { person: "nobody" });
    expect([first.status, second.status, stranger.status]).toEqual([202, 202, 202]);
    expect(second.message).toBe(first.message);
    expect(stranger.message).toBe(first.message);
    expect(s.notices).toHaveLength(1); // one code sent, to wang
  });

  it("are limited per IP (code and verify together): then 429", async () => {
    const s = await scope({ signIn: "code", limits: { signInPostsPerIpPer10Min: 3 } });
    const v = new WebVisitor(s.base);
    await v.open("/");
    expect((await v.post("/web/signin/code", { person: "li" })).status).toBe(202);
    expect((await v.post("/web/signin/verify", { person: "li", code: "000000" })).status).toBe(401);
    expect((await v.post("/web/signin/verify", { person: "li", code: "000001" })).status).toBe(401);
    const limited = await v.post("/web/signin/verify", { person: "li", code: "000002" });
    expect(limited).toMatchObject({ status: 429, message: t("zh", "web.tooMany") });
  });
});

describe("messages and event streams", () => {
  it("take no turn without the chat's cookie from GET /, made-up tokens included", async () => {
    const s = await scope({ signIn: "as" });
    const none = new WebVisitor(s.base);
    expect(await none.send({ text: "/menu" })).toMatchObject({ status: 401, message: t("zh", "web.noChat") });
    expect(none.cookie).toBeUndefined();
    const forger = new WebVisitor(s.base);
    forger.cookie = `pd_chat=${"A".repeat(43)}`;
    expect((await forger.send({ text: "/menu" })).status).toBe(401);
    expect((await forger.stream()).status).toBe(401);
    expect(s.turns).toHaveLength(0);
    const visitor = new WebVisitor(s.base);
    await visitor.open("/");
    expect((await visitor.send({ text: "/menu" })).status).toBe(200);
    expect(s.turns).toHaveLength(1);
  });

  it("are limited per IP: messages a minute, and open streams (429)", async () => {
    const s = await scope({ signIn: "as", limits: { messagesPerIpPerMinute: 3, streamsPerIp: 2 } });
    const a = new WebVisitor(s.base);
    const b = new WebVisitor(s.base);
    await a.open("/");
    await b.open("/");
    for (const text of ["1", "2", "3"]) expect((await a.send({ text })).status).toBe(200);
    expect(await b.send({ text: "4" })).toMatchObject({ status: 429, message: t("zh", "web.tooMany") });
    expect(s.turns).toHaveLength(3);
    const pages = [await a.stream(), await b.stream()];
    streams.push(...pages);
    expect(pages.map((p) => p.status)).toEqual([200, 200]);
    const third = await a.stream();
    expect(third.status).toBe(429);
    pages[0]?.close();
    await expect
      .poll(async () => {
        const again = await a.stream();
        streams.push(again);
        return again.status;
      })
      .toBe(200);
  });

  it("answer 200 with what was done when the turn's answer cannot be kept (no retry of a done step)", async () => {
    let failing = false;
    const kept = new Map<string, number>();
    const chatLog: ChatLog = {
      async append(chatId, events) {
        if (failing) throw new Error("redis went away");
        const next = (kept.get(chatId) ?? 0) + events.length;
        kept.set(chatId, next);
        return events.map((e, i) => ({ ...e, id: `1-${next - events.length + i}` }));
      },
      async since() {
        return [];
      },
      channelOf: (chatId) => `${prefix}live:${chatId}`,
    };
    const s = await scope({ signIn: "as", chatLog });
    const v = new WebVisitor(s.base);
    await v.open("/");
    const answer = await v.post("/web/messages", { payload: "o1.done" }); // no echo: only the answer's append
    failing = true;
    const unkept = await v.post("/web/messages", { payload: "o2.done" });
    expect(answer.status).toBe(200);
    expect(unkept.status).toBe(200);
    expect(unkept).toMatchObject({ kept: false });
    expect(unkept.events).toMatchObject([{ kind: "message", from: "desk", text: "done 2" }]);
    expect(s.turns).toHaveLength(2);
  });
});

describe("the limit helpers", () => {
  it("a window counter lets `max` hits a key through per window, then starts again", () => {
    let now = 0;
    const counter = new WindowCounter(2, 1000, () => now);
    expect([counter.hit("a"), counter.hit("a"), counter.hit("a"), counter.hit("b")]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    now = 1000;
    expect(counter.hit("a")).toBe(true);
  });

  it("an open count holds at most the total and the per-key places; a release frees one, once", () => {
    const open = new OpenCount(3, 2);
    const a1 = open.take("a");
    expect(open.take("a")).toBeDefined();
    expect(open.take("a")).toBeUndefined(); // per key
    expect(open.take("b")).toBeDefined();
    expect(open.take("c")).toBeUndefined(); // in all
    a1?.();
    a1?.();
    expect(open.take("c")).toBeDefined();
    expect(open.take("c")).toBeUndefined();
  });
});

describe("live updates (LiveHub)", () => {
  it("a failed subscribe keeps nothing: the chat's next page subscribes again and gets its events", async () => {
    const subscriber = new EventEmitter() as EventEmitter & {
      subscribe(channel: string): Promise<number>;
      unsubscribe(channel: string): Promise<number>;
    };
    const subscribed: string[] = [];
    let fail = true;
    subscriber.subscribe = async (channel) => {
      subscribed.push(channel);
      if (fail) throw new Error("subscriber is down");
      return 1;
    };
    subscriber.unsubscribe = async () => 1;
    const hub = new LiveHub(subscriber as never, (chatId) => `live:${chatId}`, 5, silentLogger);
    const heard: unknown[] = [];
    await expect(hub.open("wA", (events) => heard.push(...events))).rejects.toThrow("subscriber is down");
    expect(hub.size).toBe(0);
    fail = false;
    const close = await hub.open("wA", (events) => heard.push(...events));
    expect(close).toBeDefined();
    expect(subscribed).toEqual(["live:wA", "live:wA"]);
    subscriber.emit("message", "live:wA", JSON.stringify([{ id: "1-0", kind: "clear", target: "x" }]));
    expect(heard).toHaveLength(1);
  });
});

describe("TRUST_PROXY", () => {
  it("makes the chat cookie Secure when the trusted proxy says https, and a client's own claim does not", async () => {
    const cookieVia = async (s: WebScope) => {
      const response = await fetch(`${s.base}/`, { headers: { "x-forwarded-proto": "https" } });
      return response.headers.getSetCookie().find((c) => c.startsWith("pd_chat=")) ?? "";
    };
    expect(await cookieVia(await scope({ signIn: "as", trustProxy: true }))).toMatch(/;\s*Secure/i);
    expect(await cookieVia(await scope({ signIn: "as" }))).not.toMatch(/;\s*Secure/i);
  });

  it("is off unless set; true or the proxies' addresses; anything else is a clear error", () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.1, 10.1.0.0/16" }).TRUST_PROXY).toBe("10.0.0.1, 10.1.0.0/16");
    expect(() => loadConfig({ TRUST_PROXY: "yes please" })).toThrow(/TRUST_PROXY/);
  });
});
