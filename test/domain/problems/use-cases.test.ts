import { describe, expect, it } from "vitest";
import { type Store, timerId } from "../../../src/domain/ports";
import { freshTrackingNo, scan } from "../../support/parcels";
import {
  AuditDown,
  at,
  auditOf,
  customerChat,
  fileStore,
  storeWithFailingAudit,
  testId,
  world,
} from "../../support/use-case-harness";

const FRIDAY_09 = "2026-11-27T01:00:00Z";

const store = await fileStore();

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

  it("tells the parcel's followers, each in their language, the problem in customer words (issue 17)", async () => {
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
    const pushes = w.notifier.withKey("follow.push");
    expect(pushes.map((n) => n.to)).toEqual([
      { kind: "chat", chat: zh, language: "zh" },
      { kind: "chat", chat: en, language: "en" },
    ]);
    expect(pushes[0]?.params.status).toContain("派送时无人签收");
    expect(pushes[1]?.params.status).toContain("nobody was in");
    // No staff words, no rule ids (issue 17 §2).
    expect(JSON.stringify(pushes.map((n) => n.params))).not.toMatch(/送无人|问题件|SOP-/);
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
    const [notice] = w.notifier.withKey("follow.push");
    expect(notice).toBeDefined();
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

/** The store, except that storing a problem note inside a transaction fails. */
function storeWithFailingNotes(real: Store): Store {
  return {
    ...real,
    transaction: (work) =>
      real.transaction((tx) =>
        work({
          ...tx,
          problems: {
            ...tx.problems,
            insert: async () => {
              throw new Error("problem_notes unavailable");
            },
          },
        }),
      ),
  };
}

const selfPickup = (place: string) => ({
  category: "self_pickup",
  details: { reason: "customer_asked", pickupAt: "2026-11-28 10:00", place },
});

describe("recordProblem: the self-pickup hold starts with the note (SOP-37, SOP-35 → SOP-50)", () => {
  it("SOP-37: a self-pickup note opens the hold at its place in the same transaction; SOP-50's timer is set and followers told", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    const follower = customerChat(testId());
    await store.parcels.addScans(
      [scan(no, "arrived", "2026-11-26T02:00:00Z", "扬州转运中心", { originBranch: "苏州分公司" })],
      at("2026-11-26T02:00:00Z"),
    );
    await w.desk.subscribe(follower, "zh", no);
    const r = await w.desk.recordProblem("zhang", no, selfPickup("东关分点"));
    expect(r).toMatchObject({
      ok: true,
      note: { followUps: ["start_hold"] },
      hold: {
        trackingNo: no,
        place: "东关分点",
        originBranch: "苏州分公司",
        heldAt: at("2026-11-27T02:00:00Z"),
      },
    });
    if (!r.ok || !r.hold) throw new Error("no hold");
    expect(await store.holds.openForParcel(no)).toEqual(r.hold);
    expect(w.scheduler.pending.get(timerId("hold-origin", r.hold.id))?.dueAt).toEqual(
      at("2026-11-30T02:00:00Z"),
    );
    expect(await auditOf(store, `hold/${r.hold.id}`)).toMatchObject([
      { action: "hold.opened", actor: { kind: "person", personId: "zhang" }, data: { noteId: r.note.id } },
    ]);
    expect((await auditOf(store, `parcel/${no}`)).at(-1)).toMatchObject({
      action: "problem.recorded",
      data: { holdId: r.hold.id },
    });
    expect(w.notifier.withKey("notice.hold.ready")).toMatchObject([
      {
        to: { chat: follower },
        params: { trackingNo: no, place: "东关分点", phone: "0514-8000001", collectBy: "2026-11-30" },
      },
    ]);
  });

  it("SOP-37: head office (总公司) is the place a hold stores for the choice head_office", async () => {
    const w = world(store);
    const r = await w.desk.recordProblem("zhang", freshTrackingNo(), selfPickup("head_office"));
    expect(r).toMatchObject({ ok: true, hold: { place: "总公司" } });
  });

  it("SOP-35: a customer who will collect an out-of-zone parcel is on the SOP-50 clock, at head office", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    const r = await w.desk.recordProblem("zhang", no, {
      category: "outside_zone",
      details: { reason: "will_collect", day: "2026-11-28" },
    });
    expect(r).toMatchObject({ ok: true, hold: { trackingNo: no, place: "总公司" } });
    expect(await store.holds.openForParcel(no)).toMatchObject({ place: "总公司" });
    // Won't collect: no hold.
    const other = freshTrackingNo();
    const wont = await w.desk.recordProblem("zhang", other, {
      category: "outside_zone",
      details: { reason: "wont_collect" },
    });
    expect(wont).toMatchObject({ ok: true });
    expect(wont.ok && wont.hold).toBeFalsy();
    expect(await store.holds.openForParcel(other)).toBeUndefined();
  });

  it("SOP-50: a parcel already held keeps its one hold; the note says which", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    const held = await w.desk.markHeld("wang", no, "东关分点");
    if (!held.ok) throw new Error(held.reason);
    const r = await w.desk.recordProblem("zhang", no, selfPickup("head_office"));
    expect(r).toMatchObject({ ok: true, alreadyHeld: { id: held.hold.id } });
    expect(r.ok && r.hold).toBeFalsy();
    expect(await store.problems.listByParcel(no)).toHaveLength(1);
    expect(await store.holds.openForParcel(no)).toMatchObject({ id: held.hold.id, place: "东关分点" });
  });

  it("is one transaction: when the note cannot be stored, no hold is opened, no timer set, nobody told", async () => {
    const w = world(storeWithFailingNotes(store));
    const no = freshTrackingNo();
    await expect(w.desk.recordProblem("zhang", no, selfPickup("东关分点"))).rejects.toThrow(/unavailable/);
    expect(await store.holds.openForParcel(no)).toBeUndefined();
    expect(w.scheduler.scheduled).toEqual([]);
    expect(w.notifier.sent).toEqual([]);
  });

  it("a note without a start_hold follow-up opens no hold", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    await w.desk.recordProblem("zhang", no, {
      category: "nobody_home",
      details: { reason: "agreed_tomorrow", attemptAt: "09:30" },
    });
    expect(await store.holds.openForParcel(no)).toBeUndefined();
  });
});

