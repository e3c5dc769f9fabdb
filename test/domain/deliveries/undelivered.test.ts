import { describe, expect, it } from "vitest";
import { DirectoryIndex, parseDirectory } from "../../../src/domain/config/directory";
import { isSameCity, listUndelivered } from "../../../src/domain/deliveries/undelivered";
import { DeskPermissionError, morningList, shiftHandover, type UseCaseDeps } from "../../../src/domain/desk";
import { t } from "../../../src/domain/messages";
import type { Notice } from "../../../src/domain/ports";
import { BRANCH } from "../../support/branch";
import { shanghai } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";
import { auditOf, fileStore, world } from "../../support/use-case-harness";

/**
 * SOP-44: "Undelivered parcels of the day are messaged to the origin and scanned as difficult
 * (疑难件) the same day; same-city parcels need no message." At undelivered.listAt the desk lists
 * them for the agents; each is marked handled (one audit row each); the rest are in the handover.
 */
const store = await fileStore();

/** The shared branch, with its city and a same-city branch as the directory states them. */
const cityDirectory = new DirectoryIndex(
  parseDirectory({
    ...BRANCH,
    branch: { ...BRANCH.branch, city: "扬州", sameCity: ["扬州江都分公司"] },
    branchPoints: [
      { name: "东关分点", address: "东关街 12 号", phone: "0514-8000001" },
      { name: "仪征分点", address: "仪征市真州路 1 号", phone: "0514-8000002", city: "仪征" },
    ],
  }),
);

function at(date: string, time: string): { deps: UseCaseDeps; w: ReturnType<typeof world> } {
  const w = world(store, { at: shanghai(time, date).toISOString() });
  return { w, deps: { ...w.deps, directory: cityDirectory } };
}

/** Renders a notice as its reader sees it. */
const text = (n: Notice) => t("zh", n.key, n.params);

