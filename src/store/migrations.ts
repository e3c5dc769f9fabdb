import { type Kysely, type Migration, Migrator, sql } from "kysely";
import type { Logger } from "../log";

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

// SOP-51, SOP-52, SOP-60: a parcel marked for return (one per parcel), and SOP-38, SOP-45: the
// messages to the origin branch tracked until someone records them sent.
const returns = [
  `create table parcel_returns (
     id text primary key,
     tracking_no text not null references parcels (tracking_no),
     hold_id text references holds (id),
     origin_branch text check (length(origin_branch) <= 100),
     marking text not null check (length(marking) between 1 and 120),
     rule text not null check (rule in ('SOP-51', 'SOP-52')),
     marked_at timestamptz not null,
     marked_by text,
     destination text check (length(destination) between 1 and 100),
     weight_kg double precision check (weight_kg > 0 and weight_kg <= 1000),
     fee_yuan integer check (fee_yuan >= 0),
     held_by text,
     constraint parcel_returns_one_per_parcel unique (tracking_no)
   )`,
  "create index parcel_returns_by_marked_at on parcel_returns (marked_at, id)",
  `create table origin_tasks (
     id text primary key,
     tracking_no text not null references parcels (tracking_no),
     rule text not null check (rule in ('SOP-38', 'SOP-45')),
     note_id text not null references problem_notes (id),
     origin_branch text check (length(origin_branch) <= 100),
     text text not null check (length(text) between 1 and 1000),
     created_at timestamptz not null,
     sent_at timestamptz,
     sent_by text,
     constraint origin_tasks_sent_with_who check ((sent_at is null) = (sent_by is null))
   )`,
  "create index origin_tasks_open on origin_tasks (created_at, id) where sent_at is null",
];

// SOP-13: a query raised to another branch, kept until its answer is recorded (queries/branch-asks.ts).
const branchAsks = [
  `create table branch_asks (
     id text primary key,
     tracking_no text not null,
     branch text not null,
     question text not null,
     query_id text references queries (id),
     asked_by text not null,
     asked_at timestamptz not null,
     due_at timestamptz not null,
     status text not null check (status in ('open', 'answered')),
     answer text,
     answered_at timestamptz,
     answered_by text,
     constraint branch_asks_answered check ((status = 'answered') = (answer is not null and answered_at is not null and answered_by is not null))
   )`,
  "create index branch_asks_open_by_due on branch_asks (due_at) where status = 'open'",
  "create index branch_asks_by_query on branch_asks (query_id, asked_at) where query_id is not null",
];

// SOP-83: a duty lead's notice to every courier and driver, and each one's acknowledgement; SOP-90:
// queries handled per person per month are counted by answered_at (workload/).
const broadcasts = [
  `create table broadcasts (
     id text primary key,
     sent_by text not null,
     text text not null check (length(text) between 1 and 1000),
     sent_at timestamptz not null
   )`,
  "create index broadcasts_by_sent_at on broadcasts (sent_at desc, id)",
  `create table broadcast_recipients (
     broadcast_id text not null references broadcasts (id),
     person_id text not null,
     seq integer not null,
     acknowledged_at timestamptz,
     primary key (broadcast_id, person_id)
   )`,
  "create index queries_answered_by_time on queries (answered_at, answered_by) where answered_at is not null",
];

// Issue 17: following a parcel. A chat may ask for every scan; what was pushed to a parcel's
// followers is kept once per parcel and status (never pushed twice), with when it may go out. No
// foreign key to parcels: rows are written in the scans' own transaction, on the ingest's hot path.
const following = [
  "alter table subscriptions add column every_scan boolean not null default false",
  "create index subscriptions_by_chat on subscriptions (channel, chat_id)",
  `create table parcel_pushes (
     tracking_no text not null,
     status text not null check (length(status) between 1 and 200),
     kind text not null check (length(kind) between 1 and 40),
     at timestamptz not null,
     location text check (length(location) <= 200),
     category text check (length(category) <= 60),
     recorded_at timestamptz not null,
     due_at timestamptz not null,
     held boolean not null,
     silent boolean not null,
     sent_at timestamptz,
     primary key (tracking_no, status)
   )`,
  "create index parcel_pushes_waiting on parcel_pushes (due_at) where sent_at is null",
];

