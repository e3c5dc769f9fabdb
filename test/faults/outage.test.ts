import { BotError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { isUnavailable } from "../../src/store/outage";

/** Which failures count as Redis or the database being away (issue 16 §1, §2), and which do not. */
describe("isUnavailable", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" });

  it("knows ioredis's and pg's outages, also wrapped (grammY's BotError, a cause, an AggregateError)", () => {
    const maxRetries = Object.assign(new Error("Reached the max retries per request limit (which is 2)."), {
      name: "MaxRetriesPerRequestError",
    });
    expect(isUnavailable(maxRetries)).toBe(true);
    expect(isUnavailable(new Error("Connection is closed."))).toBe(true);
    expect(isUnavailable(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(true);
    expect(isUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isUnavailable(new AggregateError([refused], "connect failed"))).toBe(true);
    expect(isUnavailable(new Error("query failed", { cause: refused }))).toBe(true);
    expect(isUnavailable(new BotError(maxRetries, {} as never))).toBe(true);
  });

  it("does not take a bug, bad data or the Bot API being unreachable for an outage of ours", () => {
    expect(isUnavailable(new Error("boom"))).toBe(false);
    expect(isUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(
      isUnavailable(
        new BotError(new HttpError("Network request for 'sendMessage' failed!", refused), {} as never),
      ),
    ).toBe(false);
    expect(isUnavailable(undefined)).toBe(false);
  });
});
