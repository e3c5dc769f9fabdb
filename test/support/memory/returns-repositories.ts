import type {
  OriginTaskRepository,
  ParcelReturn,
  ReturnRepository,
} from "../../../src/domain/ports/returns-records";
import { SCANNED_OUT_KINDS } from "../../../src/domain/returns/scanned-out";
import { DEFAULT_LIST_LIMIT } from "../../../src/store/db";
import { StoreConflictError } from "../../../src/store/rows";
import type { MemoryDb } from "./parcel-repositories";
import { characters, check, copy, limited, missingReference, sorted } from "./tables";

/** The memory store's returns (SOP-51, SOP-52) and origin tasks (SOP-38, SOP-45), as src/store/return-repository.ts. */

function scannedOut(db: MemoryDb, r: ParcelReturn): boolean {
  const kinds: readonly string[] = SCANNED_OUT_KINDS;
  for (const s of db.draft.read("scans").values()) {
    if (s.trackingNo === r.trackingNo && kinds.includes(s.kind) && s.at.getTime() >= r.markedAt.getTime())
      return true;
  }
  return false;
}

export function returnRepository(db: MemoryDb): ReturnRepository {
  return {
    async insert(r) {
      const table = db.draft.read("parcelReturns");
      if (table.has(r.id))
        throw new StoreConflictError(`return ${r.id} already exists`, "parcel_returns_pkey");
      if ([...table.values()].some((x) => x.trackingNo === r.trackingNo)) {
        throw new StoreConflictError(
          `parcel ${r.trackingNo} is already marked for return`,
          "parcel_returns_one_per_parcel",
        );
      }
      if (r.holdId !== null && !db.draft.read("holds").has(r.holdId))
        throw missingReference("parcel_returns", "parcel_returns_hold_id_fkey", r.holdId);
      check(characters(r.originBranch) <= 100, "parcel_returns", "parcel_returns_origin_branch_check");
      const marking = characters(r.marking);
      check(marking >= 1 && marking <= 120, "parcel_returns", "parcel_returns_marking_check");
      check(r.rule === "SOP-51" || r.rule === "SOP-52", "parcel_returns", "parcel_returns_rule_check");
      const destination = characters(r.destination);
      check(
        r.destination === null || (destination >= 1 && destination <= 100),
        "parcel_returns",
        "parcel_returns_destination_check",
      );
      check(
        r.weightKg === null || (r.weightKg > 0 && r.weightKg <= 1000),
        "parcel_returns",
        "parcel_returns_weight_kg_check",
      );
      check(
        r.feeYuan === null || (Number.isInteger(r.feeYuan) && r.feeYuan >= 0),
        "parcel_returns",
        "parcel_returns_fee_yuan_check",
      );
      if (!db.draft.read("parcels").has(r.trackingNo)) {
        db.draft
          .write("parcels")
          .set(r.trackingNo, { trackingNo: r.trackingNo, firstSeenAt: new Date(r.markedAt) });
      }
      db.draft.write("parcelReturns").set(r.id, copy(r));
    },

    async get(id) {
      const r = db.draft.read("parcelReturns").get(id);
      return r && copy(r);
    },

    async forParcel(trackingNo) {
      const r = [...db.draft.read("parcelReturns").values()].find((x) => x.trackingNo === trackingNo);
      return r && copy(r);
    },

    async listNotScannedOut(limit = DEFAULT_LIST_LIMIT) {
      const open = [...db.draft.read("parcelReturns").values()].filter((r) => !scannedOut(db, r));
      return limited(sorted(open, { by: (r) => r.markedAt.getTime() }, { by: (r) => r.id }), limit).map(copy);
    },
  };
}

export function originTaskRepository(db: MemoryDb): OriginTaskRepository {
  return {
    async insert(task) {
      const table = db.draft.read("originTasks");
      if (table.has(task.id))
        throw new StoreConflictError(`origin task ${task.id} already exists`, "origin_tasks_pkey");
      if (!db.draft.read("parcels").has(task.trackingNo))
        throw missingReference("origin_tasks", "origin_tasks_tracking_no_fkey", task.trackingNo);
      if (!db.draft.read("problemNotes").has(task.noteId))
        throw missingReference("origin_tasks", "origin_tasks_note_id_fkey", task.noteId);
      check(task.rule === "SOP-38" || task.rule === "SOP-45", "origin_tasks", "origin_tasks_rule_check");
      check(characters(task.originBranch) <= 100, "origin_tasks", "origin_tasks_origin_branch_check");
      const text = characters(task.text);
      check(text >= 1 && text <= 1000, "origin_tasks", "origin_tasks_text_check");
      check((task.sentAt === null) === (task.sentBy === null), "origin_tasks", "origin_tasks_sent_with_who");
      db.draft.write("originTasks").set(task.id, copy(task));
    },

    async get(id) {
      const task = db.draft.read("originTasks").get(id);
      return task && copy(task);
    },

    async markSent(id, at, personId) {
      const task = db.draft.read("originTasks").get(id);
      if (!task || task.sentAt !== null) return undefined;
      const next = { ...task, sentAt: new Date(at), sentBy: personId };
      db.draft.write("originTasks").set(id, next);
      return copy(next);
    },

    async listOpen(limit = DEFAULT_LIST_LIMIT) {
      const open = [...db.draft.read("originTasks").values()].filter((t) => t.sentAt === null);
      return limited(sorted(open, { by: (t) => t.createdAt.getTime() }, { by: (t) => t.id }), limit).map(
        copy,
      );
    },
  };
}
