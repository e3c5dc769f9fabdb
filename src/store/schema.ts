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
  /** SOP-27 (migration 0010). */
  destination: ColumnType<string | null, string | null | undefined, string | null>;
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
  // Migration 0006 (issue 12): what the desk records on a claim.
  language: ColumnType<string, string | undefined, string>;
  description: ColumnType<string, string | undefined, string>;
  photos: ColumnType<string[], string[] | undefined, string[]>;
  holder: ColumnType<string | null, string | null | undefined, string | null>;
  contacted_at: NullableTimestamp;
  outcome: ColumnType<string | null, string | null | undefined, string | null>;
  closed_at: NullableTimestamp;
  closed_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** bigint: `pg` reads int8 as a string, PGlite as a number. */
  amount_fen: ColumnType<string | number | null, number | null | undefined, number | null>;
  paid_by: ColumnType<string | null, string | null | undefined, string | null>;
  refusal_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** SOP-82, SOP-11 (migration 0006). */
export interface ComplaintsTable {
  id: string;
  customer: NullableJson;
  language: string;
  tracking_no: string | null;
  query_id: string | null;
  from_branch: string | null;
  text: string;
  level: string;
  opened_at: Timestamp;
  opened_by: string;
  level_since: Timestamp;
  acted_at: NullableTimestamp;
  branch_acted_at: NullableTimestamp;
  escalate_at: NullableTimestamp;
  fine_yuan: number | null;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  resolution: string | null;
}

export interface SubscriptionsTable {
  tracking_no: string;
  channel: string;
  chat_id: string;
  user_id: string | null;
  language: string;
  created_at: Timestamp;
  every_scan: ColumnType<boolean, boolean | undefined, boolean>; // issue 17
}

/** Issue 17: what was pushed to a parcel's followers, once per parcel and status. */
export interface ParcelPushesTable {
  tracking_no: string;
  status: string;
  kind: string;
  at: Timestamp;
  location: string | null;
  category: string | null;
  recorded_at: Timestamp;
  due_at: Timestamp;
  held: boolean;
  silent: boolean;
  sent_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: BigSerial;
  at: Timestamp;
  actor: Json;
  action: string;
  subject: string;
  data: Json;
}

/** SOP-51, SOP-52 (migration 0005). */
export interface ParcelReturnsTable {
  id: string;
  tracking_no: string;
  hold_id: string | null;
  origin_branch: string | null;
  marking: string;
  rule: string;
  marked_at: Timestamp;
  marked_by: string | null;
  destination: string | null;
  weight_kg: number | null;
  fee_yuan: number | null;
  held_by: string | null;
}

/** SOP-38, SOP-45 (migration 0005). */
export interface OriginTasksTable {
  id: string;
  tracking_no: string;
  rule: string;
  note_id: string;
  origin_branch: string | null;
  text: string;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
  sent_by: string | null;
}

/** SOP-13: queries raised to another branch (migration 0009_branch_asks). */
export interface BranchAsksTable {
  id: string;
  tracking_no: string;
  branch: string;
  question: string;
  query_id: string | null;
  asked_by: string;
  asked_at: Timestamp;
  due_at: Timestamp;
  status: string;
  answer: string | null;
  answered_at: NullableTimestamp;
  answered_by: string | null;
}

export interface BroadcastsTable {
  id: string;
  sent_by: string;
  text: string;
  sent_at: Timestamp;
}

export interface BroadcastRecipientsTable {
  broadcast_id: string;
  person_id: string;
  /** The recipient's place in the order sent. */
  seq: number;
  acknowledged_at: NullableTimestamp;
}

/** SOP-44 (migration 0007). */
export interface UndeliveredParcelsTable {
  /** A calendar day (date); selected as text YYYY-MM-DD. */
  day: ColumnType<string, string, string>;
  tracking_no: string;
  out_at: Timestamp;
  origin_branch: string | null;
  listed_at: Timestamp;
  handled_at: NullableTimestamp;
  handled_by: string | null;
}

/** SOP-73, SOP-74 (migration 0007). */
export interface ReceiptsTable {
  tracking_no: string;
  delivered_at: Timestamp;
  signer_kind: string;
  signer: string;
  cod_fen: number | null;
  entered_by: string;
  entered_at: Timestamp;
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
  complaints: ComplaintsTable; // SOP-82
  subscriptions: SubscriptionsTable;
  parcel_pushes: ParcelPushesTable; // issue 17
  audit_log: AuditLogTable;
  parcel_returns: ParcelReturnsTable;
  origin_tasks: OriginTasksTable;
  branch_asks: BranchAsksTable;
  broadcasts: BroadcastsTable; // SOP-83
  broadcast_recipients: BroadcastRecipientsTable;
  undelivered_parcels: UndeliveredParcelsTable; // SOP-44
  receipts: ReceiptsTable; // SOP-73, SOP-74
}
