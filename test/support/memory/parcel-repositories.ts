import { SCAN_KINDS, type ScanEvent } from "../../../src/domain/kernel/scan";
import type { HoldRepository, ParcelRepository, ProblemNoteRepository } from "../../../src/domain/ports";
import type { ProblemNote, SelfPickupHold, StoredScan } from "../../../src/domain/ports/records";
import { DEFAULT_LIST_LIMIT } from "../../../src/store/db";
import { DEFAULT_SCAN_LIMIT, DELIVERY_SCAN_KINDS } from "../../../src/store/parcel-repository";
import { StoreConflictError } from "../../../src/store/rows";
import { asJson, characters, check, copy, type Draft, duplicateKey, limited, sorted } from "./tables";

/** What a repository works on: one transaction's tables, and the sequences (never rolled back, as in SQL). */
export interface MemoryDb {
  draft: Draft;
  nextSerial(): number;
}

/** The scan's identity (the schema's unique scans_same_scan). */
function scanKey(s: Pick<ScanEvent, "trackingNo" | "at" | "kind" | "location">): string {
  return `${s.trackingNo}\u0000${s.at.getTime()}\u0000${s.kind}\u0000${s.location}`;
}

/** The first thing the desk learns of a parcel creates its row. */
function ensureParcel(db: MemoryDb, trackingNo: string, seenAt: Date): void {
  if (db.draft.read("parcels").has(trackingNo)) return;
  db.draft.write("parcels").set(trackingNo, { trackingNo, firstSeenAt: new Date(seenAt) });
}

function scanRow(event: ScanEvent, id: number, receivedAt: Date): StoredScan {
  check(SCAN_KINDS.includes(event.kind), "scans", "scans_kind_check");
  const location = characters(event.location);
  check(location >= 1 && location <= 200, "scans", "scans_location_check");
  check(characters(event.note) <= 500, "scans", "scans_note_check");
  check(characters(event.originBranch) <= 100, "scans", "scans_origin_branch_check");
  const scan: StoredScan = {
    id: String(id),
    trackingNo: event.trackingNo,
    at: new Date(event.at),
    kind: event.kind,
    location: event.location,
    receivedAt: new Date(receivedAt),
  };
  if (event.note !== undefined && event.note !== null) scan.note = event.note;
  if (event.originBranch !== undefined && event.originBranch !== null) scan.originBranch = event.originBranch;
  return scan;
}

/** Newest first, ties by insertion (scans_parcel_latest: at desc, id desc). */
function newestScans(db: MemoryDb, trackingNo: string, limit: number): StoredScan[] {
  const mine = [...db.draft.read("scans").values()].filter((s) => s.trackingNo === trackingNo);
  const newest = sorted(
    mine,
    { by: (s) => s.at.getTime(), desc: true },
    { by: (s) => Number(s.id), desc: true },
  );
  return limited(newest, Math.max(0, Math.floor(limit))).map(copy);
}

function notesOf(db: MemoryDb, trackingNo: string): ProblemNote[] {
  const mine = [...db.draft.read("problemNotes").values()].filter((n) => n.trackingNo === trackingNo);
  return sorted(mine, { by: (n) => n.recordedAt.getTime(), desc: true }, { by: (n) => n.id }).map(copy);
}

function openHoldOf(db: MemoryDb, trackingNo: string): SelfPickupHold | undefined {
  for (const hold of db.draft.read("holds").values()) {
    if (hold.trackingNo === trackingNo && hold.closedAt === null) return hold;
  }
  return undefined;
}

export function parcelRepository(db: MemoryDb): ParcelRepository {
  return {
    async addScans(events, receivedAt) {
      if (events.length === 0) return [];
      // Stored in the SQL store's order (by parcel, then time) so that ids, which break ties
      // between scans of the same instant, come out the same.
      const byKey = sorted(events, { by: (e) => e.trackingNo }, { by: (e) => e.at.getTime() });
      const known = db.draft.read("scans");
      const added = new Map<string, StoredScan>();
      for (const event of byKey) {
        const key = scanKey(event);
        if (known.has(key) || added.has(key)) continue;
        added.set(key, scanRow(event, db.nextSerial(), receivedAt));
      }
      for (const event of byKey) ensureParcel(db, event.trackingNo, receivedAt);
      const scans = db.draft.write("scans");
      for (const [key, scan] of added) scans.set(key, scan);
      // Back in the order given; a scan repeated inside the batch is reported once.
      const out: StoredScan[] = [];
      for (const event of events) {
        const key = scanKey(event);
        const scan = added.get(key);
        if (scan) {
          out.push(copy(scan));
          added.delete(key);
        }
      }
      return out;
    },

    async get(trackingNo, scanLimit = DEFAULT_SCAN_LIMIT) {
      const parcel = db.draft.read("parcels").get(trackingNo);
      if (!parcel) return undefined;
      const hold = openHoldOf(db, trackingNo);
      return {
        trackingNo: parcel.trackingNo,
        firstSeenAt: new Date(parcel.firstSeenAt),
        scans: newestScans(db, trackingNo, scanLimit),
        openHold: hold && copy(hold),
        problems: notesOf(db, trackingNo),
        markedReturn: returnOf(db, trackingNo),
        // Its followers, read with it as the SQL stores do (issue 15: a tracking answer's buttons).
        followers: [...db.draft.read("subscriptions").values()]
          .filter((s) => s.trackingNo === trackingNo)
          .map((s) => ({ channel: s.chat.channel, chatId: s.chat.chatId, everyScan: s.everyScan === true })),
      };
    },

    async hasDeliveryScan(trackingNo) {
      for (const scan of db.draft.read("scans").values()) {
        if (scan.trackingNo === trackingNo && DELIVERY_SCAN_KINDS.includes(scan.kind)) return true;
      }
      return false;
    },
  };
}

