import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatRef } from "../../src/domain/kernel/chat";
import type { Store } from "../../src/domain/ports";
import { freshTrackingNo } from "../support/parcels";
import { BACKENDS, openTestStore, type TestStore } from "../support/store-backends";

/** Issue 17: the parcels a chat follows (a typed "stop following" names none), on every backend. */

let n = 0;
const chat = (): ChatRef => {
  n += 1;
  const id = `${process.pid}9${n}`;
  return { channel: "telegram", chatId: id, userId: id };
};

describe.each(BACKENDS)("followed parcels on %s", (backend) => {
  let t: TestStore;
  let store: Store;
  beforeAll(async () => {
    t = await openTestStore(backend, "followed-by");
    store = t.store;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("lists the chat's own followings, newest first, and nothing of another chat or after stopping", async () => {
    const [a, b, c] = [freshTrackingNo(), freshTrackingNo(), freshTrackingNo()];
    const [one, two] = [chat(), chat()];
    await store.subscriptions.subscribe({
      trackingNo: a,
      chat: one,
      language: "zh",
      createdAt: new Date("2026-11-27T01:00:00Z"),
    });
    await store.subscriptions.subscribe({
      trackingNo: b,
      chat: one,
      language: "zh",
      createdAt: new Date("2026-11-27T02:00:00Z"),
    });
    await store.subscriptions.subscribe({
      trackingNo: c,
      chat: two,
      language: "en",
      createdAt: new Date("2026-11-27T03:00:00Z"),
    });
    expect((await store.subscriptions.followedBy(one)).map((s) => s.trackingNo)).toEqual([b, a]);
    expect((await store.subscriptions.followedBy(two)).map((s) => s.trackingNo)).toEqual([c]);
    await store.subscriptions.unsubscribe(b, one);
    expect((await store.subscriptions.followedBy(one)).map((s) => s.trackingNo)).toEqual([a]);
    expect(await store.subscriptions.followedBy(chat())).toEqual([]);
  });
});
