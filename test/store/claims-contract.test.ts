import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claim, Complaint } from "../../src/domain/ports/claims-records";
import type { Query } from "../../src/domain/ports/records";
import { claimFixture } from "../support/claims";
import { BACKENDS, isSqlBackend, openTestStore, type TestStore } from "../support/store-backends";

/**
 * The claims' and complaints' repositories (issue 12, migration 0006) on every backend: the memory
 * store the domain and flow tests use, PGlite, and Postgres when TEST_DATABASE_URL is set.
 */
let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;
const no = () => `YT${String(Date.now()).slice(-6)}${String(++seq).padStart(6, "0")}`;
const t = (iso: string) => new Date(iso);

const makeClaim = (over: Partial<Claim> = {}): Claim => claimFixture({ trackingNo: no(), ...over });

function makeComplaint(over: Partial<Complaint> = {}): Complaint {
  return {
    id: nextId("k"),
    customer: { channel: "web", chatId: nextId("w") },
    language: "en",
    trackingNo: null,
    queryId: null,
    fromBranch: null,
    text: "nobody called me back",
    level: "branch",
    openedAt: t("2024-05-01T02:00:00Z"),
    openedBy: "customer",
    levelSince: t("2024-05-01T02:00:00Z"),
    actedAt: null,
    branchActedAt: null,
    escalateAt: t("2024-05-02T02:00:00Z"),
    fineYuan: null,
    closedAt: null,
    closedBy: null,
    resolution: null,
    ...over,
  };
}

function makeBranchQuery(trackingNo: string, over: Partial<Query> = {}): Query {
  return {
    id: nextId("q"),
    kind: "branch",
    trackingNo,
    askedBy: { channel: "telegram", chatId: "2001" },
    fromBranch: "南京分公司",
    language: "zh",
    text: "请查一下",
    createdAt: t("2024-05-01T02:00:00Z"),
    warnAt: t("2024-05-01T03:50:00Z"),
    dueAt: t("2024-05-01T04:00:00Z"),
    status: "open",
    assignee: null,
    answeredAt: null,
    answeredBy: null,
    ...over,
  };
}

