import type { PostgresPoolClient } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statementName, withNamedStatements } from "../../src/store/named-statements";
import { READ_CACHE_MARK } from "../../src/store/pglite-dialect";
import { TEST_DATABASE_URL } from "../support/store-backends";

/** A temp table holding one row (1, 'x') on this connection, and the marked read of it by id. */
async function markedReadOfNewTable(client: PostgresPoolClient, table: string): Promise<string> {
  await client.query(`create temp table ${table} (id int, a text)`, []);
  await client.query(`insert into ${table} values (1, 'x')`, []);
  return `${READ_CACHE_MARK} select * from ${table} where id = $1`;
}

/** Issue 15: the marked hot reads go to Postgres as named prepared statements, parsed once per connection. */
describe.skipIf(!TEST_DATABASE_URL)("named statements on Postgres", () => {
  let raw: pg.Pool;
  beforeAll(() => {
    raw = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
  });
  afterAll(async () => {
    await raw.end();
  });

  it("prepares a marked read once on its connection and leaves other statements unnamed", async () => {
    const pool = withNamedStatements(raw);
    const marked = `${READ_CACHE_MARK} select $1::int + 1 as n`;
    const client = await pool.connect();
    try {
      for (const n of [1, 2, 3]) {
        const result = await client.query<{ n: number }>(marked, [n]);
        expect(result.rows).toEqual([{ n: n + 1 }]);
      }
      expect((await client.query<{ n: number }>("select $1::int * 2 as n", [4])).rows).toEqual([{ n: 8 }]);
      const prepared = await client.query<{ name: string; statement: string }>(
        "select name, statement from pg_prepared_statements",
        [],
      );
      expect(prepared.rows).toEqual([{ name: statementName(marked), statement: marked }]);
    } finally {
      client.release();
    }
  });

  it("still answers a prepared read after a migration changed its table's columns (a rolling upgrade)", async () => {
    const table = `named_shape_${process.pid}`;
    const pool = withNamedStatements(raw);
    const client = await pool.connect();
    try {
      const marked = await markedReadOfNewTable(client, table);
      expect((await client.query(marked, [1])).rows).toEqual([{ id: 1, a: "x" }]);
      await client.query(`alter table ${table} add column b int`, []); // another process's migration
      expect((await client.query(marked, [1])).rows).toEqual([{ id: 1, a: "x", b: null }]);
      // From then on unnamed on this connection: a transaction reading it is not failed.
      await client.query("begin", []);
      expect((await client.query(marked, [1])).rows).toEqual([{ id: 1, a: "x", b: null }]);
      await client.query("commit", []);
    } finally {
      client.release();
    }
  });

  it("inside a transaction, fails it with the outdated plan's own error, then answers unnamed", async () => {
    const table = `named_tx_${process.pid}`;
    const pool = withNamedStatements(raw);
    const client = await pool.connect();
    try {
      const marked = await markedReadOfNewTable(client, table);
      await client.query(marked, [1]);
      await client.query(`alter table ${table} add column b int`, []); // another process's migration
      await client.query("begin", []);
      await expect(client.query(marked, [1])).rejects.toMatchObject({ code: "0A000" });
      await client.query("rollback", []);
      // The transaction tried again: the read is sent unnamed on this connection from now on.
      await client.query("begin", []);
      expect((await client.query(marked, [1])).rows).toEqual([{ id: 1, a: "x", b: null }]);
      await client.query("commit", []);
    } finally {
      client.release();
    }
  });

  it("names the same text the same way, and two texts two ways", () => {
    const a = `${READ_CACHE_MARK} select 1`;
    expect(statementName(a)).toBe(statementName(`${READ_CACHE_MARK} select 1`));
    expect(statementName(a)).not.toBe(statementName(`${READ_CACHE_MARK} select 2`));
    expect(statementName(a)).toMatch(/^pd_[0-9a-f]{24}$/);
  });
});
