import { describe, expect, it } from "vitest";
import { receiptEscalation, receiptReminders } from "../../../src/domain/deliveries/receipt-jobs";
import { courierOfDelivery } from "../../../src/domain/deliveries/receipts";
import { DeskPermissionError } from "../../../src/domain/desk";
import { t } from "../../../src/domain/messages";
import type { Notice } from "../../../src/domain/ports";
import { shanghai } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";
import { auditOf, directory, fileStore, world } from "../../support/use-case-harness";

/**
 * SOP-73: receipts are kept 180 days from arrival, and the branch answers for them. SOP-74: each
 * delivery's signer is entered by 10:00 the next day, as written, with a COD delivery's amount;
 * couriers are reminded at 09:30 and what is still missing at 10:00 goes to the duty leads.
 */
const store = await fileStore();
const text = (n: Notice) => t("zh", n.key, n.params);

async function delivered(
  date: string,
  opts: { outNote?: string; location?: string; note?: string; time?: string } = {},
): Promise<string> {
  const no = freshTrackingNo("RC");
  await store.parcels.addScans(
    [
      scan(no, "arrived", shanghai("06:00", date), "扬州转运中心", { originBranch: "南京分公司" }),
      scan(
        no,
        "out_for_delivery",
        shanghai("08:00", date),
        opts.location ?? "扬州城东",
        opts.outNote ? { note: opts.outNote } : {},
      ),
      scan(
        no,
        "delivered",
        shanghai(opts.time ?? "11:05", date),
        opts.location ?? "扬州城东",
        opts.note ? { note: opts.note } : {},
      ),
    ],
    shanghai("06:00", date),
  );
  return no;
}

describe("SOP-74 entering the signer", () => {
  it("SOP-74: a courier enters the signer as written: one transaction with its audit row", async () => {
    const no = await delivered("2026-11-20");
    const w = world(store, { at: shanghai("18:00", "2026-11-20").toISOString() });
    const entered = await w.desk.enterReceipt("zhang", {
      trackingNo: no,
      signer: { kind: "surname_only", text: "王,," },
      codFen: null,
    });
    expect(entered).toMatchObject({
      ok: true,
      receipt: { signer: "王,,", signerKind: "surname_only", enteredBy: "zhang" },
    });
    expect(await store.deliveries.getReceipt(no)).toMatchObject({
      deliveredAt: shanghai("11:05", "2026-11-20"),
      signer: "王,,",
      codFen: null,
    });
    expect((await auditOf(store, `parcel/${no}`)).map((a) => [a.action, a.data])).toEqual([
      ["receipt.entered", { rule: "SOP-74", signerKind: "surname_only", signer: "王,,", codFen: null }],
    ]);
  });

  it("SOP-74: a COD delivery needs the amount collected; without it nothing is stored", async () => {
    const no = await delivered("2026-11-20", { note: "代收货款" });
    const w = world(store, { at: shanghai("18:00", "2026-11-20").toISOString() });
    const signer = { kind: "full_name" as const, text: "王小明" };
    expect(await w.desk.enterReceipt("zhang", { trackingNo: no, signer, codFen: null })).toEqual({
      ok: false,
      reason: "cod_amount_missing",
      rule: "SOP-74",
    });
    expect(await store.deliveries.getReceipt(no)).toBeUndefined();
    expect(await auditOf(store, `parcel/${no}`)).toEqual([]);
    expect(await w.desk.enterReceipt("zhang", { trackingNo: no, signer, codFen: 5850 })).toMatchObject({
      ok: true,
    });
    expect((await store.deliveries.getReceipt(no))?.codFen).toBe(5850);
  });

  it("SOP-74: entered again, the receipt is corrected and the audit row keeps what it replaced", async () => {
    const no = await delivered("2026-11-20");
    const w = world(store, { at: shanghai("18:00", "2026-11-20").toISOString() });
    await w.desk.enterReceipt("zhang", {
      trackingNo: no,
      signer: { kind: "scribble", text: "草签" },
      codFen: null,
    });
    const again = await w.desk.enterReceipt("li", {
      trackingNo: no,
      signer: { kind: "stamp", text: "扬州某某有限公司" },
      codFen: null,
    });
    expect(again).toMatchObject({ ok: true, replaced: { signer: "草签" } });
    const audit = await auditOf(store, `parcel/${no}`);
    expect(audit.map((a) => a.action)).toEqual(["receipt.entered", "receipt.corrected"]);
    expect(audit[1]?.data).toMatchObject({ previous: { signer: "草签", by: "zhang" } });
  });

  it("SOP-74: no delivered scan, or no parcel: nothing to sign for; agents and drivers may not enter", async () => {
    const no = freshTrackingNo("RC");
    await store.parcels.addScans(
      [scan(no, "out_for_delivery", shanghai("08:00", "2026-11-20"))],
      shanghai("08:00", "2026-11-20"),
    );
    const w = world(store);
    const signer = { kind: "full_name" as const, text: "王小明" };
    expect(await w.desk.enterReceipt("zhang", { trackingNo: no, signer, codFen: null })).toMatchObject({
      ok: false,
      reason: "not_delivered",
    });
    expect(
      await w.desk.enterReceipt("zhang", { trackingNo: freshTrackingNo("RC"), signer, codFen: null }),
    ).toMatchObject({
      ok: false,
      reason: "unknown_parcel",
    });
    const other = await delivered("2026-11-20");
    await expect(w.desk.enterReceipt("wang", { trackingNo: other, signer, codFen: null })).rejects.toThrow(
      DeskPermissionError,
    );
    await expect(w.desk.enterReceipt("zhao", { trackingNo: other, signer, codFen: null })).rejects.toThrow(
      DeskPermissionError,
    );
    expect(await store.deliveries.getReceipt(other)).toBeUndefined();
  });
});

