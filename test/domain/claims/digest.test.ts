import { describe, expect, it } from "vitest";
import { morningList, shiftHandover } from "../../../src/domain/desk";
import { customerChat, fileStore, world } from "../../support/use-case-harness";

/** SOP-14 with issue 12: the handover and the morning list carry the open claims and complaints. */
const store = await fileStore();

describe("claims and complaints in the digests", () => {
  it("lists each open claim with its deadline, days left and holder, and each complaint with its level and age", async () => {
    const w = world(store);
    const opened = await w.desk.openClaim({
      customer: customerChat("6001"),
      language: "zh",
      trackingNo: "YT6001000000",
      kind: "damage",
      description: "碎了",
    });
    if (!opened.ok) throw new Error("refused");
    await w.desk.recordClaimContact("wang", opened.claim.id, "已联系");
    await w.desk.complain({
      customer: customerChat("6002"),
      language: "en",
      text: "rude courier",
      trackingNo: "YT6002000000",
    });
    const settled = await w.desk.openClaim({
      customer: customerChat("6003"),
      language: "zh",
      trackingNo: "YT6003000000",
      kind: "loss",
      description: "丢了",
    });
    if (!settled.ok) throw new Error("refused");
    await w.desk.settleClaim("wang", settled.claim.id, { amountFen: 100, paidBy: "cash" });

    const handover = await shiftHandover(w.deps);
    const li = handover.find((n) => n.to.kind === "person" && n.to.personId === "li");
    const extra = String(li?.params.extra);
    expect(extra).toContain("未结理赔 1 件:");
    expect(extra).toContain("• YT6001000000 破损,12-12 10:00 到期(剩 15 天),处理人:王芳(017)");
    expect(extra).not.toContain("YT6003000000"); // settled: no longer open
    expect(extra).toContain("未结投诉 1 件:");
    expect(extra).toContain("• YT6002000000(来自客户),级别:本网点,已 0 分钟");

    const chen = (await morningList(w.deps)).find((n) => n.to.kind === "person" && n.to.personId === "chen");
    expect(String(chen?.params.extra)).toContain("• YT6001000000 damage, due 12-12 10:00 (15 days left)");
  });
});
