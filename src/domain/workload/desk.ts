import { hasRole } from "../config/directory";
import type { UseCaseDeps } from "../desk/context";
import type { Done, Refused } from "../desk/desk";
import { isMonth, monthOf, type WorkloadReport, workloadReport } from "./workload";

/**
 * SOP-90 for the chat: a duty lead sees every agent's month; an agent sees their own line only.
 */
export interface WorkloadDesk {
  /** The month's report (`YYYY-MM`; default this month on the branch's clock). */
  workload(
    personId: string,
    month?: string,
  ): Promise<Done<{ report: WorkloadReport }> | Refused<"not_allowed" | "bad_month">>;
}

export function workloadDesk(deps: UseCaseDeps): WorkloadDesk {
  return {
    async workload(personId, month) {
      const person = deps.directory.person(personId);
      if (!hasRole(person, "supervisor", "agent"))
        return { ok: false, reason: "not_allowed", rule: "SOP-90" };
      const wanted = month ?? monthOf(deps.calendar, deps.clock.now());
      if (!isMonth(wanted)) return { ok: false, reason: "bad_month" };
      const report = await workloadReport({ ...deps, workload: deps.store.workload }, wanted);
      if (hasRole(person, "supervisor")) return { ok: true, report };
      const own = report.rows.filter((r) => r.personId === personId);
      return {
        ok: true,
        report: { ...report, rows: own, total: own.reduce((sum, r) => sum + r.handled, 0) },
      };
    },
  };
}
