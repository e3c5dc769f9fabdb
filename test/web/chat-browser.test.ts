import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COOKIE, chatIdOf } from "../../src/bot/web/identity";
import { t } from "../../src/domain/messages";
import { PICKUP_STATUSES } from "../../src/domain/ports/records";
import { EAST_ADDRESS } from "../support/branch";
import { startWebHarness, type WebHarness } from "../support/web-app";
import { launchChromium, PHONE } from "../support/web-browser";

/**
 * The web chat in a real headless Chromium (issue 11 §1), on the whole service with no chat
 * credentials: a customer on a phone-sized screen tracks a parcel and books a pickup; an agent
 * (`?as=`) takes and answers a query while the customer's page is open, and the answer appears
 * there without a reload. Screenshots go to test-results/ for a person to look at.
 */
let h: WebHarness;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  h = await startWebHarness({ redisDb: 9 });
  await h.ingest([
    { trackingNo: "YT4000000001", at: "2026-11-26T12:00:00Z", kind: "arrived", location: "扬州分拨中心" },
    {
      trackingNo: "YT4000000001",
      at: "2026-11-27T01:00:00Z",
      kind: "out_for_delivery",
      location: "扬州城东",
    },
  ]);
  mkdirSync("test-results", { recursive: true });
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await h?.stop();
}, 30_000);

/** A phone with a browser of its own (its own cookies), showing the chat. */
async function phone(path = "/"): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, locale: "zh-CN" });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${h.url}${path}`);
  await page.locator("body[data-ready]").waitFor();
  return page;
}

/** The desk's last message containing `text`, once it is shown. */
async function told(page: Page, text: string) {
  const message = page.locator(".msg.desk", { hasText: text }).last();
  await message.waitFor();
  return message;
}

async function type(page: Page, text: string): Promise<void> {
  await page.locator("#text").fill(text);
  await page.locator("#text").press("Enter");
}

/** Presses the live button whose payload ends so (the engine's value: `.air:no`, `.submit`). */
async function press(page: Page, payloadEnd: string): Promise<void> {
  await page.locator(`.msg.desk button[data-payload$="${payloadEnd}"]:not([disabled])`).last().click();
}

describe("the web chat in a browser", () => {
  it("a customer on a phone tracks a parcel and books a pickup (SOP-20)", async () => {
    const page = await phone();
    await told(page, t("zh", "menu.track")); // a first visit is greeted with the menu
    expect(await page.locator(".msg.visitor").count()).toBe(0); // the greeting is not the visitor's words
    await type(page, "YT4000000001");
    const status = await told(page, "YT4000000001");
    expect(await status.textContent()).toContain(t("zh", "customer.track.status.out_for_delivery"));

    await type(page, "/pickup");
    await told(page, t("zh", "customer.pickup.askAddress"));
    await type(page, EAST_ADDRESS);
    // The contact request is a phone field, asked in the web's words (no number to share here).
    await told(page, t("zh", "web.pickup.askPhone"));
    await page.locator("#phone").waitFor();
    expect(await page.locator("#phone-send").textContent()).toBe(t("zh", "web.page.phoneSend"));
    await page.locator("#phone-input").fill("13900000009");
    await page.locator("#phone-send").click();
    await told(page, t("zh", "customer.pickup.askDestination")); // SOP-27
    expect(await page.locator("#phone").isHidden()).toBe(true);
    await type(page, "北京");
    await told(page, t("zh", "customer.pickup.askGoods"));
    await type(page, "文件");
    await press(page, ".air:no");
    await press(page, ".pay:sender_pays");
    await press(page, ".when:afternoon");
    await press(page, ".submit");
    await told(page, "上门时间");

    const fits = await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth");
    expect(fits, "nothing wider than the phone's screen").toBe(true);
    await page.screenshot({ path: "test-results/web-chat-customer.png" });

    const cookies = await page.context().cookies();
    const cookie = cookies.find((c) => c.name === COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    const chat = { channel: "web" as const, chatId: chatIdOf(cookie?.value ?? "") };
    const pickups = await h.app.store.pickups.listByCustomer(chat, PICKUP_STATUSES);
    expect(pickups).toHaveLength(1);
    expect(pickups[0]).toMatchObject({ address: EAST_ADDRESS, phone: "13900000009" });

    // The conversation survives a reload.
    await page.reload();
    await page.locator("body[data-ready]").waitFor();
    await told(page, "上门时间");
    expect(await page.locator(".msg.visitor", { hasText: "YT4000000001" }).count()).toBe(1);
  });

  it("an agent (?as=) takes and answers a query; the customer's open page shows it without a reload (SOP-10)", async () => {
    const customer = await phone();
    await told(customer, t("zh", "menu.track"));
    await type(customer, "YT4999999999");
    await told(customer, "YT4999999999");
    await press(customer, ".yes");
    await told(customer, "已经为您登记查询"); // customer.track.notFound: a query is open (SOP-10)

    const agent = await phone("/?as=wang");
    expect(new URL(agent.url()).pathname).toBe("/");
    expect(new URL(agent.url()).search).toBe("");
    await agent.locator("#staff", { hasText: "王芳" }).waitFor();
    await type(agent, "/queries");
    await agent.locator(".msg.desk button:not([disabled])", { hasText: "YT4999999999" }).last().click();
    await agent
      .locator(".msg.desk button:not([disabled])", { hasText: t("zh", "staff.query.button.take") })
      .click();
    await told(agent, t("zh", "staff.query.typeAnswer"));
    const answer = "您好,包裹已到扬州分拨中心,今天下午派送。";
    await type(agent, answer);
    await press(agent, ".send");
    await told(agent, t("zh", "staff.query.answered"));

    const delivered = await told(customer, answer);
    expect(await delivered.textContent()).toContain("017"); // SOP-80: signed with the work number
    await customer.screenshot({ path: "test-results/web-chat-answer.png" });
  });
});
