import { randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, startApp } from "../../../src/app";
import { loadConfig } from "../../../src/config";
import { parseDirectory } from "../../../src/domain/config/directory";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { ManualClock } from "../../../src/domain/kernel/clock";
import { t } from "../../../src/domain/messages";
import { MAX_TEXT_LENGTH } from "../../../src/flows/engine";
import { silentLogger } from "../../../src/log";
import { seedPGliteDataDir } from "../../support/store-backends";
import { type BotMessage, Emulator } from "./emulator";

/**
 * The whole service as `npm start` runs it (startApp: PGlite under a temp DATA_DIR, real Redis,
 * job workers, HTTP on a free port) with TELEGRAM_API_ROOT at the telegram-test-api emulator:
 * customers, an agent, a courier and the dispatch group talk to it as Telegram users would. The
 * DATA_DIR is seeded from the migrated PGlite template, as on a restart, which spares seconds of
 * CPU: a first start's initdb and migrations are test/store/open-store.test.ts's subject.
 *
 * Isolation: the config has no Redis key prefix, so the service runs on a Redis database of its
 * own (/12), with a bot id and Telegram user ids drawn at random for this run; only the keys of
 * this run's bot and users are deleted afterwards (nothing is flushed).
 */
const base = randomInt(100_000_000, 900_000_000);
const BOT_ID = randomInt(1_000_000, 9_000_000);
const TOKEN = `${BOT_ID}:E2E-${base}-abcdefghijklmnopqrstuvwxyz`;
const INGEST_TOKEN = "e2e-ingest-token-0123456789";
const ids = {
  agent: base + 1,
  courier: base + 2,
  supervisor: base + 3,
  tracker: base + 10,
  asker: base + 11,
  sender: base + 12,
  prankster: base + 13,
  repeater: base + 14,
  group: -(1_000_000_000_000 + base),
};
// 10:00 on a Friday in Shanghai: the desk is open and an afternoon pickup is today (SOP-12, SOP-20).
const clock = new ManualClock("2026-11-27T02:00:00Z");
const directory = parseDirectory({
  branch: { name: "扬州分公司", hotline: "0514-8000000" },
  dispatch: { telegramChatId: ids.group },
  zones: [{ id: "east", name: "城东", keywords: ["文昌路", "东关街"], courier: "zhang" }],
  branchPoints: [{ name: "东关分点", address: "东关街 12 号", phone: "0514-8000001" }],
  people: [
    { id: "wang", name: "王芳", workNo: "017", roles: ["agent"], telegramId: ids.agent },
    { id: "li", name: "李强", workNo: "003", roles: ["supervisor"], telegramId: ids.supervisor },
    {
      id: "zhang",
      name: "张伟",
      workNo: "105",
      roles: ["courier"],
      telegramId: ids.courier,
      phone: "13800000003",
    },
  ],
});
const redisUrl = (() => {
  const url = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  url.pathname = "/12";
  return url.toString();
})();

let emulator: Emulator;
let app: App;
let dataDir: string;

beforeAll(async () => {
  emulator = await Emulator.start();
  dataDir = mkdtempSync(join(tmpdir(), "parcel-desk-tg-e2e-"));
  await seedPGliteDataDir(dataDir);
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    INGEST_TOKEN,
    REDIS_URL: redisUrl,
    DATA_DIR: dataDir,
    HTTP_PORT: "0",
    LOG_LEVEL: "silent",
  });
  app = await startApp({ config, policy: defaultPolicy(), directory, log: silentLogger, clock });
}, 50_000); // PGlite's start is most of it: slow on a loaded 2-core machine

afterAll(async () => {
  await app?.stop();
  await emulator?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  const redis = new Redis(redisUrl);
  const keys = [...(await redis.keys(`tg:*:${BOT_ID}:*`))];
  for (const id of Object.values(ids)) keys.push(...(await redis.keys(`pd:*:telegram:*${id}*`)));
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}, 45_000);

const user = (userId: number) => emulator.user(TOKEN, { userId });
const byData = (suffix: string) => (b: { data: string }) => b.data.endsWith(suffix);
const has = (text: string) => (m: BotMessage) => m.text.includes(text);

