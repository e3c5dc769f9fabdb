import { AsyncLocalStorage } from "node:async_hooks";
import type { Repositories, Store } from "../../../src/domain/ports";
import { branchAskRepository } from "./branch-asks";
import { broadcastRepository, workloadRepository } from "./broadcasts";
import { claimRepository, complaintRepository } from "./claims-complaints";
import { auditLog } from "./claims-subscriptions-audit";
import { deliveryRepository } from "./deliveries";
import { followingRepository, followingSubscriptionRepository } from "./following";
import {
  holdRepository,
  type MemoryDb,
  parcelRepository,
  problemNoteRepository,
} from "./parcel-repositories";
import { pickupRepository, queryRepository } from "./request-repositories";
import { originTaskRepository, returnRepository } from "./returns-repositories";
import { Draft, emptyTables, type Tables } from "./tables";

/**
 * The Store port in memory, for domain and flow tests: it passes the same contract as the SQL
 * store (test/store/contract.test.ts). Like PGlite it is one session taken in turn: every
 * transaction, and every call outside one (a transaction of its own), runs after the previous
 * one has finished. A transaction works on a copy-on-write draft of the tables that replaces them
 * when the work returns and is dropped when it throws. What goes in and comes out is copied, so a
 * caller cannot change stored rows by changing its objects.
 */
export function openMemoryStore(): Store {
  let committed: Tables = emptyTables();
  let serial = 0;
  const nextSerial = () => ++serial; // a sequence: not rolled back, as in SQL
  let turn: Promise<unknown> = Promise.resolve();
  let closed = false;

  function transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new Error("the memory store has been closed"));
    const inside = openTransaction.getStore();
    if (inside && !inside.over) {
      // On PGlite this would wait for itself; on Postgres it would escape the transaction.
      return Promise.reject(
        new Error("the outer store was called inside store.transaction: use the transaction's repositories"),
      );
    }
    const run = turn.then(async () => {
      const draft = new Draft(committed);
      try {
        const result = await openTransaction.run(draft, () =>
          work(transactionRepositories(draft, nextSerial)),
        );
        if (draft.aborted) {
          // A failed statement the work caught: like Postgres (and Kysely), nothing is committed.
          throw new Error("the transaction was rolled back instead of committed: a statement in it failed", {
            cause: draft.abortedBy,
          });
        }
        committed = draft.end();
        return result;
      } finally {
        draft.end();
      }
    });
    turn = run.catch(() => undefined);
    return run;
  }

  return {
    ...autocommitRepositories(transaction),
    transaction,
    async ping() {
      if (closed) throw new Error("the memory store has been closed");
    },
    async close() {
      closed = true;
    },
  };
}

/** The transaction the running code is inside, if any. */
const openTransaction = new AsyncLocalStorage<Draft>();

const REPOSITORY_NAMES = [
  "parcels",
  "queries",
  "pickups",
  "problems",
  "holds",
  "claims",
  "complaints",
  "subscriptions",
  "following",
  "audit",
  "branchAsks",
  "returns",
  "originTasks",
  "broadcasts",
  "workload",
  "deliveries",
] as const satisfies readonly (keyof Repositories)[];

type Method = (...args: unknown[]) => Promise<unknown>;
type MethodTable = Record<string, Method>;

function repositoriesOn(db: MemoryDb): Repositories {
  return {
    parcels: parcelRepository(db),
    queries: queryRepository(db),
    pickups: pickupRepository(db),
    problems: problemNoteRepository(db),
    holds: holdRepository(db),
    claims: claimRepository(db),
    complaints: complaintRepository(db), // SOP-82
    subscriptions: followingSubscriptionRepository(db), // issue 17 (following.ts)
    following: followingRepository(db), // issue 17
    audit: auditLog(db),
    branchAsks: branchAskRepository(db), // SOP-13
    returns: returnRepository(db),
    originTasks: originTaskRepository(db),
    broadcasts: broadcastRepository(db), // SOP-83
    workload: workloadRepository(db), // SOP-90
    deliveries: deliveryRepository(db), // SOP-44, SOP-73, SOP-74
  };
}

/** The same repositories with each method replaced by `wrap(repository, method, original)`. */
function mapMethods(
  repos: Repositories,
  wrap: (name: keyof Repositories, method: string, original: Method) => Method,
): Repositories {
  const out: Record<string, MethodTable> = {};
  for (const name of REPOSITORY_NAMES) {
    const methods = Object.entries(repos[name] as unknown as MethodTable);
    out[name] = Object.fromEntries(
      methods.map(([method, original]) => [method, wrap(name, method, original)]),
    );
  }
  return out as unknown as Repositories;
}

/** The repositories of one transaction: a statement that fails aborts it (Postgres does the same). */
function transactionRepositories(draft: Draft, nextSerial: () => number): Repositories {
  return mapMethods(repositoriesOn({ draft, nextSerial }), (_name, _method, original) => async (...args) => {
    try {
      return await original(...args);
    } catch (error) {
      draft.abort(error);
      throw error;
    }
  });
}

/** The store's own repositories: each call is a transaction of its own (autocommit). */
function autocommitRepositories(transaction: Store["transaction"]): Repositories {
  const template = repositoriesOn({ draft: new Draft(emptyTables()), nextSerial: () => 0 });
  return mapMethods(
    template,
    (name, method) =>
      (...args) =>
        transaction((tx) => methodOf(tx, name, method)(...args)),
  );
}

function methodOf(repos: Repositories, name: keyof Repositories, method: string): Method {
  const found = (repos[name] as unknown as MethodTable)[method];
  if (!found) throw new Error(`the memory store has no ${name}.${method}`);
  return found;
}
