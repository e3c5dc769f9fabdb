import { type Kysely, type Migration, Migrator, sql } from "kysely";
import type { Logger } from "../log";
import {
  branchAsks,
  broadcasts,
  claimsComplaints,
  following,
  pickupDestination,
  receiptsUndelivered,
  returns,
} from "./migrations-areas";

/**
 * Migrations in code, applied at start-up (openStore). Kysely's Migrator runs them in one
 * transaction under Postgres's advisory migration lock, so two processes starting at once
 * take turns: the second finds everything applied and does nothing.
 *
 * An applied migration is never edited: a change of schema is a new entry below. The lists of
 * kinds and statuses are written out (not imported from the domain) for the same reason.
 */

const initial = [
  `create table parcels (
     tracking_no text primary key,
     first_seen_at timestamptz not null
   )`,
  // Idempotent ingest: the same (tracking_no, at, kind, location) is the same scan.
  `create table scans (
     id bigserial primary key,
     tracking_no text not null references parcels (tracking_no),
     at timestamptz not null,
     kind text not null check (kind in ('collected', 'departed', 'arrived', 'out_for_delivery', 'delivered',
                                        'problem', 'held_for_pickup', 'returned')),
     location text not null check (length(location) between 1 and 200),
     note text check (length(note) <= 500),
     origin_branch text check (length(origin_branch) <= 100),
     received_at timestamptz not null,
     constraint scans_same_scan unique (tracking_no, at, kind, location)
   )`,
  // The hot read: a parcel's newest scans.
  "create index scans_parcel_latest on scans (tracking_no, at desc, id desc)",

  `create table queries (
     id text primary key,
     kind text not null check (kind in ('customer', 'branch')),
     tracking_no text,
     asked_channel text not null,
     asked_chat_id text not null,
     asked_user_id text,
     from_branch text,
     language text not null,
     text text not null,
     created_at timestamptz not null,
     warn_at timestamptz not null,
     due_at timestamptz not null,
     status text not null check (status in ('open', 'answered')),
     assignee text,
     answered_at timestamptz,
     answered_by text
   )`,
  "create index queries_open_by_due on queries (due_at) where status = 'open'",
  "create index queries_open_by_asker on queries (asked_channel, asked_chat_id, created_at desc) where status = 'open'",
  `create table query_messages (
     id text primary key,
     seq bigserial not null,
     query_id text not null references queries (id),
     at timestamptz not null,
     author text not null check (author in ('customer', 'agent', 'system')),
     person_id text,
     text text not null
   )`,
  "create index query_messages_by_query on query_messages (query_id, at, seq)",

  `create table pickups (
     id text primary key,
     customer_channel text not null,
     customer_chat_id text not null,
     customer_user_id text,
     language text not null,
     contact_name text,
     phone text not null,
     address text not null,
     zone_id text,
     goods text not null,
     payment text not null check (payment in ('sender_pays', 'cod', 'account')),
     pickup_day date not null,
     earliest_at timestamptz not null,
     morning boolean not null,
     status text not null check (status in ('requested', 'assigned', 'accepted', 'collected', 'cancelled')),
     courier_id text,
     created_at timestamptz not null,
     updated_at timestamptz not null
   )`,
  "create index pickups_by_status on pickups (status, created_at)",
  "create index pickups_by_customer on pickups (customer_channel, customer_chat_id, created_at desc)",
  `create table pickup_events (
     id bigserial primary key,
     pickup_id text not null references pickups (id),
     at timestamptz not null,
     event text not null,
     actor jsonb not null,
     note text
   )`,
  "create index pickup_events_by_pickup on pickup_events (pickup_id, at, id)",

  `create table problem_notes (
     id text primary key,
     tracking_no text not null references parcels (tracking_no),
     category text not null,
     details jsonb not null,
     counts_as_delayed boolean not null,
     follow_ups text[] not null,
     recorded_by text not null,
     recorded_at timestamptz not null
   )`,
  "create index problem_notes_by_parcel on problem_notes (tracking_no, recorded_at desc)",

  `create table holds (
     id text primary key,
     tracking_no text not null references parcels (tracking_no),
     place text not null,
     origin_branch text,
     held_at timestamptz not null,
     origin_messaged_at timestamptz,
     origin_replied_at timestamptz,
     marked_for_return_at timestamptz,
     closed_at timestamptz,
     close_reason text check (close_reason in ('collected', 'delivered', 'returned', 'origin_replied')),
     constraint holds_closed_with_reason check ((closed_at is null) = (close_reason is null))
   )`,
  // At most one open self-pickup hold per parcel (SOP-50, SOP-51 run one clock per parcel).
  "create unique index holds_one_open_per_parcel on holds (tracking_no) where closed_at is null",
  "create index holds_open_by_held_at on holds (held_at) where closed_at is null",

  `create table claims (
     id text primary key,
     tracking_no text not null,
     kind text not null check (kind in ('loss', 'delay', 'damage')),
     customer jsonb,
     opened_at timestamptz not null,
     due_at timestamptz not null,
     opened_by text not null,
     settled_at timestamptz,
     note text
   )`,
  "create index claims_open_by_due on claims (due_at) where settled_at is null",

  `create table subscriptions (
     tracking_no text not null,
     channel text not null,
     chat_id text not null,
     user_id text,
     language text not null,
     created_at timestamptz not null,
     primary key (tracking_no, channel, chat_id)
   )`,

  `create table audit_log (
     id bigserial primary key,
     at timestamptz not null,
     actor jsonb not null,
     action text not null,
     subject text not null,
     data jsonb not null
   )`,
  "create index audit_log_by_subject on audit_log (subject, id desc)",
  // Append-only: who did what when is never rewritten, not even by a stray UPDATE.
  `create function audit_log_append_only() returns trigger language plpgsql as $$
   begin
     raise exception 'audit_log is append-only: % refused', tg_op;
   end
   $$`,
  `create trigger audit_log_no_update before update or delete on audit_log
     for each row execute function audit_log_append_only()`,
  `create trigger audit_log_no_truncate before truncate on audit_log
     for each statement execute function audit_log_append_only()`,
];

