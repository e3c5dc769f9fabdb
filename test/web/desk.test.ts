import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy } from "../../src/domain/config/policy";
import { createDesk, handleTimer } from "../../src/domain/desk";
import type { Desk, RaiseQueryInput } from "../../src/domain/desk/desk";
import { createBusinessCalendar } from "../../src/domain/kernel/calendar";
import { ManualClock } from "../../src/domain/kernel/clock";
import type { Store } from "../../src/domain/ports";
import type { PickupRequest, SelfPickupHold } from "../../src/domain/ports/records";
import { branchDirectory } from "../support/branch";
import { FakeNotifier, FakePresence, FakeScheduler } from "../support/fakes";
import { openTestStore, type TestStore } from "../support/store-backends";
import { launchChromium } from "../support/web-browser";
import { ADMIN_TOKEN, type DeskServer, startDeskServer } from "./desk-server";

/**
 * The duty lead's dashboard in a real headless Chromium (Debian's `chromium`, launched by web-browser.ts through
 * playwright-core): signed in through the sign-in page, seeded with a day of data on PGlite, it
 * shows the right counts, overdue queries in red, the charts drawn by Chart.js served from
 * node_modules (no request leaves the server), and it refreshes itself. The screenshot is saved
 * as test-results/desk.png for a person to look at.
 */

const RESULTS = join(import.meta.dirname, "..", "..", "test-results");
// Wednesday 2026-11-25, 15:00 in Yangzhou.
const NOW = new Date("2026-11-25T07:00:00Z");
const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

const clock = new ManualClock(NOW.toISOString());
let ts: TestStore;
let deskDeps: Parameters<typeof createDesk>[0];
let desk: Desk;
let server: DeskServer;
let browser: Browser;
let page: Page;
const offsite: string[] = [];

function hold(id: string, heldHoursAgo: number, extra: Partial<SelfPickupHold> = {}): SelfPickupHold {
  return {
    id: `hold-${id}`,
    trackingNo: `YTH${id}`,
    place: "东关分点",
    originBranch: "苏州分公司",
    heldAt: at(-heldHoursAgo * HOUR),
    originMessagedAt: null,
    originRepliedAt: null,
    markedForReturnAt: null,
    closedAt: null,
    closeReason: null,
    ...extra,
  };
}

function pickup(id: string, status: PickupRequest["status"], courierId: string | null): PickupRequest {
  return {
    id: `pickup-${id}`,
    customer: { channel: "web", chatId: `chat-p${id}` },
    language: "zh",
    contactName: null,
    phone: "13812345678",
    address: "扬州市文昌路 100 号 3 栋 201 室",
    zoneId: "east",
    goods: "文件",
    payment: "sender_pays",
    pickupDay: "2026-11-25",
    earliestAt: at(HOUR),
    morning: false,
    byAir: false,
    status,
    courierId,
    createdAt: at(-2 * HOUR),
    updatedAt: at(-2 * HOUR),
  };
}

/** The open queries' parcels, by the test's name for each. */
const TRACKING: Record<string, string> = {
  a1: "YT100000000001",
  a2: "YT100000000002",
  a3: "YT100000000003",
  a4: "YT100000000004",
  a5: "YT100000000005",
  b1: "YT100000000006",
};

/** 2026-11-25 at this time in Yangzhou. */
const local = (time: string) => new Date(`2026-11-25T${time}:00+08:00`);

/**
 * The day's queries through the desk's own use cases (raise, take, answer, the deadline timer),
 * so the SLA chart reads the audit rows they really write.
 */
async function queryDay(): Promise<void> {
  const ask = async (time: string, id: string, extra: Partial<RaiseQueryInput> = {}) => {
    clock.set(local(time));
    const raised = await desk.raiseQuery({
      asker: { channel: "web", chatId: `chat-${id}` },
      language: "zh",
      text: `我的快递 ${id} 到哪了?`,
      trackingNo: TRACKING[id],
      ...extra,
    });
    if (!raised.ok) throw new Error(`cannot raise ${id}: ${raised.reason}`);
    return raised.query.id;
  };
  const at = async (time: string, work: () => Promise<{ ok: boolean }>) => {
    clock.set(local(time));
    expect((await work()).ok).toBe(true);
  };
  // Answered: three within their 30 minutes (SOP-10), one after.
  for (const [raisedAt, answeredAt] of [
    ["09:00", "09:10"],
    ["09:30", "09:50"],
    ["10:00", "10:20"],
    ["11:00", "11:45"],
  ] as const) {
    const id = await ask(raisedAt, `done${raisedAt}`);
    await at(answeredAt, () => desk.answerQuery(id, "wang", "已派送,请查收。"));
  }
  // Open at 15:00: two past their deadline (one held by 王芳, escalated by its due timer), one in
  // its warning time (held by 陈静), one due within the hour, one for another branch (SOP-11, 2 h).
  const late = await ask("14:05", "a1");
  await at("14:10", () => desk.takeQuery(late, "wang"));
  await at("14:35", async () => ({
    ok: (await handleTimer(deskDeps, { kind: "query-due", subjectId: late })) === "done",
  }));
  await ask("14:27", "a2");
  const warned = await ask("14:36", "a3");
  await at("14:40", () => desk.takeQuery(warned, "chen"));
  await ask("14:55", "a4");
  await ask("14:30", "a5", { kind: "branch", fromBranch: "苏州分公司", openedBy: "chen" });
  clock.set(NOW);
}