describe("SOP-73 asking for a receipt", () => {
  it("SOP-73: within 180 days of arrival the answer is who signed and when; after it, past keeping", async () => {
    const no = await delivered("2026-05-01");
    const entry = world(store, { at: shanghai("12:00", "2026-05-01").toISOString() });
    await entry.desk.enterReceipt("zhang", {
      trackingNo: no,
      signer: { kind: "full_name", text: "王小明" },
      codFen: 1200,
    });

    const within = world(store, { at: shanghai("12:00", "2026-10-27").toISOString() }); // day 179
    expect(await within.desk.receiptFor(no)).toMatchObject({
      status: "signed",
      receipt: { signer: "王小明", codFen: 1200, deliveredAt: shanghai("11:05", "2026-05-01") },
      keptUntil: shanghai("06:00", "2026-10-28"),
    });
    const after = world(store, { at: shanghai("06:00", "2026-10-28").toISOString() }); // 180 days after arrival
    expect(await after.desk.receiptFor(no)).toEqual({
      status: "past_keeping",
      arrivedAt: shanghai("06:00", "2026-05-01"),
      keptUntil: shanghai("06:00", "2026-10-28"),
    });
  });

  it("SOP-73: delivered but not entered names the courier; not delivered and unknown say so", async () => {
    const no = await delivered("2026-11-20", { outNote: "业务员 106" });
    const w = world(store, { at: shanghai("12:00", "2026-11-21").toISOString() });
    const answer = await w.desk.receiptFor(no);
    expect(answer).toMatchObject({ status: "not_entered", courier: { id: "liu" } });
    const notOut = freshTrackingNo("RC");
    await store.parcels.addScans(
      [scan(notOut, "arrived", shanghai("06:00", "2026-11-20"))],
      shanghai("06:00", "2026-11-20"),
    );
    expect(await w.desk.receiptFor(notOut)).toEqual({ status: "not_delivered" });
    expect(await w.desk.receiptFor(freshTrackingNo("RC"))).toEqual({ status: "unknown_parcel" });
  });
});

describe("SOP-74 who the courier of a delivery is", () => {
  it("a courier's work number in the scans' notes first, else the zone named in the location, else nobody", () => {
    const d = { location: "扬州城西", note: null, outLocation: null, outNote: null };
    expect(courierOfDelivery(directory, { ...d, outNote: "业务员 105" })?.id).toBe("zhang");
    expect(courierOfDelivery(directory, { ...d, note: "派件员:106" })?.id).toBe("liu");
    expect(courierOfDelivery(directory, { ...d, outNote: "业务员 017" })?.id).toBe("liu"); // 017 is an agent's: the zone decides
    expect(courierOfDelivery(directory, { ...d, location: "扬州城东" })?.id).toBe("zhang");
    expect(courierOfDelivery(directory, { ...d, location: "文昌路 100 号" })?.id).toBe("zhang");
    expect(courierOfDelivery(directory, { ...d, location: "扬州转运中心" })).toBeUndefined();
  });
});

