import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDirectory, loadPolicy } from "../src/branch-files";
import { DataFileError } from "../src/data-file-reader";

const dir = mkdtempSync(join(tmpdir(), "parcel-desk-data-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function errorOf(load: () => unknown): string {
  try {
    load();
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    return (e as Error).message;
  }
  throw new Error("expected the file to be rejected");
}

describe("policy and directory files", () => {
  it("loads the commented examples shipped in examples/", () => {
    expect(loadPolicy("examples/policy.yaml").queryReply.customer.iso).toBe("PT30M");
    const directory = loadDirectory("examples/directory.yaml");
    expect(directory.people.map((p) => p.id)).toContain("wang");
  });

  it("reads JSON as well as YAML", () => {
    const path = file("policy.json", JSON.stringify({ pickup: { cutoff: "20:00" } }));
    expect(loadPolicy(path).pickup.cutoff.minutes).toBe(20 * 60);
  });

  it("names the file and the path of the bad key in one line", () => {
    const message = errorOf(() => loadPolicy(file("bad.yaml", "queryReply:\n  customer: 30 minutes\n")));
    expect(message).toMatch(/^POLICY_FILE .*bad\.yaml: queryReply\.customer: /);
    expect(message).not.toContain("\n");
  });

  it("rejects unknown keys so that a typo is not silently ignored", () => {
    expect(errorOf(() => loadPolicy(file("typo.yaml", "deskHour: {opens: '08:00'}")))).toContain(
      "deskHour: unknown key",
    );
  });

  it("rejects a file that is not YAML, and one that cannot be read", () => {
    expect(errorOf(() => loadPolicy(file("broken.yaml", "pickup: [")))).toContain("not valid YAML or JSON");
    expect(errorOf(() => loadDirectory(join(dir, "missing.yaml")))).toContain("cannot be read (ENOENT)");
  });

  it("rejects a directory whose zone names a courier who is not one", () => {
    const path = file(
      "dir.yaml",
      [
        "branch: { name: 扬州分公司, hotline: '0514-8000000' }",
        "zones: [{ id: east, name: 城东, keywords: [文昌路], courier: wang }]",
        "people: [{ id: wang, name: 王芳, roles: [agent] }]",
      ].join("\n"),
    );
    expect(errorOf(() => loadDirectory(path))).toContain("zones.0.courier");
  });

  it("rejects the same Telegram id on two people", () => {
    const path = file(
      "dup.yaml",
      [
        "branch: { name: 扬州分公司, hotline: '0514-8000000' }",
        "people:",
        "  - { id: a, name: A, roles: [agent], telegramId: 7 }",
        "  - { id: b, name: B, roles: [agent], telegramId: 7 }",
      ].join("\n"),
    );
    expect(errorOf(() => loadDirectory(path))).toContain("people.1.telegramId");
  });

  it("without files: the SOP defaults and an empty directory", () => {
    expect(loadPolicy(undefined).deskHours.closes.text).toBe("18:30");
    expect(loadDirectory(undefined).people).toEqual([]);
  });
});
