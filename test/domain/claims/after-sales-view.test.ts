import { describe, expect, it } from "vitest";
import { afterSalesView } from "../../../src/domain/claims/common";
import { auditEntry } from "../../../src/domain/desk/context";
import { fileStore, testId, world } from "../../support/use-case-harness";

/** The one staff card read of a claim or a complaint: who may open it, the item, its history. */
const store = await fileStore();

async function recorded(subject: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const at = new Date(Date.UTC(2026, 10, 1, 0, i));
    await store.audit.append(auditEntry(at, { kind: "person", personId: "wang" }, `step.${i}`, subject));
  }
}

describe("after-sales staff card (claims and complaints)", () => {
  it("gives an agent or duty lead the item and its newest 50 recorded steps, oldest first", async () => {
    const { deps } = world(store);
    const subject = `claim/${testId()}`;
    await recorded(subject, 53);
    for (const personId of ["wang", "li"]) {
      const view = await afterSalesView(deps, personId, async () => ({ id: "x" }), subject);
      expect(view?.item).toEqual({ id: "x" });
      expect(view?.history.map((e) => e.action)).toEqual(
        Array.from({ length: 50 }, (_, i) => `step.${i + 3}`),
      );
    }
  });

  it("gives a courier, a stranger, or a missing item nothing, and reads no item for the wrong role", async () => {
    const { deps } = world(store);
    let reads = 0;
    const read = async () => {
      reads++;
      return { id: "x" };
    };
    expect(await afterSalesView(deps, "zhang", read, "complaint/x")).toBeUndefined();
    expect(await afterSalesView(deps, "nobody", read, "complaint/x")).toBeUndefined();
    expect(reads).toBe(0);
    expect(await afterSalesView(deps, "wang", async () => undefined, "complaint/x")).toBeUndefined();
  });
});
