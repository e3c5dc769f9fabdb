import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannels } from "../../src/bot/channels";
import { chatIdOf } from "../../src/bot/web/identity";
import { MAX_ATTEMPTS } from "../../src/bot/web/signin";
import { loadConfig } from "../../src/config";
import { defaultPolicy } from "../../src/domain/config/policy";
import { createBusinessCalendar } from "../../src/domain/kernel/calendar";
import { t } from "../../src/domain/messages";
import { startJobs } from "../../src/jobs";
import { sendQueueName } from "../../src/jobs/queues";
import { silentLogger } from "../../src/log";
import { redisPresence } from "../../src/store/redis-presence";
import { branchDirectory } from "../support/branch";
import { startWebHarness, type WebHarness } from "../support/web-app";
import { launchChromium, PHONE } from "../support/web-browser";
import { type EventStream, WebVisitor } from "../support/web-client";

/**
 * Staff on the web chat when ADMIN_TOKEN is set: `?as=` is refused, and a staff member signs in with
 * a one-time code sent to them on Telegram. The service runs without job workers, as a chat process
 * beside `npm run worker` processes does: each code stays in the Telegram send queue, where the test
 * reads it as the person's phone would (over HTTP, and once through the sign-in page in Chromium);
 * the last test starts the send workers apart, as a worker process would, and its web sender
 * reaches the page open on the service.
 */
const ADMIN_TOKEN = "web-admin-token-0123456789";
let h: WebHarness;
let telegram: Queue;

beforeAll(async () => {
  h = await startWebHarness({ redisDb: 8, adminToken: ADMIN_TOKEN, workers: false });
  telegram = new Queue(sendQueueName("telegram"), { connection: h.redis, prefix: "pd" });
}, 60_000);

afterAll(async () => {
  await telegram?.close();
  await h?.stop();
}, 30_000);

/** The codes sent to a Telegram chat so far, oldest first. */
async function codesSentTo(telegramId: number): Promise<string[]> {
  const jobs = await telegram.getJobs(["waiting", "prioritized", "delayed"]);
  return jobs
    .filter((job) => job.data && "chatId" in job.data && job.data.chatId === String(telegramId))
    .sort((a, b) => a.timestamp - b.timestamp)
    .map((job) => /(\d{6})/.exec("text" in job.data ? job.data.text : "")?.[1] ?? "");
}

async function me(v: WebVisitor): Promise<{ person: { id: string } | null }> {
  return (await fetch(`${h.url}/web/me`, { headers: { cookie: v.cookie ?? "" } })).json() as Promise<{
    person: { id: string } | null;
  }>;
}

describe("staff sign-in on the web chat (ADMIN_TOKEN set)", () => {
  it("refuses ?as= (to the sign-in page) and acts as nobody", async () => {
    const v = new WebVisitor(h.url);
    const refused = await v.open("/?as=wang");
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe("/signin");
    expect(v.cookie).toBeUndefined();
    await v.open("/");
    expect((await me(v)).person).toBeNull();
    // A chat bound by ?as= before ADMIN_TOKEN was set is nobody's now.
    const token = (v.cookie ?? "").replace(/^pd_chat=/, "");
    await h.redis.set(`web:staff:${chatIdOf(token)}`, "as:wang", "EX", 60);
    expect((await me(v)).person).toBeNull();
    const signin = await v.open("/signin");
    expect(signin.status).toBe(200);
    expect(await signin.text()).toContain(t("zh", "web.signin.sendCode"));
    expect(h.warnings.some((l) => String(l.msg).includes("?as=<staff id> is on"))).toBe(false);
  });

  it("signs a staff member in with the code sent to their Telegram, once; the cookie is HttpOnly and SameSite", async () => {
    const v = new WebVisitor(h.url);
    await v.open("/");
    const anonymous = v.cookie;
    const asked = await v.post("/web/signin/code", { person: "017" }); // wang's work number
    expect(asked.status).toBe(202);
    const [code] = await codesSentTo(2001);
    expect(code).toMatch(/^\d{6}$/);
    const signedIn = await v.post("/web/signin/verify", { person: "017", code });
    expect(signedIn.status).toBe(200);
    expect(v.cookie).not.toBe(anonymous); // a new chat for the staff member
    expect(v.setCookie).toMatch(/HttpOnly/i);
    expect(v.setCookie).toMatch(/SameSite=Lax/i);
    expect((await me(v)).person?.id).toBe("wang");
    const menu = await v.send({ text: "/queries" });
    expect(menu.events.some((e) => e.kind === "message" && e.from === "desk")).toBe(true);

    const thief = new WebVisitor(h.url);
    await thief.open("/");
    const again = await thief.post("/web/signin/verify", { person: "017", code });
    expect(again).toMatchObject({ status: 401, message: t("zh", "web.signin.refused") });
    expect((await me(thief)).person).toBeNull();
  });

  it(`refuses a forged code, and after ${MAX_ATTEMPTS} wrong tries the right one too`, async () => {
    const v = new WebVisitor(h.url);
    await v.open("/");
    expect((await v.post("/web/signin/code", { person: "li" })).status).toBe(202);
    const [code] = await codesSentTo(2002);
    const wrong = code === "000000" ? "000001" : "000000";
    for (const forged of [wrong, "12345", "abcdef", `${code}0`]) {
      expect((await v.post("/web/signin/verify", { person: "li", code: forged })).status).toBe(401);
    }
    expect((await v.post("/web/signin/verify", { person: "li", code: wrong })).status).toBe(401);
    const late = await v.post("/web/signin/verify", { person: "li", code });
    expect(late.status).toBe(401);
    expect((await me(v)).person).toBeNull();
  });

  it("refuses an expired code", async () => {
    const v = new WebVisitor(h.url);
    await v.open("/");
    expect((await v.post("/web/signin/code", { person: "chen" })).status).toBe(202);
    const [code] = await codesSentTo(2005);
    // Its ten minutes are over (Redis expires the code).
    await h.redis.pexpire("web:code:chen", 1);
    await expect.poll(() => h.redis.exists("web:code:chen")).toBe(0);
    const expired = await v.post("/web/signin/verify", { person: "chen", code });
    expect(expired.status).toBe(401);
    expect((await me(v)).person).toBeNull();
  });

  it("sends no second code within a minute, and tells a stranger the same as a colleague", async () => {
    const v = new WebVisitor(h.url);
    await v.open("/");
    const first = await v.post("/web/signin/code", { person: "sun" });
    expect(first.status).toBe(202);
    // The same answer as the first: a second ask must not tell who is staff (a stranger gets 202 too).
    const second = await v.post("/web/signin/code", { person: "sun" });
    expect(second).toMatchObject({ status: 202, message: first.message });
    expect(await codesSentTo(2006)).toHaveLength(1);
    const before = (await telegram.getJobs(["waiting"])).length;
    const stranger = await v.post("/web/signin/code", { person: "nobody" });
    expect(stranger).toMatchObject({ status: 202, message: first.message });
    expect((await telegram.getJobs(["waiting"])).length).toBe(before);
    expect((await v.post("/web/signin/verify", { person: "nobody", code: "123456" })).status).toBe(401);
  });
});