/** A day at the desk: queries (queryDay), holds, pickups, problem notes. */
async function seedDay(store: Store): Promise<void> {
  await queryDay();
  await store.holds.insert(hold("1", 5));
  await store.holds.insert(hold("2", 30));
  await store.holds.insert(
    hold("3", 9 * 24, { originMessagedAt: at(-6 * 24 * HOUR), markedForReturnAt: at(-2 * HOUR) }),
  );
  await store.holds.insert(hold("4", 9 * 24, { originMessagedAt: at(-6 * 24 * HOUR) }));
  for (const p of [
    pickup("1", "requested", null),
    pickup("2", "assigned", "zhang"),
    pickup("3", "accepted", "zhang"),
  ]) {
    await store.pickups.insert(p, {
      pickupId: p.id,
      at: p.createdAt,
      event: "requested",
      actor: { kind: "customer", chat: p.customer },
      note: null,
    });
  }
  const note = (id: string, category: string, daysAgo: number) =>
    store.problems.insert({
      id: `note-${id}`,
      trackingNo: `YTP${id}`,
      category,
      details: {},
      countsAsDelayed: false,
      followUps: [],
      recordedBy: "zhang",
      recordedAt: at(-daysAgo * 24 * HOUR),
    });
  await note("1", "nobody_home", 0);
  await note("2", "nobody_home", 1);
  await note("3", "missorted", 0);
  await note("4", "address_unclear", 8); // last week: not counted
}

beforeAll(async () => {
  ts = await openTestStore("pglite", "desk-page");
  const policy = defaultPolicy();
  deskDeps = {
    store: ts.store,
    scheduler: new FakeScheduler(),
    notifier: new FakeNotifier(),
    policy,
    calendar: createBusinessCalendar(policy),
    directory: branchDirectory(),
    clock,
    presence: new FakePresence(),
  };
  desk = createDesk(deskDeps);
  await seedDay(ts.store);
  server = await startDeskServer({
    store: ts.store,
    clock,
    token: ADMIN_TOKEN,
    presence: { availableIds: async () => new Set(["wang"]) },
  });
  browser = await launchChromium(); // --no-sandbox: CI runs as root
  page = await browser.newPage({ viewport: { width: 1280, height: 1100 }, locale: "zh-CN" });
  page.on("request", (request) => {
    if (!request.url().startsWith(server.base)) offsite.push(request.url());
  });
  await page.clock.install({ time: NOW });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await ts?.dispose();
});

interface DOMRectLike {
  width: number;
  height: number;
}
const text = (testId: string) => page.getByTestId(testId).textContent();

