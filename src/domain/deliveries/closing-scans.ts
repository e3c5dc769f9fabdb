import type { ScanKind } from "../kernel/scan";

/**
 * SOP-44: a parcel out for delivery stays undelivered until one of these scans (at or after the
 * out-for-delivery scan) closes the attempt: delivered, a problem noted, held for pickup, returned.
 * The SQL store and the memory store read the undelivered parcels with this one list.
 */
export const DELIVERY_CLOSING_KINDS = [
  "delivered",
  "problem",
  "held_for_pickup",
  "returned",
] as const satisfies readonly ScanKind[];
