import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatRef } from "../../src/domain/kernel/chat";
import type {
  Claim,
  PickupEvent,
  PickupRequest,
  ProblemNote,
  Query,
  SelfPickupHold,
} from "../../src/domain/ports/records";
import { StoreConflictError, StoreRowError } from "../../src/store";
import { claimFixture } from "../support/claims";
import { freshTrackingNo, scan } from "../support/parcels";
import { BACKENDS, isSqlBackend, openTestStore, type TestStore } from "../support/store-backends";

/**
 * One contract for every repository of src/domain/ports.ts, run on each backend: the memory
 * store (the fake of domain and flow tests) and PGlite always, the real Postgres when
 * TEST_DATABASE_URL is set. One store per backend; every test uses ids and tracking numbers of
 * its own, so the tests do not depend on each other. What only a database has (raw SQL,
 * triggers) is checked on the SQL backends alone (`sqlOnly`).
 */

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;
const t = (iso: string) => new Date(iso);
const customerChat = (): ChatRef => ({ channel: "telegram", chatId: nextId("chat") });

function makeQuery(overrides: Partial<Query> = {}): Query {
  return {
    id: nextId("q"),
    kind: "customer",
    trackingNo: null,
    askedBy: customerChat(),
    fromBranch: null,
    language: "zh",
    text: "我的快递到哪了?",
    createdAt: t("2024-05-01T02:00:00Z"),
    warnAt: t("2024-05-01T02:20:00Z"),
    dueAt: t("2024-05-01T02:30:00Z"),
    status: "open",
    assignee: null,
    answeredAt: null,
    answeredBy: null,
    ...overrides,
  };
}

function makePickup(overrides: Partial<PickupRequest> = {}): PickupRequest {
  return {
    id: nextId("p"),
    customer: customerChat(),
    language: "zh",
    contactName: "王女士",
    phone: "13800000000",
    address: "扬州市文昌路 100 号 3 楼",
    zoneId: "east",
    goods: "文件",
    payment: "sender_pays",
    pickupDay: "2024-05-01",
    earliestAt: t("2024-05-01T07:00:00Z"),
    morning: false,
    byAir: false,
    status: "requested",
    courierId: null,
    createdAt: t("2024-05-01T03:00:00Z"),
    updatedAt: t("2024-05-01T03:00:00Z"),
    ...overrides,
  };
}

const requested = (pickupId: string, at = t("2024-05-01T03:00:00Z")): PickupEvent => ({
  pickupId,
  at,
  event: "requested",
  actor: { kind: "customer", chat: { channel: "telegram", chatId: "42" } },
  note: null,
});

function makeHold(trackingNo: string, overrides: Partial<SelfPickupHold> = {}): SelfPickupHold {
  return {
    id: nextId("h"),
    trackingNo,
    place: "东关分点",
    originBranch: "苏州分公司",
    heldAt: t("2024-05-01T01:00:00Z"),
    originMessagedAt: null,
    originRepliedAt: null,
    markedForReturnAt: null,
    closedAt: null,
    closeReason: null,
    ...overrides,
  };
}

function makeClaim(overrides: Partial<Claim> = {}): Claim {
  return claimFixture({
    trackingNo: freshTrackingNo(),
    kind: "loss",
    customer: customerChat(),
    openedAt: t("2024-05-01T00:00:00Z"),
    dueAt: t("2024-05-31T00:00:00Z"),
    openedBy: "wang",
    description: "外包装破损",
    photos: [],
    ...overrides,
  });
}

function makeNote(trackingNo: string, overrides: Partial<ProblemNote> = {}): ProblemNote {
  return {
    id: nextId("n"),
    trackingNo,
    category: "nobody_home",
    details: { attemptAt: "2024-05-01T09:00:00+08:00", reason: "电话不通" },
    countsAsDelayed: false,
    followUps: ["deliver_tomorrow"],
    recordedBy: "zhang",
    recordedAt: t("2024-05-01T02:00:00Z"),
    ...overrides,
  };
}

