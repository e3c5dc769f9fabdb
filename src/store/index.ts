import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { type Dialect, Kysely, sql } from "kysely";
import type { Repositories, Store } from "../domain/ports";
import type { Logger } from "../log";
import { phase } from "../startup-phases";
import { auditLog } from "./audit-log";
import { rememberEmbedded } from "./backup";
import { branchAskRepository } from "./branch-ask-repository";
import { broadcastRepository, workloadRepository } from "./broadcast-repository";
import { claimRepository } from "./claim-repository";
import { complaintRepository } from "./complaint-repository";
import { dashboardReads } from "./dashboard-reads";
import { lockDataDir, openLocked } from "./data-dir-lock";
import type { Db } from "./db";
import { deliveryRepository } from "./delivery-repository";
import { followingRepository } from "./following-repository";
import { holdRepository } from "./hold-repository";
import { migrateToLatest } from "./migrations";
import { withNamedStatements } from "./named-statements";
import { parcelRepository } from "./parcel-repository";
import { takePGliteAssets } from "./pglite-assets";
import { createPGliteDialect } from "./pglite-dialect";
import { pickupRepository } from "./pickup-repository";
import { problemNoteRepository } from "./problem-note-repository";
import { queryRepository } from "./query-repository";
import { originTaskRepository, returnRepository } from "./return-repository";
import type { Database } from "./schema";
import { OneSchemaPostgresDialect } from "./schema-introspector";
import { subscriptionRepository } from "./subscription-repository";

export { MigrationError } from "./migrations";
export { StoreConflictError, StoreRowError } from "./rows";
export type { Database };

export interface OpenStoreOptions {
  /** postgres://…: a `pg` pool. Unset: embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite keeps its files under `${dataDir}/pglite`; unset: in memory (tests). */
  dataDir?: string | undefined;
  /** A schema of its own (created if missing), e.g. one per test suite; default `public`. */
  schema?: string | undefined;
  log?: Logger | undefined;
  /** Connections of the `pg` pool (default 10). */
  poolSize?: number | undefined;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The repositories on a database or on one transaction of it. */
export function repositories(db: Db): Repositories {
  return {
    parcels: parcelRepository(db),
    queries: queryRepository(db),
    pickups: pickupRepository(db),
    problems: problemNoteRepository(db),
    holds: holdRepository(db),
    claims: claimRepository(db),
    complaints: complaintRepository(db), // SOP-82
    subscriptions: subscriptionRepository(db),
    following: followingRepository(db), // issue 17
    audit: auditLog(db),
    branchAsks: branchAskRepository(db), // SOP-13
    broadcasts: broadcastRepository(db), // SOP-83
    workload: workloadRepository(db), // SOP-90
    returns: returnRepository(db),
    originTasks: originTaskRepository(db),
    deliveries: deliveryRepository(db), // SOP-44, SOP-73, SOP-74
  };
}

/** A Store on an open Kysely (migrated already); close() destroys the Kysely. */
export function createStore(db: Db): Store {
  let closed: Promise<void> | undefined;
  return {
    ...repositories(db),
    transaction: (work) => db.transaction().execute((trx) => work(repositories(trx))),
    dashboard: dashboardReads(db),
    async ping() {
      await sql`select 1`.execute(db);
    },
    close() {
      closed ??= db.destroy();
      return closed;
    },
  };
}

/**
 * Opens the store and brings its schema up to date: Postgres through `pg` when `databaseUrl`
 * is set, else embedded PGlite (on disk under dataDir, or in memory). Safe to call from
 * several processes at once on one Postgres (the migrations take a lock).
 */
export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  return createStore(await openDatabase(opts));
}

/** The migrated Kysely under openStore (for tools and tests that need SQL of their own). */
export async function openDatabase(opts: OpenStoreOptions = {}): Promise<Db> {
  const schema = opts.schema ?? "public";
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`store schema "${schema}" must be a lower-case SQL identifier`);
  const dialect = opts.databaseUrl
    ? await postgresDialect(opts.databaseUrl, schema, opts)
    : await pgliteDialect(opts.dataDir, schema, opts.log);
  const db = new Kysely<Database>({ dialect });
  phase("database open");
  try {
    await migrateToLatest(db, { schema, log: opts.log });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  opts.log?.debug({ backend: opts.databaseUrl ? "postgres" : "pglite", schema }, "store open");
  return db;
}