describe("SOP-44 the day's undelivered parcels", () => {
  const day = "2026-11-23";
  const kinds = [
    "nanjing",
    "delivered",
    "problem",
    "held",
    "jiangdu",
    "point",
    "branch",
    "otherCityPoint",
    "unknown",
    "yesterday",
  ] as const;
  const no = Object.fromEntries(kinds.map((k) => [k, freshTrackingNo("SD")])) as Record<
    (typeof kinds)[number],
    string
  >;

  it("SOP-44: lists today's parcels out for delivery with no closing scan since, leaving same-city ones out", async () => {
    const out = (trackingNo: string, origin?: string, time = "08:30") =>
      scan(
        trackingNo,
        "out_for_delivery",
        shanghai(time, day),
        "扬州城东",
        origin ? { originBranch: origin } : {},
      );
    await store.parcels.addScans(
      [
        out(no.nanjing, "南京分公司"),
        out(no.delivered, "南京分公司"),
        scan(no.delivered, "delivered", shanghai("11:00", day), "扬州城东"),
        out(no.problem, "苏州分公司"),
        scan(no.problem, "problem", shanghai("12:00", day), "扬州城东"),
        out(no.held, "苏州分公司"),
        scan(no.held, "held_for_pickup", shanghai("12:30", day), "东关分点"),
        out(no.jiangdu, "扬州江都分公司"), // same city: named in branch.sameCity
        out(no.point, "东关分点"), // the branch's own point, in its city
        out(no.branch, "扬州分公司"), // the branch itself
        out(no.otherCityPoint, "仪征分点", "09:00"), // a point the directory puts in another city
        out(no.unknown, undefined, "09:30"), // no scan names an origin: the agent looks it up
        scan(no.yesterday, "out_for_delivery", shanghai("16:00", "2026-11-22"), "扬州城东", {
          originBranch: "南京分公司",
        }),
      ],
      shanghai("08:00", day),
    );
    const { deps, w } = at(day, "17:30");
    const notices = await listUndelivered(deps);

    const rows = await store.deliveries.undeliveredOfDay(day);
    expect(rows.map((r) => r.trackingNo)).toEqual([no.nanjing, no.otherCityPoint, no.unknown]);
    expect(rows.map((r) => r.originBranch)).toEqual(["南京分公司", "仪征分点", null]);
    const audit = await auditOf(store, `undelivered/${day}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "undelivered.listed",
      actor: { kind: "system", name: "undelivered-list" },
      data: { rule: "SOP-44", listed: [no.nanjing, no.otherCityPoint, no.unknown], sameCity: 3 },
    });

    // Nobody has set a seat available: every agent gets the task, in their language.
    expect(notices.map((n) => n.to)).toEqual([
      { kind: "person", personId: "wang" },
      { kind: "person", personId: "chen" },
    ]);
    const [wang] = notices;
    if (!wang) throw new Error("no notice");
    expect(text(wang)).toContain(`【当日未派送件 ${day}】3 件`);
    expect(text(wang)).toContain(`• ${no.nanjing} 发件:南京分公司,${day} 08:30 出仓`);
    expect(text(wang)).toContain(`• ${no.unknown} 发件:发件公司不明`);
    expect(text(wang)).toContain("同城件 3 件无需留言");
    expect(text(wang)).toContain("请逐件留言发件公司,并扫描为疑难件");
    expect(wang.select?.options.map((o) => o.label)).toEqual([no.nanjing, no.otherCityPoint, no.unknown]);
    expect(wang.select?.options[0]?.action).toBe(`uh.20261123_${no.nanjing}`);
    expect(wang.actions).toEqual([{ labelKey: "undelivered.button.all", action: "ua.20261123" }]);
    expect(w.notifier.sent).toEqual([]); // the job sends them
  });

  it("SOP-44: run again (a repeated job), it lists nothing twice", async () => {
    const { deps } = at(day, "17:31");
    const notices = await listUndelivered(deps);
    expect(await store.deliveries.undeliveredOfDay(day)).toHaveLength(3);
    const audit = await auditOf(store, `undelivered/${day}`);
    expect(audit[1]?.data).toMatchObject({ listed: [] });
    expect(notices).toHaveLength(2); // the day's list is still open: the task is sent again
  });

  it("SOP-44: each parcel is marked handled with its audit row; pressed again, nothing changes", async () => {
    const { w } = at(day, "17:40");
    const first = await w.desk.markUndeliveredHandled("wang", day, no.nanjing);
    expect(first).toMatchObject({ ok: true, handled: [{ trackingNo: no.nanjing, handledBy: "wang" }] });
    expect(await w.desk.markUndeliveredHandled("chen", day, no.nanjing)).toEqual({
      ok: false,
      reason: "already_handled",
      rule: "SOP-44",
    });
    expect(await w.desk.markUndeliveredHandled("wang", day, no.delivered)).toMatchObject({
      ok: false,
      reason: "not_listed",
    });
    const audit = await auditOf(store, `parcel/${no.nanjing}`);
    expect(audit.filter((a) => a.action === "undelivered.handled")).toEqual([
      expect.objectContaining({ actor: { kind: "person", personId: "wang" }, data: { rule: "SOP-44", day } }),
    ]);
  });

  it("SOP-44: couriers and dispatchers cannot mark the agents' task handled", async () => {
    const { w } = at(day, "17:41");
    await expect(w.desk.markUndeliveredHandled("zhang", day, no.unknown)).rejects.toThrow(
      DeskPermissionError,
    );
    await expect(w.desk.markUndeliveredHandled("sun", day)).rejects.toThrow(DeskPermissionError);
    expect((await store.deliveries.undeliveredOfDay(day)).filter((r) => r.handledAt === null)).toHaveLength(
      2,
    );
  });

  it("SOP-44, SOP-14: the parcels not handled by closing are in the handover, not in the morning list", async () => {
    const { deps } = at(day, "18:30");
    const handover = await shiftHandover(deps);
    const wang = handover.find((n) => n.to.kind === "person" && n.to.personId === "wang");
    if (!wang) throw new Error("no handover for wang");
    expect(text(wang)).toContain("当日未派送件未处理 2 件:");
    expect(text(wang)).toContain(`• ${no.otherCityPoint} 发件:仪征分点`);
    expect(text(wang)).not.toContain(`• ${no.nanjing} `);
    const morning = await morningList({ ...deps, clock: { now: () => shanghai("08:00", "2026-11-24") } });
    expect(morning.map(text).join("\n")).not.toContain("当日未派送件未处理");
  });

  it("SOP-44: all of a day's handled at once, each with its audit row; the handover no longer lists them", async () => {
    const { w, deps } = at(day, "18:00");
    const all = await w.desk.markUndeliveredHandled("li", day);
    expect(all).toMatchObject({ ok: true });
    if (!all.ok) throw new Error("refused");
    expect(all.handled.map((r) => r.trackingNo)).toEqual([no.otherCityPoint, no.unknown]);
    for (const trackingNo of [no.otherCityPoint, no.unknown]) {
      expect((await auditOf(store, `parcel/${trackingNo}`)).map((a) => a.action)).toContain(
        "undelivered.handled",
      );
    }
    expect(await w.desk.markUndeliveredHandled("li", day)).toMatchObject({
      ok: false,
      reason: "already_handled",
    });
    const handover = await shiftHandover(deps);
    expect(handover.map(text).join("\n")).not.toContain("当日未派送件未处理");
  });

  it("SOP-44: nothing is listed on a day the desk is closed, and nothing when nothing is undelivered", async () => {
    const closedDay = "2026-11-25";
    const trackingNo = freshTrackingNo("SD");
    await store.parcels.addScans(
      [scan(trackingNo, "out_for_delivery", shanghai("08:00", closedDay))],
      shanghai("08:00", closedDay),
    );
    const closed = world(store, {
      at: shanghai("17:30", closedDay).toISOString(),
      policy: { deskHours: { closedDates: [closedDay] } },
    });
    expect(await listUndelivered(closed.deps)).toEqual([]);
    expect(await store.deliveries.undeliveredOfDay(closedDay)).toEqual([]);
    const quiet = at("2026-11-26", "17:30");
    expect(await listUndelivered(quiet.deps)).toEqual([]);
  });
});

describe("SOP-44 same city, as the directory says", () => {
  it("the branch, the branches it names and its own points are same-city; a point in another city and an unknown origin are not", () => {
    expect(isSameCity(cityDirectory, "扬州分公司")).toBe(true);
    expect(isSameCity(cityDirectory, "扬州江都分公司")).toBe(true);
    expect(isSameCity(cityDirectory, "东关分点")).toBe(true);
    expect(isSameCity(cityDirectory, "仪征分点")).toBe(false);
    expect(isSameCity(cityDirectory, "南京分公司")).toBe(false);
    expect(isSameCity(cityDirectory, null)).toBe(false);
  });

  it("a directory without the new keys still loads (city and sameCity are optional)", () => {
    const plain = new DirectoryIndex(parseDirectory(BRANCH));
    expect(plain.branch.sameCity).toEqual([]);
    expect(plain.branch.city).toBeUndefined();
    expect(isSameCity(plain, "东关分点")).toBe(true);
    expect(isSameCity(plain, "南京分公司")).toBe(false);
  });
});
