/**
 * The DDL of the migrations that added the desk's later areas (issues 12, 13, 17): returns and
 * origin tasks, claims and complaints, receipts and the day's undelivered parcels, broadcasts,
 * queries to other branches, the pickup's destination, and following a parcel. Listed, in order,
 * by migrations.ts MIGRATION_DDL; the same rules hold: never edited once applied, kinds and
 * statuses written out rather than imported from the domain.
 */

// 0005_returns: SOP-51, SOP-52, SOP-60: a parcel marked for return (one per parcel), and SOP-38,
// SOP-45: the messages to the origin branch tracked until someone records them sent.
export const returns = [
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

// 0006_claims_complaints: issue 12, claims get what the desk records on them (SOP-70..SOP-72);
// complaints (SOP-82, SOP-11).
export const claimsComplaints = [
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
  // No claim predates this migration (0001's table had no writer), so none is carried over. A
  // settled claim has its time, amount and payout, as settleClaim records them (SOP-70, SOP-71).
  "alter table claims add constraint claims_closed_with_outcome check ((closed_at is null) = (outcome is null))",
  `alter table claims add constraint claims_settled_with_amount
     check (outcome is distinct from 'settled'
            or (settled_at is not null and amount_fen is not null and paid_by is not null))`,
  // Open claims are the ones not closed (a refused claim has no settled_at): listOpen's order.
  "drop index claims_open_by_due",
  "create index claims_open_by_due on claims (due_at, id) where closed_at is null",
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

// 0007_receipts_undelivered: SOP-44, the day's undelivered parcels listed for the agents (handled
// with a button); SOP-73, SOP-74: the signed receipt of a delivered parcel, as its courier entered it.
export const receiptsUndelivered = [
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

// 0008_broadcasts: SOP-83, a duty lead's notice to every courier and driver, and each one's
// acknowledgement; SOP-90: queries handled per person per month are counted by answered_at (workload/).
export const broadcasts = [
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

// 0009_branch_asks: SOP-13, a query raised to another branch, kept until its answer is recorded
// (queries/branch-asks.ts).
export const branchAsks = [
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

// 0010_pickup_destination: SOP-27, a pickup's destination city (none on older pickups); SOP-26:
// collected goods found prohibited afterwards are returned to the customer (status "returned").
export const pickupDestination = [
  "alter table pickups add column destination text",
  "alter table pickups drop constraint pickups_status_check",
  `alter table pickups add constraint pickups_status_check
     check (status in ('requested', 'assigned', 'accepted', 'collected', 'cancelled', 'returned'))`,
];

// 0011_following: issue 17, following a parcel. A chat may ask for every scan; what was pushed to a parcel's
// followers is kept once per parcel and status (never pushed twice), with when it may go out. No
// foreign key to parcels: rows are written in the scans' own transaction, on the ingest's hot path.
export const following = [
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
