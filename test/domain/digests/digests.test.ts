import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { morningList, shiftHandover } from "../../../src/domain/desk";
import { t } from "../../../src/domain/messages";
import type { Notice, Store } from "../../../src/domain/ports";
import type { PickupRequest, Query, SelfPickupHold } from "../../../src/domain/ports/records";
import { openMemoryStore } from "../../support/memory/store";
import { freshTrackingNo, scan } from "../../support/parcels";
import { at, customerChat, EAST_ADDRESS, testId, type World, world } from "../../support/use-case-harness";

/**
 * One branch, one day: holds opened on Tuesday, queries and pickups on Friday; the handover at
 * Friday's closing (18:30) and the morning list at Saturday's opening (08:00).
 */
let store: Store;
let w: World;
const queries: Record<string, Query> = {};
const holds: Record<string, SelfPickupHold> = {};
const pickups: Record<string, PickupRequest> = {};

async function hold(name: string) {
  const no = freshTrackingNo();
  await store.parcels.addScans(
    [scan(no, "arrived", "2026-11-23T02:00:00Z", "扬州转运中心", { originBranch: "苏州分公司" })],
    at("2026-11-23T02:00:00Z"),
  );
  const r = await w.desk.markHeld("wang", no, "东关分点");
  if (!r.ok) throw new Error(r.reason);
  holds[name] = r.hold;
  return r.hold;
}

