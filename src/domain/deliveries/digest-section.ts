import type { DigestSection } from "../digests/sections";
import { t } from "../messages";
import type { UndeliveredParcel } from "../ports/deliveries";
import { openUndelivered, undeliveredLine } from "./undelivered";

/**
 * SOP-44 in the handover (SOP-14): the listed parcels not handled by closing (today's and any
 * earlier day's), each with its origin. The morning list leaves them out: the handover carried them.
 */
export const undeliveredDigestSection: DigestSection<UndeliveredParcel> = {
  name: "undelivered",
  async read(deps, kind) {
    return { items: kind === "handover" ? await openUndelivered(deps) : [] };
  },
  title: (language, count) => t(language, "undelivered.digest.title", { n: count }),
  line: (deps, language, item) => undeliveredLine(deps, language, item),
};