describe("SOP-74 reminders at 09:30 and escalation at 10:00", () => {
  const yesterday = "2026-11-10";
  const today = "2026-11-11";
  let east: string;
  let west: string;
  let nobody: string;
  let entered: string;

  it("SOP-74: at 09:30 each courier is reminded of yesterday's deliveries not entered; unattributed ones go to dispatch", async () => {
    east = await delivered(yesterday, { outNote: "业务员 105" });
    west = await delivered(yesterday, { location: "扬州城西", time: "15:00" });
    nobody = await delivered(yesterday, { location: "扬州转运中心", time: "16:00" });
    entered = await delivered(yesterday, { outNote: "业务员 105", time: "10:00" });
    await delivered(today, { outNote: "业务员 105", time: "08:30" }); // today's: due tomorrow
    const w = world(store, { at: shanghai("09:30", today).toISOString() });
    await w.desk.enterReceipt("zhang", {
      trackingNo: entered,
      signer: { kind: "unsigned", text: "已收" },
      codFen: null,
    });

    const notices = await receiptReminders(w.deps);
    expect(notices.map((n) => [n.to, n.key])).toEqual([
      [{ kind: "person", personId: "zhang" }, "receipt.remind"],
      [{ kind: "person", personId: "liu" }, "receipt.remind"],
      [{ kind: "person", personId: "sun" }, "receipt.remindUnknown"],
    ]);
    const [zhang, liu, sun] = notices.map(text);
    expect(zhang).toContain(`您昨天(${yesterday})派送的 1 件还没录入签收人,今天 10:00 前要录完`);
    expect(zhang).toContain(`• ${east} 11:05 签收扫描(扬州城东)`);
    expect(zhang).not.toContain(entered);
    expect(liu).toContain(`• ${west} 15:00`);
    expect(sun).toContain(nobody);
    expect(notices[0]?.select?.options).toEqual([{ label: east, action: `rs.${east}` }]);
    expect(notices[2]?.select).toBeUndefined();
  });

  it("SOP-74: at 10:00 what is still not entered goes to the duty lead by courier, with an audit row", async () => {
    const w = world(store, { at: shanghai("09:50", today).toISOString() });
    await w.desk.enterReceipt("liu", {
      trackingNo: west,
      signer: { kind: "given_only", text: ",小明" },
      codFen: null,
    });
    w.clock.set(shanghai("10:00", today));
    const notices = await receiptEscalation(w.deps);
    expect(notices.map((n) => n.to)).toEqual([{ kind: "person", personId: "li" }]);
    const lead = text(notices[0] as Notice);
    expect(lead).toContain(`昨天(${yesterday})签收的 2 件到 10:00 仍未录入签收人`);
    expect(lead).toContain(`张伟(105):1 件\n• ${east}`);
    expect(lead).toContain(`业务员不明:1 件\n• ${nobody}`);
    expect(lead).not.toContain(west);
    const audit = await auditOf(store, `receipts/${yesterday}`);
    expect(audit).toEqual([
      expect.objectContaining({
        action: "receipts.late",
        data: {
          rule: "SOP-74",
          byCourier: [
            { courier: "zhang", trackingNos: [east] },
            { courier: null, trackingNos: [nobody] },
          ],
        },
      }),
    ]);
  });

  it("SOP-74: once everything is entered, the escalation sends nothing and writes nothing", async () => {
    const w = world(store, { at: shanghai("09:55", today).toISOString() });
    await w.desk.enterReceipt("zhang", {
      trackingNo: east,
      signer: { kind: "full_name", text: "李娜" },
      codFen: null,
    });
    await w.desk.enterReceipt("li", {
      trackingNo: nobody,
      signer: { kind: "scribble", text: "草签" },
      codFen: null,
    });
    expect(await receiptReminders(w.deps)).toEqual([]);
    w.clock.set(shanghai("10:00", today));
    expect(await receiptEscalation(w.deps)).toEqual([]);
    expect(await auditOf(store, `receipts/${yesterday}`)).toHaveLength(1);
    // The next morning, today's 08:30 delivery is the one due.
    w.clock.set(shanghai("10:00", "2026-11-12"));
    expect((await receiptEscalation(w.deps)).map(text).join()).toContain("签收的 1 件");
  });
});

describe("SOP-74 escalation and the desk's closed days", () => {
  it("SOP-74: on a closed day the duty lead is not told; the next desk day's escalation carries those days", async () => {
    const weekend = { deskHours: { closedWeekdays: ["sat", "sun"] as ("sat" | "sun")[] } };
    const friday = await delivered("2026-12-04", { outNote: "业务员 105" }); // due Saturday 10:00
    const saturday = await delivered("2026-12-05", { outNote: "业务员 105" }); // due Sunday 10:00
    const sunday = await delivered("2026-12-06", { outNote: "业务员 106" }); // due Monday 10:00
    for (const day of ["2026-12-05", "2026-12-06"]) {
      const closed = world(store, { at: shanghai("10:00", day).toISOString(), policy: weekend });
      expect(await receiptEscalation(closed.deps)).toEqual([]);
      // The couriers are reminded all the same: deliveries do not stop at weekends.
      expect((await receiptReminders(closed.deps)).length).toBeGreaterThan(0);
    }
    expect(await auditOf(store, "receipts/2026-12-04")).toEqual([]);

    const monday = world(store, { at: shanghai("10:00", "2026-12-07").toISOString(), policy: weekend });
    const [lead, ...others] = await receiptEscalation(monday.deps);
    expect(others).toEqual([]);
    const said = text(lead as Notice);
    expect(said).toContain("2026-12-04 至 2026-12-06(含网点休息日)签收的 3 件到 10:00 仍未录入签收人");
    for (const no of [friday, saturday, sunday]) expect(said).toContain(no);
    expect(await auditOf(store, "receipts/2026-12-06")).toEqual([
      expect.objectContaining({
        action: "receipts.late",
        data: expect.objectContaining({ since: "2026-12-04" }),
      }),
    ]);
  });
});
