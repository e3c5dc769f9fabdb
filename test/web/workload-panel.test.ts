import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/kernel/clock";
import { openMemoryStore } from "../support/memory/store";
import { answeredQuery } from "../support/queries";
import { ADMIN_TOKEN, type DeskServer, startDeskServer } from "./desk-server";

/** SOP-90 on the duty lead's dashboard: GET /desk/api/workload and the page's panel. */

const clock = new ManualClock("2026-11-25T06:00:00Z"); // November: peak season
const store = openMemoryStore();
let server: DeskServer;

beforeAll(async () => {
  await store.queries.insert(answeredQuery("chen", "2026-11-03T02:00:00Z", "wp-1"));
  await store.queries.insert(answeredQuery("chen", "2026-11-24T02:00:00Z", "wp-2"));
  await store.queries.insert(answeredQuery("wang", "2026-10-24T02:00:00Z", "wp-3")); // last month
  server = await startDeskServer({ store, clock, token: ADMIN_TOKEN });
});
afterAll(async () => {
  await server?.close();
  await store.close();
});

const get = (path: string, token?: string) =>
  fetch(server.base + path, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe("SOP-90: the dashboard's workload panel", () => {
  it("gives this month's queries handled per agent against the season's target", async () => {
    const res = await get("/desk/api/workload", ADMIN_TOKEN);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: { personId: string; handled: number }[] };
    expect(body).toMatchObject({ month: "2026-11", season: "peak", target: 1150, total: 2 });
    expect(body.rows.map((r) => [r.personId, r.handled])).toEqual([
      ["chen", 2],
      ["wang", 0],
    ]);
  });

  it("shows nothing without the admin token", async () => {
    const res = await get("/desk/api/workload");
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("chen");
  });

  it("is drawn by the page's own script, in a table of its own", async () => {
    expect((await get("/desk/assets/workload.js")).status).toBe(200);
    const page = await (await get("/desk", ADMIN_TOKEN)).text();
    expect(page).toContain('src="/desk/assets/workload.js"');
    expect(page).toContain('data-testid="workload-table"');
  });
});