describe("the sign-in page in a browser", () => {
  it("a courier signs in on a phone with the code from Telegram and lands in their chat", async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ ...PHONE, locale: "zh-CN" });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      await page.goto(`${h.url}/?as=zhang`);
      expect(new URL(page.url()).pathname).toBe("/signin");
      await page.locator("#person").fill("105"); // zhang's work number
      await page.locator("#ask-send").click();
      await page.locator("#note", { hasText: t("zh", "web.signin.sent", { minutes: 10 }) }).waitFor();
      const [code] = await codesSentTo(2003);
      await page.locator("#code").fill(code ?? "");
      await page.locator("#check-send").click();
      await page.waitForURL(`${h.url}/`);
      await page.locator("#staff", { hasText: "张伟" }).waitFor();
      const cookie = (await context.cookies()).find((c) => c.name === "pd_chat");
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    } finally {
      await browser.close();
    }
  });
});

describe("the web chat beside `npm run worker`", () => {
  it("a notice a separate worker sends (a parcel held for pickup, SOP-50) reaches the customer's open page", async () => {
    const customer = new WebVisitor(h.url);
    await customer.open("/");
    let page: EventStream | undefined;
    const worker = await startWorker();
    try {
      page = await customer.stream();
      const asked = await customer.send({ text: "YT5000000005" });
      const yes = asked.events
        .flatMap((e) => (e.kind === "message" ? (e.buttons ?? []) : []))
        .find((b) => b.label === t("zh", "track.unknown.yes"));
      await customer.send({ payload: yes?.payload ?? "" }); // a query: the customer follows the parcel
      await h.ingest([
        {
          trackingNo: "YT5000000005",
          at: "2026-11-27T01:30:00Z",
          kind: "held_for_pickup",
          location: "东关分点",
        },
      ]);
      const held = await page.expect((m) => m.text.includes("东关分点"), "saying where to collect it");
      expect(held.text).toContain("YT5000000005");
    } finally {
      page?.close();
      await worker.close();
    }
  });
});

/** The send workers alone, as `npm run worker` starts them (src/worker.ts): the channels' senders only. */
async function startWorker() {
  const directory = branchDirectory();
  const policy = defaultPolicy();
  const config = loadConfig({ REDIS_URL: h.redisUrl, LOG_LEVEL: "silent" });
  const { senders } = await createChannels(config, {
    directory,
    policy,
    clock: h.clock,
    redis: h.redis,
    log: silentLogger,
  });
  return startJobs({
    connection: h.redis,
    store: h.app.store,
    policy,
    calendar: createBusinessCalendar(policy),
    directory,
    clock: h.clock,
    presence: redisPresence(h.redis),
    senders,
    log: silentLogger,
    workers: ["send"],
  });
}
