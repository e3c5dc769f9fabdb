import { describe, expect, it } from "vitest";
import { createLogger, maskLogText } from "../../src/log";

/**
 * Issue 16 §6, as the outside trial read the start-up log: phones are masked in every log line,
 * names only where a field holds one or after a Chinese label (联系人:), never in the service's
 * own English sentences ("no sender for this channel" is not a sender named "for").
 */
function logged(write: (log: ReturnType<typeof createLogger>) => void): string[] {
  const lines: string[] = [];
  write(createLogger("debug", "log-masking-test", [], { write: (line: string) => lines.push(line) }));
  return lines;
}

describe("personal data in log lines (issue 16 §6)", () => {
  it("the start-up line 'no sender for this channel' is written as it is, its field too", () => {
    const [line] = logged((log) =>
      log.info({ channel: "web" }, "no sender for this channel: its messages will fail (recorded)"),
    );
    const entry = JSON.parse(line ?? "{}");
    expect(entry.msg).toBe("no sender for this channel: its messages will fail (recorded)");
    expect(entry.channel).toBe("web");
  });

  it.each([
    "notice cannot reach a recipient",
    "contact the duty lead",
    "signed by the courier on the card",
    "send job stalled (its worker died?)",
  ])("the service's own English %j is not masked", (text) => {
    expect(maskLogText(text)).toBe(text);
  });

  it("phones are masked in free text; a waybill number is not a phone", () => {
    expect(maskLogText("customer said call me at 13912345678")).toBe("customer said call me at 139****5678");
    expect(maskLogText("客户电话 139-1234-5678,座机 0514-8000000")).not.toMatch(/1234|8000000/);
    expect(maskLogText("scan of YT13800000003 recorded")).toBe("scan of YT13800000003 recorded");
  });

  it("a name after a clear Chinese label is masked; a field holding a name is redacted", () => {
    expect(maskLogText("note: 联系人:张三 13912345678")).toBe("note: 联系人:张* 139****5678");
    const [line] = logged((log) =>
      log.info({ pickup: { contactName: "周先生" }, signerName: "李四" }, "signed"),
    );
    expect(line).not.toContain("周先生");
    expect(line).not.toContain("李四");
    expect(JSON.parse(line ?? "{}").msg).toBe("signed");
  });
});
