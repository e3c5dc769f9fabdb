import type { ScanKind } from "../kernel/scan";

/**
 * SOP-52: the scans that take a parcel marked for return out of the branch ("scanned out"): the
 * return scan itself, or the parcel departing. The SQL store and the memory store both read it.
 */
export const SCANNED_OUT_KINDS = ["returned", "departed"] as const satisfies readonly ScanKind[];
