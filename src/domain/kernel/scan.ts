import { z } from "zod";

/** The kinds of scan the network's system sends (DESIGN.md, ingest API). */
export const SCAN_KINDS = [
  "collected",
  "departed",
  "arrived",
  "out_for_delivery",
  "delivered",
  "problem",
  "held_for_pickup",
  "returned",
] as const;
export type ScanKind = (typeof SCAN_KINDS)[number];

export interface ScanEvent {
  trackingNo: string;
  at: Date;
  kind: ScanKind;
  location: string;
  note?: string | undefined;
  originBranch?: string | undefined;
}

export const scanKindSchema = z.enum(SCAN_KINDS);
