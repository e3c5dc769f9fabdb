import { describe, expect, it } from "vitest";
import { auditOf, customerChat, fileStore, world } from "../../support/use-case-harness";

/**
 * Trial finding 4 at the desk: one open complaint per customer and matter (SOP-82), one claim of each
 * kind per customer and parcel, a claim of another kind only when the customer confirms (SOP-70/71).
 */
const store = await fileStore();

describe("a customer's second complaint on the same matter (SOP-82)", () => {
  it("is added to the open one as the customer's action: no second complaint, no second timer, escalation unchanged", async () => {
    const w = world(store);
    const base = { customer: customerChat("8801"), language: "zh" as const, trackingNo: "YT8801000000" };
    const first = await w.desk.complain({ ...base, text: "快递员把包裹扔在门口" });
    const second = await w.desk.complain({ ...base, text: "还打电话骂人" });
    if (!first.ok || !second.ok) throw new Error("refused");
    expect(second).toMatchObject({ existing: true, complaint: { id: first.complaint.id } });
    expect(
      (await store.complaints.listOpen(10_000)).filter((c) => c.trackingNo === base.trackingNo),
    ).toHaveLength(1);
    const stored = await store.complaints.get(first.complaint.id);
    // The customer's words stop nothing: only the staff's action does.
    expect(stored?.actedAt).toBeNull();
    expect(stored?.escalateAt).toEqual(first.complaint.escalateAt);
    const trail = await auditOf(store, `complaint/${first.complaint.id}`);
    expect(trail.map((e) => e.action)).toEqual(["complaint.opened", "complaint.acted"]);
    expect(trail[1]).toMatchObject({
      actor: { kind: "customer" },
      data: { note: "还打电话骂人", by: "customer" },
    });
  });

  it("another customer, or the same customer on another parcel, or with no parcel, opens its own", async () => {
    const w = world(store);
    const text = "态度不好";
    const a = await w.desk.complain({
      customer: customerChat("8802"),
      language: "zh",
      text,
      trackingNo: "YT8802000000",
    });
    const b = await w.desk.complain({
      customer: customerChat("8803"),
      language: "zh",
      text,
      trackingNo: "YT8802000000",
    });
    const c = await w.desk.complain({
      customer: customerChat("8802"),
      language: "zh",
      text,
      trackingNo: "YT8802000018",
    });
    const d = await w.desk.complain({ customer: customerChat("8802"), language: "zh", text });
    const e = await w.desk.complain({ customer: customerChat("8802"), language: "zh", text });
    const ids = [a, b, c, d, e].map((r) => (r.ok && !r.existing ? r.complaint.id : "refused or existing"));
    expect(new Set(ids).size).toBe(5);
  });
});

describe("a customer's second claim on a parcel (SOP-70/71)", () => {
  it("of another kind: refused with the open one until the customer confirms, then opened", async () => {
    const w = world(store);
    const base = { customer: customerChat("8810"), language: "zh" as const, trackingNo: "YT8810000000" };
    const loss = await w.desk.openClaim({ ...base, kind: "loss", description: "没收到" });
    if (!loss.ok) throw new Error("refused");
    const delay = await w.desk.openClaim({ ...base, kind: "delay", description: "晚了" });
    expect(delay).toMatchObject({ ok: false, reason: "other_open", open: { id: loss.claim.id } });
    expect(await store.claims.listOpenByParcel(base.trackingNo)).toHaveLength(1);
    const confirmed = await w.desk.openClaim({ ...base, kind: "delay", description: "晚了", another: true });
    expect(confirmed).toMatchObject({ ok: true, claim: { kind: "delay" } });
    expect(await store.claims.listOpenByParcel(base.trackingNo)).toHaveLength(2);
    // Another customer's claim on the parcel is theirs: not asked about.
    const other = await w.desk.openClaim({
      ...base,
      customer: customerChat("8811"),
      kind: "damage",
      description: "碎了",
    });
    expect(other.ok).toBe(true);
  });
});
