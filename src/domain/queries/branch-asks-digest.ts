import { excerpt, type UseCaseDeps, whenText } from "../desk/context";
import type { DigestSection } from "../digests/sections";
import { t } from "../messages";
import type { BranchAsk } from "../ports/branch-ask-records";
import { OPEN_BRANCH_ASKS_LIMIT } from "./branch-asks";

/**
 * SOP-13 and SOP-14: what still waits on another branch is an open item of the desk, handed over
 * to the next shift (the handover) and shown again in the morning list; the late ones are flagged.
 */
export const branchAsksDigestSection: DigestSection<BranchAsk> = {
  name: "branch-asks-open",
  async read(deps: UseCaseDeps) {
    return { items: await deps.store.branchAsks.listOpen(OPEN_BRANCH_ASKS_LIMIT) };
  },
  title: (language, count) => t(language, "branchAsk.digest.title", { n: count }),
  line: (deps, language, ask, now) =>
    t(language, "branchAsk.digest.line", {
      branch: ask.branch,
      trackingNo: ask.trackingNo,
      question: excerpt(ask.question, 20),
      due: whenText(deps, ask.dueAt, now),
      late: ask.dueAt.getTime() < now.getTime() ? t(language, "branchAsk.digest.late") : "",
    }),
};