describe("the duty lead's dashboard in a browser", () => {
  it("sends a visitor to the sign-in page, and in with the token", async () => {
    await page.goto(`${server.base}/desk`);
    expect(new URL(page.url()).pathname).toBe("/desk/sign-in");
    await page.getByLabel(/管理令牌/).fill("wrong-token-0123456789");
    await page.getByRole("button", { name: /登录/ }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Wrong token");
    await page.getByLabel(/管理令牌/).fill(ADMIN_TOKEN);
    await page.getByRole("button", { name: /登录/ }).click();
    await page.waitForURL(`${server.base}/desk`);
    await page.waitForSelector("body[data-loaded]");
  });

  it("shows the day's counts: open and overdue queries, holds, returns, pickups, problems, seats", async () => {
    expect(await text("queries-open")).toBe("5");
    expect(await text("queries-overdue")).toBe("2");
    expect(await text("holds-open")).toBe("4");
    expect(await text("holds-due-back")).toBe("2");
    expect(await text("pickups-waiting")).toBe("2");
    expect(await text("problems-total")).toBe("3");
    expect(await text("seats-available")).toBe("1 / 2");
  });

  it("lists open queries by time to deadline, the overdue ones in red, with who holds each (SOP-10)", async () => {
    const rows = page.locator("#queries tr");
    await expect.poll(() => rows.count()).toBe(5);
    expect(await rows.nth(0).textContent()).toContain(TRACKING.a1);
    expect(await rows.nth(0).textContent()).toContain("王芳(017)");
    expect(await rows.nth(1).textContent()).toContain(TRACKING.a2);
    expect(await rows.nth(2).textContent()).toContain("陈静(021)");
    expect(await page.locator("#queries tr.overdue").count()).toBe(2);
    // Runs in the page, on its own (this project's TypeScript has no DOM types, hence the cast).
    const colour = (td: unknown) =>
      (globalThis as unknown as { getComputedStyle(element: unknown): { color: string } }).getComputedStyle(
        td,
      ).color;
    const red = await rows.nth(0).locator("td").first().evaluate(colour);
    expect(red).toBe("rgb(198, 40, 40)");
    const plain = await rows.nth(4).locator("td").first().evaluate(colour);
    expect(plain).not.toBe(red);
  });

  it("draws the charts with Chart.js from this server, and today's SLA as 3 of 5 (SOP-10)", async () => {
    const sla = (await page.evaluate('Chart.getChart("sla-chart").data.datasets[0].data')) as (
      | number
      | null
    )[];
    expect(sla).toHaveLength(30);
    // Today: 3 answered within their deadline, of 4 answered and 1 late and still open.
    expect(sla.at(-1)).toBe(60);
    expect(sla.slice(0, -1).every((v) => v === null)).toBe(true);
    expect(offsite).toEqual([]);
    expect(await page.locator("#problems tr").first().textContent()).toContain("送无人");
    // Drawn to their container's size (desk.css .chart), not Chart.js' default ratio.
    const box = (testId: string) =>
      page
        .getByTestId(testId)
        .evaluate((c) => (c as { getBoundingClientRect(): DOMRectLike }).getBoundingClientRect());
    for (const chart of ["sla-chart", "holds-chart", "problems-chart"]) {
      const size = await box(chart);
      expect(size.height, chart).toBeGreaterThan(150);
      expect(size.width, chart).toBeGreaterThan(300);
    }
    expect((await box("sla-chart")).width).toBeGreaterThan(1000);
    expect(await page.getByTestId("problems-none").isVisible()).toBe(false);
  });

  it("shows an agent who never set a seat as not signed in, and as busy once they go busy (SOP-14)", async () => {
    expect(await page.getByTestId("seat-wang").textContent()).toContain("在席 · available");
    expect(await page.getByTestId("seat-chen").textContent()).toContain("未上线 · not signed in");
    await desk.setAvailability("chen", false);
    await page.clock.runFor(15_000);
    await expect.poll(() => page.getByTestId("seat-chen").textContent()).toContain("示忙 · busy");
    expect(await text("seats-available")).toBe("1 / 2");
  });

  it("refreshes itself: a new query shows without a reload", async () => {
    clock.set(NOW);
    expect(
      (
        await desk.raiseQuery({
          asker: { channel: "web", chatId: "chat-b1" },
          language: "zh",
          text: "还没到",
          trackingNo: TRACKING.b1,
        })
      ).ok,
    ).toBe(true);
    await page.clock.runFor(15_000);
    await expect.poll(() => text("queries-open")).toBe("6");
    expect(await text("queries-overdue")).toBe("2");
    expect(await page.locator("#queries").textContent()).toContain(TRACKING.b1);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, "desk.png"), fullPage: true });
  });

  it("says 本周没有问题件 in one line, with no empty chart, in a week without problem parcels", async () => {
    // The same summary, as in a week with no problem notes.
    await page.route("**/desk/api/summary", async (route) => {
      const response = await route.fetch();
      const summary = await response.json();
      summary.problems = { ...summary.problems, total: 0, byCategory: [] };
      await route.fulfill({ response, json: summary });
    });
    await page.clock.runFor(15_000);
    await expect.poll(() => page.getByTestId("problems-none").isVisible()).toBe(true);
    expect(await text("problems-none")).toBe("本周没有问题件 · None this week");
    expect(await page.getByTestId("problems-chart").isVisible()).toBe(false);
    expect(await page.locator("#problems tr").count()).toBe(0);
    expect(await text("problems-total")).toBe("0");
    await page.unroute("**/desk/api/summary");
  });
});
