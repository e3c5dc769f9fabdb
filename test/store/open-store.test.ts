import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createStore, openDatabase, openStore } from "../../src/store";
import { MIGRATION_DDL } from "../../src/store/migrations";
import { freshTrackingNo, scan } from "../support/parcels";
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from "../support/store-backends";

describe("openStore on embedded PGlite (no DATABASE_URL)", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("keeps its data under DATA_DIR/pglite across restarts, migrating once", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "parcel-desk-store-"));
    dirs.push(dataDir);
    const no = freshTrackingNo();

    const first = await openStore({ dataDir });
    await first.parcels.addScans([scan(no, "collected", "2024-05-01T00:00:00Z")], new Date());
    await first.close();
    await first.close(); // closing twice is harmless
    expect((await stat(join(dataDir, "pglite"))).isDirectory()).toBe(true);

    const db = await openDatabase({ dataDir });
    try {
      const second = createStore(db);
      expect((await second.parcels.get(no))?.scans).toHaveLength(1);
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATION_DDL)); // each once, in order
    } finally {
      await db.destroy();
    }
  }, 60_000); // initdb on a fresh directory takes seconds of CPU

  it("refuses a schema name that is not a plain SQL identifier", async () => {
    await expect(openStore({ schema: 'x"; drop table parcels; --' })).rejects.toThrow(/schema/);
  });
});

describe.skipIf(!TEST_DATABASE_URL)("openStore on Postgres (TEST_DATABASE_URL)", () => {
  const url = TEST_DATABASE_URL as string;
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(url, schema);
  });

  it("migrates safely when two processes start at once", async () => {
    const schema = uniqueSchema("concurrent");
    schemas.push(schema);
    // Two pools are two sessions, as two processes would be: both create the schema and
    // migrate at the same moment; Kysely's advisory lock lets one migrate, the other finds it done.
    const [a, b, c] = await Promise.all([
      openDatabase({ databaseUrl: url, schema, poolSize: 2 }),
      openDatabase({ databaseUrl: url, schema, poolSize: 2 }),
      openDatabase({ databaseUrl: url, schema, poolSize: 2 }),
    ]);
    try {
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(a);
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATION_DDL)); // each once, in order
      const no = freshTrackingNo();
      await createStore(a).parcels.addScans([scan(no, "collected", "2024-05-01T00:00:00Z")], new Date());
      expect(await createStore(b).parcels.hasDeliveryScan(no)).toBe(false);
      expect((await createStore(c).parcels.get(no))?.scans).toHaveLength(1);
    } finally {
      await Promise.all([a.destroy(), b.destroy(), c.destroy()]);
    }
  });

  it("keeps each schema's tables apart (search_path per store)", async () => {
    const one = uniqueSchema("iso_a");
    const two = uniqueSchema("iso_b");
    schemas.push(one, two);
    const [a, b] = await Promise.all([
      openStore({ databaseUrl: url, schema: one }),
      openStore({ databaseUrl: url, schema: two }),
    ]);
    try {
      const no = freshTrackingNo();
      await a.parcels.addScans([scan(no, "collected", "2024-05-01T00:00:00Z")], new Date());
      expect(await a.parcels.get(no)).toBeDefined();
      expect(await b.parcels.get(no)).toBeUndefined();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("migrates while other schemas are created and dropped beside it (as parallel test files do)", async () => {
    const churn = new pg.Client({ connectionString: url });
    await churn.connect();
    let stop = false;
    let dropped = 0;
    const churning = (async () => {
      for (let i = 0; !stop; i++) {
        const other = uniqueSchema(`churn_${i}`);
        await churn.query(`create schema "${other}"; create table "${other}".t (x int)`);
        await churn.query(`drop schema "${other}" cascade`);
        dropped += 1;
        await new Promise((done) => setTimeout(done, 5)); // test files drop a schema now and then, not always
      }
    })();
    try {
      for (let round = 0; round < 4; round++) {
        const schema = uniqueSchema("beside_drops");
        schemas.push(schema);
        const db = await openDatabase({ databaseUrl: url, schema, poolSize: 1 });
        const tables = (await db.introspection.getTables()).map((t) => t.name);
        await db.destroy();
        expect(tables).toContain("parcels"); // migrated, not merely opened
      }
    } finally {
      stop = true;
      await churning;
      await churn.end();
    }
    expect(dropped).toBeGreaterThan(0); // schemas were dropped beside the migrations
  });

  it("introspects its own schema only: the migrator finds its tables there, not another schema's", async () => {
    const mine = uniqueSchema("intro_a");
    const other = uniqueSchema("intro_b");
    schemas.push(mine, other);
    const [a, b] = await Promise.all([
      openDatabase({ databaseUrl: url, schema: mine, poolSize: 1 }),
      openDatabase({ databaseUrl: url, schema: other, poolSize: 1 }),
    ]);
    try {
      await sql`create table ${sql.table(`${other}.only_there`)} (x int)`.execute(b);
      const tables = await a.introspection.getTables();
      expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([mine]));
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["kysely_migration", "parcels"]));
      expect(tables.map((t) => t.name)).not.toContain("only_there");
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });
});