async function postgresDialect(
  databaseUrl: string,
  schema: string,
  opts: OpenStoreOptions,
): Promise<Dialect> {
  // `pg` and PGlite are loaded only by the backend that uses them (start-up time, issue 15).
  const { default: pg } = await import("pg");
  phase("pg loaded");
  if (schema !== "public") await createSchema(pg, databaseUrl, schema);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: opts.poolSize ?? 10,
    // Every connection of the pool sees only this schema's tables.
    ...(schema !== "public" ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection that drops (database restart) must not crash the process; the next
  // query reconnects.
  pool.on("error", (error) => opts.log?.warn({ err: error }, "idle database connection failed"));
  // A connection the pool has lent out (between a transaction's statements) that the server cuts
  // (restart, "terminating connection due to administrator command") emits "error" on the client
  // itself, where nobody listens: without this, an unhandled event that ends the process. The
  // statement in flight fails on its own; the pool drops the broken client when it comes back.
  pool.on("connect", (client) => {
    client.on("error", (error) => opts.log?.warn({ err: error }, "database connection lost"));
  });
  // The hot reads as named statements, planned once per connection (issue 15).
  return new OneSchemaPostgresDialect({ pool: withNamedStatements(pool) }, schema);
}

async function createSchema(
  pg: typeof import("pg").default,
  databaseUrl: string,
  schema: string,
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`create schema if not exists "${schema}"`);
  } catch (error) {
    // Two processes creating it at once: "if not exists" can still race; the loser sees it exists.
    const { rows } = await client.query("select 1 from pg_namespace where nspname = $1", [schema]);
    if (rows.length === 0) throw error;
  } finally {
    await client.end();
  }
}

async function pgliteDialect(
  dataDir: string | undefined,
  schema: string,
  log: Logger | undefined,
): Promise<Dialect> {
  const { memoryPGlite } = await import("./pglite-template");
  const pglite = dataDir === undefined ? await memoryPGlite(log) : await openDataDir(dataDir, log);
  if (dataDir !== undefined) rememberEmbedded(dataDir, pglite); // for backups (backup.ts)
  if (schema !== "public") {
    // One session: setting search_path once holds for every later query.
    await pglite.exec(`create schema if not exists "${schema}"; set search_path to "${schema}"`);
  }
  return createPGliteDialect(pglite, { ownsInstance: true });
}

/**
 * PGlite on disk under `${dataDir}/pglite`. A new directory starts as a copy of this machine's
 * migrated template (pglite-template.ts) when there is one: no initdb, no migrations to run, and
 * no initdb program in memory (seconds and hundreds of MB at a first start); else, or if the copy
 * fails, initdb.
 */
async function openDataDir(dataDir: string, log: Logger | undefined): Promise<PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  phase("pglite loaded");
  const dir = join(dataDir, "pglite");
  await mkdir(dir, { recursive: true });
  // The lock is taken before a new directory is filled: two first starts at once must not both
  // copy the template into it.
  const unlock = lockDataDir(dataDir);
  try {
    if (!existsSync(join(dir, "PG_VERSION"))) {
      const { copyTemplate, templateDataDir } = await import("./pglite-template");
      const template = await templateDataDir(log);
      if (template) {
        try {
          await copyTemplate(template, dir);
          phase("template copied");
        } catch (error) {
          log?.warn(
            { err: error },
            "could not copy the PGlite template into the new data dir; running initdb",
          );
          await rm(dir, { recursive: true, force: true });
          await mkdir(dir, { recursive: true });
        }
      }
    }
    // Postgres's own buffer cache lives in PGlite's memory, which never shrinks; the files are in
    // the OS's cache anyway. 16 MB instead of 128 MB: about 150 MB less RSS (issue 15).
    const startParams = [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`];
    const assets = await takePGliteAssets(); // read and compiled ahead by `npm start` (startup.ts)
    return await openLocked(dataDir, () => new PGlite(dir, { startParams, ...assets }));
  } finally {
    unlock(); // openLocked holds its own count of the lock until the database closes
  }
}

const PGLITE_SHARED_BUFFERS = "16MB";
