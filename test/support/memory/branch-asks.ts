import type { BranchAsk, BranchAskRepository } from "../../../src/domain/ports/branch-ask-records";
import type { MemoryDb } from "./parcel-repositories";
import { check, copy, duplicateKey, limited, missingReference, sorted } from "./tables";

/** SOP-13: branch_asks in memory, as migration 0009_branch_asks defines the table. */
export function branchAskRepository(db: MemoryDb): BranchAskRepository {
  return {
    async insert(ask) {
      const table = db.draft.read("branchAsks");
      if (table.has(ask.id)) throw duplicateKey("branch_asks", "branch_asks_pkey", ask.id);
      if (ask.queryId !== null && !db.draft.read("queries").has(ask.queryId)) {
        throw missingReference("branch_asks", "branch_asks_query_id_fkey", ask.queryId);
      }
      checkAnswered(ask);
      db.draft.write("branchAsks").set(ask.id, copy(ask));
    },

    async get(id) {
      const ask = db.draft.read("branchAsks").get(id);
      return ask ? copy(ask) : undefined;
    },

    async listOpen(limit) {
      const open = [...db.draft.read("branchAsks").values()].filter((a) => a.status === "open");
      return limited(
        sorted(open, { by: (a) => a.dueAt.getTime() }, { by: (a) => a.id }),
        Math.max(0, Math.floor(limit)),
      ).map(copy);
    },

    async listByQuery(queryId) {
      const mine = [...db.draft.read("branchAsks").values()].filter((a) => a.queryId === queryId);
      return sorted(mine, { by: (a) => a.askedAt.getTime() }, { by: (a) => a.id }).map(copy);
    },

    async recordAnswer(id, answer) {
      const ask = db.draft.read("branchAsks").get(id);
      if (ask?.status !== "open") return undefined;
      const updated: BranchAsk = {
        ...ask,
        status: "answered",
        answer: answer.answer,
        answeredAt: new Date(answer.answeredAt),
        answeredBy: answer.answeredBy,
      };
      checkAnswered(updated);
      db.draft.write("branchAsks").set(id, updated);
      return copy(updated);
    },
  };
}

function checkAnswered(ask: BranchAsk): void {
  check(["open", "answered"].includes(ask.status), "branch_asks", "branch_asks_status_check");
  const complete = ask.answer !== null && ask.answeredAt !== null && ask.answeredBy !== null;
  check((ask.status === "answered") === complete, "branch_asks", "branch_asks_answered");
}
