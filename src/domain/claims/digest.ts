import { personLabel, whenText } from "../desk/context";
import type { DigestSection } from "../digests/sections";
import { t } from "../messages";
import type { Claim } from "../ports/claims-records";
import { claimLeftText } from "./common";
import { OPEN_CLAIMS_LIMIT } from "./use-cases";

/**
 * SOP-14 with SOP-70..SOP-72: the handover and the morning list carry every open claim, the least
 * time left first, with its deadline, days left and holder; an overdue one says so.
 */
export const claimsDigestSection: DigestSection<Claim> = {
  name: "claims",
  async read(deps) {
    const items = await deps.store.claims.listOpen(OPEN_CLAIMS_LIMIT);
    return { items };
  },
  title: (language, count) => t(language, "claim.digest.title", { n: count }),
  line(deps, language, claim, now) {
    return t(language, "claim.digest.item", {
      trackingNo: claim.trackingNo,
      kind: t(language, `claim.kind.${claim.kind}`),
      due: whenText(deps, claim.dueAt, now),
      left: claimLeftText(language, claim, now),
      holder: personLabel(deps, language, claim.holder),
    });
  },
};
