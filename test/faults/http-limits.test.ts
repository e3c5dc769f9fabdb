import { connect } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy } from "../../src/domain/config/policy";
import { systemClock } from "../../src/domain/kernel/clock";
import { silentLogger } from "../../src/log";
import { createHttpServer } from "../../src/server/http";
import { FakeScheduler } from "../support/fake-scheduler";
import { openTestStore, type TestStore } from "../support/store-backends";

/**
 * Issue 16 §4: slow and oversized requests are cut off by the server's timeouts and body limits,
 * tried with a raw socket that sends a byte at a time, and with a 10 MB body.
 */
const TOKEN = "limits-token-0123456789";
let ts: TestStore;
let app: FastifyInstance;
let port = 0;

beforeAll(async () => {
  ts = await openTestStore("memory", "limits");
  app = await createHttpServer({
    store: ts.store,
    scheduler: new FakeScheduler(),
    policy: defaultPolicy(),
    clock: systemClock,
    log: silentLogger,
    ingestToken: TOKEN,
    checkRedis: async () => {},
    limits: { requestMs: 1500, headersMs: 1000, checkEveryMs: 200 },
  });
  app.post("/echo", async (request) => ({ size: JSON.stringify(request.body).length }));
  await app.listen({ host: "127.0.0.1", port: 0 });
  port = (app.server.address() as { port: number }).port;
});
afterAll(async () => {
  await app.close();
  await ts.dispose();
});

/** Sends `head` one byte every `everyMs` (never finishing); resolves with what the server answered when it closed. */
function slowSender(
  head: string,
  everyMs: number,
  giveUpMs: number,
): Promise<{ closedByServer: boolean; answer: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    let i = 0;
    const drip = setInterval(() => {
      if (i < head.length && !socket.destroyed) socket.write(head[i++] ?? "");
    }, everyMs);
    const giveUp = setTimeout(() => {
      clearInterval(drip);
      socket.destroy();
      resolve({ closedByServer: false, answer });
    }, giveUpMs);
    socket.on("data", (d) => {
      answer += d.toString();
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(drip);
      clearTimeout(giveUp);
      resolve({ closedByServer: true, answer });
    });
  });
}

describe("slow and oversized HTTP requests (issue 16 §4)", () => {
  it("a client sending its headers a byte at a time is cut off (408), and holds no socket", async () => {
    const head = `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ${"a".repeat(200)}\r\n\r\n`;
    const result = await slowSender(head, 50, 15_000);
    expect(result.closedByServer).toBe(true);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);

  it("a client sending its body a byte at a time is cut off too", async () => {
    const body = JSON.stringify({ text: "x".repeat(500) });
    const head = `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const socket = connect(port, "127.0.0.1");
    socket.write(head);
    const result = await new Promise<{ closed: boolean; answer: string }>((resolve) => {
      let answer = "";
      let i = 0;
      const drip = setInterval(() => {
        if (i < body.length && !socket.destroyed) socket.write(body[i++] ?? "");
      }, 50);
      const giveUp = setTimeout(() => {
        clearInterval(drip);
        socket.destroy();
        resolve({ closed: false, answer });
      }, 15_000);
      socket.on("data", (d) => {
        answer += d.toString();
      });
      socket.on("error", () => {});
      socket.on("close", () => {
        clearInterval(drip);
        clearTimeout(giveUp);
        resolve({ closed: true, answer });
      });
    });
    expect(result.closed).toBe(true);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);

  it("a 10 MB body is refused with 413 on the ingest API and on any other route", async () => {
    const big = JSON.stringify([{ note: "x".repeat(10 * 1024 * 1024) }]);
    const ingest = await fetch(`http://127.0.0.1:${port}/api/scans`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: big,
    });
    expect(ingest.status).toBe(413);
    const other = await fetch(`http://127.0.0.1:${port}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(other.status).toBe(413);
    const small = await fetch(`http://127.0.0.1:${port}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ok: 1 }),
    });
    expect(small.status).toBe(200);
  });
});
