import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../../src/domain/ports";
import { openStore } from "../../../src/store";
import { freshTrackingNo, scan } from "../../support/parcels";
import { AuditDown, at, auditOf, customerChat, storeWithFailingAudit, testId, world } from "./harness";

const FRIDAY_09 = "2026-11-27T01:00:00Z";

let store: Store;
// Opening PGlite takes about a second, much longer on a busy machine.
beforeAll(async () => {
  store = await openStore({});
}, 120_000);
afterAll(async () => {
  await store.close();
});

describe("recordProblem", () => {
  it("SOP-33: stores a complete note with its audit row", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    const r = await w.desk.recordProblem("zhang", no, {
      category: "nobody_home",
      details: { reason: "no_answer", attemptAt: "09:30" },
    });
    expect(r).toMatchObject({ ok: true, note: { category: "nobody_home", countsAsDelayed: false } });
    const notes = await store.problems.listByParcel(no);
    expect(notes).toMatchObject([
      {
        category: "nobody_home",
        recordedBy: "zhang",
        details: { reason: "no_answer", attemptAt: "2026-11-27T01:30:00.000Z" },
      },
    ]);
    expect(await auditOf(store, `parcel/${no}`)).toMatchObject([
      { action: "problem.recorded", actor: { kind: "person", personId: "zhang" }, data: { rule: "SOP-33" } },
    ]);
  });

  it("tells the parcel's followers, each in their language, the category of the problem", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    const zh = customerChat(testId());
    const en = customerChat(testId());
    await w.desk.subscribe(zh, "zh", no);
    await w.desk.subscribe(en, "en", no);
    await w.desk.recordProblem("zhang", no, {
      category: "nobody_home",
      details: { reason: "switched_off", attemptAt: "09:00" },
    });
    expect(w.notifier.withKey("notice.problem.noted").map((n) => [n.to, n.params.category])).toEqual([
      [{ kind: "chat", chat: zh, language: "zh" }, "送无人"],
      [{ kind: "chat", chat: en, language: "en" }, "nobody home"],
    ]);
  });

  it("SOP-34: 'no invoice' is stored as counting as delayed, and the customer hears nothing of delay", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    await w.desk.subscribe(customerChat(testId()), "en", no);
    const r = await w.desk.recordProblem("zhang", no, {
      category: "cod_refused",
      details: { reason: "no_invoice" },
    });
    expect(r).toMatchObject({ ok: true, note: { countsAsDelayed: true }, notes: [{ rule: "SOP-34" }] });
    expect((await store.problems.listByParcel(no))[0]?.countsAsDelayed).toBe(true);
    const [notice] = w.notifier.withKey("notice.problem.noted");
    expect(JSON.stringify(notice?.params)).not.toMatch(/delay|延误/i);
  });

  it("SOP-42: refusing because the courier would not carry it upstairs is refused and stores nothing", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    await w.desk.subscribe(customerChat(testId()), "zh", no);
    w.notifier.clear();
    const r = await w.desk.recordProblem("zhang", no, {
      category: "nobody_home",
      details: { reason: "业务员不送上楼", attemptAt: "09:00" },
    });
    expect(r).toMatchObject({ ok: false, rule: "SOP-42", reason: "not_a_problem_reason" });
    expect(await store.problems.listByParcel(no)).toEqual([]);
    expect(await auditOf(store, `parcel/${no}`)).toMatchObject([{ action: "parcel.subscribed" }]);
    expect(w.notifier.sent).toEqual([]);
  });

  it("SOP-43: a return is refused before the zone's delivery scan, accepted after it", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    const input = { category: "return", details: { requestedBy: "recipient", reason: "收件人不要了" } };
    expect(await w.desk.recordProblem("zhang", no, input)).toMatchObject({
      ok: false,
      rule: "SOP-43",
      reason: "no_delivery_scan",
    });
    expect(await store.problems.listByParcel(no)).toEqual([]);
    await store.parcels.addScans(
      [scan(no, "out_for_delivery", "2026-11-27T01:00:00Z", "城东")],
      at(FRIDAY_09),
    );
    expect(await w.desk.recordProblem("zhang", no, input)).toMatchObject({ ok: true });
  });

  it("SOP-40: a note without a reason is refused; missing and invalid fields are named", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    expect(await w.desk.recordProblem("zhang", no, { category: "cod_refused", details: {} })).toMatchObject({
      ok: false,
      rule: "SOP-40",
      reason: "no_reason",
    });
    expect(
      await w.desk.recordProblem("zhang", no, { category: "nobody_home", details: { reason: "no_answer" } }),
    ).toMatchObject({ ok: false, reason: "missing_fields", missing: ["attemptAt"], issues: [] });
    expect(
      await w.desk.recordProblem("zhang", no, {
        category: "nobody_home",
        details: { reason: "no_answer", attemptAt: "23:59" }, // later than now (10:00)
      }),
    ).toMatchObject({
      ok: false,
      reason: "invalid_values",
      issues: [{ field: "attemptAt", why: "in_the_future" }],
    });
    expect(await w.desk.recordProblem("zhang", no, { category: "weather", details: {} })).toMatchObject({
      ok: false,
      reason: "unknown_category",
    });
    expect(await store.problems.listByParcel(no)).toEqual([]);
  });

  it("is one transaction: a failed audit row stores no note and tells nobody", async () => {
    const w = world(storeWithFailingAudit(store));
    const no = freshTrackingNo();
    await store.subscriptions.subscribe({
      trackingNo: no,
      chat: customerChat(testId()),
      language: "zh",
      createdAt: at(FRIDAY_09),
    });
    await expect(
      w.desk.recordProblem("zhang", no, { category: "cod_refused", details: { reason: "too_expensive" } }),
    ).rejects.toThrow(AuditDown);
    expect(await store.problems.listByParcel(no)).toEqual([]);
    expect(w.notifier.sent).toEqual([]);
  });
});
