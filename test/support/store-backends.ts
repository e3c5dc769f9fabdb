import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "kysely";
import pg from "pg";
import type { Store } from "../../src/domain/ports";
import { createStore, openDatabase } from "../../src/store";
import type { Db } from "../../src/store/db";
import { pgliteTemplate } from "../../src/store/pglite-template";
import { openMemoryStore } from "./memory/store";

/**
 * The backends every store test runs on: the memory store (the test double of domain and flow
 * tests) and PGlite always, and the real Postgres of TEST_DATABASE_URL when it is set (each
 * suite in a schema of its own, dropped afterwards).
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export type SqlBackendName = "pglite" | "postgres";
export type BackendName = "memory" | SqlBackendName;
export const SQL_BACKENDS: SqlBackendName[] = TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
export const BACKENDS: BackendName[] = ["memory", ...SQL_BACKENDS];

/** Whether the backend is a database: only those have raw SQL, migrations and triggers. */
export function isSqlBackend(backend: BackendName): backend is SqlBackendName {
  return backend !== "memory";
}

export interface TestStore {
  backend: BackendName;
  store: Store;
  /** Raw SQL on the store's own connection (and schema); the memory store refuses it. */
  exec(query: string): Promise<Record<string, unknown>[]>;
  /** Closes the store and drops the suite's schema. */
  dispose(): Promise<void>;
}

export interface SqlTestStore extends TestStore {
  backend: SqlBackendName;
  db: Db;
}

/** A schema name no other suite uses. */
export function uniqueSchema(label: string): string {
  return `t_${label.replace(/[^a-z0-9]/g, "_")}_${process.pid}_${randomBytes(3).toString("hex")}`;
}

export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

export async function openTestStore(backend: SqlBackendName, label: string): Promise<SqlTestStore>;
export async function openTestStore(backend: BackendName, label: string): Promise<TestStore>;
export async function openTestStore(backend: BackendName, label: string): Promise<TestStore> {
  if (!isSqlBackend(backend)) return openMemoryTestStore();
  if (backend === "postgres" && !TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  const schema = backend === "postgres" ? uniqueSchema(label) : undefined;
  const db = await openDatabase(backend === "postgres" ? { databaseUrl: TEST_DATABASE_URL, schema } : {});
  const store = createStore(db);
  const opened: SqlTestStore = {
    backend,
    store,
    db,
    async exec(query) {
      const result = await sql.raw<Record<string, unknown>>(query).execute(db);
      return result.rows;
    },
    async dispose() {
      await store.close();
      if (TEST_DATABASE_URL && schema) await dropSchema(TEST_DATABASE_URL, schema);
    },
  };
  return opened;
}

function openMemoryTestStore(): TestStore {
  const store = openMemoryStore();
  return {
    backend: "memory",
    store,
    async exec() {
      throw new Error("the memory store has no SQL: run this test on the SQL backends only (isSqlBackend)");
    },
    dispose: () => store.close(),
  };
}

/**
 * Prepares a fresh DATA_DIR from the migrated PGlite template, as if a store had been opened
 * there before: tests about something else (crashes) skip initdb's seconds of CPU.
 */
export async function seedPGliteDataDir(dataDir: string): Promise<void> {
  const blob = await pgliteTemplate();
  if (!blob) return; // no template: the first open runs initdb, only slower
  const pglite = new PGlite(join(dataDir, "pglite"), { loadDataDir: blob });
  await pglite.waitReady;
  await pglite.close();
}
