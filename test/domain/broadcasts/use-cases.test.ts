import { describe, expect, it } from "vitest";
import { createDesk } from "../../../src/domain/desk";
import { branchDirectory } from "../../support/branch";
import { AuditDown, fileStore, storeWithFailingAudit, world } from "../../support/use-case-harness";

/** SOP-83 in the domain: who a broadcast goes to, its transaction, its acknowledgements. */

const store = await fileStore();

describe("SOP-83: a broadcast to couriers and drivers", () => {
  it("goes to each courier and driver once (someone with both roles too), and names those it cannot reach", async () => {
    const w = world(store);
    // qian drives and collects, and has no chat account the desk knows.
    const directory = branchDirectory([
      { id: "qian", name: "钱七", workNo: "202", roles: ["courier", "driver"] },
    ]);
    const desk = createDesk({ ...w.deps, directory });
    const sent = await desk.sendBroadcast("li", "台风天气,注意行车安全");
    expect(sent.ok && sent.broadcast.recipients.map((r) => r.personId)).toEqual([
      "zhang",
      "liu",
      "qian",
      "zhao",
    ]);
    expect(sent.ok && sent.unreachable.map((p) => p.id)).toEqual(["qian"]);
    expect(w.notifier.sent.map((n) => (n.to.kind === "person" ? n.to.personId : "")).sort()).toEqual([
      "liu",
      "qian",
      "zhang",
      "zhao",
    ]);
  });

  it("stores nothing and sends nothing when its audit row cannot be written", async () => {
    const w = world(store);
    const desk = createDesk({ ...w.deps, store: storeWithFailingAudit(store) });
    const before = (await store.broadcasts.listRecent(100)).length;
    await expect(desk.sendBroadcast("li", "暴雨预警")).rejects.toThrow(AuditDown);
    expect(await store.broadcasts.listRecent(100)).toHaveLength(before);
    expect(w.notifier.sent).toHaveLength(0);
  });

  it("records one acknowledgement per person, with one audit row, however often they tap", async () => {
    const w = world(store);
    const sent = await w.desk.sendBroadcast("li", "大风降温,注意安全");
    if (!sent.ok) throw new Error("not sent");
    const id = sent.broadcast.id;
    expect(await w.desk.acknowledgeBroadcast("zhao", id)).toMatchObject({ ok: true });
    expect(await w.desk.acknowledgeBroadcast("zhao", id)).toEqual({ ok: false, reason: "already" });
    expect(await w.desk.acknowledgeBroadcast("wang", id)).toEqual({ ok: false, reason: "not_recipient" });
    expect(await w.desk.acknowledgeBroadcast("zhao", "no-such")).toEqual({ ok: false, reason: "not_found" });
    const audit = await store.audit.list({ subject: `broadcast/${id}` });
    expect(audit.map((a) => a.action).sort()).toEqual(["broadcast.acknowledged", "broadcast.sent"]);
    const recent = await w.desk.recentBroadcasts();
    expect(
      recent
        .find((b) => b.id === id)
        ?.recipients.filter((r) => r.acknowledgedAt)
        .map((r) => r.personId),
    ).toEqual(["zhao"]);
  });
});
