import { describe, expect, it } from "vitest";
import { DirectoryIndex, parseDirectory } from "../../../src/domain/config/directory";
import { createDesk, DeskPermissionError, handleTimer } from "../../../src/domain/desk";
import { timerId } from "../../../src/domain/ports";
import { BRANCH } from "../../support/branch";
import { auditOf, fileStore, world } from "../../support/use-case-harness";

/**
 * SOP-14: leaving the seat for more than 5 minutes is told to the duty lead (deskHours.
 * awayNoticeAfter), not every busy; after 17:30 one query seat stays open: the last one goes busy
 * only with a duty lead's say-so.
 */

const AWAY = timerId("seat-away", "chen");
const minutes = (n: number) => n * 60_000;

describe("SOP-14: the duty lead hears of a seat busy longer than awayNoticeAfter", () => {
  it("SOP-14: going busy tells nobody at once; still busy 5 minutes later, the duty lead is told once", async () => {
    const w = world(await fileStore()); // Friday 10:00
    await w.desk.setAvailability("chen", true);
    w.notifier.clear();
    expect(await w.desk.setAvailability("chen", false)).toEqual({ ok: true, lastSeat: false });
    expect(w.notifier.sent).toEqual([]);
    const away = w.scheduler.pending.get(AWAY);
    expect(away?.dueAt).toEqual(new Date(w.clock.now().getTime() + minutes(5)));

    w.clock.advance(minutes(5));
    expect(await handleTimer(w.deps, { kind: "seat-away", subjectId: "chen" })).toBe("done");
    expect(w.notifier.sent).toEqual([
      {
        to: { kind: "person", personId: "li" },
        key: "seat.notice.away",
        params: { name: "陈静", workNo: "021", after: "5 分钟", since: "10:00" },
      },
    ]);
  });

  it("SOP-14: back within 5 minutes: the timer is cancelled, and one that fires anyway tells nobody", async () => {
    const w = world(await fileStore());
    await w.desk.setAvailability("chen", false);
    w.clock.advance(minutes(3));
    await w.desk.setAvailability("chen", true);
    expect(w.scheduler.pending.has(AWAY)).toBe(false);
    expect(w.scheduler.cancelled).toContain(AWAY);
    w.clock.advance(minutes(2));
    w.notifier.clear();
    expect(await handleTimer(w.deps, { kind: "seat-away", subjectId: "chen" })).toBe("skipped");
    expect(w.notifier.sent).toEqual([]);
  });

  it("SOP-14: busy, back, busy again: the first busy's timer waits for the second's five minutes", async () => {
    const w = world(await fileStore());
    await w.desk.setAvailability("chen", false); // 10:00
    w.clock.advance(minutes(2));
    await w.presence.setAvailable("chen", true, w.clock.now()); // back (the cancel lost, say)
    await w.desk.setAvailability("chen", true);
    w.clock.advance(minutes(2));
    await w.desk.setAvailability("chen", false); // 10:04
    w.clock.advance(minutes(1)); // 10:05: a stale timer of the first busy fires
    w.notifier.clear();
    expect(await handleTimer(w.deps, { kind: "seat-away", subjectId: "chen" })).toEqual({
      deferUntil: new Date("2026-11-27T02:09:00Z"),
    });
    expect(w.notifier.sent).toEqual([]);
    expect(w.scheduler.pending.get(AWAY)?.dueAt).toEqual(new Date("2026-11-27T02:09:00Z"));
  });

  it("SOP-14: still busy at closing is no absence: the timer tells nobody after 18:30", async () => {
    const w = world(await fileStore(), { at: "2026-11-27T10:28:00Z" }); // 18:28
    await w.desk.setAvailability("chen", false);
    w.clock.advance(minutes(5)); // 18:33
    expect(await handleTimer(w.deps, { kind: "seat-away", subjectId: "chen" })).toBe("skipped");
    expect(w.notifier.sent).toEqual([]);
  });

  it("SOP-14: a supervisor or a courier going busy arms no away timer", async () => {
    const w = world(await fileStore());
    await w.desk.setAvailability("li", false);
    await w.desk.setAvailability("zhang", false);
    expect([...w.scheduler.pending.keys()].filter((id) => id.startsWith("seat-away"))).toEqual([]);
    expect(await handleTimer(w.deps, { kind: "seat-away", subjectId: "li" })).toBe("skipped");
    expect(await handleTimer(w.deps, { kind: "seat-away", subjectId: "nobody" })).toBe("skipped");
  });
});

