import type { Claim } from "../../src/domain/ports/claims-records";
import { freshTrackingNo } from "./parcels";

let seq = 0;
const uniqueId = (prefix: string) => `${prefix}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * A claim as a customer just opened it (a damaged parcel, two photos, due in 15 days): nobody holds
 * it yet and it has no contact, outcome or settlement. `over` sets what a test needs.
 */
export function claimFixture(over: Partial<Claim> = {}): Claim {
  return {
    id: uniqueId("c"),
    trackingNo: freshTrackingNo(),
    kind: "damage",
    customer: { channel: "telegram", chatId: uniqueId("chat") },
    language: "zh",
    description: "外箱压坏,杯子碎了",
    photos: ["file-1", "file-2"],
    openedAt: new Date("2024-05-01T02:00:00Z"),
    dueAt: new Date("2024-05-16T02:00:00Z"),
    openedBy: "customer",
    holder: null,
    contactedAt: null,
    outcome: null,
    closedAt: null,
    closedBy: null,
    amountFen: null,
    paidBy: null,
    settledAt: null,
    refusalReason: null,
    note: null,
    ...over,
  };
}