// SOP-44: the day's undelivered parcels listed for the agents (handled with a button); SOP-73,
// SOP-74: the signed receipt of a delivered parcel, as its courier entered it.
const receiptsUndelivered = [
  `create table undelivered_parcels (
     day date not null,
     tracking_no text not null references parcels (tracking_no),
     out_at timestamptz not null,
     origin_branch text check (length(origin_branch) <= 100),
     listed_at timestamptz not null,
     handled_at timestamptz,
     handled_by text,
     primary key (day, tracking_no),
     constraint undelivered_handled_with_who check ((handled_at is null) = (handled_by is null))
   )`,
  "create index undelivered_open_by_day on undelivered_parcels (day, tracking_no) where handled_at is null",
  `create table receipts (
     tracking_no text primary key references parcels (tracking_no),
     delivered_at timestamptz not null,
     signer_kind text not null check (signer_kind in ('full_name', 'surname_only', 'given_only', 'scribble',
                                                      'unsigned', 'stamp')),
     signer text not null check (length(signer) between 1 and 40),
     cod_fen integer check (cod_fen > 0),
     entered_by text not null,
     entered_at timestamptz not null
   )`,
  // The day's deliveries and delivered scans, read by kind and time (SOP-44's list, SOP-74's reminders).
  "create index scans_by_kind_at on scans (kind, at)",
];

// Issue 12: claims get what the desk records on them (SOP-70..SOP-72); complaints (SOP-82, SOP-11).
const claimsComplaints = [
  "alter table claims add column language text not null default 'zh' check (language in ('zh', 'en'))",
  "alter table claims add column description text not null default '' check (length(description) <= 4000)",
  "alter table claims add column photos text[] not null default '{}' check (cardinality(photos) <= 5)",
  "alter table claims add column holder text",
  "alter table claims add column contacted_at timestamptz",
  "alter table claims add column outcome text check (outcome in ('settled', 'refused'))",
  "alter table claims add column closed_at timestamptz",
  "alter table claims add column closed_by text",
  "alter table claims add column amount_fen bigint check (amount_fen > 0 and amount_fen <= 10000000)",
  `alter table claims add column paid_by text
     check (paid_by in ('cash', 'bank_transfer', 'wechat', 'alipay', 'freight_credit'))`,
  "alter table claims add column refusal_reason text check (length(refusal_reason) <= 2000)",
  // A claim settled before this migration is closed as settled.
  "update claims set outcome = 'settled', closed_at = settled_at where settled_at is not null",
  "alter table claims add constraint claims_closed_with_outcome check ((closed_at is null) = (outcome is null))",
  `alter table claims add constraint claims_settled_with_amount
     check (outcome is distinct from 'settled' or settled_at is not null)`,
  "create index claims_open_by_due_0006 on claims (due_at, id) where closed_at is null",
  "create index claims_open_by_parcel on claims (tracking_no, opened_at) where closed_at is null",
  `create table complaints (
     id text primary key,
     customer jsonb,
     language text not null check (language in ('zh', 'en')),
     tracking_no text,
     query_id text references queries (id),
     from_branch text check (length(from_branch) <= 100),
     text text not null check (length(text) between 1 and 4000),
     level text not null check (level in ('branch', 'region', 'head_office')),
     opened_at timestamptz not null,
     opened_by text not null,
     level_since timestamptz not null,
     acted_at timestamptz,
     branch_acted_at timestamptz,
     escalate_at timestamptz,
     fine_yuan integer check (fine_yuan >= 0),
     closed_at timestamptz,
     closed_by text,
     resolution text check (length(resolution) <= 2000),
     constraint complaints_closed_with_resolution check ((closed_at is null) = (resolution is null))
   )`,
  "create index complaints_open_by_age on complaints (opened_at, id) where closed_at is null",
  "create index queries_branch_by_parcel on queries (tracking_no, created_at desc) where kind = 'branch'",
];

// SOP-27: a pickup's destination city (none on older pickups); SOP-26: collected goods found
// prohibited afterwards are returned to the customer (status "returned").
const pickupDestination = [
  "alter table pickups add column destination text",
  "alter table pickups drop constraint pickups_status_check",
  `alter table pickups add constraint pickups_status_check
     check (status in ('requested', 'assigned', 'accepted', 'collected', 'cancelled', 'returned'))`,
];

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
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: opts.schema,
  });
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
