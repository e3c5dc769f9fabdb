import type { DigestSection } from "../digests/sections";
import { t } from "../messages";
import type { Complaint } from "../ports/claims-records";
import { complaintParams } from "./rules";
import { OPEN_COMPLAINTS_LIMIT } from "./use-cases";

/** SOP-14 with SOP-82: the digests carry every open complaint with its level and age, oldest first. */
export const complaintsDigestSection: DigestSection<Complaint> = {
  name: "complaints",
  async read(deps) {
    return { items: await deps.store.complaints.listOpen(OPEN_COMPLAINTS_LIMIT) };
  },
  title: (language, count) => t(language, "complaint.digest.title", { n: count }),
  line: (_deps, language, complaint, now) =>
    t(language, "complaint.digest.item", complaintParams(language, complaint, now)),
};
