import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatRef } from "../../src/domain/kernel/chat";
import type { Store } from "../../src/domain/ports";
import { freshTrackingNo, scan } from "../support/parcels";
import { BACKENDS, openTestStore, type TestStore } from "../support/store-backends";

/**
 * Issue 15: a tracking answer reads the parcel and whether the asking chat follows it (issue 17)
 * in one read: the parcel's record carries its followers, on every backend.
 */

let n = 0;
const chat = (): ChatRef => {
  n += 1;
  const id = `${process.pid}${n}`;
  return { channel: "telegram", chatId: id, userId: id };
};

describe.each(BACKENDS)("a parcel's followers read with it on %s", (backend) => {
  let t: TestStore;
  let store: Store;
  beforeAll(async () => {
    t = await openTestStore(backend, "parcel_followers");
    store = t.store;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("lists each following chat with its every-scan choice, and none once they stop", async () => {
    const no = freshTrackingNo();
    const other = freshTrackingNo();
    const at = new Date("2026-11-27T01:00:00Z");
    await store.parcels.addScans([scan(no, "arrived", at), scan(other, "arrived", at)], at);
    expect((await store.parcels.get(no))?.followers).toEqual([]);

    const [one, two] = [chat(), chat()];
    await store.subscriptions.subscribe({ trackingNo: no, chat: one, language: "zh", createdAt: at });
    await store.subscriptions.subscribe({ trackingNo: no, chat: two, language: "en", createdAt: at });
    await store.subscriptions.subscribe({ trackingNo: other, chat: two, language: "en", createdAt: at });
    expect(await store.subscriptions.setEveryScan(no, two, true)).toBe(true);

    const followers = (await store.parcels.get(no))?.followers ?? [];
    expect([...followers].sort((a, b) => a.chatId.localeCompare(b.chatId))).toEqual([
      { channel: "telegram", chatId: one.chatId, everyScan: false },
      { channel: "telegram", chatId: two.chatId, everyScan: true },
    ]);

    await store.subscriptions.unsubscribe(no, one);
    await store.subscriptions.unsubscribe(no, two);
    expect((await store.parcels.get(no))?.followers).toEqual([]);
    expect((await store.parcels.get(other))?.followers).toEqual([
      { channel: "telegram", chatId: two.chatId, everyScan: false },
    ]);
  });
});
