import { describe, expect, it } from "vitest";
import { type DirectoryInput, parseDirectory } from "../../../src/domain/config/directory";
import { announceDirectoryChanges } from "../../../src/domain/config/directory-changes";
import { handleTimer } from "../../../src/domain/desk";
import { timerId } from "../../../src/domain/ports";
import { BRANCH } from "../../support/branch";
import { shanghai } from "../../support/desk-harness";
import { fileStore, world } from "../../support/use-case-harness";

/**
 * SOP-25 at the desk's hours: a directory file deployed while the desk is closed is recorded at
 * once and announced when the desk opens (a `directory-announce` timer), as every staff notice of
 * a timer waits; nobody is woken at night.
 */
const before = parseDirectory(BRANCH);
const input = structuredClone({ ...BRANCH, zones: BRANCH.zones ?? [], people: BRANCH.people ?? [] });
const east = input.zones.find((z) => z.id === "east");
if (east) east.courier = "liu";
const after = parseDirectory(input as DirectoryInput);

describe("SOP-25: a directory change made at night is announced when the desk opens", () => {
  it("SOP-25: at 23:00 it is recorded, nobody is told; at 08:00 everyone is, once; a repeat does nothing more", async () => {
    const store = await fileStore();
    const w = world(store, { at: shanghai("23:00", "2026-11-26").toISOString() });
    const result = await announceDirectoryChanges(w.deps, before, after, "night1");
    expect(result).toMatchObject({ told: 0, deferredUntil: shanghai("08:00", "2026-11-27") });
    expect(w.notifier.sent).toEqual([]);
    const id = timerId("directory-announce", "night1");
    expect(w.scheduler.pending.get(id)?.dueAt).toEqual(shanghai("08:00", "2026-11-27"));
    expect(await store.audit.list({ subject: "directory" })).toHaveLength(1);

    // Fired early (still closed): it waits for the opening.
    w.clock.set(shanghai("07:59", "2026-11-27"));
    expect(await handleTimer(w.deps, { kind: "directory-announce", subjectId: "night1" })).toEqual({
      deferUntil: shanghai("08:00", "2026-11-27"),
    });
    expect(w.notifier.sent).toEqual([]);

    w.clock.set(shanghai("08:00", "2026-11-27"));
    expect(await handleTimer(w.deps, { kind: "directory-announce", subjectId: "night1" })).toBe("done");
    expect(w.notifier.sent).toHaveLength(after.people.length);
    expect(w.notifier.toPerson("wang")[0]).toMatchObject({
      key: "directory.changed",
      dedupeKey: "directory-night1",
      params: { lines: "• 片区 城东 的业务员:张伟(105) → 刘洋(106)" },
    });
    expect(w.notifier.toPerson("chen")[0]?.params.lines).toContain("Zone 城东's courier");
  });

  it("SOP-25: while the desk is open it is told at once, no timer; a timer of no recorded version does nothing", async () => {
    const store = await fileStore();
    const w = world(store, { at: shanghai("10:00", "2026-11-27").toISOString() });
    const result = await announceDirectoryChanges(w.deps, before, after, "day1");
    expect(result.told).toBe(after.people.length);
    expect(w.scheduler.scheduled).toEqual([]);
    w.notifier.clear();
    expect(await handleTimer(w.deps, { kind: "directory-announce", subjectId: "forged" })).toBe("skipped");
    expect(w.notifier.sent).toEqual([]);
  });
});
