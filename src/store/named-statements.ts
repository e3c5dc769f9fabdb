import { createHash } from "node:crypto";
import type { PostgresPool, PostgresPoolClient } from "kysely";
import { isReadCacheMarked } from "./pglite-dialect";

/**
 * The hot reads as named prepared statements on Postgres (issue 15). The statements marked for
 * PGlite's read cache (READ_CACHE_MARK: /track's parcel read and the like) run on every update;
 * sent unnamed, Postgres parses and plans each one again, and the parcel read's four subqueries
 * cost more to plan than to run. Named, each connection parses and plans it once (Postgres keeps
 * the plan per session, re-planning by itself after a schema change), and the client sends only
 * Bind and Execute. Any other statement goes through as it came.
 */

/** What `pg`'s client takes besides Kysely's (sql, parameters): a named statement. */
interface NamedQueryClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<unknown>;
}

const names = new Map<string, string>();

/** "cached plan must not change result type": a prepared plan whose table changed shape. */
const PLAN_CHANGED = "0A000";

/** The statement's name: the same text, the same name, in every process and connection. */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `pd_${createHash("sha1").update(sql).digest("hex").slice(0, 24)}`;
    names.set(sql, name);
  }
  return name;
}

/** Per connection, the statements whose prepared plan a migration outdated. */
const outdatedByClient = new WeakMap<PostgresPoolClient, Set<string>>();

function outdated(client: PostgresPoolClient): Set<string> {
  let names = outdatedByClient.get(client);
  if (!names) {
    names = new Set();
    outdatedByClient.set(client, names);
  }
  return names;
}

/**
 * Whether the client is inside a transaction, read before a statement is sent: pg's status of
 * the last ReadyForQuery, which a statement that succeeded has waited for. (After an error it may
 * lag: the error can reach the caller before the "transaction failed" status does.)
 */
function inTransaction(client: PostgresPoolClient): boolean {
  const status = (client as { getTransactionStatus?: () => string | null }).getTransactionStatus?.();
  return status === "T" || status === "E";
}

function namedClient(client: PostgresPoolClient): PostgresPoolClient {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: Kysely's two overloads, passed on as they came
    query(sqlOrCursor: any, parameters?: ReadonlyArray<unknown>): any {
      const name = parameters && isReadCacheMarked(sqlOrCursor) ? statementName(sqlOrCursor) : undefined;
      if (name && !outdatedByClient.get(client)?.has(name)) {
        const values = [...(parameters ?? [])];
        const inside = inTransaction(client);
        return (client as unknown as NamedQueryClient)
          .query({ name, text: sqlOrCursor, values })
          .catch((error: unknown) => {
            // A newer process migrated a table this statement reads with `select *` (a rolling
            // upgrade): its plan no longer fits. From now on this connection sends it unnamed;
            // this once it is sent again unnamed. Not inside a transaction, which the error
            // failed: its caller is told of this error, not of the failed transaction.
            if ((error as { code?: unknown }).code !== PLAN_CHANGED) throw error;
            outdated(client).add(name);
            if (inside) throw error;
            return client.query(sqlOrCursor, values);
          });
      }
      return parameters === undefined ? client.query(sqlOrCursor) : client.query(sqlOrCursor, parameters);
    },
    release: (destroy?: boolean) => client.release(destroy),
  };
}

/** `pool` for Kysely's PostgresDialect, its marked reads sent as named prepared statements. */
export function withNamedStatements(pool: PostgresPool): PostgresPool {
  return {
    connect: async () => namedClient(await pool.connect()),
    end: () => pool.end(),
  };
}