async function pickup(name: string) {
  const r = await w.desk.requestPickup({
    customer: customerChat(testId()),
    language: "zh",
    draft: { address: EAST_ADDRESS, phone: "13912345678", goods: "书", payment: "cod" },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  pickups[name] = r.pickup;
  return r.pickup;
}

beforeAll(async () => {
  store = openMemoryStore();
  w = world(store, { at: "2026-11-24T02:00:00Z" }); // Tuesday 10:00
  const messageDue = await hold("messageDue"); // SOP-50 due Friday 10:00
  const awaiting = await hold("awaiting");
  await w.desk.recordOriginMessaged("wang", awaiting.id); // SOP-51 return due Sunday 10:00
  const replied = await hold("replied");
  await w.desk.recordOriginMessaged("wang", replied.id);
  await w.desk.recordOriginReply("wang", replied.id);
  const marked = await hold("marked");
  await w.desk.recordOriginMessaged("wang", marked.id);
  await store.holds.updateOpen(marked.id, { markedForReturnAt: at("2026-11-24T03:00:00Z") });
  void messageDue;

  w.clock.set("2026-11-27T02:00:00Z"); // Friday 10:00
  await hold("fresh"); // SOP-50 due Monday
  for (const name of ["held", "free"]) {
    const r = await w.desk.raiseQuery({
      asker: customerChat(testId()),
      language: "zh",
      text: "到哪了",
      trackingNo: freshTrackingNo(),
    });
    if (!r.ok) throw new Error(r.reason);
    queries[name] = r.query;
  }
  await w.desk.takeQuery((queries.held as Query).id, "wang");
  const answered = await w.desk.raiseQuery({
    asker: customerChat(testId()),
    language: "zh",
    text: "已解决的",
  });
  if (answered.ok) await w.desk.answerQuery(answered.query.id, "chen", "好的");

  await pickup("requested");
  await w.desk.assignPickup("sun", (await pickup("assigned")).id, "liu");
  await w.desk.acceptPickup("zhang", (await pickup("accepted")).id);
  w.clock.set("2026-11-27T11:30:00Z"); // 19:30: for Saturday
  await pickup("saturday");
  w.clock.set("2026-11-28T11:30:00Z"); // Saturday 19:30: for Sunday
  await pickup("sunday");
}, 120_000);

afterAll(async () => {
  await store.close();
});

const ids = (records: Record<string, { id: string }>, ...names: string[]) => names.map((n) => records[n]?.id);
const forPerson = (notices: Notice[], personId: string) =>
  notices.find((n) => n.to.kind === "person" && n.to.personId === personId);

describe("shiftHandover (SOP-14)", () => {
  it("goes to every agent and supervisor, each in their language", async () => {
    w.clock.set("2026-11-27T10:30:00Z"); // Friday 18:30
    const notices = await shiftHandover(w.deps);
    expect(
      notices.map((n) => n.to).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([
      { kind: "person", personId: "chen" },
      { kind: "person", personId: "li" },
      { kind: "person", personId: "wang" },
    ]);
    expect(notices.every((n) => n.key === "notice.digest.handover")).toBe(true);
    expect(String(forPerson(notices, "chen")?.params.queries)).toContain("held by");
    expect(String(forPerson(notices, "wang")?.params.queries)).toContain("处理人");
  });

  it("lists every open query with its holder and due time (HH:MM today), flagging the overdue", async () => {
    w.clock.set("2026-11-27T10:30:00Z");
    const params = forPerson(await shiftHandover(w.deps), "wang")?.params ?? {};
    expect(params.queryCount).toBe(2);
    const lines = String(params.queries).split("\n");
    expect(lines).toEqual([
      `• ${queries.held?.trackingNo}(来自客户),处理人:王芳(017),10:30 到期,已超时`,
      `• ${queries.free?.trackingNo}(来自客户),处理人:无人认领,10:30 到期,已超时`,
    ]);
  });

  it("lists every open hold with its next step", async () => {
    w.clock.set("2026-11-27T10:30:00Z");
    const params = forPerson(await shiftHandover(w.deps), "wang")?.params ?? {};
    expect(params.holdCount).toBe(5);
    const text = String(params.holds);
    expect(text).toContain(`${holds.messageDue?.trackingNo} @ 东关分点:10:00 起需留言对方公司`);
    expect(text).toContain(
      `${holds.awaiting?.trackingNo} @ 东关分点:已留言,等待回复,11-29 10:00 无回复则退回`,
    );
    expect(text).toContain(`${holds.replied?.trackingNo} @ 东关分点:对方公司已回复`);
    expect(text).toContain(`${holds.marked?.trackingNo} @ 东关分点:已标记退回,今日标注“退回 苏州分公司”`);
    expect(text).toContain(`${holds.fresh?.trackingNo} @ 东关分点:11-30 10:00 起需留言对方公司`);
  });

  it("lists the pickups nobody has accepted, with their courier when assigned", async () => {
    w.clock.set("2026-11-27T10:30:00Z");
    const params = forPerson(await shiftHandover(w.deps), "wang")?.params ?? {};
    const text = String(params.pickups);
    expect(params.pickupCount).toBe(4);
    for (const name of ["requested", "assigned", "saturday", "sunday"])
      expect(text).toContain(`#${pickups[name]?.id.slice(0, 8)}`);
    expect(text).not.toContain(`#${pickups.accepted?.id.slice(0, 8)}`);
    expect(text).toContain("已派给 刘洋(106),待接单");
  });
});

describe("morningList", () => {
  it("shows the open queries, the holds needing action today and today's unaccepted pickups", async () => {
    w.clock.set("2026-11-28T00:00:00Z"); // Saturday 08:00
    const params = forPerson(await morningList(w.deps), "wang")?.params ?? {};
    expect(params.date).toBe("2026-11-28");
    expect(params.queryCount).toBe(2);
    const holdText = String(params.holds);
    for (const name of ["messageDue", "replied", "marked"])
      expect(holdText).toContain(String(holds[name]?.trackingNo));
    for (const name of ["awaiting", "fresh"]) expect(holdText).not.toContain(String(holds[name]?.trackingNo));
    expect(params.holdCount).toBe(3);
    const pickupText = String(params.pickups);
    for (const id of ids(pickups, "requested", "assigned", "saturday"))
      expect(pickupText).toContain(`#${id?.slice(0, 8)}`);
    expect(pickupText).not.toContain(`#${pickups.sunday?.id.slice(0, 8)}`);
    expect(params.pickupCount).toBe(3);
  });

  it("says 'none' for an empty section", async () => {
    // The same store, with nothing open in it.
    const empty: Store = {
      ...store,
      queries: { ...store.queries, listOpen: async () => [] },
      holds: { ...store.holds, listOpen: async () => [] },
      pickups: { ...store.pickups, listByStatus: async () => [] },
    };
    const notices = await morningList(world(empty).deps);
    const zh = forPerson(notices, "wang")?.params ?? {};
    expect(zh).toMatchObject({
      queryCount: 0,
      queries: t("zh", "notice.digest.none"),
      holds: "无",
      pickups: "无",
    });
    expect(forPerson(notices, "chen")?.params.queries).toBe("none");
  });
});

describe("SOP-14 digests on days the desk is closed", () => {
  it("sends no handover and no morning list on a closed weekday or a closed date", async () => {
    // Saturday closed; 2026-11-30 (a Monday) a closed date.
    const policy = { deskHours: { closedWeekdays: ["sat" as const], closedDates: ["2026-11-30"] } };
    const saturday = world(store, { at: "2026-11-28T00:00:00Z", policy }); // Saturday 08:00
    expect(await morningList(saturday.deps)).toEqual([]);
    saturday.clock.set("2026-11-28T10:30:00Z"); // Saturday 18:30
    expect(await shiftHandover(saturday.deps)).toEqual([]);
    const closedDate = world(store, { at: "2026-11-30T00:00:00Z", policy });
    expect(await morningList(closedDate.deps)).toEqual([]);
    // The next desk day has them again.
    const sunday = world(store, { at: "2026-11-29T00:00:00Z", policy });
    expect((await morningList(sunday.deps)).length).toBeGreaterThan(0);
  });
});

describe("long digests", () => {
  it("SOP-14: shows at most 20 items a section, then how many more, so a digest stays one message", async () => {
    const many: SelfPickupHold[] = Array.from({ length: 27 }, (_, i) => ({
      ...(holds.fresh as SelfPickupHold),
      id: `many-${i}`,
      trackingNo: `YT9${String(i).padStart(11, "0")}`,
    }));
    const crowded: Store = {
      ...store,
      queries: { ...store.queries, listOpen: async () => [] },
      holds: { ...store.holds, listOpen: async () => many },
      pickups: { ...store.pickups, listByStatus: async () => [] },
    };
    const notices = await shiftHandover(world(crowded, { at: "2026-11-27T10:30:00Z" }).deps);
    const zh = forPerson(notices, "wang")?.params ?? {};
    expect(zh.holdCount).toBe(27);
    const holdLines = String(zh.holds).split("\n");
    expect(holdLines).toHaveLength(21);
    expect(holdLines[19]).toContain("YT900000000019");
    expect(holdLines[20]).toBe(t("zh", "notice.digest.more", { n: 7 }));
    expect(String(forPerson(notices, "chen")?.params.holds).split("\n").at(-1)).toBe("…and 7 more");
    expect(zh.queries).toBe("无");
  });
});

describe("a pickup's time and transport in the digests, in the words of the ping (SOP-23, SOP-26)", () => {
  /** Its own store: the counts above stay as they are. */
  let own: Store;
  let v: World;
  const made: Record<string, PickupRequest> = {};
  const pings: Record<string, Notice> = {};

  async function request(name: string, more: { morning?: boolean; byAir?: boolean; goods?: string }) {
    const r = await v.desk.requestPickup({
      customer: customerChat(testId()),
      language: "zh",
      draft: { address: EAST_ADDRESS, phone: "13912345678", goods: "书", payment: "cod", ...more },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    made[name] = r.pickup;
  }

  beforeAll(async () => {
    own = openMemoryStore();
    v = world(own, { at: "2026-11-27T02:00:00Z" }); // Friday 10:00
    await request("air", { byAir: true, goods: "文件" }); // this afternoon, by air
    const ping = v.notifier.withKey("notice.pickup.new").find((n) => n.to.kind === "dispatch");
    if (ping) pings.air = ping;
    v.clock.set("2026-11-27T11:30:00Z"); // Friday 19:30: after the cut-off, a morning pickup for Saturday
    await request("morning", { morning: true });
  });

  afterAll(async () => {
    await own.close();
  });

  const line = (notices: Notice[], personId: string, name: string) =>
    String(forPerson(notices, personId)?.params.pickups)
      .split("\n")
      .find((l) => l.includes(`#${made[name]?.id.slice(0, 8)}`));

  it("the handover shows an air pickup's transport and the ping's time, zh and en", async () => {
    v.clock.set("2026-11-27T10:30:00Z"); // Friday 18:30
    const notices = await shiftHandover(v.deps);
    const ref = `#${made.air?.id.slice(0, 8)}`;
    expect(line(notices, "wang", "air")).toBe(
      `• ${ref} ${EAST_ADDRESS}(今天(11月27日) 15:00 以后,航空):待派单`,
    );
    // The very words of the ping dispatch was sent.
    expect(line(notices, "wang", "air")).toContain(
      `(${pings.air?.params.when},${pings.air?.params.transport})`,
    );
    expect(line(notices, "chen", "air")).toBe(
      `• ${ref} ${EAST_ADDRESS} (today (Nov 27), after 15:00, by air): not yet assigned`,
    );
  });

  it("the handover shows a morning pickup with the morning's hours, not an afternoon time", async () => {
    expect(made.morning).toMatchObject({ pickupDay: "2026-11-28", morning: true });
    v.clock.set("2026-11-28T10:30:00Z"); // Saturday 18:30: the morning's pickup still not accepted
    const late = line(await shiftHandover(v.deps), "wang", "morning");
    expect(late).toContain("(今天(11月28日)上午 08:00–12:00,业务员与客户电话约定,陆运)");
  });

  it("SOP-23: the morning list shows a morning pickup as the morning, never '08:00 以后', zh and en", async () => {
    v.clock.set("2026-11-28T00:00:00Z"); // Saturday 08:00
    const notices = await morningList(v.deps);
    const ref = `#${made.morning?.id.slice(0, 8)}`;
    expect(line(notices, "wang", "morning")).toBe(
      `• ${ref} ${EAST_ADDRESS}(今天(11月28日)上午 08:00–12:00,业务员与客户电话约定,陆运):待派单`,
    );
    expect(String(forPerson(notices, "wang")?.params.pickups)).not.toContain("08:00 以后");
    expect(line(notices, "chen", "morning")).toBe(
      `• ${ref} ${EAST_ADDRESS} (today (Nov 28), morning 08:00–12:00, time agreed by phone between courier and customer, by road): not yet assigned`,
    );
    // Friday's air pickup, still open, is listed with its date and transport.
    expect(line(notices, "wang", "air")).toContain("(11月27日 15:00 以后,航空)");
    expect(line(notices, "chen", "air")).toContain("(Nov 27, after 15:00, by air)");
  });
});
