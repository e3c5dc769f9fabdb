import { dateText, type UseCaseDeps } from "../desk/context";
import type { DigestSection } from "../digests/sections";
import { t } from "../messages";
import type { OriginTask, ParcelReturn } from "../ports/returns-records";

/**
 * SOP-52: a return goes back the same day, scanned out. One not scanned out (no `returned` or
 * `departed` scan since its marking) appears in the handover and in the morning list; the ones
 * whose day is over are flagged.
 */

const SECTION_LIMIT = 1_000;

export const returnsDigestSection: DigestSection<ParcelReturn> = {
  name: "returns-not-scanned-out",
  async read(deps: UseCaseDeps) {
    const items = await deps.store.returns.listNotScannedOut(SECTION_LIMIT);
    return { items };
  },
  title: (language, count) => t(language, "notice.digest.returns.title", { n: count }),
  line(deps, language, r, now) {
    const day = dateText(deps, r.markedAt);
    return t(language, "notice.digest.returns.line", {
      trackingNo: r.trackingNo,
      date: day,
      marking: r.marking,
      overdue: day < dateText(deps, now) ? t(language, "notice.digest.returns.overdue") : "",
    });
  },
};

/**
 * SOP-38, SOP-45: the messages to the origin nobody has recorded as sent (SOP-50's are in the holds'
 * own lines), so that the next shift sees them too.
 */
export const originTasksDigestSection: DigestSection<OriginTask> = {
  name: "origin-messages-not-sent",
  async read(deps: UseCaseDeps) {
    return { items: await deps.store.originTasks.listOpen(SECTION_LIMIT) };
  },
  title: (language, count) => t(language, "notice.digest.originTasks.title", { n: count }),
  line: (deps, language, task) =>
    t(language, "notice.digest.originTasks.line", {
      trackingNo: task.trackingNo,
      rule: task.rule,
      origin: task.originBranch ?? "—",
      since: dateText(deps, task.createdAt),
    }),
};
