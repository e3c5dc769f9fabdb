import { z } from "zod";
import { type Actor, CHANNELS, type ChatRef, chatRefSchema, LANGUAGES } from "../domain/kernel/chat";
import { scanKindSchema } from "../domain/kernel/scan";
import {
  type AuditEntry,
  PAYMENT_METHODS,
  PICKUP_STATUSES,
  type PickupEvent,
  type PickupRequest,
  type ProblemNote,
  type Query,
  type QueryMessage,
  type SelfPickupHold,
  type StoredScan,
  type Subscription,
} from "../domain/ports/records";

/**
 * Every row read back is validated here before it becomes a domain record: a row that does not
 * fit (written by hand, by an older version, or corrupted) is a StoreRowError naming the table
 * and the row, not a wrong value travelling on into the rules.
 */
export class StoreRowError extends Error {
  override name = "StoreRowError";
  constructor(
    readonly table: string,
    readonly rowId: string,
    readonly issues: string,
  ) {
    super(`invalid row in ${table} (id ${rowId}): ${issues}`);
  }
}

/** A write refused by a uniqueness rule of the schema (e.g. a second open hold for a parcel). */
export class StoreConflictError extends Error {
  override name = "StoreConflictError";
  constructor(
    message: string,
    readonly constraint: string | undefined,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

export function parseRow<T>(schema: z.ZodType<T>, table: string, row: unknown): T {
  const result = schema.safeParse(row);
  if (result.success) return result.data;
  throw new StoreRowError(table, rowIdOf(row), describeIssues(result.error));
}

export function parseRows<T>(schema: z.ZodType<T>, table: string, rows: readonly unknown[]): T[] {
  return rows.map((row) => parseRow(schema, table, row));
}

function rowIdOf(row: unknown): string {
  if (typeof row !== "object" || row === null) return "?";
  const r = row as Record<string, unknown>;
  const id = r.id ?? r.tracking_no;
  if (id !== undefined && id !== null) return String(id);
  return "?";
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(row)"}: ${issue.message}`)
    .join("; ");
}

// Values as the drivers hand them over: timestamps are Date (or ISO text inside json), int8
// is text on `pg` and a number on PGlite.
const timestamp = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);
const nullableTimestamp = timestamp.nullable();
const serialId = z.union([z.string().regex(/^\d+$/), z.number().int(), z.bigint()]).transform(String);
const text = z.string();
const nonEmpty = z.string().min(1);
const optionalText = z
  .string()
  .nullable()
  .transform((v) => v ?? undefined);
export const channel = z.enum(CHANNELS);
const language = z.enum(LANGUAGES);
const jsonObject = z.record(z.string(), z.unknown());

export const actorSchema: z.ZodType<Actor> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("person"), personId: nonEmpty }).strict(),
  z.object({ kind: z.literal("customer"), chat: chatRefSchema }).strict(),
  z.object({ kind: z.literal("system"), name: nonEmpty }).strict(),
]);

/** A ChatRef kept as columns (validated by chatColumns): channel, chat id and, in groups, the user. */
function chatRef(channelValue: ChatRef["channel"], chatId: string, userId: string | null): ChatRef {
  return userId === null ? { channel: channelValue, chatId } : { channel: channelValue, chatId, userId };
}
export const chatColumns = {
  channel,
  chatId: z.string().min(1).max(64),
  userId: z.string().min(1).max(64).nullable(),
};

export const scanRow: z.ZodType<StoredScan> = z
  .object({
    id: serialId,
    tracking_no: nonEmpty,
    at: timestamp,
    kind: scanKindSchema,
    location: nonEmpty,
    note: optionalText,
    origin_branch: optionalText,
    received_at: timestamp,
  })
  .transform((r) => {
    const scan: StoredScan = {
      id: r.id,
      trackingNo: r.tracking_no,
      at: r.at,
      kind: r.kind,
      location: r.location,
      receivedAt: r.received_at,
    };
    if (r.note !== undefined) scan.note = r.note;
    if (r.origin_branch !== undefined) scan.originBranch = r.origin_branch;
    return scan;
  });

export const parcelRow = z.object({ tracking_no: nonEmpty, first_seen_at: timestamp });

export const queryRow: z.ZodType<Query> = z
  .object({
    id: nonEmpty,
    kind: z.enum(["customer", "branch"]),
    tracking_no: text.nullable(),
    asked_channel: chatColumns.channel,
    asked_chat_id: chatColumns.chatId,
    asked_user_id: chatColumns.userId,
    from_branch: text.nullable(),
    language,
    text,
    created_at: timestamp,
    warn_at: timestamp,
    due_at: timestamp,
    status: z.enum(["open", "answered"]),
    assignee: text.nullable(),
    answered_at: nullableTimestamp,
    answered_by: text.nullable(),
  })
  .transform(
    (r): Query => ({
      id: r.id,
      kind: r.kind,
      trackingNo: r.tracking_no,
      askedBy: chatRef(r.asked_channel, r.asked_chat_id, r.asked_user_id),
      fromBranch: r.from_branch,
      language: r.language,
      text: r.text,
      createdAt: r.created_at,
      warnAt: r.warn_at,
      dueAt: r.due_at,
      status: r.status,
      assignee: r.assignee,
      answeredAt: r.answered_at,
      answeredBy: r.answered_by,
    }),
  );

