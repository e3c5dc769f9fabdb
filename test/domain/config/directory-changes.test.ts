import { describe, expect, it } from "vitest";
import { type DirectoryInput, parseDirectory } from "../../../src/domain/config/directory";
import {
  announceDirectoryChanges,
  changeLine,
  DIRECTORY_CHANGED_ACTION,
  directoryChanges,
} from "../../../src/domain/config/directory-changes";
import { ManualClock } from "../../../src/domain/kernel/clock";
import { BRANCH } from "../../support/branch";
import { FakeNotifier } from "../../support/fakes";
import { openMemoryStore } from "../../support/memory/store";

const before = parseDirectory(BRANCH);

/** The shared branch with a change applied to a copy of its input. */
function changed(edit: (input: Required<Pick<DirectoryInput, "zones" | "people">>) => void) {
  const input = structuredClone({ ...BRANCH, zones: BRANCH.zones ?? [], people: BRANCH.people ?? [] });
  edit(input);
  return parseDirectory(input);
}

describe("SOP-25: what a directory change announces", () => {
  it("finds nothing in the same directory (a file saved again unchanged)", () => {
    expect(directoryChanges(before, parseDirectory(BRANCH))).toEqual([]);
  });

  it("names a zone's new courier with their work numbers", () => {
    const after = changed((d) => {
      const east = d.zones.find((z) => z.id === "east");
      if (east) east.courier = "liu";
    });
    expect(directoryChanges(before, after)).toEqual([
      { kind: "courier", zone: "城东", from: "张伟(105)", to: "刘洋(106)" },
    ]);
  });

  it("names a driver added to a zone and one taken away", () => {
    const after = changed((d) => {
      for (const z of d.zones) z.driver = z.id === "west" ? "zhao" : undefined;
    });
    expect(directoryChanges(before, after)).toEqual([
      { kind: "driver", zone: "城东", from: "赵刚(201)", to: null },
      { kind: "driver", zone: "城西", from: null, to: "赵刚(201)" },
    ]);
  });

  it("names a changed phone number, and a phone given to someone who had none", () => {
    const after = changed((d) => {
      for (const p of d.people) {
        if (p.id === "zhang") p.phone = "13900000003";
        if (p.id === "wang") p.phone = "13900000001";
      }
    });
    expect(directoryChanges(before, after)).toEqual([
      { kind: "phone", person: "王芳(017)", from: null, to: "13900000001" },
      { kind: "phone", person: "张伟(105)", from: "13800000003", to: "13900000003" },
    ]);
  });

  it("names zones added, closed, renamed and moved", () => {
    const after = changed((d) => {
      d.zones = [
        { id: "east", name: "城东新区", keywords: ["文昌路"], courier: "zhang", driver: "zhao" },
        { id: "north", name: "城北", keywords: ["北门"], courier: "liu" },
      ];
    });
    expect(directoryChanges(before, after)).toEqual([
      { kind: "zoneRenamed", from: "城东", to: "城东新区" },
      { kind: "zoneArea", zone: "城东新区", keywords: ["文昌路"] },
      { kind: "zoneAdded", zone: "城北", courier: "刘洋(106)", driver: null },
      { kind: "zoneRemoved", zone: "城西" },
    ]);
  });

  it("writes each change in the reader's language", () => {
    const change = { kind: "driver", zone: "城西", from: null, to: "赵刚(201)" } as const;
    expect(changeLine("zh", change)).toBe("• 片区 城西 的司机:无 → 赵刚(201)");
    expect(changeLine("en", change)).toBe("• Zone 城西's driver: none → 赵刚(201)");
  });
});

describe("SOP-25: the announcement", () => {
  const after = changed((d) => {
    const east = d.zones.find((z) => z.id === "east");
    if (east) east.courier = "liu";
    const zhao = d.people.find((p) => p.id === "zhao");
    if (zhao) zhao.phone = "13900000004";
  });

  it("goes to everyone in the department, one message each in their language, after its audit row", async () => {
    const store = openMemoryStore();
    const notifier = new FakeNotifier();
    const clock = new ManualClock("2026-11-27T02:00:00Z");
    const result = await announceDirectoryChanges({ store, notifier, clock }, before, after, "v2");

    expect(result.told).toBe(after.people.length);
    expect(notifier.sent).toHaveLength(7);
    for (const person of after.people) {
      const theirs = notifier.toPerson(person.id);
      expect(theirs).toHaveLength(1);
      expect(theirs[0]?.key).toBe("directory.changed");
      expect(theirs[0]?.dedupeKey).toBe("directory-v2");
    }
    expect(notifier.toPerson("wang")[0]?.params.lines).toBe(
      "• 片区 城东 的业务员:张伟(105) → 刘洋(106)\n• 赵刚(201) 的电话:13800000004 → 13900000004",
    );
    // chen reads English
    expect(notifier.toPerson("chen")[0]?.params.lines).toContain(
      "Zone 城东's courier: 张伟(105) → 刘洋(106)",
    );
    const audit = await store.audit.list({ subject: "directory" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: DIRECTORY_CHANGED_ACTION, data: { version: "v2" } });
  });

  it("records and sends nothing when nothing SOP-25 names has changed", async () => {
    const store = openMemoryStore();
    const notifier = new FakeNotifier();
    const renamedBranch = parseDirectory({
      ...BRANCH,
      branch: { ...BRANCH.branch, hotline: "0514-8000009" },
    });
    const clock = new ManualClock("2026-11-27T02:00:00Z");
    const result = await announceDirectoryChanges({ store, notifier, clock }, before, renamedBranch, "v3");
    expect(result).toEqual({ changes: [], told: 0 });
    expect(notifier.sent).toHaveLength(0);
    expect(await store.audit.list({ subject: "directory" })).toHaveLength(0);
  });
});
