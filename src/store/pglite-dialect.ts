/**
 * A Kysely dialect over embedded PGlite: Kysely's own PostgresDialect (adapter, introspector,
 * query compiler and driver) on top of a tiny `pg`-Pool look-alike that hands out the one
 * PGlite session.
 *
 * Why not the kysely-pglite package: it pins kysely 0.27 and pulls in a codegen CLI; what we
 * need is the forty lines below.
 *
 * PGlite is a single Postgres session, so the "pool" has exactly one connection and hands it
 * out serialised: a second connect() waits until the first is released. Kysely holds the
 * connection for the whole of a transaction, so two transactions never interleave. The flip
 * side: code running inside a transaction must use the transaction's repositories, never the
 * outer store (on PGlite that would wait for itself).
 */
import type { PGlite } from "@electric-sql/pglite";
import {
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
} from "kysely";

type Command = PostgresQueryResult<unknown>["command"];

/** Kysely's Postgres driver reads `{ command, rowCount, rows }`, as `pg` returns them. */
function toPgResult<R>(result: { rows: R[]; command?: string; rowCount?: number; affectedRows?: number }) {
  return {
    command: (result.command ?? "SELECT") as Command,
    rowCount: result.rowCount ?? result.affectedRows ?? 0,
    rows: result.rows,
  };
}

class PGliteClient {
  constructor(
    private readonly db: PGlite,
    private readonly onRelease: () => void,
  ) {}

  async query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
    if (parameters.length === 0) {
      // Like `pg`, a query without parameters goes over the simple protocol, so several
      // statements may be sent at once (migrations); the last one's result is answered.
      const results = await this.db.exec(sql);
      const last = results.at(-1) ?? { rows: [] };
      return toPgResult(last as { rows: R[]; command?: string; rowCount?: number });
    }
    return toPgResult(await this.db.query<R>(sql, parameters as unknown[]));
  }

  release(): void {
    this.onRelease();
  }
}

/** A pool of exactly one connection, handed out one holder at a time. */
export class PGlitePool implements PostgresPool {
  readonly options = {};
  #waiters: (() => void)[] = [];
  #busy = false;
  #ended = false;

  constructor(
    private readonly db: PGlite,
    private readonly ownsInstance: boolean,
  ) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.#ended) throw new Error("the PGlite store has been closed");
    if (this.#busy) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    this.#busy = true;
    let released = false;
    const client = new PGliteClient(this.db, () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next) next();
      else this.#busy = false;
    });
    // Kysely's type wants the `pg` overload for cursors too; streaming is not supported here.
    return client as unknown as PostgresPoolClient;
  }

  async end(): Promise<void> {
    this.#ended = true;
    if (this.ownsInstance && !this.db.closed) await this.db.close();
  }
}

/** Kysely's PostgresDialect on one PGlite instance; closing the Kysely closes PGlite when it owns it. */
export function createPGliteDialect(db: PGlite, opts: { ownsInstance?: boolean } = {}): PostgresDialect {
  return new PostgresDialect({ pool: new PGlitePool(db, opts.ownsInstance ?? true) });
}
