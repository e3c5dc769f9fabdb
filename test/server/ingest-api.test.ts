import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultPolicy } from "../../src/domain/config/policy";
import { ManualClock } from "../../src/domain/kernel/clock";
import { type Store, timerId } from "../../src/domain/ports";
import { silentLogger } from "../../src/log";
import { createHttpServer, DEFAULT_BODY_LIMIT_BYTES } from "../../src/server/http";
import { FakeScheduler } from "../support/fake-scheduler";
import { FakeNotifier } from "../support/fakes";
import { freshTrackingNo, scanBatchJson } from "../support/parcels";
import { openTestStore, type TestStore } from "../support/store-backends";
import { directory } from "../support/use-case-harness";

/** The ingest API of DESIGN.md, over real HTTP against the listening server. */

const TOKEN = "ingest-token-0123456789abcdef";

/** What the server answers, loosely: each test checks the part it is about. */
interface ApiBody {
  status?: string;
  error?: string;
  message?: string;
  failed?: string[];
  problems?: { index: number | null; path: string; message: string }[];
  [key: string]: unknown;
}

const json = async (res: Response): Promise<ApiBody> => (await res.json()) as ApiBody;

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

describe("HTTP server: health and the scan ingest API", () => {
  let ts: TestStore;
  let scheduler: FakeScheduler;
  const notifier = new FakeNotifier();
  let app: FastifyInstance;
  let tokenless: FastifyInstance;
  let base: string;
  let tokenlessBase: string;
  const faults = { redis: false, database: false, transaction: false };

  beforeAll(async () => {
    ts = await openTestStore("pglite", "api");
    scheduler = new FakeScheduler();
    // The real store, with switches to make the database look down or a write fail.
    const store: Store = {
      ...ts.store,
      ping: () => (faults.database ? Promise.reject(new Error("connection refused")) : ts.store.ping()),
      transaction: (work) =>
        faults.transaction
          ? Promise.reject(new Error("secret internal detail: relation scans is locked"))
          : ts.store.transaction(work),
    };
    const deps = {
      store,
      scheduler,
      policy: defaultPolicy(),
      clock: new ManualClock("2024-05-01T12:00:00Z"),
      log: silentLogger,
      checkRedis: async () => {
        if (faults.redis) throw new Error("ECONNREFUSED 127.0.0.1:6379");
      },
    };
    app = await createHttpServer({ ...deps, ingestToken: TOKEN, notifier, directory });
    tokenless = await createHttpServer(deps);
    base = await listen(app);
    tokenlessBase = await listen(tokenless);
  });

  afterAll(async () => {
    await app?.close();
    await tokenless?.close();
    await ts?.dispose();
  });

  beforeEach(() => {
    faults.redis = false;
    faults.database = false;
    faults.transaction = false;
  });

  function post(
    body: unknown,
    headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
    url = base,
  ) {
    return fetch(`${url}/api/scans`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  }

  async function scanCount(trackingNo: string): Promise<number> {
    return (await ts.store.parcels.get(trackingNo, 1000))?.scans.length ?? 0;
  }

  describe("health", () => {
    it("GET /healthz answers while the process is up", async () => {
      const res = await fetch(`${base}/healthz`);
      expect(res.status).toBe(200);
      expect(await json(res)).toEqual({ status: "ok" });
    });

    it("GET /readyz is 200 when the database and Redis answer", async () => {
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(200);
      expect(await json(res)).toMatchObject({ status: "ready", checks: { database: "ok", redis: "ok" } });
    });

    it("GET /readyz is 503 naming Redis when Redis does not answer", async () => {
      faults.redis = true;
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(503);
      expect(await json(res)).toMatchObject({ status: "unavailable", failed: ["redis"] });
    });

    it("GET /readyz is 503 naming the database when it does not answer", async () => {
      faults.database = true;
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(503);
      const body = await json(res);
      expect(body.failed).toEqual(["database"]);
      expect(JSON.stringify(body)).not.toContain("connection refused");
    });
  });

  describe("POST /api/scans", () => {
    it("is 401 without a token, with a wrong token, or with another scheme, and stores nothing", async () => {
      const batch = scanBatchJson(3);
      for (const headers of [
        {} as Record<string, string>,
        { authorization: "Bearer wrong-token-0123456789abcdef" },
        { authorization: `Bearer ${TOKEN}x` },
        { authorization: `Basic ${TOKEN}` },
        { authorization: TOKEN },
      ]) {
        const res = await post(batch, headers);
        expect(res.status).toBe(401);
        expect(await json(res)).toMatchObject({ error: "unauthorized" });
      }
      expect(await scanCount(batch[0]?.trackingNo ?? "")).toBe(0);
    });

    it("is 503 while INGEST_TOKEN is unset", async () => {
      const res = await post(scanBatchJson(1), { authorization: `Bearer ${TOKEN}` }, tokenlessBase);
      expect(res.status).toBe(503);
      expect(await json(res)).toMatchObject({ error: "ingest_disabled" });
    });

    it("stores a valid batch and answers with the counts; the same batch twice is stored once", async () => {
      const batch = scanBatchJson(10, { parcels: 2 });
      const first = await post(batch);
      expect(first.status).toBe(200);
      expect(await json(first)).toEqual({
        received: 10,
        stored: 10,
        duplicates: 0,
        holdsOpened: 0,
        holdsClosed: 0,
      });
      const again = await post(batch);
      expect(again.status).toBe(200);
      expect(await json(again)).toEqual({
        received: 10,
        stored: 0,
        duplicates: 10,
        holdsOpened: 0,
        holdsClosed: 0,
      });
      expect(await scanCount(batch[0]?.trackingNo ?? "")).toBe(5);
    });

    it("rejects the whole batch with the reasons per index when one event is bad", async () => {
      const batch: Record<string, unknown>[] = scanBatchJson(4, { parcels: 1 });
      batch[1] = { ...batch[1], at: "2024-05-01 10:00" };
      batch[3] = { ...batch[3], kind: "lost_in_space", extra: true };
      const res = await post(batch);
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.error).toBe("invalid_batch");
      expect(body.problems?.map((p) => [p.index, p.path])).toEqual([
        [1, "at"],
        [3, "kind"],
        [3, ""],
      ]);
      expect(body.problems?.[0]?.message).toEqual(expect.any(String));
      // Events 0 and 2 were fine, and are not stored either: all or nothing.
      expect(await scanCount(String(batch[0]?.trackingNo))).toBe(0);
    });

    it("rejects a body that is not an array of events", async () => {
      for (const body of [{ trackingNo: "YT1234567890" }, [], '"text"']) {
        const res = await post(body);
        expect(res.status).toBe(400);
        expect((await json(res)).error).toBe("invalid_batch");
      }
    });

    it("is 400 for a body that is not JSON", async () => {
      const res = await post("[{not json");
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ error: "invalid_json" });
    });

    it(`is 413 with a JSON error above the body limit (${DEFAULT_BODY_LIMIT_BYTES} bytes by default)`, async () => {
      const event = scanBatchJson(1)[0];
      const padded = JSON.stringify([{ ...event, note: "x".repeat(DEFAULT_BODY_LIMIT_BYTES) }]);
      const res = await post(padded);
      expect(res.status).toBe(413);
      const body = await json(res);
      expect(body.error).toBe("payload_too_large");
      expect(await scanCount(event?.trackingNo ?? "")).toBe(0);
    });

    it("SOP-50: held_for_pickup opens a hold and schedules hold-origin; a later delivered scan closes it and cancels", async () => {
      const no = freshTrackingNo();
      const held = await post([
        { trackingNo: no, at: "2024-05-01T10:00:00+08:00", kind: "arrived", location: "扬州转运中心" },
        {
          trackingNo: no,
          at: "2024-05-01T11:00:00+08:00",
          kind: "held_for_pickup",
          location: "东关分点",
          originBranch: "苏州分公司",
        },
      ]);
      expect(held.status).toBe(200);
      expect(await json(held)).toMatchObject({ stored: 2, holdsOpened: 1 });
      const hold = await ts.store.holds.openForParcel(no);
      expect(hold).toMatchObject({
        place: "东关分点",
        originBranch: "苏州分公司",
        heldAt: new Date("2024-05-01T03:00:00Z"),
      });
      const originTimer = timerId("hold-origin", hold?.id ?? "");
      expect(scheduler.pending.get(originTimer)?.dueAt).toEqual(new Date("2024-05-04T03:00:00Z"));

      const delivered = await post([
        { trackingNo: no, at: "2024-05-02T09:00:00+08:00", kind: "delivered", location: "文昌路" },
      ]);
      expect(await json(delivered)).toMatchObject({ stored: 1, holdsClosed: 1 });
      expect(await ts.store.holds.get(hold?.id ?? "")).toMatchObject({ closeReason: "delivered" });
      expect(scheduler.cancelled).toContain(originTimer);
      expect(scheduler.cancelled).toContain(timerId("hold-return", hold?.id ?? ""));
      expect(scheduler.pending.has(originTimer)).toBe(false);
    });

    it("SOP-50: a hold opened by a held_for_pickup scan tells the parcel's followers (HttpDeps.notifier)", async () => {
      const no = freshTrackingNo();
      const follower = { channel: "telegram" as const, chatId: `f-${no}` };
      await ts.store.subscriptions.subscribe({
        trackingNo: no,
        chat: follower,
        language: "zh",
        createdAt: new Date(),
      });
      notifier.clear();
      const res = await post([
        { trackingNo: no, at: "2024-05-01T11:00:00+08:00", kind: "held_for_pickup", location: "总公司" },
      ]);
      expect(res.status).toBe(200);
      expect(notifier.sent).toMatchObject([
        {
          to: { kind: "chat", chat: follower },
          key: "notice.hold.ready",
          params: { trackingNo: no, place: "总公司", phone: "0514-8000000", collectBy: "2024-05-04" },
        },
      ]);
    });

    it("answers an unexpected failure with a bare 500 JSON error, no internals", async () => {
      faults.transaction = true;
      const res = await post(scanBatchJson(1));
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ error: "internal_error" });
      expect(text).not.toMatch(/secret|stack|relation/);
    });
  });

  it("answers unknown routes with a JSON 404", async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ error: "not_found" });
  });
});