// A courier's own pickups (Desk.courierPickups) are read by courier, not by scanning a status.
const pickupsByCourier = [
  "create index pickups_by_courier on pickups (courier_id, status, created_at) where courier_id is not null",
];

// A customer's thread with the desk (queries/thread.ts): photos as the channel's file reference, and
// the asker's queries read by chat whatever their status (open, or answered lately).
const queryThreads = [
  "alter table query_messages add column photo text",
  "create index queries_by_asker on queries (asked_channel, asked_chat_id, created_at desc)",
];

// SOP-26: a pickup by air is shown as such to dispatch and the courier.
const pickupByAir = ["alter table pickups add column by_air boolean not null default false"];

/** The DDL of each migration, ordered by name; append new ones, never rename or edit. */
export const MIGRATION_DDL: Readonly<Record<string, readonly string[]>> = {
  "0001_initial": initial,
  "0002_pickups_by_courier": pickupsByCourier,
  "0003_query_threads": queryThreads,
  "0004_pickup_by_air": pickupByAir,
  "0005_returns": returns,
  "0006_claims_complaints": claimsComplaints, // SOP-70..SOP-72, SOP-82
  "0007_receipts_undelivered": receiptsUndelivered, // SOP-44, SOP-73, SOP-74
  "0008_broadcasts": broadcasts,
  "0009_branch_asks": branchAsks,
  "0010_pickup_destination": pickupDestination, // SOP-26, SOP-27
  "0011_following": following, // issue 17
};

export const migrations: Record<string, Migration> = Object.fromEntries(
  Object.entries(MIGRATION_DDL).map(([name, ddl]) => [
    name,
    {
      async up(db) {
        for (const statement of ddl) await sql.raw(statement).execute(db);
      },
    } satisfies Migration,
  ]),
);

export class MigrationError extends Error {
  override name = "MigrationError";
}

/**
 * Brings the schema up to date. `schema` is where Kysely keeps its bookkeeping tables (the
 * same schema the tables land in, via search_path), so that test schemas do not see each other.
 */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: the migrator works on any database shape
  db: Kysely<any>,
  opts: { schema: string; log?: Logger },
): Promise<void> {
  // A start on a schema that is up to date (every restart) costs one query instead of the
  // migrator's checks, lock and introspection (issue 15, start-up).
  if (await upToDate(db, opts.schema)) return;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: opts.schema,
  });
  // On Postgres the migrator lists only the store's schema (schema-introspector.ts), so a schema
  // another connection drops meanwhile cannot fail its look for its own table (kysely#1419).
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === "Success") opts.log?.info({ migration: r.migrationName }, "database migration applied");
    if (r.status === "Error") opts.log?.error({ migration: r.migrationName }, "database migration failed");
  }
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`database migration failed: ${message}`, { cause: error });
  }
}

/**
 * Whether every migration here, and none other, is recorded as applied. Anything else (a new
 * database, a pending migration, one this code does not know) goes to the migrator, which applies
 * or refuses under its lock.
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any database shape
async function upToDate(db: Kysely<any>, schema: string): Promise<boolean> {
  const names = Object.keys(migrations).sort();
  try {
    const { rows } = await sql<{
      name: string;
    }>`select name from ${sql.table(`${schema}.kysely_migration`)}`.execute(db);
    // Sorted here: the database's collation need not order names as JavaScript does.
    const applied = rows.map((row) => row.name).sort();
    return applied.length === names.length && applied.every((name, i) => name === names[i]);
  } catch {
    return false; // no bookkeeping table yet: a new database
  }
}
