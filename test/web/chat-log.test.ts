import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_EVENTS, redisChatLog } from "../../src/bot/web/chat-log";
import { createWebSender } from "../../src/bot/web/sender";
import { ManualClock } from "../../src/domain/kernel/clock";

/**
 * The web chat's sender and its per-chat log on a real Redis (each test with a prefix of its own):
 * what the send queue delivers is kept for the next visit and published for the open pages, and
 * a card's buttons can be taken away or the card changed in place.
 */
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `test:web:${randomUUID()}:`;
const log = redisChatLog(redis, prefix);
const sender = createWebSender(log, new ManualClock("2026-11-27T02:00:00Z"));

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe("the web chat's sender and log", () => {
  it("keeps a notice for the chat's next visit and publishes it to the open pages", async () => {
    const subscriber = redis.duplicate();
    const heard: string[] = [];
    subscriber.on("message", (_channel, message) => heard.push(message));
    await subscriber.subscribe(log.channelOf("wA"));
    const sent = await sender.send({ chatId: "wA", text: "您的查询已有回复" });
    expect(sent).toEqual([]); // nothing to press: nothing to take away later
    const kept = await log.since("wA");
    expect(kept).toMatchObject([{ kind: "message", from: "desk", text: "您的查询已有回复" }]);
    await expect.poll(() => heard.length).toBe(1);
    expect(JSON.parse(heard[0] ?? "[]")).toEqual(kept);
    subscriber.disconnect();
  });

  it("returns a card's reference, and takes its buttons away or changes it in place by it", async () => {
    const buttons = [{ label: "取消预约", payload: "a.pc.p1" }];
    const [ref] = (await sender.send({ chatId: "wB", text: "取件预约 P1", buttons })) ?? [];
    expect(ref?.chatId).toBe("wB");
    await sender.update?.(ref as NonNullable<typeof ref>, { text: "取件预约 P1:已接单", buttons });
    await sender.clearButtons?.(ref as NonNullable<typeof ref>);
    const events = await log.since("wB");
    expect(events.map((e) => e.kind)).toEqual(["message", "update", "clear"]);
    expect(events[1]).toMatchObject({ target: ref?.messageId, text: "取件预约 P1:已接单" });
    expect(events[2]).toMatchObject({ target: ref?.messageId });
    // After an id: only what came later.
    expect((await log.since("wB", events[1]?.id)).map((e) => e.kind)).toEqual(["clear"]);
  });

  it(`keeps about the last ${MAX_EVENTS} events of a chat, with an expiry`, async () => {
    for (let i = 0; i < 3; i++) {
      const batch = Array.from({ length: MAX_EVENTS }, (_, j) => ({
        kind: "message" as const,
        from: "desk" as const,
        text: `${i}-${j}`,
        at: "2026-11-27T02:00:00Z",
      }));
      await log.append("wC", batch);
    }
    const kept = await log.since("wC");
    expect(kept.length).toBeGreaterThanOrEqual(MAX_EVENTS);
    expect(kept.length).toBeLessThan(2 * MAX_EVENTS);
    expect(kept.at(-1)).toMatchObject({ text: `2-${MAX_EVENTS - 1}` });
    expect(await redis.ttl(`${prefix}log:wC`)).toBeGreaterThan(0);
  });

  it("ignores a Last-Event-ID that is not a stream id", async () => {
    await log.append("wD", [{ kind: "message", from: "visitor", text: "hi", at: "2026-11-27T02:00:00Z" }]);
    expect(await log.since("wD", "../../etc")).toHaveLength(1);
  });
});
