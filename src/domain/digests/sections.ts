import { claimsDigestSection } from "../claims/digest";
import { complaintsDigestSection } from "../complaints/digest";
import { undeliveredDigestSection } from "../deliveries/digest-section";
import type { UseCaseDeps } from "../desk/context";
import type { Language } from "../kernel/chat";
import { branchAsksDigestSection } from "../queries/branch-asks-digest";
import { originTasksDigestSection, returnsDigestSection } from "../returns/digest-section";

/**
 * SOP-14: the handover and the morning list carry every open item of the desk. The queries, holds
 * and pickups are digests.ts's own sections; every other area (returns, claims, complaints, the
 * day's undelivered parcels, …) adds its section here, in its own file, and nowhere else:
 * DIGEST_SECTIONS lists them in the order they appear, after the three built-in sections.
 */
export type DigestKind = "handover" | "morning";

interface DigestSectionItems<T> {
  /** Every item of the section (the digest shows the first DIGEST_SECTION_MAX, and counts the rest). */
  items: readonly T[];
  /** When the area read at most a limit: the true count. Default items.length. */
  total?: number;
}

export interface DigestSection<T = unknown> {
  /** For tests and logs. */
  name: string;
  /** What this area has open for this digest; an empty list leaves the section out of the message. */
  read(deps: UseCaseDeps, kind: DigestKind, now: Date): Promise<DigestSectionItems<T>>;
  /** The section's heading, with its count (e.g. "待退回件 {n} 件:"). */
  title(language: Language, count: number): string;
  /** One line per item, starting "• ". */
  line(deps: UseCaseDeps, language: Language, item: T, now: Date): string;
}

/** Define a section with its item type checked; DIGEST_SECTIONS holds them untyped. */
function digestSection<T>(section: DigestSection<T>): DigestSection {
  return section as DigestSection;
}

/** The areas' sections, in order. Add yours with one line. */
export const DIGEST_SECTIONS: readonly DigestSection[] = [
  digestSection(returnsDigestSection), // SOP-52: returns not scanned out
  digestSection(originTasksDigestSection), // SOP-38, SOP-45: messages to the origin not sent
  digestSection(claimsDigestSection), // SOP-70..SOP-72
  digestSection(complaintsDigestSection), // SOP-82
  digestSection(undeliveredDigestSection), // SOP-44
  digestSection(branchAsksDigestSection), // SOP-13: queries to other branches not answered
];