export const queryMessageRow: z.ZodType<QueryMessage> = z
  .object({
    id: nonEmpty,
    query_id: nonEmpty,
    at: timestamp,
    author: z.enum(["customer", "agent", "system"]),
    person_id: text.nullable(),
    text,
    photo: text.nullable(),
  })
  .transform((r): QueryMessage => {
    const message: QueryMessage = {
      id: r.id,
      queryId: r.query_id,
      at: r.at,
      author: r.author,
      personId: r.person_id,
      text: r.text,
    };
    if (r.photo !== null) message.photo = r.photo;
    return message;
  });

export const pickupRow: z.ZodType<PickupRequest> = z
  .object({
    id: nonEmpty,
    customer_channel: chatColumns.channel,
    customer_chat_id: chatColumns.chatId,
    customer_user_id: chatColumns.userId,
    language,
    contact_name: text.nullable(),
    phone: nonEmpty,
    address: nonEmpty,
    zone_id: text.nullable(),
    goods: text,
    payment: z.enum(PAYMENT_METHODS),
    pickup_day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    earliest_at: timestamp,
    morning: z.boolean(),
    by_air: z.boolean(),
    destination: text.nullable(),
    status: z.enum(PICKUP_STATUSES),
    courier_id: text.nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .transform(
    (r): PickupRequest => ({
      id: r.id,
      customer: chatRef(r.customer_channel, r.customer_chat_id, r.customer_user_id),
      language: r.language,
      contactName: r.contact_name,
      phone: r.phone,
      address: r.address,
      zoneId: r.zone_id,
      goods: r.goods,
      payment: r.payment,
      pickupDay: r.pickup_day,
      earliestAt: r.earliest_at,
      morning: r.morning,
      byAir: r.by_air,
      // SOP-27: older pickups have none (the key is left out, as the pickup was made).
      ...(r.destination !== null ? { destination: r.destination } : {}),
      status: r.status,
      courierId: r.courier_id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }),
  );

export const pickupEventRow: z.ZodType<PickupEvent> = z
  .object({
    id: serialId,
    pickup_id: nonEmpty,
    at: timestamp,
    event: z.enum([...PICKUP_STATUSES, "declined", "goods_ready", "repinged", "waybill"]),
    actor: actorSchema,
    note: text.nullable(),
  })
  .transform(
    (r): PickupEvent => ({ pickupId: r.pickup_id, at: r.at, event: r.event, actor: r.actor, note: r.note }),
  );

export const problemNoteRow: z.ZodType<ProblemNote> = z
  .object({
    id: nonEmpty,
    tracking_no: nonEmpty,
    category: nonEmpty,
    details: jsonObject,
    counts_as_delayed: z.boolean(),
    follow_ups: z.array(z.string()),
    recorded_by: nonEmpty,
    recorded_at: timestamp,
  })
  .transform(
    (r): ProblemNote => ({
      id: r.id,
      trackingNo: r.tracking_no,
      category: r.category,
      details: r.details,
      countsAsDelayed: r.counts_as_delayed,
      followUps: r.follow_ups,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
    }),
  );

export const holdRow: z.ZodType<SelfPickupHold> = z
  .object({
    id: nonEmpty,
    tracking_no: nonEmpty,
    place: nonEmpty,
    origin_branch: text.nullable(),
    held_at: timestamp,
    origin_messaged_at: nullableTimestamp,
    origin_replied_at: nullableTimestamp,
    marked_for_return_at: nullableTimestamp,
    closed_at: nullableTimestamp,
    close_reason: z.enum(["collected", "delivered", "returned", "origin_replied"]).nullable(),
  })
  .transform(
    (r): SelfPickupHold => ({
      id: r.id,
      trackingNo: r.tracking_no,
      place: r.place,
      originBranch: r.origin_branch,
      heldAt: r.held_at,
      originMessagedAt: r.origin_messaged_at,
      originRepliedAt: r.origin_replied_at,
      markedForReturnAt: r.marked_for_return_at,
      closedAt: r.closed_at,
      closeReason: r.close_reason,
    }),
  );

// Claims and complaints (issue 12) are parsed in claim-repository.ts and complaint-repository.ts.

export const subscriptionRow: z.ZodType<Subscription> = z
  .object({
    tracking_no: nonEmpty,
    channel: chatColumns.channel,
    chat_id: chatColumns.chatId,
    user_id: chatColumns.userId,
    language,
    created_at: timestamp,
    every_scan: z.boolean().optional(),
  })
  .transform(
    (r): Subscription => ({
      trackingNo: r.tracking_no,
      chat: chatRef(r.channel, r.chat_id, r.user_id),
      language: r.language,
      createdAt: r.created_at,
      // Issue 17: only a chat that asked for every scan carries the flag.
      ...(r.every_scan === true ? { everyScan: true } : {}),
    }),
  );

export const auditRow: z.ZodType<AuditEntry & { id: string }> = z
  .object({
    id: serialId,
    at: timestamp,
    actor: actorSchema,
    action: nonEmpty,
    subject: nonEmpty,
    data: jsonObject,
  })
  .transform((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    data: r.data,
  }));

/** JSON text for a jsonb column (both drivers pass a string through unchanged). */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Postgres unique violations become StoreConflictError; anything else is rethrown as is. */
export function asConflict(error: unknown, message: (constraint: string | undefined) => string): never {
  if (typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505") {
    const constraint = (error as { constraint?: string }).constraint;
    throw new StoreConflictError(message(constraint), constraint, { cause: error });
  }
  throw error;
}

/**
 * A row of its own for the caller, its dates copied: a row PGlite's read cache answers again is
 * the same object (pglite-dialect.ts ReadCache), and zod passes a Date through as it is.
 */
export function withOwnDates(row: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) copy[key] = value instanceof Date ? new Date(value) : value;
  return copy;
}