describe("SOP-14: after 17:30 the last open seat needs the duty lead's say-so", () => {
  it("SOP-14: the last available agent's busy is refused, recorded, and put to the duty lead with an approve button", async () => {
    const store = await fileStore();
    const w = world(store, { at: "2026-11-27T09:40:00Z" }); // 17:40
    await w.desk.setAvailability("wang", true);
    await w.desk.setAvailability("chen", true);
    // chen goes busy: wang's seat is still open, so that is allowed.
    expect(await w.desk.setAvailability("chen", false)).toEqual({ ok: true, lastSeat: false });
    w.notifier.clear();
    // wang's is the last open seat: refused.
    expect(await w.desk.setAvailability("wang", false)).toEqual({
      ok: false,
      reason: "last_seat",
      rule: "SOP-14",
    });
    expect(await w.desk.isAvailable("wang")).toBe(true);
    expect(w.scheduler.pending.has(timerId("seat-away", "wang"))).toBe(false);
    expect(w.notifier.sent).toEqual([
      {
        to: { kind: "person", personId: "li" },
        key: "seat.notice.askBusy",
        params: { name: "王芳", workNo: "017", time: "17:30", after: "17:30" },
        actions: [{ labelKey: "seat.action.approveBusy", action: "sb.wang" }],
      },
    ]);
    expect((await auditOf(store, "staff/wang")).map((r) => r.action)).toEqual([
      "staff.available",
      "staff.busy_asked",
    ]);

    // The duty lead approves: wang is busy, the audit row names the lead, wang is told.
    w.notifier.clear();
    expect(await w.desk.approveBusy("li", "wang")).toMatchObject({ ok: true, agent: { id: "wang" } });
    expect(await w.desk.isAvailable("wang")).toBe(false);
    const rows = await auditOf(store, "staff/wang");
    expect(rows.at(-1)).toMatchObject({
      action: "staff.busy",
      actor: { kind: "person", personId: "li" },
      data: { approvedBy: "li" },
    });
    expect(w.notifier.sent).toMatchObject([
      { to: { kind: "person", personId: "wang" }, key: "seat.approved.toAgent", params: { lead: "李强" } },
    ]);
    // Pressed again: nothing changes.
    expect(await w.desk.approveBusy("li", "wang")).toEqual({ ok: false, reason: "already_busy" });
    expect((await auditOf(store, "staff/wang")).length).toBe(rows.length);
    // An approved busy is no absence to report later.
    w.clock.advance(minutes(10));
    expect(await handleTimer(w.deps, { kind: "seat-away", subjectId: "wang" })).toBe("skipped");
  });

  it("SOP-14: the approve button answers one request: without one, or once the agent changed their seat since, it does nothing", async () => {
    const w = world(await fileStore(), { at: "2026-11-27T09:40:00Z" });
    await w.desk.setAvailability("wang", true);
    expect(await w.desk.approveBusy("li", "wang")).toEqual({ ok: false, reason: "not_asked" });
    expect(await w.desk.setAvailability("wang", false)).toMatchObject({ ok: false, reason: "last_seat" });
    // A colleague comes, wang goes busy and comes back on their own: the old request is stale.
    await w.desk.setAvailability("chen", true);
    expect(await w.desk.setAvailability("wang", false)).toEqual({ ok: true, lastSeat: false });
    await w.desk.setAvailability("wang", true);
    expect(await w.desk.approveBusy("li", "wang")).toEqual({ ok: false, reason: "not_asked" });
    expect(await w.desk.isAvailable("wang")).toBe(true);
  });

  it("SOP-14: yesterday's approve button pressed the next morning closes no seat", async () => {
    const w = world(await fileStore(), { at: "2026-11-27T09:40:00Z" }); // Friday 17:40
    await w.desk.setAvailability("wang", true);
    expect(await w.desk.setAvailability("wang", false)).toMatchObject({ ok: false, reason: "last_seat" });
    w.clock.advance(minutes(16 * 60)); // Saturday 09:40: wang is still at the seat, nobody asked today
    expect(await w.desk.approveBusy("li", "wang")).toEqual({ ok: false, reason: "not_asked" });
    expect(await w.desk.isAvailable("wang")).toBe(true);
  });

  it("SOP-14: only a duty lead approves, and only an agent's seat", async () => {
    const w = world(await fileStore(), { at: "2026-11-27T09:40:00Z" });
    await w.desk.setAvailability("wang", true);
    await expect(w.desk.approveBusy("chen", "wang")).rejects.toThrow(DeskPermissionError);
    expect(await w.desk.isAvailable("wang")).toBe(true);
    expect(await w.desk.approveBusy("li", "zhang")).toEqual({ ok: false, reason: "not_found" });
    expect(await w.desk.approveBusy("li", "nobody")).toEqual({ ok: false, reason: "not_found" });
  });

  it("SOP-14: with no duty lead in the directory, the refusal says so and asks nobody", async () => {
    const w = world(await fileStore(), { at: "2026-11-27T09:40:00Z" });
    const people = (BRANCH.people ?? []).filter((p) => !p.roles.includes("supervisor"));
    const directory = new DirectoryIndex(parseDirectory({ ...BRANCH, people }));
    const desk = createDesk({ ...w.deps, directory });
    await desk.setAvailability("wang", true);
    w.notifier.clear();
    expect(await desk.setAvailability("wang", false)).toEqual({
      ok: false,
      reason: "last_seat_no_lead",
      rule: "SOP-14",
    });
    expect(w.notifier.sent).toEqual([]);
    expect(await desk.isAvailable("wang")).toBe(true);
  });
});
