import { describe, expect, it } from "vitest";
import { escapeMrkdwn } from "../../../src/bot/slack/render";
import { homeData, homeDeps } from "../../../src/bot/slack/staff-ui/home-data";
import { answerFormView, HOME_ITEMS_MAX, homeView } from "../../../src/bot/slack/staff-ui/home-views";
import { deskLookups } from "../../../src/domain/desk/lookups";
import { silentLogger } from "../../../src/log";
import { openMemoryStore } from "../../support/memory/store";
import { freshTrackingNo } from "../../support/parcels";
import {
  customerChat,
  directory,
  EAST_ADDRESS,
  testId,
  type World,
  world,
} from "../../support/use-case-harness";

/**
 * Issue 10 §4: the App Home shows the person's work, one section per role: an agent's open
 * queries by time to deadline (take / answer), the duty lead's overdue ones (SOP-10), a courier's
 * pickups (the phone masked until accepted, as on the card), dispatch's pickups to place; someone
 * not in the directory reads a polite note. Each test has a store of its own (the lists are global).
 */
function setup(): World {
  return world(openMemoryStore());
}
const depsOf = (w: World) =>
  homeDeps({
    desk: w.desk,
    lookups: deskLookups(w.deps.store),
    directory,
    policy: w.deps.policy,
    clock: w.clock,
    log: silentLogger,
  });
const view = async (w: World, personId: string | undefined) =>
  homeView(await homeData(depsOf(w), personId ? directory.person(personId) : undefined));
type Block = { type: string; text?: { text: string }; accessory?: { action_id: string; value: string } };
const blocks = (v: { blocks: unknown[] }) => v.blocks as Block[];
const texts = (v: { blocks: unknown[] }) =>
  blocks(v).map((b) => b.text?.text ?? (b as { elements?: { text: string }[] }).elements?.[0]?.text ?? "");
const buttons = (v: { blocks: unknown[] }) =>
  blocks(v).flatMap((b) => (b.accessory ? [`${b.accessory.action_id}:${b.accessory.value}`] : []));

async function query(w: World, text: string) {
  const r = await w.desk.raiseQuery({
    asker: customerChat(testId()),
    language: "zh",
    text,
    trackingNo: freshTrackingNo(),
  });
  if (!r.ok) throw new Error(r.reason);
  return r.query;
}

describe("the App Home per role (issue 10 §4)", () => {
  it("SOP-10: an agent sees untaken queries (take) and their own (answer) by time left, not a colleague's", async () => {
    const w = setup();
    const first = await query(w, "第一条 <到哪了>");
    w.clock.advance(10 * 60_000);
    const mine = await query(w, "第二条");
    const colleagues = await query(w, "第三条");
    await w.desk.takeQuery(mine.id, "wang");
    await w.desk.takeQuery(colleagues.id, "chen");
    const v = await view(w, "wang");
    expect(buttons(v)).toEqual([`ui.home.take:${first.id}`, `ui.home.answer:${mine.id}`]);
    const shown = texts(v).join("\n");
    expect(shown).toContain("我的查件");
    expect(shown).toContain("还剩 20 分钟");
    expect(shown).toContain("&lt;到哪了&gt;");
    expect(shown).not.toContain("第三条");
  });

  it("SOP-10: the duty lead sees only what is overdue, with how late it is", async () => {
    const w = setup();
    const late = await query(w, "超时的");
    w.clock.advance(40 * 60_000);
    await query(w, "刚来的");
    const shown = texts(await view(w, "li")).join("\n");
    expect(shown).toContain("超时查件");
    expect(shown).toContain("超时的");
    expect(shown).toContain("已超时 10 分钟");
    expect(shown).not.toContain("刚来的");
    expect(buttons(await view(w, "li"))).toEqual([`ui.home.take:${late.id}`]);
  });

  it("a courier sees their pickups, the phone masked until they accept it", async () => {
    const w = setup();
    const r = await w.desk.requestPickup({
      customer: customerChat(testId()),
      language: "zh",
      contactName: "周先生",
      draft: { address: EAST_ADDRESS, phone: "13912345678", goods: "衣服两件", payment: "cod" },
    });
    if (!r.ok) throw new Error("no pickup");
    await w.desk.assignPickup("sun", r.pickup.id, "zhang");
    expect(texts(await view(w, "zhang")).join("\n")).toContain("周先生 139****5678");
    await w.desk.acceptPickup("zhang", r.pickup.id);
    const shown = texts(await view(w, "zhang")).join("\n");
    expect(shown).toContain("周先生 13912345678");
    expect(shown).toContain("业务员已接单");
    expect(texts(await view(w, "liu")).join("\n")).toContain("目前没有派给您的取件");
  });

  it("dispatch sees the pickups still to place", async () => {
    const w = setup();
    await w.desk.requestPickup({
      customer: customerChat(testId()),
      language: "zh",
      draft: { address: EAST_ADDRESS, phone: "13912345678", goods: "书", payment: "cod" },
    });
    const shown = texts(await view(w, "sun")).join("\n");
    expect(shown).toContain("待派取件");
    expect(shown).toContain("待派单");
  });

  it("someone not in the directory reads a polite note and no work; a driver has nothing to show", async () => {
    const w = setup();
    await query(w, "有人吗");
    const stranger = await view(w, undefined);
    expect(texts(stranger)).toEqual([expect.stringContaining("不在员工名单中")]);
    expect(buttons(stranger)).toEqual([]);
    expect(texts(await view(w, "zhao")).join("\n")).toContain("没有要显示的工作");
  });

  it("in English for a person who reads English; a long list is cut, saying how many are left", async () => {
    const w = setup();
    for (let i = 0; i < HOME_ITEMS_MAX + 3; i++) await query(w, `query ${i}`);
    const v = await view(w, "chen");
    expect(texts(v).join("\n")).toContain("My queries, by time left");
    expect(buttons(v).length).toBe(HOME_ITEMS_MAX);
    expect(texts(v).join("\n")).toContain("3 more not shown.");
    expect(v.blocks.length).toBeLessThanOrEqual(100);
  });

  it("the answer form carries the query id and its thread, escaped", () => {
    const form = answerFormView("zh", { id: "q1", head: "客户查件 YT1", thread: ["YT1: <b>在哪</b>"] });
    expect(form.callback_id).toBe("ui.ans");
    expect(form.private_metadata).toBe("q1");
    expect(JSON.stringify(form.blocks)).toContain("&lt;b&gt;在哪&lt;/b&gt;");
    expect(escapeMrkdwn("a & b")).toBe("a &amp; b");
  });
});