async function ingest(events: object[]): Promise<void> {
  const response = await fetch(`${app.url}/api/scans`, {
    method: "POST",
    headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(events),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
}

describe("Telegram end to end (startApp + telegram-test-api)", () => {
  it("a customer tracks a parcel ingested through POST /api/scans", async () => {
    await ingest([
      { trackingNo: "YT1000000001", at: "2026-11-26T12:00:00Z", kind: "arrived", location: "扬州分拨中心" },
      {
        trackingNo: "YT1000000001",
        at: "2026-11-27T01:00:00Z",
        kind: "out_for_delivery",
        location: "扬州城东",
      },
    ]);
    const customer = user(ids.tracker);
    await customer.send("YT1000000001");
    const answer = await customer.expect(has("YT1000000001"), "with the parcel's status");
    expect(answer.text).toContain(t("zh", "customer.track.status.out_for_delivery"));
    expect(answer.text).toContain("扬州城东");
  });

  it("an unknown parcel opens a query; the agent takes it from the notice and answers; the customer gets it (SOP-10)", async () => {
    const agent = user(ids.agent);
    await agent.send("/available"); // SOP-14: new queries go to available agents
    await agent.expect(() => true, "after /available");

    const customer = user(ids.asker);
    await customer.send("YT2000000002");
    // Issue 14 §4: a number with no scans asks first; one tap opens the query.
    const asked = await customer.expect(has("YT2000000002"), "asking whether to ask a person");
    await customer.pressOn(asked, (b) => b.text === t("zh", "track.unknown.yes"));
    await customer.expect(has("已经为您登记查询"), "saying a query is open");

    const notice = await agent.expect(
      (m) => m.buttons.some((b) => b.data.startsWith("a.qt.")),
      "with the take button",
    );
    expect(notice.text).toContain("YT2000000002");
    await agent.pressOn(notice, (b) => b.data.startsWith("a.qt."));
    await agent.expect(has(t("zh", "staff.query.typeAnswer")), "asking for the answer");
    // The notice's button is gone, so it cannot be pressed twice.
    await expect.poll(() => agent.current(notice.messageId)?.buttons.length).toBe(0);

    const answer = "您好,包裹已到扬州分拨中心,今天下午派送。";
    await agent.send(answer);
    const confirm = await agent.expect((m) => m.buttons.some(byData(".send")), "to confirm the answer");
    await agent.pressOn(confirm, byData(".send"));
    await agent.expect(has(t("zh", "staff.query.answered")), "confirming it was sent");

    const delivered = await customer.expect(has(answer), "with the agent's answer");
    expect(delivered.text).toContain("017"); // SOP-80: signed with the work number
  });

  it("a courier files a problem note in a few taps (SOP-33)", async () => {
    const courier = user(ids.courier);
    await courier.send("/problem YT1000000001");
    const categories = await courier.expect(
      (m) => m.buttons.some(byData(".k.nobody_home")),
      "with the categories",
    );
    await courier.pressOn(categories, byData(".k.nobody_home"));
    const reasons = await courier.expect(
      (m) => m.buttons.some((b) => b.text === "无人接"),
      "with the reasons",
    );
    await courier.pressOn(reasons, (b) => b.text === "无人接");
    const when = await courier.expect((m) => m.buttons.some(byData(".now")), "asking when");
    await courier.pressOn(when, byData(".now"));
    const summary = await courier.expect((m) => m.buttons.some(byData(".confirm")), "with the summary");
    await courier.pressOn(summary, byData(".confirm"));
    await courier.expect(has("YT1000000001"), "confirming the note");

    const notes = await app.store.problems.listByParcel("YT1000000001");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ category: "nobody_home" });
  });

  it("a pickup request pings the dispatch group and the courier accepts it there (SOP-20)", async () => {
    const customer = user(ids.sender);
    await customer.send("/pickup");
    await customer.expect(has(t("zh", "customer.pickup.askAddress")), "asking the address");
    await customer.send("扬州市文昌路 88 号 3 栋 201 室");
    const askPhone = await customer.expect(
      (m) => m.markup?.keyboard !== undefined,
      "with the contact button",
    );
    expect(askPhone.markup).toMatchObject({
      keyboard: [[{ request_contact: true }]],
      one_time_keyboard: true,
    });
    await customer.shareContact("13900000009");
    // SOP-27: the destination is asked next; the contact keyboard goes away with that question.
    const askTo = await customer.expect(has(t("zh", "customer.pickup.askDestination")), "asking where to");
    expect(askTo.markup).toEqual({ remove_keyboard: true }); // the contact keyboard goes away
    await customer.send("北京");
    await customer.expect(has(t("zh", "customer.pickup.askGoods")), "asking the goods");
    await customer.send("文件");
    const air = await customer.expect((m) => m.buttons.some(byData(".air:no")), "asking about air");
    await customer.pressOn(air, byData(".air:no"));
    const payment = await customer.expect(
      (m) => m.buttons.some(byData(".pay:sender_pays")),
      "asking the payment",
    );
    await customer.pressOn(payment, byData(".pay:sender_pays"));
    const when = await customer.expect((m) => m.buttons.some(byData(".when:afternoon")), "asking when");
    await customer.pressOn(when, byData(".when:afternoon"));
    const summary = await customer.expect((m) => m.buttons.some(byData(".submit")), "with the summary");
    expect(summary.text).toContain("13900000009");
    await customer.pressOn(summary, byData(".submit"));

    const group = emulator.user(TOKEN, { userId: ids.courier, chatId: ids.group, group: true });
    const ping = await group.expect(
      (m) => m.buttons.some((b) => b.data.startsWith("a.pa.")),
      "with the pickup ping",
    );
    expect(ping.text).toContain("文昌路");
    // Someone the card is not for (the agent) gets a toast; the card keeps its buttons (issue 14 §3).
    const agentInGroup = emulator.user(TOKEN, { userId: ids.agent, chatId: ids.group, group: true });
    const answered = emulator.callbackAnswers.length;
    await agentInGroup.pressOn(ping, (b) => b.data.startsWith("a.pa."));
    await expect
      .poll(() => emulator.callbackAnswers.slice(answered).map((a) => a.text))
      .toContain(t("zh", "buttons.notForYou"));
    expect(group.current(ping.messageId)?.buttons.length).toBeGreaterThan(0);

    // The courier accepts in the group: the job goes to them privately, the group sees no personal card.
    const data = await group.pressOn(ping, (b) => b.data.startsWith("a.pa."));
    const courier = user(ids.courier);
    await courier.expect(has(t("zh", "staff.courier.accepted")), "telling the courier privately");
    await expect.poll(() => emulator.callbackAnswers.at(-1)?.text).toBe(t("zh", "buttons.sentPrivately"));
    expect(group.unseen().some(has(t("zh", "staff.courier.accepted")))).toBe(false);

    const pickup = await app.store.pickups.get(data.slice("a.pa.".length));
    expect(pickup).toMatchObject({ status: "accepted", courierId: "zhang" });
    // Issue 14 §3: once it is accepted, the group's ping loses its keyboard (no dead card to tap);
    // issue 10 §3: the same message now says who took it.
    await expect.poll(() => group.current(ping.messageId)?.buttons.length, { timeout: 8000 }).toBe(0);
    const card = group.current(ping.messageId)?.text ?? "";
    expect(card).not.toBe(ping.text);
    expect(card).toContain("张伟");
    expect(card).toContain("文昌路 88 号");
  });

  it("answers forged button payloads and a 10 000-character message politely, and carries on", async () => {
    const prankster = user(ids.prankster);
    // Each forged press gets a toast, and no message (issue 14 §3).
    const forgeries = [
      ["o999.track", t("zh", "buttons.staleNoFlow")],
      ["a.qt.no-such-query", t("zh", "buttons.notForYou")],
      ["💣".repeat(10), t("zh", "buttons.staleNoFlow")],
      ["x", t("zh", "buttons.staleNoFlow")],
    ] as const;
    for (const [forged, toast] of forgeries) {
      const before = emulator.callbackAnswers.length;
      await prankster.press(forged, 1);
      await expect.poll(() => emulator.callbackAnswers.slice(before).map((a) => a.text)).toContain(toast);
    }
    expect(prankster.unseen()).toEqual([]);
    await prankster.send("长".repeat(10_000));
    await prankster.expect(has(t("zh", "error.tooLong", { max: MAX_TEXT_LENGTH })), "saying it is too long");
    await prankster.send("/help");
    await prankster.expect(has(t("zh", "help.customer")), "with the help");
    expect(emulator.botMessages(ids.prankster).some(has(t("zh", "error.internal")))).toBe(false);
  });

  it("handles an update delivered twice once: one reply and one stored query", async () => {
    const customer = user(ids.repeater);
    const text = "/human 我的包裹外包装破损了";
    await customer.send(text);
    await customer.expect(() => true, "after asking for a person");
    const updateId = emulator.updateIdOf(text);

    emulator.redeliver(updateId);
    await expect.poll(() => emulator.isRead(updateId), { timeout: 5000 }).toBe(true); // the bot fetched it again
    await customer.send("/help"); // handled after the redelivered update (one chat, in order)
    await customer.expect(has(t("zh", "help.customer")), "with the help");

    const replies = emulator.botMessages(ids.repeater);
    expect(replies).toHaveLength(2);
    const chat = { channel: "telegram" as const, chatId: String(ids.repeater), userId: String(ids.repeater) };
    expect(await app.store.queries.listOpenByAsker(chat)).toHaveLength(1);
  });
});
