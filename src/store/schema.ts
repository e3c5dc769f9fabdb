import type { ColumnType } from "kysely";

/**
 * The tables as Kysely sees them (src/store/migrations.ts creates them). Timestamps are
 * timestamptz, read back as Date; jsonb columns are written as JSON text and read back
 * parsed (and validated by the repositories, see rows.ts).
 */
type Timestamp = ColumnType<Date, Date, Date>;
type NullableTimestamp = ColumnType<Date | null, Date | null | undefined, Date | null>;
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;
/** bigserial: `pg` reads int8 as a string, PGlite as a number. */
type BigSerial = ColumnType<string | number, never, never>;

export interface ParcelsTable {
  tracking_no: string;
  first_seen_at: Timestamp;
}

export interface ScansTable {
  id: BigSerial;
  tracking_no: string;
  at: Timestamp;
  kind: string;
  location: string;
  note: string | null;
  origin_branch: string | null;
  received_at: Timestamp;
}

export interface QueriesTable {
  id: string;
  kind: string;
  tracking_no: string | null;
  asked_channel: string;
  asked_chat_id: string;
  asked_user_id: string | null;
  from_branch: string | null;
  language: string;
  text: string;
  created_at: Timestamp;
  warn_at: Timestamp;
  due_at: Timestamp;
  status: string;
  assignee: string | null;
  answered_at: NullableTimestamp;
  answered_by: string | null;
}

export interface QueryMessagesTable {
  id: string;
  /** Insertion order, to keep messages of the same instant in the order they were added. */
  seq: BigSerial;
  query_id: string;
  at: Timestamp;
  author: string;
  person_id: string | null;
  text: string;
  /** A photo: the channel's file reference (migration 0003). */
  photo: string | null;
}

export interface PickupsTable {
  id: string;
  customer_channel: string;
  customer_chat_id: string;
  customer_user_id: string | null;
  language: string;
  contact_name: string | null;
  phone: string;
  address: string;
  zone_id: string | null;
  goods: string;
  payment: string;
  /** A calendar day (date); selected as text YYYY-MM-DD. */
  pickup_day: ColumnType<string, string, string>;
  earliest_at: Timestamp;
  morning: boolean;
  /** SOP-26 (migration 0004). */
  by_air: ColumnType<boolean, boolean | undefined, boolean>;
  status: string;
  courier_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PickupEventsTable {
  id: BigSerial;
  pickup_id: string;
  at: Timestamp;
  event: string;
  actor: Json;
  note: string | null;
}

export interface ProblemNotesTable {
  id: string;
  tracking_no: string;
  category: string;
  details: Json;
  counts_as_delayed: boolean;
  follow_ups: ColumnType<string[], string[], string[]>;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface HoldsTable {
  id: string;
  tracking_no: string;
  place: string;
  origin_branch: string | null;
  held_at: Timestamp;
  origin_messaged_at: NullableTimestamp;
  origin_replied_at: NullableTimestamp;
  marked_for_return_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  close_reason: string | null;
}

export interface ClaimsTable {
  id: string;
  tracking_no: string;
  kind: string;
  customer: NullableJson;
  opened_at: Timestamp;
  due_at: Timestamp;
  opened_by: string;
  settled_at: NullableTimestamp;
  note: string | null;
}

export interface SubscriptionsTable {
  tracking_no: string;
  channel: string;
  chat_id: string;
  user_id: string | null;
  language: string;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: BigSerial;
  at: Timestamp;
  actor: Json;
  action: string;
  subject: string;
  data: Json;
}

export interface Database {
  parcels: ParcelsTable;
  scans: ScansTable;
  queries: QueriesTable;
  query_messages: QueryMessagesTable;
  pickups: PickupsTable;
  pickup_events: PickupEventsTable;
  problem_notes: ProblemNotesTable;
  holds: HoldsTable;
  claims: ClaimsTable;
  subscriptions: SubscriptionsTable;
  audit_log: AuditLogTable;
}
