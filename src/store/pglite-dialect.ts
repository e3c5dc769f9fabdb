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

/**
 * Marks a read the PGlite pool may answer from memory (issue 15: /track at hundreds of updates a
 * second): a statement that starts with it (or with `select ` and then it) and whose result
 * depends only on the stored rows and its parameters (no now(), no random(), no sequence).
 * Postgres reads it as a comment; other backends are not affected.
 */
export const READ_CACHE_MARK = "/* read-cache */";

/** How many marked results are kept (the oldest used goes first): a few MB of parcel rows. */
const READ_CACHE_ENTRIES = 2048;

/** A single statement that only reads: `select …` with no second statement after it. */
const PLAIN_SELECT = /^\s*select\b[^;]*;?\s*$/i;

/**
 * Marked: the mark first, or right after `select ` (Kysely's modifyFront puts it there). Also what
 * Postgres sends as a named statement (named-statements.ts).
 */
export function isReadCacheMarked(sql: unknown): sql is string {
  return typeof sql === "string" && (sql.startsWith(READ_CACHE_MARK) || sql.startsWith(READ_CACHE_MARK, 7));
}

function isPlainSelect(sql: string): boolean {
  return PLAIN_SELECT.test(sql.startsWith(READ_CACHE_MARK) ? sql.slice(READ_CACHE_MARK.length) : sql);
}

/**
 * Results of marked reads, for the one PGlite session. Correct because PGlite belongs to this
 * process alone (the data-dir lock; `npm run worker` needs Postgres) and every statement goes
 * through this pool's one connection: any statement other than a plain select (an insert, an
 * update, a delete, begin, commit, rollback, DDL, several statements at once) empties the cache
 * when it is sent and again when it ends. A read is kept only when no such statement was sent or
 * ended while it ran, so a kept result is what the read would return now. A read inside a
 * transaction sees that transaction's writes and may be kept, but its commit or rollback empties
 * the cache before any other holder of the connection can read. Writers are not asked to invalidate
 * anything: invalidation cannot be forgotten by a new write path.
 */
export class ReadCache {
  #entries = new Map<string, PostgresQueryResult<unknown>>();
  #generation = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly limit = READ_CACHE_ENTRIES) {}

  /** A statement that may write: everything kept so far is forgotten. */
  invalidate(): void {
    this.#generation++;
    if (this.#entries.size > 0) this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  async read<R>(key: string, run: () => Promise<PostgresQueryResult<R>>): Promise<PostgresQueryResult<R>> {
    const kept = this.#entries.get(key) as PostgresQueryResult<R> | undefined;
    if (kept) {
      this.hits++;
      // Most recently used last, so that the oldest used is the one evicted.
      this.#entries.delete(key);
      this.#entries.set(key, kept);
      return kept;
    }
    this.misses++;
    const generation = this.#generation;
    const result = await run();
    if (generation === this.#generation) {
      if (this.#entries.size >= this.limit) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
      this.#entries.set(key, result as PostgresQueryResult<unknown>);
    }
    return result;
  }
}

class PGliteClient {
  constructor(
    private readonly db: PGlite,
    private readonly cache: ReadCache,
    private readonly onRelease: () => void,
  ) {}

  async query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
    if (isPlainSelect(sql)) {
      if (!isReadCacheMarked(sql)) return this.run<R>(sql, parameters);
      return this.cache.read(`${sql}\u0000${JSON.stringify(parameters)}`, () => this.run<R>(sql, parameters));
    }
    this.cache.invalidate();
    try {
      return await this.run<R>(sql, parameters);
    } finally {
      this.cache.invalidate();
    }
  }

  private async run<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
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
  /** Marked reads answered from memory (ReadCache). */
  readonly readCache = new ReadCache();

  constructor(
    private readonly db: PGlite,
    private readonly ownsInstance: boolean,
  ) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.#ended) throw new Error("the PGlite store has been closed");
    if (this.#busy) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    this.#busy = true;
    let released = false;
    const client = new PGliteClient(this.db, this.readCache, () => {
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
