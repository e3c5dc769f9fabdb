import type { UseCaseDeps } from "../desk/context";
import type { Done, Refused } from "../desk/desk";
import type { Claim, ClaimPayout } from "../ports/claims-records";
import type { AuditEntry } from "../ports/records";
import * as claims from "./use-cases";

/** What customers and staff can do with compensation claims (SOP-70..SOP-72); part of the Desk. */
export interface ClaimsDesk {
  /**
   * A customer opens a claim: the waybill, loss / delay / damage, what happened, photos. Its
   * deadline follows from its kind (SOP-70: 30 days for a loss; SOP-71: 15 for a delay or damage).
   * The same customer's open claim of the same kind on the same parcel is returned (`existing`);
   * their open claim of another kind is (`other_open`) unless they confirmed one more (`another`).
   */
  openClaim(
    input: claims.OpenClaimInput,
  ): Promise<
    | Done<{ claim: Claim; existing?: boolean; added?: boolean }>
    | Refused<claims.OpenClaimRefusal>
    | claims.OtherClaimOpen
  >;
  /** An agent records contact with the customer; the customer is told. */
  recordClaimContact(
    personId: string,
    claimId: string,
    note: string,
  ): Promise<Done<{ claim: Claim }> | Refused<claims.ClaimStepRefusal>>;
  /** An agreed settlement (fen, how paid): closed, timers cancelled, the customer told. */
  settleClaim(
    personId: string,
    claimId: string,
    settlement: { amountFen: number; paidBy: ClaimPayout },
  ): Promise<Done<{ claim: Claim; late: boolean }> | Refused<claims.SettleRefusal>>;
  /** A refusal with its reason: closed, timers cancelled, the customer told. */
  refuseClaim(
    personId: string,
    claimId: string,
    reason: string,
  ): Promise<Done<{ claim: Claim }> | Refused<claims.ClaimStepRefusal>>;
  /** SOP-72: always refused (waiting for head office is no reason); the attempt is recorded. */
  pauseClaim(personId: string, claimId: string): Promise<Refused<"deadline_fixed" | "not_found">>;
  /** Open claims, the least time left first. */
  openClaims(): Promise<Claim[]>;
  /** One claim and its recorded steps, for staff (undefined for anyone else, or an unknown id). */
  claimView(personId: string, claimId: string): Promise<{ claim: Claim; history: AuditEntry[] } | undefined>;
}

export function claimsDesk(deps: UseCaseDeps): ClaimsDesk {
  return {
    openClaim: (input) => claims.openClaim(deps, input),
    recordClaimContact: (personId, claimId, note) => claims.recordClaimContact(deps, personId, claimId, note),
    settleClaim: (personId, claimId, settlement) => claims.settleClaim(deps, personId, claimId, settlement),
    refuseClaim: (personId, claimId, reason) => claims.refuseClaim(deps, personId, claimId, reason),
    pauseClaim: (personId, claimId) => claims.pauseClaim(deps, personId, claimId),
    openClaims: () => claims.openClaims(deps),
    claimView: (personId, claimId) => claims.claimView(deps, personId, claimId),
  };
}
