import type { UseCaseDeps } from "../desk/context";
import type { Done, Refused } from "../desk/desk";
import type { Complaint } from "../ports/claims-records";
import type { AuditEntry, Query } from "../ports/records";
import * as complaints from "./use-cases";

/** What customers and staff can do with complaints (SOP-82, SOP-11's fine); part of the Desk. */
export interface ComplaintsDesk {
  /**
   * A customer complains (about a waybill or one of their own queries); the branch must act first.
   * Their open complaint on the same parcel or query gets the new words instead (`existing`).
   */
  complain(
    input: complaints.ComplainInput,
  ): Promise<Done<{ complaint: Complaint; existing?: boolean }> | Refused<complaints.ComplainRefusal>>;
  /** SOP-11: another branch's complaint recorded by an agent; a late answer to its query is fined. */
  recordBranchComplaint(
    personId: string,
    input: { fromBranch: string; trackingNo: string; text: string },
  ): Promise<Done<{ complaint: Complaint; lateQuery?: Query }> | Refused<complaints.BranchComplaintRefusal>>;
  /** An action at the complaint's level: recorded, and this level's escalation stops. */
  actOnComplaint(
    personId: string,
    complaintId: string,
    note: string,
  ): Promise<Done<{ complaint: Complaint }> | Refused<complaints.ComplaintStepRefusal>>;
  /** Resolved at the branch, or the region's / head office's decision (duty leads only): closed, the customer told. */
  closeComplaint(
    personId: string,
    complaintId: string,
    resolution: string,
  ): Promise<Done<{ complaint: Complaint }> | Refused<complaints.ComplaintStepRefusal>>;
  /** Open complaints, oldest first. */
  openComplaints(): Promise<Complaint[]>;
  /** One complaint and every action recorded on it (staff only). */
  complaintView(
    personId: string,
    complaintId: string,
  ): Promise<{ complaint: Complaint; history: AuditEntry[] } | undefined>;
}

export function complaintsDesk(deps: UseCaseDeps): ComplaintsDesk {
  return {
    complain: (input) => complaints.complain(deps, input),
    recordBranchComplaint: (personId, input) => complaints.recordBranchComplaint(deps, personId, input),
    actOnComplaint: (personId, complaintId, note) =>
      complaints.actOnComplaint(deps, personId, complaintId, note),
    closeComplaint: (personId, complaintId, resolution) =>
      complaints.closeComplaint(deps, personId, complaintId, resolution),
    openComplaints: () => complaints.openComplaints(deps),
    complaintView: (personId, complaintId) => complaints.complaintView(deps, personId, complaintId),
  };
}