describe.each(BACKENDS)("store contract on %s", (backend) => {
  /** Raw SQL and database triggers: the memory store has neither. */
  const sqlOnly = isSqlBackend(backend);
  let ts: TestStore;
  beforeAll(async () => {
    ts = await openTestStore(backend, "contract");
  });
  afterAll(async () => {
    await ts?.dispose();
  });

  describe("parcels and scans", () => {
    it("stores a scan once however often it is sent (idempotent ingest)", async () => {
      const no = freshTrackingNo();
      const batch = [
        scan(no, "collected", "2024-05-01T01:00:00Z"),
        scan(no, "departed", "2024-05-01T03:00:00Z", "扬州转运中心", { note: "车次 12" }),
        scan(no, "collected", "2024-05-01T01:00:00Z"), // repeated inside the batch
      ];
      const first = await ts.store.parcels.addScans(batch, t("2024-05-01T04:00:00Z"));
      expect(first.map((s) => s.kind)).toEqual(["collected", "departed"]);
      expect(first[1]).toMatchObject({
        trackingNo: no,
        note: "车次 12",
        receivedAt: t("2024-05-01T04:00:00Z"),
      });
      expect(typeof first[0]?.id).toBe("string");

      const again = await ts.store.parcels.addScans(batch, t("2024-05-01T05:00:00Z"));
      expect(again).toEqual([]);
      const parcel = await ts.store.parcels.get(no);
      expect(parcel?.scans).toHaveLength(2);
    });

    it("treats a scan at another place or time as a different scan", async () => {
      const no = freshTrackingNo();
      await ts.store.parcels.addScans([scan(no, "arrived", "2024-05-01T01:00:00Z", "A")], new Date());
      const more = await ts.store.parcels.addScans(
        [scan(no, "arrived", "2024-05-01T01:00:00Z", "B"), scan(no, "arrived", "2024-05-01T01:00:01Z", "A")],
        new Date(),
      );
      expect(more).toHaveLength(2);
    });

    it("returns newly stored scans in the order given, not sorted", async () => {
      const a = freshTrackingNo();
      const b = freshTrackingNo();
      const batch = [
        scan(b, "arrived", "2024-05-01T05:00:00Z"),
        scan(a, "collected", "2024-05-01T01:00:00Z"),
      ];
      const stored = await ts.store.parcels.addScans(batch, new Date());
      expect(stored.map((s) => s.trackingNo)).toEqual([b, a]);
    });

    it("creates the parcel on its first scan and reads it with its newest scans first", async () => {
      const no = freshTrackingNo();
      expect(await ts.store.parcels.get(no)).toBeUndefined();
      const received = t("2024-05-02T00:00:00Z");
      await ts.store.parcels.addScans(
        [
          scan(no, "departed", "2024-05-01T03:00:00Z"),
          scan(no, "collected", "2024-05-01T01:00:00Z"),
          scan(no, "out_for_delivery", "2024-05-01T09:00:00Z", "文昌路", { originBranch: "苏州分公司" }),
          scan(no, "arrived", "2024-05-01T06:00:00Z"),
        ],
        received,
      );
      const parcel = await ts.store.parcels.get(no);
      expect(parcel?.trackingNo).toBe(no);
      expect(parcel?.firstSeenAt).toEqual(received);
      expect(parcel?.scans.map((s) => s.kind)).toEqual([
        "out_for_delivery",
        "arrived",
        "departed",
        "collected",
      ]);
      expect(parcel?.scans[0]).toMatchObject({
        location: "文昌路",
        originBranch: "苏州分公司",
        at: t("2024-05-01T09:00:00Z"),
      });
      expect(parcel?.scans[0]?.at).toBeInstanceOf(Date);
      expect(parcel?.openHold).toBeUndefined();
      expect(parcel?.problems).toEqual([]);

      const latestTwo = await ts.store.parcels.get(no, 2);
      expect(latestTwo?.scans.map((s) => s.kind)).toEqual(["out_for_delivery", "arrived"]);
    });

    it("reads the parcel with its open hold and problem notes in the same read", async () => {
      const no = freshTrackingNo();
      await ts.store.parcels.addScans(
        [scan(no, "held_for_pickup", "2024-05-01T01:00:00Z", "东关分点")],
        new Date(),
      );
      const hold = makeHold(no);
      await ts.store.holds.insert(hold);
      const older = makeNote(no, { recordedAt: t("2024-05-01T01:00:00Z") });
      const newer = makeNote(no, {
        recordedAt: t("2024-05-01T05:00:00Z"),
        details: { nested: { a: [1, 2] } },
      });
      await ts.store.problems.insert(older);
      await ts.store.problems.insert(newer);
      const parcel = await ts.store.parcels.get(no);
      expect(parcel?.openHold).toEqual(hold);
      expect(parcel?.problems).toEqual([newer, older]);
    });

    it("SOP-43: knows whether the parcel has had a delivery scan", async () => {
      const no = freshTrackingNo();
      await ts.store.parcels.addScans([scan(no, "arrived", "2024-05-01T01:00:00Z")], new Date());
      expect(await ts.store.parcels.hasDeliveryScan(no)).toBe(false);
      await ts.store.parcels.addScans([scan(no, "out_for_delivery", "2024-05-01T02:00:00Z")], new Date());
      expect(await ts.store.parcels.hasDeliveryScan(no)).toBe(true);
      expect(await ts.store.parcels.hasDeliveryScan(freshTrackingNo())).toBe(false);
    });

    it("stores an empty batch as nothing", async () => {
      expect(await ts.store.parcels.addScans([], new Date())).toEqual([]);
    });
  });

  describe("problem notes", () => {
    it("keeps the details as given and lists a parcel's notes newest first", async () => {
      const no = freshTrackingNo();
      const a = makeNote(no, { recordedAt: t("2024-05-01T01:00:00Z"), countsAsDelayed: true, followUps: [] });
      const b = makeNote(no, { recordedAt: t("2024-05-02T01:00:00Z"), category: "cod_refused" });
      await ts.store.problems.insert(a);
      await ts.store.problems.insert(b);
      expect(await ts.store.problems.listByParcel(no)).toEqual([b, a]);
      // A note is something the desk knows of the parcel, even before any scan.
      expect((await ts.store.parcels.get(no))?.problems).toHaveLength(2);
    });
  });

  describe("self-pickup holds", () => {
    it("keeps at most one open hold per parcel (SOP-50)", async () => {
      const no = freshTrackingNo();
      const first = makeHold(no);
      await ts.store.holds.insert(first);
      await expect(ts.store.holds.insert(makeHold(no))).rejects.toBeInstanceOf(StoreConflictError);
      expect(await ts.store.holds.openForParcel(no)).toEqual(first);

      const closed = await ts.store.holds.updateOpen(first.id, {
        closedAt: t("2024-05-02T00:00:00Z"),
        closeReason: "collected",
      });
      expect(closed).toMatchObject({ closedAt: t("2024-05-02T00:00:00Z"), closeReason: "collected" });
      expect(await ts.store.holds.openForParcel(no)).toBeUndefined();
      // Once closed, a new hold may open.
      const second = makeHold(no, { heldAt: t("2024-05-03T00:00:00Z") });
      await ts.store.holds.insert(second);
      expect(await ts.store.holds.openForParcel(no)).toEqual(second);
    });

    it("changes a hold only while it is open (compare and set)", async () => {
      const hold = makeHold(freshTrackingNo());
      await ts.store.holds.insert(hold);
      const messaged = await ts.store.holds.updateOpen(hold.id, {
        originMessagedAt: t("2024-05-04T01:00:00Z"),
      });
      expect(messaged?.originMessagedAt).toEqual(t("2024-05-04T01:00:00Z"));
      await ts.store.holds.updateOpen(hold.id, {
        closedAt: t("2024-05-05T00:00:00Z"),
        closeReason: "delivered",
      });
      expect(
        await ts.store.holds.updateOpen(hold.id, { originRepliedAt: t("2024-05-06T00:00:00Z") }),
      ).toBeUndefined();
      expect(await ts.store.holds.updateOpen(hold.id, {})).toBeUndefined();
      expect((await ts.store.holds.get(hold.id))?.originRepliedAt).toBeNull();
      expect(
        await ts.store.holds.updateOpen("no-such-hold", { originMessagedAt: new Date() }),
      ).toBeUndefined();
    });

    it("SOP-50/SOP-51: changes a hold only while the expected steps are still unrecorded (compare and set)", async () => {
      const hold = makeHold(freshTrackingNo());
      await ts.store.holds.insert(hold);
      // A double tap on "origin messaged": the second finds it recorded and changes nothing.
      const taps = await Promise.all(
        ["2024-05-04T01:00:00Z", "2024-05-04T01:00:01Z"].map((at) =>
          ts.store.holds.updateOpen(hold.id, { originMessagedAt: t(at) }, { originMessagedAt: null }),
        ),
      );
      expect(taps.filter((h) => h !== undefined)).toHaveLength(1);
      const messagedAt = (await ts.store.holds.get(hold.id))?.originMessagedAt;
      expect(taps.find((h) => h !== undefined)?.originMessagedAt).toEqual(messagedAt);
      // The origin replied: SOP-51's return, expecting no reply, changes nothing.
      await ts.store.holds.updateOpen(hold.id, { originRepliedAt: t("2024-05-05T00:00:00Z") });
      expect(
        await ts.store.holds.updateOpen(
          hold.id,
          { markedForReturnAt: t("2024-05-09T01:00:00Z") },
          { originRepliedAt: null, markedForReturnAt: null },
        ),
      ).toBeUndefined();
      expect((await ts.store.holds.get(hold.id))?.markedForReturnAt).toBeNull();
      // What is not expected is not checked.
      expect(
        await ts.store.holds.updateOpen(
          hold.id,
          { markedForReturnAt: t("2024-05-09T01:00:00Z") },
          {
            markedForReturnAt: null,
          },
        ),
      ).toMatchObject({ markedForReturnAt: t("2024-05-09T01:00:00Z") });
    });

    it("lists open holds, longest held first", async () => {
      const a = makeHold(freshTrackingNo(), { heldAt: t("2020-01-02T00:00:00Z") });
      const b = makeHold(freshTrackingNo(), { heldAt: t("2020-01-01T00:00:00Z") });
      await ts.store.holds.insert(a);
      await ts.store.holds.insert(b);
      const open = await ts.store.holds.listOpen(2);
      expect(open.map((h) => h.id)).toEqual([b.id, a.id]);
    });
  });

  describe("queries and their messages", () => {
    it("reads back what was inserted", async () => {
      const q = makeQuery({
        kind: "branch",
        fromBranch: "苏州分公司",
        trackingNo: freshTrackingNo(),
        askedBy: { channel: "slack", chatId: "C1", userId: "U1" },
      });
      await ts.store.queries.insert(q);
      expect(await ts.store.queries.get(q.id)).toEqual(q);
      expect(await ts.store.queries.get("missing")).toBeUndefined();
    });

    it("updates only an open query; the second answer is refused (compare and set)", async () => {
      const q = makeQuery();
      await ts.store.queries.insert(q);
      const taken = await ts.store.queries.updateOpen(q.id, { assignee: "wang" });
      expect(taken).toMatchObject({ assignee: "wang", status: "open" });
      const answered = await ts.store.queries.updateOpen(q.id, {
        status: "answered",
        answeredAt: t("2024-05-01T02:10:00Z"),
        answeredBy: "wang",
      });
      expect(answered).toMatchObject({
        status: "answered",
        answeredBy: "wang",
        answeredAt: t("2024-05-01T02:10:00Z"),
      });
      expect(
        await ts.store.queries.updateOpen(q.id, { status: "answered", answeredBy: "li" }),
      ).toBeUndefined();
      expect((await ts.store.queries.get(q.id))?.answeredBy).toBe("wang");
    });

    it("lets one of two concurrent takers win", async () => {
      const q = makeQuery();
      await ts.store.queries.insert(q);
      const results = await Promise.all([
        ts.store.queries.updateOpen(q.id, { status: "answered", answeredBy: "wang", answeredAt: new Date() }),
        ts.store.queries.updateOpen(q.id, { status: "answered", answeredBy: "li", answeredAt: new Date() }),
      ]);
      expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    });

    it("takes a query only from the expected holder: of two agents taking it at once, one wins", async () => {
      const q = makeQuery();
      await ts.store.queries.insert(q);
      const results = await Promise.all(
        ["wang", "li"].map((agent) =>
          ts.store.queries.updateOpen(q.id, { assignee: agent }, { assignee: null }),
        ),
      );
      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      expect((await ts.store.queries.get(q.id))?.assignee).toBe(winners[0]?.assignee);
      // Passing it on names the current holder; a stale holder changes nothing.
      const holder = winners[0]?.assignee ?? null;
      const other = holder === "wang" ? "li" : "wang";
      expect(
        await ts.store.queries.updateOpen(q.id, { assignee: null }, { assignee: other }),
      ).toBeUndefined();
      expect(await ts.store.queries.updateOpen(q.id, { assignee: null }, { assignee: holder })).toMatchObject(
        {
          assignee: null,
        },
      );
    });

    it("lists open queries by due time, and an asker's open queries newest first", async () => {
      const chat = customerChat();
      const later = makeQuery({
        askedBy: chat,
        dueAt: t("2001-01-01T03:00:00Z"),
        createdAt: t("2001-01-01T02:30:00Z"),
      });
      const sooner = makeQuery({
        askedBy: chat,
        dueAt: t("2001-01-01T01:00:00Z"),
        createdAt: t("2001-01-01T00:30:00Z"),
      });
      const done = makeQuery({ askedBy: chat, dueAt: t("2000-12-31T00:00:00Z"), status: "answered" });
      for (const q of [later, sooner, done]) await ts.store.queries.insert(q);
      const open = await ts.store.queries.listOpen(2);
      expect(open.map((q) => q.id)).toEqual([sooner.id, later.id]);
      const mine = await ts.store.queries.listOpenByAsker(chat);
      expect(mine.map((q) => q.id)).toEqual([later.id, sooner.id]);
      expect(await ts.store.queries.listOpenByAsker(customerChat())).toEqual([]);
    });

    it("counts the open queries", async () => {
      const before = await ts.store.queries.countOpen();
      const a = makeQuery();
      const b = makeQuery();
      await ts.store.queries.insert(a);
      await ts.store.queries.insert(b);
      expect(await ts.store.queries.countOpen()).toBe(before + 2);
      await ts.store.queries.updateOpen(a.id, {
        status: "answered",
        answeredAt: new Date(),
        answeredBy: "wang",
      });
      expect(await ts.store.queries.countOpen()).toBe(before + 1);
    });

    it("keeps a query's messages in order", async () => {
      const q = makeQuery();
      await ts.store.queries.insert(q);
      const at = t("2024-05-01T02:05:00Z");
      const m1 = {
        id: nextId("m"),
        queryId: q.id,
        at,
        author: "customer" as const,
        personId: null,
        text: "在吗",
      };
      const m2 = {
        id: nextId("m"),
        queryId: q.id,
        at,
        author: "agent" as const,
        personId: "wang",
        text: "您好",
      };
      const m0 = {
        ...m1,
        id: nextId("m"),
        at: t("2024-05-01T02:00:00Z"),
        author: "system" as const,
        text: "已受理",
      };
      for (const m of [m1, m2, m0]) await ts.store.queries.addMessage(m);
      expect(await ts.store.queries.messages(q.id)).toEqual([m0, m1, m2]);
    });

    it("keeps a photo in the thread as the channel's file reference, and text messages without one", async () => {
      const q = makeQuery();
      await ts.store.queries.insert(q);
      const photo = {
        id: nextId("m"),
        queryId: q.id,
        at: t("2024-05-01T02:06:00Z"),
        author: "customer" as const,
        personId: null,
        text: "",
        photo: "AgACAgUAAxkBAAIBQ2ZfileRef",
      };
      const words = { ...photo, id: nextId("m"), at: t("2024-05-01T02:07:00Z"), text: "箱子摔坏了" };
      delete (words as { photo?: string }).photo;
      await ts.store.queries.addMessage(photo);
      await ts.store.queries.addMessage(words);
      const read = await ts.store.queries.messages(q.id);
      expect(read).toEqual([photo, words]);
      expect(read[1]).not.toHaveProperty("photo");
    });

    it("lists an asker's open and lately answered queries (their threads), newest first", async () => {
      const chat = customerChat();
      const open = makeQuery({ askedBy: chat, createdAt: t("2024-05-01T01:00:00Z") });
      const lately = makeQuery({
        askedBy: chat,
        createdAt: t("2024-05-01T02:00:00Z"),
        status: "answered",
        answeredAt: t("2024-05-01T02:20:00Z"),
        answeredBy: "wang",
      });
      const long = makeQuery({
        askedBy: chat,
        createdAt: t("2024-04-01T02:00:00Z"),
        status: "answered",
        answeredAt: t("2024-04-01T02:20:00Z"),
        answeredBy: "wang",
      });
      const someoneElse = makeQuery({ createdAt: t("2024-05-01T03:00:00Z") });
      for (const q of [open, lately, long, someoneElse]) await ts.store.queries.insert(q);
      const threads = await ts.store.queries.listThreadsByAsker(chat, t("2024-04-30T02:20:00Z"));
      expect(threads.map((q) => q.id)).toEqual([lately.id, open.id]);
      // The window's edge counts: answered exactly at answeredSince is still a thread.
      const edge = await ts.store.queries.listThreadsByAsker(chat, t("2024-05-01T02:20:00Z"));
      expect(edge.map((q) => q.id)).toEqual([lately.id, open.id]);
      expect(await ts.store.queries.listThreadsByAsker(customerChat(), t("2000-01-01T00:00:00Z"))).toEqual(
        [],
      );
    });

    it("reopens only an answered query, keeping its holder and clearing the answer (compare and set)", async () => {
      const q = makeQuery({ assignee: "wang" });
      await ts.store.queries.insert(q);
      const deadline = { warnAt: t("2024-05-02T02:20:00Z"), dueAt: t("2024-05-02T02:30:00Z") };
      expect(await ts.store.queries.reopen(q.id, deadline)).toBeUndefined();
      await ts.store.queries.updateOpen(q.id, {
        status: "answered",
        answeredAt: t("2024-05-01T02:10:00Z"),
        answeredBy: "wang",
      });
      const both = await Promise.all([
        ts.store.queries.reopen(q.id, deadline),
        ts.store.queries.reopen(q.id, deadline),
      ]);
      expect(both.filter((r) => r !== undefined)).toHaveLength(1);
      expect(await ts.store.queries.get(q.id)).toEqual({
        ...q,
        ...deadline,
        status: "open",
        assignee: "wang",
        answeredAt: null,
        answeredBy: null,
      });
      expect(await ts.store.queries.reopen("missing", deadline)).toBeUndefined();
    });
  });

  describe("pickups and their status history", () => {
    it("stores the request with its first event, and reads both back", async () => {
      const p = makePickup({
        morning: true,
        byAir: true, // SOP-26: the transport mode is kept (migration 0004)
        customer: { channel: "web", chatId: "w1", userId: "u1" },
      });
      await ts.store.pickups.insert(p, requested(p.id));
      expect(await ts.store.pickups.get(p.id)).toEqual(p);
      expect(await ts.store.pickups.events(p.id)).toEqual([requested(p.id)]);
    });

    it("moves the status only from an expected one (compare and set) and records the event", async () => {
      const p = makePickup();
      await ts.store.pickups.insert(p, requested(p.id));
      const accept: PickupEvent = {
        pickupId: p.id,
        at: t("2024-05-01T03:05:00Z"),
        event: "accepted",
        actor: { kind: "person", personId: "zhang" },
        note: null,
      };
      const accepted = await ts.store.pickups.transition(
        p.id,
        ["requested", "assigned"],
        { status: "accepted", courierId: "zhang" },
        accept,
      );
      expect(accepted).toMatchObject({ status: "accepted", courierId: "zhang", updatedAt: accept.at });
      // A second courier accepting the same pickup is refused, and nothing is recorded for it.
      const late = { ...accept, actor: { kind: "person" as const, personId: "zhao" } };
      expect(
        await ts.store.pickups.transition(
          p.id,
          ["requested", "assigned"],
          { status: "accepted", courierId: "zhao" },
          late,
        ),
      ).toBeUndefined();
      expect(await ts.store.pickups.transition(p.id, [], { status: "cancelled" }, late)).toBeUndefined();
      expect((await ts.store.pickups.get(p.id))?.courierId).toBe("zhang");
      expect((await ts.store.pickups.events(p.id)).map((e) => e.event)).toEqual(["requested", "accepted"]);
    });

    it("moves the status only while the pickup is with the expected courier (compare and set)", async () => {
      const p = makePickup({ status: "assigned", courierId: "zhang" });
      await ts.store.pickups.insert(p, requested(p.id));
      const event = (personId: string, e: PickupEvent["event"]): PickupEvent => ({
        pickupId: p.id,
        at: t("2024-05-01T03:05:00Z"),
        event: e,
        actor: { kind: "person", personId },
        note: null,
      });
      // Dispatch reassigns zhang's pickup to liu, expecting zhang.
      expect(
        await ts.store.pickups.transition(
          p.id,
          ["assigned"],
          { courierId: "liu" },
          event("sun", "assigned"),
          {
            courierId: "zhang",
          },
        ),
      ).toMatchObject({ status: "assigned", courierId: "liu" });
      // zhang's accept, expecting the pickup still to be zhang's, changes nothing and records nothing.
      expect(
        await ts.store.pickups.transition(
          p.id,
          ["assigned"],
          { status: "accepted", courierId: "zhang" },
          event("zhang", "accepted"),
          { courierId: "zhang" },
        ),
      ).toBeUndefined();
      // Expecting nobody's: refused too, since liu has it.
      expect(
        await ts.store.pickups.transition(p.id, ["assigned"], {}, event("zhang", "declined"), {
          courierId: null,
        }),
      ).toBeUndefined();
      // liu's own change goes through; an empty change records the event as checked.
      expect(
        await ts.store.pickups.transition(p.id, ["assigned"], {}, event("liu", "goods_ready"), {
          courierId: "liu",
        }),
      ).toMatchObject({ status: "assigned", courierId: "liu" });
      expect(await ts.store.pickups.get(p.id)).toMatchObject({ status: "assigned", courierId: "liu" });
      expect((await ts.store.pickups.events(p.id)).map((e) => e.event)).toEqual([
        "requested",
        "assigned",
        "goods_ready",
      ]);

      const free = makePickup();
      await ts.store.pickups.insert(free, requested(free.id));
      expect(
        await ts.store.pickups.transition(free.id, ["requested"], {}, event("zhang", "declined"), {
          courierId: null,
        }),
      ).toMatchObject({ status: "requested", courierId: null });
    });

    it("lists one courier's pickups in the given statuses, filtered in the database", async () => {
      const courier = nextId("courier");
      const mine = [
        makePickup({ status: "assigned", courierId: courier, createdAt: t("2024-05-01T01:00:00Z") }),
        makePickup({ status: "accepted", courierId: courier, createdAt: t("2024-05-01T02:00:00Z") }),
      ];
      const others = [
        makePickup({ status: "collected", courierId: courier }),
        makePickup({ status: "assigned", courierId: nextId("courier") }),
        makePickup({ status: "requested" }),
      ];
      for (const p of [...mine, ...others]) await ts.store.pickups.insert(p, requested(p.id));
      const listed = await ts.store.pickups.listByCourier(courier, ["assigned", "accepted"]);
      expect(listed.map((p) => p.id)).toEqual(mine.map((p) => p.id));
      expect(
        (await ts.store.pickups.listByCourier(courier, ["assigned", "accepted"], 1)).map((p) => p.id),
      ).toEqual([mine[0]?.id]);
      expect(await ts.store.pickups.listByCourier(courier, [])).toEqual([]);
    });

    it("records events that change no status", async () => {
      const p = makePickup();
      await ts.store.pickups.insert(p, requested(p.id));
      await ts.store.pickups.addEvent({
        pickupId: p.id,
        at: t("2024-05-01T03:10:00Z"),
        event: "declined",
        actor: { kind: "person", personId: "zhang" },
        note: "车坏了",
      });
      const events = await ts.store.pickups.events(p.id);
      expect(events.at(-1)).toMatchObject({ event: "declined", note: "车坏了" });
      expect((await ts.store.pickups.get(p.id))?.status).toBe("requested");
    });

    it("lists a customer's pickups and pickups by status", async () => {
      const chat = customerChat();
      const a = makePickup({ customer: chat, createdAt: t("2024-05-01T01:00:00Z") });
      const b = makePickup({ customer: chat, createdAt: t("2024-05-01T02:00:00Z"), status: "accepted" });
      const c = makePickup({ customer: chat, status: "cancelled" });
      for (const p of [a, b, c]) await ts.store.pickups.insert(p, requested(p.id));
      const mine = await ts.store.pickups.listByCustomer(chat, ["requested", "accepted"]);
      expect(mine.map((p) => p.id)).toEqual([b.id, a.id]);
      expect(await ts.store.pickups.listByCustomer(chat, [])).toEqual([]);
      const cancelled = await ts.store.pickups.listByStatus(["cancelled"], 1000);
      expect(cancelled.map((p) => p.id)).toContain(c.id);
      expect(cancelled.every((p) => p.status === "cancelled")).toBe(true);
    });
  });

  describe("claims", () => {
    it("settles a claim once (SOP-70, SOP-71)", async () => {
      const claim = makeClaim();
      await ts.store.claims.insert(claim);
      expect(await ts.store.claims.get(claim.id)).toEqual(claim);
      // Issue 12: the settle is an updateOpen that closes it (test/store/claims-contract.test.ts has the rest).
      const at = t("2024-05-10T00:00:00Z");
      const close = {
        outcome: "settled",
        closedAt: at,
        closedBy: "wang",
        settledAt: at,
        amountFen: 20_000,
        paidBy: "cash",
      } as const;
      const settled = await ts.store.claims.updateOpen(claim.id, { ...close, note: "赔付 200 元" });
      expect(settled).toMatchObject({ settledAt: at, note: "赔付 200 元" });
      expect(await ts.store.claims.updateOpen(claim.id, { ...close, note: "again" })).toBeUndefined();
      expect((await ts.store.claims.get(claim.id))?.note).toBe("赔付 200 元");
    });

    it("lists open claims by due date; a claim may have no customer chat", async () => {
      const a = makeClaim({ dueAt: t("2001-02-01T00:00:00Z"), customer: null });
      const b = makeClaim({ dueAt: t("2001-01-15T00:00:00Z"), kind: "damage" });
      await ts.store.claims.insert(a);
      await ts.store.claims.insert(b);
      const open = await ts.store.claims.listOpen(2);
      expect(open).toEqual([b, a]);
    });
  });

  describe("subscriptions", () => {
    it("keeps one subscription per parcel and chat; the newer language wins", async () => {
      const no = freshTrackingNo();
      const chat = customerChat();
      const created = t("2024-05-01T00:00:00Z");
      await ts.store.subscriptions.subscribe({ trackingNo: no, chat, language: "zh", createdAt: created });
      await ts.store.subscriptions.subscribe({
        trackingNo: no,
        chat,
        language: "en",
        createdAt: t("2024-05-02T00:00:00Z"),
      });
      const other = { channel: "slack" as const, chatId: "D1", userId: "U9" };
      await ts.store.subscriptions.subscribe({
        trackingNo: no,
        chat: other,
        language: "zh",
        createdAt: t("2024-05-03T00:00:00Z"),
      });
      const subs = await ts.store.subscriptions.subscribers(no);
      expect(subs).toEqual([
        { trackingNo: no, chat, language: "en", createdAt: created },
        { trackingNo: no, chat: other, language: "zh", createdAt: t("2024-05-03T00:00:00Z") },
      ]);
      await ts.store.subscriptions.unsubscribe(no, chat);
      await ts.store.subscriptions.unsubscribe(no, chat); // twice is fine
      expect((await ts.store.subscriptions.subscribers(no)).map((s) => s.chat)).toEqual([other]);
    });
  });

  describe("audit log", () => {
    it("appends entries and lists them newest first, by subject", async () => {
      const subject = `query/${nextId("q")}`;
      await ts.store.audit.append({
        at: t("2024-05-01T00:00:00Z"),
        actor: { kind: "customer", chat: { channel: "telegram", chatId: "7" } },
        action: "query.opened",
        subject,
        data: { text: "在吗", n: 1 },
      });
      await ts.store.audit.append({
        at: t("2024-05-01T00:05:00Z"),
        actor: { kind: "person", personId: "wang" },
        action: "query.answered",
        subject,
        data: {},
      });
      await ts.store.audit.append({
        at: new Date(),
        actor: { kind: "system", name: "x" },
        action: "other",
        subject: "x/1",
        data: {},
      });
      const entries = await ts.store.audit.list({ subject });
      expect(entries.map((e) => e.action)).toEqual(["query.answered", "query.opened"]);
      expect(entries[1]).toMatchObject({ data: { text: "在吗", n: 1 }, at: t("2024-05-01T00:00:00Z") });
      expect(typeof entries[0]?.id).toBe("string");
      expect(await ts.store.audit.list({ limit: 1 })).toHaveLength(1);
    });

    it.runIf(sqlOnly)(
      "refuses to rewrite or delete what was logged (append-only, a database trigger)",
      async () => {
        await ts.store.audit.append({
          at: new Date(),
          actor: { kind: "system", name: "t" },
          action: "a",
          subject: "s/1",
          data: {},
        });
        await expect(ts.exec("update audit_log set action = 'forged'")).rejects.toThrow(/append-only/);
        await expect(ts.exec("delete from audit_log")).rejects.toThrow(/append-only/);
        expect((await ts.store.audit.list({ subject: "s/1" }))[0]?.action).toBe("a");
      },
    );
  });

  describe("transactions", () => {
    it("commits everything written in the transaction together", async () => {
      const no = freshTrackingNo();
      const q = makeQuery({ trackingNo: no });
      const result = await ts.store.transaction(async (tx) => {
        await tx.parcels.addScans([scan(no, "collected", "2024-05-01T00:00:00Z")], new Date());
        await tx.queries.insert(q);
        await tx.audit.append({
          at: new Date(),
          actor: { kind: "system", name: "t" },
          action: "query.opened",
          subject: `query/${q.id}`,
          data: {},
        });
        return "done";
      });
      expect(result).toBe("done");
      expect(await ts.store.parcels.get(no)).toBeDefined();
      expect(await ts.store.queries.get(q.id)).toEqual(q);
      expect(await ts.store.audit.list({ subject: `query/${q.id}` })).toHaveLength(1);
    });

    it("leaves nothing behind when the work throws (rollback)", async () => {
      const no = freshTrackingNo();
      const q = makeQuery({ trackingNo: no });
      const p = makePickup();
      const subject = `query/${q.id}`;
      await expect(
        ts.store.transaction(async (tx) => {
          await tx.parcels.addScans([scan(no, "held_for_pickup", "2024-05-01T00:00:00Z")], new Date());
          await tx.holds.insert(makeHold(no));
          await tx.queries.insert(q);
          await tx.pickups.insert(p, requested(p.id));
          await tx.audit.append({
            at: new Date(),
            actor: { kind: "system", name: "t" },
            action: "x",
            subject,
            data: {},
          });
          throw new Error("the business rule said no");
        }),
      ).rejects.toThrow("the business rule said no");
      expect(await ts.store.parcels.get(no)).toBeUndefined();
      expect(await ts.store.holds.openForParcel(no)).toBeUndefined();
      expect(await ts.store.queries.get(q.id)).toBeUndefined();
      expect(await ts.store.pickups.get(p.id)).toBeUndefined();
      expect(await ts.store.audit.list({ subject })).toEqual([]);
    });

    it("rolls back when a statement inside fails, and the store stays usable", async () => {
      const no = freshTrackingNo();
      const hold = makeHold(no);
      await ts.store.holds.insert(hold);
      const q = makeQuery();
      await expect(
        ts.store.transaction(async (tx) => {
          await tx.queries.insert(q);
          await tx.holds.insert(makeHold(no)); // a second open hold: refused by the schema
        }),
      ).rejects.toBeInstanceOf(StoreConflictError);
      expect(await ts.store.queries.get(q.id)).toBeUndefined();
      await ts.store.ping();
    });

    it("keeps a concurrent transaction out of one that is still open (PGlite: one session, taken in turn)", async () => {
      const rolledBack = makeQuery();
      const other = makeQuery();
      let seenByOther: Query | undefined | "not run" = "not run";
      let release: () => void = () => {};
      const holding = new Promise<void>((resolve) => {
        release = resolve;
      });
      const first = ts.store
        .transaction(async (tx) => {
          await tx.queries.insert(rolledBack);
          await holding;
          throw new Error("changed its mind");
        })
        .catch(() => "rolled back");
      // Started while the first is open: it must neither see the uncommitted row nor commit it.
      const second = ts.store.transaction(async (tx) => {
        seenByOther = await tx.queries.get(rolledBack.id);
        await tx.queries.insert(other);
      });
      setTimeout(release, 50);
      expect(await first).toBe("rolled back");
      await second;
      expect(seenByOther).toBeUndefined();
      expect(await ts.store.queries.get(rolledBack.id)).toBeUndefined();
      expect(await ts.store.queries.get(other.id)).toEqual(other);
    });

    it("runs transactions one after another without mixing their writes", async () => {
      const ids = Array.from({ length: 5 }, () => nextId("q"));
      await Promise.all(
        ids.map((id, i) =>
          ts.store
            .transaction(async (tx) => {
              await tx.queries.insert(makeQuery({ id }));
              if (i % 2 === 1) throw new Error("odd ones fail");
            })
            .catch(() => undefined),
        ),
      );
      const found = await Promise.all(ids.map((id) => ts.store.queries.get(id)));
      expect(found.map((q) => q !== undefined)).toEqual([true, false, true, false, true]);
    });

    it("commits nothing once a statement inside failed, even when the work caught the error", async () => {
      const no = freshTrackingNo();
      await ts.store.holds.insert(makeHold(no));
      const claim = makeClaim({ trackingNo: no });
      let afterFailure: unknown;
      await expect(
        ts.store.transaction(async (tx) => {
          await tx.claims.insert(claim);
          await tx.holds.insert(makeHold(no)).catch(() => "a second open hold: refused");
          afterFailure = await tx.claims.get(claim.id).catch((error: unknown) => error);
          return "carried on";
        }),
      ).rejects.toThrow(/rolled back instead of committed/);
      // Postgres takes no further statement in an aborted transaction.
      expect(afterFailure).toBeInstanceOf(Error);
      expect(await ts.store.claims.get(claim.id)).toBeUndefined();
    });
  });

  describe("what the store keeps is its own", () => {
    it("keeps its own copies: changing an object written or read back changes nothing stored", async () => {
      const no = freshTrackingNo();
      const q = makeQuery({ trackingNo: no });
      const hold = makeHold(no);
      const note = makeNote(no, { details: { attempts: [1] } });
      await ts.store.queries.insert(q);
      await ts.store.holds.insert(hold);
      await ts.store.problems.insert(note);
      const subject = `query/${q.id}`;
      const data = { text: "在吗" };
      await ts.store.audit.append({
        at: new Date(),
        actor: { kind: "person", personId: "wang" },
        action: "a",
        subject,
        data,
      });
      // Changed after writing…
      q.askedBy.chatId = "changed";
      q.dueAt.setTime(0);
      hold.heldAt.setTime(0);
      note.followUps.push("changed");
      data.text = "changed";
      // …and after reading.
      const read = await ts.store.queries.get(q.id);
      if (read) {
        read.createdAt.setTime(0);
        read.askedBy.chatId = "changed again";
      }
      const parcel = await ts.store.parcels.get(no);
      parcel?.openHold?.heldAt.setTime(0);
      parcel?.problems[0]?.followUps.push("changed again");
      const [entry] = await ts.store.audit.list({ subject });
      if (entry) entry.data.text = "changed again";

      const again = await ts.store.queries.get(q.id);
      expect(again?.askedBy.chatId).not.toMatch(/changed/);
      expect(again?.dueAt).toEqual(t("2024-05-01T02:30:00Z"));
      expect(again?.createdAt).toEqual(t("2024-05-01T02:00:00Z"));
      expect((await ts.store.holds.get(hold.id))?.heldAt).toEqual(t("2024-05-01T01:00:00Z"));
      expect((await ts.store.problems.listByParcel(no))[0]?.followUps).toEqual(["deliver_tomorrow"]);
      expect((await ts.store.audit.list({ subject }))[0]?.data).toEqual({ text: "在吗" });
    });

    it("refuses a message or an event of a query or pickup it does not know", async () => {
      await expect(
        ts.store.queries.addMessage({
          id: nextId("m"),
          queryId: nextId("no-such-query"),
          at: new Date(),
          author: "system",
          personId: null,
          text: "x",
        }),
      ).rejects.toThrow(/foreign key/);
      await expect(
        ts.store.pickups.addEvent({ ...requested(nextId("no-such-pickup")), event: "repinged" }),
      ).rejects.toThrow(/foreign key/);
    });

    it("closes a hold only with a reason (holds_closed_with_reason)", async () => {
      const hold = makeHold(freshTrackingNo());
      await ts.store.holds.insert(hold);
      await expect(ts.store.holds.updateOpen(hold.id, { closedAt: new Date() })).rejects.toThrow(
        /holds_closed_with_reason/,
      );
      expect(await ts.store.holds.get(hold.id)).toEqual(hold);
    });
  });

  describe.runIf(sqlOnly)("rows read back are validated (rows written by raw SQL)", () => {
    it("names the table and the row of a bad actor in pickup_events", async () => {
      const p = makePickup();
      await ts.store.pickups.insert(p, requested(p.id));
      await ts.exec(
        `insert into pickup_events (pickup_id, at, event, actor, note) values ('${p.id}', now(), 'repinged', '{"kind":"robot"}', null)`,
      );
      const read = ts.store.pickups.events(p.id);
      await expect(read).rejects.toBeInstanceOf(StoreRowError);
      await expect(ts.store.pickups.events(p.id)).rejects.toThrow(
        /invalid row in pickup_events \(id \d+\): actor/,
      );
    });

    it("refuses a claim whose customer is not a chat reference", async () => {
      const id = nextId("c");
      await ts.exec(
        `insert into claims (id, tracking_no, kind, customer, opened_at, due_at, opened_by)
         values ('${id}', 'YT1', 'loss', '{"channel":"fax","chatId":"1"}', now(), now(), 'wang')`,
      );
      await expect(ts.store.claims.get(id)).rejects.toThrow(
        new RegExp(`invalid row in claims \\(id ${id}\\): customer`),
      );
    });

    it("refuses a query whose language the desk does not speak", async () => {
      const q = makeQuery();
      await ts.store.queries.insert(q);
      await ts.exec(`update queries set language = 'fr' where id = '${q.id}'`);
      await expect(ts.store.queries.get(q.id)).rejects.toThrow(
        `invalid row in queries (id ${q.id}): language`,
      );
    });
  });
});