describe.each(BACKENDS)("claims and complaints on %s", (backend) => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await openTestStore(backend, "claims");
  });
  afterAll(async () => {
    await ts?.dispose();
  });

  it("SOP-70/71: keeps a claim whole (photos, language), and changes it only while open", async () => {
    const claim = makeClaim();
    await ts.store.claims.insert(claim);
    expect(await ts.store.claims.get(claim.id)).toEqual(claim);

    const contacted = await ts.store.claims.updateOpen(
      claim.id,
      { contactedAt: t("2024-05-02T02:00:00Z"), holder: "wang" },
      { holder: null },
    );
    expect(contacted).toEqual({ ...claim, contactedAt: t("2024-05-02T02:00:00Z"), holder: "wang" });
    // Compare and set on the holder: someone else's expectation no longer holds.
    expect(await ts.store.claims.updateOpen(claim.id, { holder: "chen" }, { holder: null })).toBeUndefined();

    const at = t("2024-05-03T02:00:00Z");
    const settled = await ts.store.claims.updateOpen(claim.id, {
      outcome: "settled",
      closedAt: at,
      closedBy: "wang",
      settledAt: at,
      amountFen: 19_950,
      paidBy: "wechat",
    });
    expect(settled).toMatchObject({ outcome: "settled", amountFen: 19_950, paidBy: "wechat", closedAt: at });
    // Closed: no step applies any more (a second settle, a late refusal).
    expect(await ts.store.claims.updateOpen(claim.id, { outcome: "refused", closedAt: at })).toBeUndefined();
    expect((await ts.store.claims.get(claim.id))?.outcome).toBe("settled");
  });

  it("lists open claims by time left, and a parcel's open claims; closed ones drop out", async () => {
    const a = makeClaim({ dueAt: t("2001-02-01T00:00:00Z"), customer: null, photos: [] });
    const b = makeClaim({ dueAt: t("2001-01-15T00:00:00Z"), kind: "loss", trackingNo: a.trackingNo });
    const c = makeClaim({ dueAt: t("2001-01-10T00:00:00Z") });
    for (const claim of [a, b, c]) await ts.store.claims.insert(claim);
    expect((await ts.store.claims.listOpen(3)).map((x) => x.id)).toEqual([c.id, b.id, a.id]);
    expect((await ts.store.claims.listOpenByParcel(a.trackingNo)).map((x) => x.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    await ts.store.claims.updateOpen(c.id, {
      outcome: "refused",
      closedAt: t("2001-01-05T00:00:00Z"),
      refusalReason: "超过时效",
    });
    expect((await ts.store.claims.listOpen(3)).map((x) => x.id)).toEqual([b.id, a.id]);
  });

  it("refuses a settled claim without its settlement time, amount or payout, and a half-closed claim", async () => {
    const claim = makeClaim();
    await ts.store.claims.insert(claim);
    const at = t("2024-05-03T00:00:00Z");
    const settlement = { settledAt: at, amountFen: 19_950, paidBy: "cash" } as const;
    for (const missing of ["settledAt", "amountFen", "paidBy"] as const) {
      await expect(
        ts.store.transaction((tx) =>
          tx.claims.updateOpen(claim.id, {
            outcome: "settled",
            closedAt: at,
            ...settlement,
            [missing]: null,
          }),
        ),
      ).rejects.toThrow();
    }
    await expect(
      ts.store.claims.insert(makeClaim({ outcome: "settled", closedAt: at, settledAt: at, amountFen: 100 })),
    ).rejects.toThrow();
    await expect(ts.store.claims.insert(makeClaim({ outcome: "refused" }))).rejects.toThrow();
    expect((await ts.store.claims.get(claim.id))?.outcome).toBeNull();
  });

  it("SOP-82: keeps a complaint, moves its level only from the level expected, closes it once", async () => {
    const complaint = makeComplaint();
    await ts.store.complaints.insert(complaint);
    expect(await ts.store.complaints.get(complaint.id)).toEqual(complaint);
    const up = { level: "region", levelSince: t("2024-05-02T02:00:00Z"), escalateAt: null } as const;
    expect(await ts.store.complaints.updateOpen(complaint.id, up, { level: "branch" })).toMatchObject(up);
    // A second escalation from the branch level (a repeated timer) changes nothing.
    expect(
      await ts.store.complaints.updateOpen(complaint.id, { level: "head_office" }, { level: "branch" }),
    ).toBeUndefined();
    const closing = { closedAt: t("2024-05-03T00:00:00Z"), closedBy: "li", resolution: "区域:赔礼道歉" };
    expect(await ts.store.complaints.updateOpen(complaint.id, closing)).toMatchObject(closing);
    expect(
      await ts.store.complaints.updateOpen(complaint.id, { actedAt: t("2024-05-04T00:00:00Z") }),
    ).toBeUndefined();
    expect((await ts.store.complaints.listOpen(1000)).map((c) => c.id)).not.toContain(complaint.id);
  });

  it("lists open complaints oldest first; SOP-11: finds the branch queries about a parcel, newest first", async () => {
    const older = makeComplaint({ openedAt: t("2000-01-01T00:00:00Z") });
    const newer = makeComplaint({ openedAt: t("2000-01-02T00:00:00Z") });
    await ts.store.complaints.insert(newer);
    await ts.store.complaints.insert(older);
    expect((await ts.store.complaints.listOpen(2)).map((c) => c.id)).toEqual([older.id, newer.id]);

    const parcel = no();
    const first = makeBranchQuery(parcel);
    const second = makeBranchQuery(parcel, { createdAt: t("2024-05-02T02:00:00Z") });
    await ts.store.queries.insert(first);
    await ts.store.queries.insert(second);
    await ts.store.queries.insert({ ...makeBranchQuery(parcel), kind: "customer", fromBranch: null });
    expect((await ts.store.complaints.branchQueriesAbout(parcel)).map((q) => q.id)).toEqual([
      second.id,
      first.id,
    ]);

    const fined = makeComplaint({
      queryId: first.id,
      trackingNo: parcel,
      fineYuan: 200,
      customer: null,
      fromBranch: "南京分公司",
    });
    await ts.store.complaints.insert(fined);
    expect(await ts.store.complaints.get(fined.id)).toEqual(fined);
    // A complaint names a query that exists.
    await expect(ts.store.complaints.insert(makeComplaint({ queryId: "no-such-query" }))).rejects.toThrow();
  });

  it("SOP-82: a complaint's text is counted in characters, as Postgres counts them (4000 at most)", async () => {
    // "𠮷" is one character, two UTF-16 units.
    const longest = makeComplaint({ text: "𠮷".repeat(4000) });
    await ts.store.complaints.insert(longest);
    expect((await ts.store.complaints.get(longest.id))?.text).toBe(longest.text);
    await expect(ts.store.complaints.insert(makeComplaint({ text: "𠮷".repeat(4001) }))).rejects.toThrow();
  });

  it.runIf(isSqlBackend(backend))(
    "migration 0006: claims' new columns, and open claims indexed as listOpen reads them",
    async () => {
      const rows = await ts.exec(
        "select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'claims' and column_name in ('outcome', 'closed_at', 'photos')",
      );
      expect(rows.map((r) => r.column_name).sort()).toEqual(["closed_at", "outcome", "photos"]);
      const indexes = await ts.exec(
        "select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = 'claims' and indexname like 'claims_open%'",
      );
      const defs = Object.fromEntries(indexes.map((r) => [r.indexname, String(r.indexdef)]));
      expect(Object.keys(defs).sort()).toEqual(["claims_open_by_due", "claims_open_by_parcel"]);
      expect(defs.claims_open_by_due).toMatch(/\(due_at, id\) WHERE \(closed_at IS NULL\)$/);
    },
  );
});
