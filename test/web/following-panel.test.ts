import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/kernel/clock";
import { openMemoryStore } from "../support/memory/store";
import { freshTrackingNo, scan } from "../support/parcels";
import { ADMIN_TOKEN, type DeskServer, startDeskServer } from "./desk-server";

/** Issue 17 §6: what following saves the desk, on the dashboard (GET /desk/api/following) and /metrics. */

const clock = new ManualClock("2026-11-27T04:00:00Z"); // 12:00 in Shanghai
const store = openMemoryStore();
let server: DeskServer;

beforeAll(async () => {
  const [a, b] = [freshTrackingNo(), freshTrackingNo()];
  await store.parcels.addScans(
    [scan(a, "arrived", "2026-11-27T01:00:00Z"), scan(b, "arrived", "2026-11-27T01:00:00Z")],
    clock.now(),
  );
  const chat = { channel: "telegram" as const, chatId: "5100", userId: "5100" };
  await store.subscriptions.subscribe({ trackingNo: a, chat, language: "zh", createdAt: clock.now() });
  await store.following.record([
    {
      trackingNo: a,
      status: "out_for_delivery",
      kind: "out_for_delivery",
      at: clock.now(),
      location: "扬州东关营业部",
      category: null,
      recordedAt: clock.now(),
      dueAt: clock.now(),
      held: false,
      silent: false,
      sentAt: clock.now(),
    },
  ]);
  server = await startDeskServer({ store, clock, token: ADMIN_TOKEN });
});
afterAll(async () => {
  await server?.close();
  await store.close();
});

const get = (path: string, token?: string) =>
  fetch(server.base + path, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe("issue 17: following on the dashboard and /metrics", () => {
  it("gives today's figures: parcels tracked, queries per 100, pushes sent, held and waiting", async () => {
    const res = await get("/desk/api/following", ADMIN_TOKEN);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      parcelsTracked: 2,
      queriesOpened: 0,
      queriesPer100Parcels: 0,
      pushesSent: 1,
      pushesHeld: 0,
      pushesWaiting: 0,
      followingChats: 1,
    });
    expect((await get("/desk/api/following")).status).toBe(401);
    expect(await (await get("/desk", ADMIN_TOKEN)).text()).toContain('src="/desk/assets/following.js"');
    expect((await get("/desk/assets/following.js", ADMIN_TOKEN)).status).toBe(200);
  });

  it("/metrics names them", async () => {
    const text = await (await get("/metrics", ADMIN_TOKEN)).text();
    expect(text).toContain("parcel_desk_customer_contacts_bot_answered");
    expect(text).toContain("parcel_desk_queries_per_100_tracked_parcels 0");
    expect(text).toContain('parcel_desk_pushes{state="sent"} 1');
    expect(text).toContain('parcel_desk_pushes{state="held"} 0');
    expect(text).toContain("parcel_desk_following_chats 1");
  });
});
