import type { ClaimRepository, ComplaintRepository } from "../../../src/domain/ports";
import type { Claim, Complaint } from "../../../src/domain/ports/claims-records";
import { DEFAULT_LIST_LIMIT } from "../../../src/store/db";
import type { MemoryDb } from "./parcel-repositories";
import { asJson, characters, check, copy, duplicateKey, limited, missingReference, sorted } from "./tables";

/** Claims (SOP-70..SOP-72) and complaints (SOP-82) in memory, as migration 0006 keeps them. */

function claimRow(claim: Claim): Claim {
  check(claim.photos.length <= 5, "claims", "claims_photos_check");
  check((claim.closedAt === null) === (claim.outcome === null), "claims", "claims_closed_with_outcome");
  check(
    claim.amountFen === null || (claim.amountFen > 0 && claim.amountFen <= 10_000_000),
    "claims",
    "claims_amount_fen_check",
  );
  const settlement = claim.settledAt !== null && claim.amountFen !== null && claim.paidBy !== null;
  check(claim.outcome !== "settled" || settlement, "claims", "claims_settled_with_amount");
  return copy({ ...claim, customer: claim.customer === null ? null : asJson(claim.customer) });
}

export function claimRepository(db: MemoryDb): ClaimRepository {
  const open = () => [...db.draft.read("claims").values()].filter((c) => c.closedAt === null);
  return {
    async insert(claim) {
      if (db.draft.read("claims").has(claim.id)) throw duplicateKey("claims", "claims_pkey", claim.id);
      const row = claimRow(claim);
      db.draft.write("claims").set(row.id, row);
    },

    async get(id) {
      const claim = db.draft.read("claims").get(id);
      return claim && copy(claim);
    },

    async updateOpen(id, change, expected) {
      const claim = db.draft.read("claims").get(id);
      if (!claim || claim.closedAt !== null) return undefined;
      if (expected && expected.holder !== undefined && claim.holder !== expected.holder) return undefined;
      const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
      const next = claimRow({ ...claim, ...defined });
      db.draft.write("claims").set(id, next);
      return copy(next);
    },

    async listOpen(limit = DEFAULT_LIST_LIMIT) {
      return limited(sorted(open(), { by: (c) => c.dueAt.getTime() }, { by: (c) => c.id }), limit).map(copy);
    },

    async listOpenByParcel(trackingNo) {
      const mine = open().filter((c) => c.trackingNo === trackingNo);
      return sorted(mine, { by: (c) => c.openedAt.getTime() }, { by: (c) => c.id }).map(copy);
    },
  };
}

function complaintRow(complaint: Complaint): Complaint {
  check(
    (complaint.closedAt === null) === (complaint.resolution === null),
    "complaints",
    "complaints_closed_with_resolution",
  );
  const text = characters(complaint.text);
  check(text >= 1 && text <= 4000, "complaints", "complaints_text_check");
  return copy({ ...complaint, customer: complaint.customer === null ? null : asJson(complaint.customer) });
}

export function complaintRepository(db: MemoryDb): ComplaintRepository {
  return {
    async insert(complaint) {
      if (db.draft.read("complaints").has(complaint.id)) {
        throw duplicateKey("complaints", "complaints_pkey", complaint.id);
      }
      if (complaint.queryId !== null && !db.draft.read("queries").has(complaint.queryId)) {
        throw missingReference("complaints", "complaints_query_id_fkey", complaint.queryId);
      }
      const row = complaintRow(complaint);
      db.draft.write("complaints").set(row.id, row);
    },

    async get(id) {
      const complaint = db.draft.read("complaints").get(id);
      return complaint && copy(complaint);
    },

    async updateOpen(id, change, expected) {
      const complaint = db.draft.read("complaints").get(id);
      if (!complaint || complaint.closedAt !== null) return undefined;
      if (expected?.level !== undefined && complaint.level !== expected.level) return undefined;
      const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
      const next = complaintRow({ ...complaint, ...defined });
      db.draft.write("complaints").set(id, next);
      return copy(next);
    },

    async listOpen(limit = DEFAULT_LIST_LIMIT) {
      const open = [...db.draft.read("complaints").values()].filter((c) => c.closedAt === null);
      return limited(sorted(open, { by: (c) => c.openedAt.getTime() }, { by: (c) => c.id }), limit).map(copy);
    },

    async branchQueriesAbout(trackingNo) {
      const queries = [...db.draft.read("queries").values()].filter(
        (q) => q.trackingNo === trackingNo && q.kind === "branch",
      );
      return limited(
        sorted(queries, { by: (q) => q.createdAt.getTime(), desc: true }, { by: (q) => q.id, desc: true }),
        DEFAULT_LIST_LIMIT,
      ).map(copy);
    },
  };
}
