import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatRef } from "../../src/domain/kernel/chat";
import type { Store } from "../../src/domain/ports";
import type { ParcelPush } from "../../src/domain/ports/following-records";
import { freshTrackingNo, scan } from "../support/parcels";
import { BACKENDS, openTestStore, type TestStore } from "../support/store-backends";

/** Issue 17: following (every scan, a batch's followers, a blocked chat) and the pushes, on every backend. */

let n = 0;
const chat = (): ChatRef => {
  n += 1;
  const id = `${process.pid}${n}`;
  return { channel: "telegram", chatId: id, userId: id };
};

function push(trackingNo: string, status: string, at: string, extra: Partial<ParcelPush> = {}): ParcelPush {
  return {
    trackingNo,
    status,
    kind: status.split("@")[0] ?? status,
    at: new Date(at),
    location: "扬州东关营业部",
    category: null,
    recordedAt: new Date(at),
    dueAt: new Date(at),
    held: false,
    silent: false,
    sentAt: null,
    ...extra,
  };
}

describe.each(BACKENDS)("following on %s", (backend) => {
  let t: TestStore;
  let store: Store;
  beforeAll(async () => {
    t = await openTestStore(backend, "following");
    store = t.store;
  });
  afterAll(async () => {
    await t.dispose();
  });

  async function parcel(): Promise<string> {
    const no = freshTrackingNo();
    await store.parcels.addScans(
      [scan(no, "arrived", "2026-11-27T01:00:00Z")],
      new Date("2026-11-27T01:00:00Z"),
    );
    return no;
  }

  it("keeps every scan as chosen when a chat follows again, finds a batch's followers, drops a blocked chat's", async () => {
    const [a, b] = [await parcel(), await parcel()];
    const [one, two] = [chat(), chat()];
    const at = new Date("2026-11-27T02:00:00Z");
    await store.subscriptions.subscribe({ trackingNo: a, chat: one, language: "zh", createdAt: at });
    await store.subscriptions.subscribe({ trackingNo: b, chat: one, language: "zh", createdAt: at });
    await store.subscriptions.subscribe({ trackingNo: a, chat: two, language: "en", createdAt: at });
    expect(await store.subscriptions.get(a, one)).toEqual({
      trackingNo: a,
      chat: one,
      language: "zh",
      createdAt: at,
    });
    expect(await store.subscriptions.setEveryScan(a, one, true)).toBe(true);
    expect(await store.subscriptions.setEveryScan(a, chat(), true)).toBe(false);
    // Following again (another language) keeps the choice.
    await store.subscriptions.subscribe({ trackingNo: a, chat: one, language: "en", createdAt: at });
    expect(await store.subscriptions.get(a, one)).toMatchObject({ everyScan: true, language: "en" });

    const found = await store.subscriptions.subscribersOf([a, b, "NOSUCH0000000"]);
    expect(found.map((s) => [s.trackingNo, s.chat.chatId]).sort()).toEqual(
      [
        [a, one.chatId],
        [a, two.chatId],
        [b, one.chatId],
      ].sort(),
    );
    expect(await store.subscriptions.subscribersOf([])).toEqual([]);

    expect(await store.subscriptions.unsubscribeChat({ channel: "telegram", chatId: one.chatId })).toBe(2);
    expect(await store.subscriptions.unsubscribeChat({ channel: "telegram", chatId: one.chatId })).toBe(0);
    expect((await store.subscriptions.subscribersOf([a, b])).map((s) => s.chat.chatId)).toEqual([two.chatId]);
  });

  it("records a batch's pushes only for followed parcels, the in-between scans only for every-scan followers", async () => {
    const [plain, every, nobody] = [await parcel(), await parcel(), await parcel()];
    const at = new Date("2026-11-27T02:00:00Z");
    await store.subscriptions.subscribe({ trackingNo: plain, chat: chat(), language: "zh", createdAt: at });
    const c = chat();
    await store.subscriptions.subscribe({ trackingNo: every, chat: c, language: "zh", createdAt: at });
    await store.subscriptions.setEveryScan(every, c, true);
    const t = "2026-11-27T02:00:00Z";
    const rows = [
      { ...push(plain, "out_for_delivery", t), everyScanOnly: false },
      { ...push(plain, "departed@A", t), everyScanOnly: true },
      { ...push(every, "departed@A", t), everyScanOnly: true },
      { ...push(nobody, "out_for_delivery", t), everyScanOnly: false },
    ];
    const recorded = await store.transaction((tx) => tx.following.recordFollowed(rows));
    expect(recorded.map((p) => [p.trackingNo, p.status])).toEqual([
      [plain, "out_for_delivery"],
      [every, "departed@A"],
    ]);
    expect(recorded[0]).toEqual(push(plain, "out_for_delivery", t));
    expect(await store.following.recordFollowed(rows)).toEqual([]);
  });

  it("skips a late scan's push, older than a status the parcel already recorded (stale)", async () => {
    const no = await parcel();
    await store.subscriptions.subscribe({
      trackingNo: no,
      chat: chat(),
      language: "zh",
      createdAt: new Date("2026-11-27T02:00:00Z"),
    });
    const delivered = { ...push(no, "delivered", "2026-11-27T05:00:00Z"), everyScanOnly: false };
    expect(await store.following.recordFollowed([delivered])).toHaveLength(1);
    const late = { ...push(no, "out_for_delivery", "2026-11-27T03:00:00Z"), everyScanOnly: false };
    expect(await store.following.recordFollowed([late])).toEqual([]);
    const newer = { ...push(no, "problem", "2026-11-27T06:00:00Z"), everyScanOnly: false };
    expect((await store.following.recordFollowed([newer])).map((p) => p.status)).toEqual(["problem"]);
  });

  it("records a parcel's status once, takes what is due once, and counts what was sent and held", async () => {
    const no = await parcel();
    const first = push(no, "out_for_delivery", "2026-11-27T02:00:00Z");
    const held = push(no, "problem", "2026-11-27T14:00:00Z", {
      held: true,
      dueAt: new Date("2026-11-28T00:00:00Z"),
      category: "nobody_home",
    });
    const silent = push(no, "held_for_pickup", "2026-11-27T02:00:00Z", {
      silent: true,
      sentAt: new Date("2026-11-27T02:00:00Z"),
    });
    expect(await store.transaction((tx) => tx.following.record([first, held, silent]))).toEqual([
      first,
      held,
      silent,
    ]);
    expect(await store.following.record([{ ...first, at: new Date("2026-11-27T03:00:00Z") }])).toEqual([]);

    expect(await store.following.waitingDueTimes(10)).toEqual(
      expect.arrayContaining([first.dueAt, held.dueAt]),
    );
    const now = new Date("2026-11-27T02:30:00Z");
    const taken = await store.following.takeDue(now, 100);
    expect(taken.filter((p) => p.trackingNo === no)).toEqual([{ ...first, sentAt: now }]);
    expect((await store.following.takeDue(now, 100)).filter((p) => p.trackingNo === no)).toEqual([]);

    const morning = new Date("2026-11-28T00:00:01Z");
    const later = (await store.following.takeDue(morning, 100)).filter((p) => p.trackingNo === no);
    expect(later).toEqual([{ ...held, sentAt: morning }]);

    const figures = await store.following.figures(new Date("2026-11-27T00:00:00Z"));
    expect(figures.pushesSent).toBeGreaterThanOrEqual(2);
    expect(figures.pushesHeld).toBeGreaterThanOrEqual(1);
    expect(figures.parcelsTracked).toBeGreaterThanOrEqual(1);
  });

  it("gives back pushes whose messages could not be queued: they wait again, once taken since they are left alone", async () => {
    const no = await parcel();
    const out = push(no, "out_for_delivery", "2026-11-27T02:00:00Z");
    await store.following.record([out]);
    const first = new Date("2026-11-27T02:10:00Z");
    const taken = (await store.following.takeDue(first, 100)).filter((p) => p.trackingNo === no);
    expect(taken).toHaveLength(1);
    await store.following.release(taken, first);
    const second = new Date("2026-11-27T02:20:00Z");
    const again = (await store.following.takeDue(second, 100)).filter((p) => p.trackingNo === no);
    expect(again).toEqual([{ ...out, sentAt: second }]);
    await store.following.release(again, first); // a stale give-back: taken again since
    expect((await store.following.takeDue(second, 100)).filter((p) => p.trackingNo === no)).toEqual([]);
  });
});
