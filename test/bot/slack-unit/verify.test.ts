import { describe, expect, it } from "vitest";
import { checkSignature, MAX_SKEW_SECONDS, signRequest } from "../../../src/bot/slack/verify";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const NOW_MS = Date.parse("2026-11-27T02:00:00Z");
const NOW = String(Math.floor(NOW_MS / 1000));
const BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fparcel&text=overdue";

describe("Slack's v0 request signature (issue 10 §2)", () => {
  it("accepts a body signed with the signing secret within five minutes", () => {
    const signature = signRequest(SECRET, NOW, BODY);
    expect(signature).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(checkSignature(SECRET, { rawBody: BODY, timestamp: NOW, signature }, NOW_MS)).toEqual({
      ok: true,
    });
    const edge = String(Number(NOW) - MAX_SKEW_SECONDS);
    const atEdge = signRequest(SECRET, edge, BODY);
    expect(checkSignature(SECRET, { rawBody: BODY, timestamp: edge, signature: atEdge }, NOW_MS).ok).toBe(
      true,
    );
  });

  it("refuses a wrong signature: another secret, a changed body, a changed timestamp, a cut one", () => {
    const good = signRequest(SECRET, NOW, BODY);
    const cases = [
      { rawBody: BODY, timestamp: NOW, signature: signRequest("another-secret-000000", NOW, BODY) },
      { rawBody: `${BODY}&x=1`, timestamp: NOW, signature: good },
      { rawBody: BODY, timestamp: String(Number(NOW) - 1), signature: good },
      { rawBody: BODY, timestamp: NOW, signature: good.slice(0, -1) },
      { rawBody: BODY, timestamp: NOW, signature: good.replace("v0=", "v1=") },
    ];
    for (const request of cases) {
      expect(checkSignature(SECRET, request, NOW_MS).ok, JSON.stringify(request)).toBe(false);
    }
  });

  it("refuses a stale request, in the past or the future, even when correctly signed (no replays)", () => {
    for (const skew of [-(MAX_SKEW_SECONDS + 1), MAX_SKEW_SECONDS + 1, -86_400]) {
      const timestamp = String(Number(NOW) + skew);
      const signature = signRequest(SECRET, timestamp, BODY);
      expect(checkSignature(SECRET, { rawBody: BODY, timestamp, signature }, NOW_MS)).toEqual({
        ok: false,
        reason: "stale timestamp (more than five minutes from now)",
      });
    }
  });

  it("refuses a request without the headers, or with a timestamp that is not a number", () => {
    const signature = signRequest(SECRET, NOW, BODY);
    expect(checkSignature(SECRET, { rawBody: BODY, timestamp: undefined, signature }, NOW_MS).ok).toBe(false);
    expect(checkSignature(SECRET, { rawBody: BODY, timestamp: NOW, signature: undefined }, NOW_MS).ok).toBe(
      false,
    );
    expect(checkSignature(SECRET, { rawBody: BODY, timestamp: "", signature: "" }, NOW_MS).ok).toBe(false);
    expect(checkSignature(SECRET, { rawBody: BODY, timestamp: "1e9", signature }, NOW_MS)).toEqual({
      ok: false,
      reason: "malformed timestamp",
    });
  });
});
