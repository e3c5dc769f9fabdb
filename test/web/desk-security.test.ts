import { beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/kernel/clock";
import { newSessionValue, SESSION_COOKIE } from "../../src/server/routes/admin-auth";
import { redisForFile } from "../jobs/support";
import { openTestStore, type TestStore } from "../support/store-backends";
import { ADMIN_TOKEN, type DeskServer, startDeskServer } from "./desk-server";

/**
 * Issue 11, security: /desk, its JSON, /admin/queues and /metrics show nothing without
 * ADMIN_TOKEN (a bearer or the sign-in cookie) when it is set; the cookie is HttpOnly and
 * SameSite=Strict and holds no copy of the token; with no token set, the dashboard and the queue
 * board are off (404) and /metrics is open.
 */

const clock = new ManualClock("2026-11-25T06:00:00Z");
let ts: TestStore;
let guarded: DeskServer;
let off: DeskServer;
const { redis, prefix } = redisForFile(
  "desk-security",
  () => guarded?.close(),
  () => off?.close(),
  () => ts?.dispose(),
);

beforeAll(async () => {
  ts = await openTestStore("pglite", "desk-security");
  guarded = await startDeskServer({ store: ts.store, clock, token: ADMIN_TOKEN, redis, prefix });
  off = await startDeskServer({ store: ts.store, clock, token: undefined });
});

const html = { accept: "text/html,application/xhtml+xml" };
const get = (path: string, headers: Record<string, string> = {}, server = guarded) =>
  fetch(server.base + path, { headers, redirect: "manual" });

async function signIn(token: string): Promise<Response> {
  return fetch(`${guarded.base}/desk/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
  });
}

const PROTECTED = ["/desk", "/desk/api/summary", "/admin/queues", "/admin/queues/api/queues", "/metrics"];

describe("admin routes with ADMIN_TOKEN set", () => {
  it.each(PROTECTED)("%s without the token gets 401 and shows nothing", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    const body = await res.text();
    expect(body).not.toMatch(/queries|parcel_desk_|bull|<html/i);
  });

  it("sends a browser asking for the dashboard or the queue board to the sign-in page", async () => {
    for (const path of ["/desk", "/admin/queues"]) {
      const res = await get(path, html);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/desk/sign-in");
      expect(await res.text()).toBe("");
    }
  });

  it("serves only its own assets: an object's built-in names are 404, not an empty 200", async () => {
    for (const name of ["constructor", "__proto__", "toString", "nope.js"]) {
      expect((await get(`/desk/assets/${name}`)).status).toBe(404);
    }
    expect((await get("/desk/assets/chart.umd.js")).status).toBe(200);
  });

  it("refuses a wrong bearer, a forged cookie and an expired one", async () => {
    const wrong = await get("/desk/api/summary", { authorization: `Bearer ${ADMIN_TOKEN}x` });
    expect(wrong.status).toBe(401);
    const forged = newSessionValue("some-other-token-0123456789", clock.now());
    expect((await get("/desk/api/summary", { cookie: `${SESSION_COOKIE}=${forged}` })).status).toBe(401);
    const expired = newSessionValue(ADMIN_TOKEN, new Date(clock.now().getTime() - 13 * 3600_000));
    expect((await get("/desk/api/summary", { cookie: `${SESSION_COOKIE}=${expired}` })).status).toBe(401);
    const garbage = await get("/admin/queues/api/queues", { cookie: `${SESSION_COOKIE}=1.%00%ZZ; a=b` });
    expect(garbage.status).toBe(401);
  });

  it("answers a wrong token at sign-in with the form again and no cookie", async () => {
    const res = await signIn("not-the-token-0123456789");
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("Wrong token");
  });

  it("signs in with the token: an HttpOnly, SameSite=Strict cookie that holds no copy of it, good for every admin route", async () => {
    const res = await signIn(ADMIN_TOKEN);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/desk");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toContain(ADMIN_TOKEN);
    const session = cookie.split(";")[0] ?? "";
    const page = await get("/desk", { ...html, cookie: session });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain("值班看板");
    expect((await get("/desk/api/summary", { cookie: session })).status).toBe(200);
    expect((await get("/admin/queues", { ...html, cookie: session })).status).toBe(200);
    expect((await get("/metrics", { cookie: session })).status).toBe(200);
  });

  it("accepts Authorization: Bearer for scripts and monitoring", async () => {
    const res = await get("/desk/api/summary", { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ queries: { open: 0 }, sla: { days: expect.any(Array) } });
    const board = await get("/admin/queues/api/queues", { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(board.status).toBe(200);
    expect(JSON.stringify(await board.json())).toContain("timers");
  });

  it("signs out by clearing the cookie", async () => {
    const res = await fetch(`${guarded.base}/desk/sign-out`, { method: "POST", redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(new RegExp(`${SESSION_COOKIE}=;.*Max-Age=0`, "i"));
  });

  it("logs each request by its route, never its query string, token or form", async () => {
    await get("/metrics?token=leaky-query-secret", { authorization: `Bearer ${ADMIN_TOKEN}` });
    await signIn(ADMIN_TOKEN);
    await get("/no/such/path?phone=13812345678");
    await get("/parcels/13987654321"); // a phone number in an unmatched path
    const lines = guarded.logs.filter((l) => l.msg === "request");
    expect(lines).toContainEqual(
      expect.objectContaining({ method: "GET", route: "/metrics", status: 200, ms: expect.any(Number) }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ method: "POST", route: "/desk/sign-in", status: 303 }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ route: "(unmatched)", status: 404 }));
    expect(lines.some((l) => String(l.route).includes("no/such"))).toBe(false);
    const all = JSON.stringify(guarded.logs);
    for (const secret of [ADMIN_TOKEN, "leaky-query-secret", "13812345678", "13987654321"])
      expect(all).not.toContain(secret);
  });
});

describe("behind a TLS proxy (TRUST_PROXY)", () => {
  const signInVia = (server: DeskServer, forwarded: Record<string, string>) =>
    fetch(`${server.base}/desk/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...forwarded },
      body: new URLSearchParams({ token: ADMIN_TOKEN }).toString(),
    });

  it("marks the sign-in cookie Secure when the trusted proxy says https, and only then", async () => {
    const proxied = await startDeskServer({
      store: ts.store,
      clock,
      token: ADMIN_TOKEN,
      trustProxy: "127.0.0.1",
    });
    try {
      const https = await signInVia(proxied, { "x-forwarded-proto": "https" });
      expect(https.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
      const http = await signInVia(proxied, { "x-forwarded-proto": "http" });
      expect(http.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
    // Without TRUST_PROXY a client's own X-Forwarded-Proto is not believed.
    const direct = await signInVia(guarded, { "x-forwarded-proto": "https" });
    expect(direct.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
  });
});

describe("admin routes with no ADMIN_TOKEN", () => {
  it("turns the dashboard, its sign-in and the queue board off (404 saying so)", async () => {
    for (const path of ["/desk", "/desk/api/summary", "/desk/sign-in", "/admin/queues"]) {
      const res = await get(path, html, off);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: "admin_off" });
    }
  });

  it("keeps /metrics open for a local try-out", async () => {
    const res = await get("/metrics", {}, off);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("parcel_desk_queries_open");
  });
});