export function problemNoteRepository(db: MemoryDb): ProblemNoteRepository {
  return {
    async insert(note) {
      if (db.draft.read("problemNotes").has(note.id)) {
        throw duplicateKey("problem_notes", "problem_notes_pkey", note.id);
      }
      ensureParcel(db, note.trackingNo, note.recordedAt);
      db.draft.write("problemNotes").set(
        note.id,
        copy({
          id: note.id,
          trackingNo: note.trackingNo,
          category: note.category,
          details: asJson(note.details),
          countsAsDelayed: note.countsAsDelayed,
          followUps: [...note.followUps],
          recordedBy: note.recordedBy,
          recordedAt: note.recordedAt,
        }),
      );
    },

    async listByParcel(trackingNo) {
      return notesOf(db, trackingNo);
    },
  };
}

type HoldChange = Parameters<HoldRepository["updateOpen"]>[1];
const EXPECTABLE = ["originMessagedAt", "originRepliedAt", "markedForReturnAt"] as const;

function holdRow(hold: SelfPickupHold): SelfPickupHold {
  check((hold.closedAt === null) === (hold.closeReason === null), "holds", "holds_closed_with_reason");
  return copy({
    id: hold.id,
    trackingNo: hold.trackingNo,
    place: hold.place,
    originBranch: hold.originBranch,
    heldAt: hold.heldAt,
    originMessagedAt: hold.originMessagedAt,
    originRepliedAt: hold.originRepliedAt,
    markedForReturnAt: hold.markedForReturnAt,
    closedAt: hold.closedAt,
    closeReason: hold.closeReason,
  });
}

function changed(hold: SelfPickupHold, change: HoldChange): SelfPickupHold {
  const next = { ...hold };
  if (change.originMessagedAt !== undefined) next.originMessagedAt = change.originMessagedAt;
  if (change.originRepliedAt !== undefined) next.originRepliedAt = change.originRepliedAt;
  if (change.markedForReturnAt !== undefined) next.markedForReturnAt = change.markedForReturnAt;
  if (change.closedAt !== undefined) next.closedAt = change.closedAt;
  if (change.closeReason !== undefined) next.closeReason = change.closeReason;
  return holdRow(next);
}

export function holdRepository(db: MemoryDb): HoldRepository {
  return {
    async insert(hold) {
      if (db.draft.read("holds").has(hold.id)) {
        throw new StoreConflictError(`hold ${hold.id} already exists`, "holds_pkey");
      }
      if (hold.closedAt === null && openHoldOf(db, hold.trackingNo)) {
        throw new StoreConflictError(
          `parcel ${hold.trackingNo} already has an open self-pickup hold`,
          "holds_one_open_per_parcel",
        );
      }
      const row = holdRow(hold);
      ensureParcel(db, hold.trackingNo, hold.heldAt);
      db.draft.write("holds").set(row.id, row);
    },

    async get(id) {
      const hold = db.draft.read("holds").get(id);
      return hold && copy(hold);
    },

    async openForParcel(trackingNo) {
      const hold = openHoldOf(db, trackingNo);
      return hold && copy(hold);
    },

    async openForParcels(trackingNos) {
      const wanted = new Set(trackingNos);
      return [...db.draft.read("holds").values()]
        .filter((h) => wanted.has(h.trackingNo) && h.closedAt === null)
        .map(copy);
    },

    async updateOpen(id, change, expected = {}) {
      // Compare and set: only an open hold changes, and only while the expected steps are unrecorded.
      const hold = db.draft.read("holds").get(id);
      if (!hold || hold.closedAt !== null) return undefined;
      if (EXPECTABLE.some((step) => expected[step] === null && hold[step] !== null)) return undefined;
      if (Object.values(change).every((v) => v === undefined)) return copy(hold);
      const next = changed(hold, change);
      db.draft.write("holds").set(id, next);
      return copy(next);
    },

    async listOpen(limit = DEFAULT_LIST_LIMIT) {
      const open = [...db.draft.read("holds").values()].filter((h) => h.closedAt === null);
      const oldest = sorted(open, { by: (h) => h.heldAt.getTime() }, { by: (h) => h.id });
      return limited(oldest, limit).map(copy);
    },
  };
}

/** The parcel's return (SOP-51, SOP-52), as the SQL store reads it with the parcel. */
function returnOf(db: MemoryDb, trackingNo: string) {
  const found = [...db.draft.read("parcelReturns").values()].find((r) => r.trackingNo === trackingNo);
  return found && copy(found);
}
