import type {
  Broadcast,
  BroadcastRepository,
  WorkloadRepository,
} from "../../../src/domain/ports/broadcast-records";
import type { MemoryDb } from "./parcel-repositories";
import { check, copy, duplicateKey, limited, sorted } from "./tables";

/** SOP-83 broadcasts (with their recipients in the row) and SOP-90's count of answered queries. */
export function broadcastRepository(db: MemoryDb): BroadcastRepository {
  return {
    async insert(broadcast) {
      if (db.draft.read("broadcasts").has(broadcast.id)) {
        throw duplicateKey("broadcasts", "broadcasts_pkey", broadcast.id);
      }
      const length = [...broadcast.text].length;
      check(length >= 1 && length <= 1000, "broadcasts", "broadcasts_text_check");
      const ids = broadcast.recipients.map((r) => r.personId);
      if (new Set(ids).size !== ids.length) {
        throw duplicateKey("broadcast_recipients", "broadcast_recipients_pkey", broadcast.id);
      }
      db.draft.write("broadcasts").set(broadcast.id, copy(broadcast));
    },

    async get(id) {
      const found = db.draft.read("broadcasts").get(id);
      return found && copy(found);
    },

    async acknowledge(id, personId, at) {
      const broadcast = db.draft.read("broadcasts").get(id);
      if (!broadcast) return "not_found";
      const recipient = broadcast.recipients.find((r) => r.personId === personId);
      if (!recipient) return "not_recipient";
      if (recipient.acknowledgedAt !== null) return "already";
      const next: Broadcast = {
        ...broadcast,
        recipients: broadcast.recipients.map((r) =>
          r.personId === personId ? { ...r, acknowledgedAt: new Date(at) } : r,
        ),
      };
      db.draft.write("broadcasts").set(id, next);
      return "acknowledged";
    },

    async listRecent(limit) {
      const all = [...db.draft.read("broadcasts").values()];
      return limited(
        sorted(all, { by: (b) => b.sentAt.getTime(), desc: true }, { by: (b) => b.id }),
        limit,
      ).map(copy);
    },
  };
}

export function workloadRepository(db: MemoryDb): WorkloadRepository {
  return {
    async answeredCounts(from, to) {
      const counts = new Map<string, number>();
      for (const query of db.draft.read("queries").values()) {
        const at = query.answeredAt?.getTime();
        if (at === undefined || query.answeredBy === null || at < from.getTime() || at >= to.getTime())
          continue;
        counts.set(query.answeredBy, (counts.get(query.answeredBy) ?? 0) + 1);
      }
      return sorted(counts, { by: ([personId]) => personId }).map(([personId, count]) => ({
        personId,
        count,
      }));
    },
  };
}