describe("problemPrecheck (before the questions)", () => {
  it("SOP-43: a return needs the zone's delivery scan first", async () => {
    const w = world(store);
    const no = freshTrackingNo();
    await store.parcels.addScans(
      [scan(no, "arrived", "2026-11-27T00:00:00Z", "扬州转运中心")],
      at(FRIDAY_09),
    );
    expect(await w.desk.problemPrecheck(no, "return")).toEqual({
      ok: false,
      reason: "no_delivery_scan",
      rule: "SOP-43",
    });
    expect(await w.desk.problemPrecheck(no, "nobody_home")).toEqual({ ok: true });
    await store.parcels.addScans(
      [scan(no, "out_for_delivery", "2026-11-27T00:30:00Z", "城东")],
      at(FRIDAY_09),
    );
    expect(await w.desk.problemPrecheck(no, "return")).toEqual({ ok: true });
  });

  it("refuses a parcel nothing is known of, an unknown category (SOP-40) and a non-reason (SOP-42)", async () => {
    const w = world(store);
    expect(await w.desk.problemPrecheck(freshTrackingNo(), "nobody_home")).toEqual({
      ok: false,
      reason: "unknown_parcel",
    });
    const no = freshTrackingNo();
    await store.parcels.addScans(
      [scan(no, "arrived", "2026-11-27T00:00:00Z", "扬州转运中心")],
      at(FRIDAY_09),
    );
    expect(await w.desk.problemPrecheck(no, "weather")).toEqual({
      ok: false,
      reason: "unknown_category",
      rule: "SOP-40",
    });
    expect(await w.desk.problemPrecheck(no, "不送上楼")).toMatchObject({
      ok: false,
      reason: "not_a_problem_reason",
      rule: "SOP-42",
    });
  });
});
