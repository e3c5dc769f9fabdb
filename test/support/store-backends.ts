import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "kysely";
import pg from "pg";
import type { Store } from "../../src/domain/ports";
import { createStore, openDatabase } from "../../src/store";
import type { Db } from "../../src/store/db";
import { pgliteTemplate } from "../../src/store/pglite-template";

/**
 * The backends every store test runs on: PGlite in memory always, and the real Postgres of
 * TEST_DATABASE_URL when it is set (each suite in a schema of its own, dropped afterwards).
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export type BackendName = "pglite" | "postgres";
export const BACKENDS: BackendName[] = TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestStore {
  store: Store;
  db: Db;
  /** Raw SQL on the store's own connection (and schema). */
  exec(query: string): Promise<Record<string, unknown>[]>;
  /** Closes the store and drops the suite's schema. */
  dispose(): Promise<void>;
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

export async function openTestStore(backend: BackendName, label: string): Promise<TestStore> {
  if (backend === "postgres" && !TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  const schema = backend === "postgres" ? uniqueSchema(label) : undefined;
  const db = await openDatabase(backend === "postgres" ? { databaseUrl: TEST_DATABASE_URL, schema } : {});
  const store = createStore(db);
  return {
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
