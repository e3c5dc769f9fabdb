import type { ChatRef } from "../../../src/domain/kernel/chat";
import type { BranchAsk } from "../../../src/domain/ports/branch-ask-records";
import type { Broadcast } from "../../../src/domain/ports/broadcast-records";
import type { Receipt, UndeliveredParcel } from "../../../src/domain/ports/deliveries";
import type { ParcelPush } from "../../../src/domain/ports/following-records";
import type {
  AuditEntry,
  Claim,
  Complaint,
  PickupEvent,
  PickupRequest,
  ProblemNote,
  Query,
  QueryMessage,
  SelfPickupHold,
  StoredScan,
  Subscription,
} from "../../../src/domain/ports/records";
import type { OriginTask, ParcelReturn } from "../../../src/domain/ports/returns-records";

/**
 * The memory store's tables, one Map per SQL table (src/store/migrations.ts). Rows are never
 * changed in place: an update puts a new row object, so a transaction's copy of a Map (Draft)
 * can share the rows of the committed one.
 */
export interface Tables {
  parcels: Map<string, { trackingNo: string; firstSeenAt: Date }>;
  /** By the scan's identity (scans_same_scan): tracking number, time, kind and place. */
  scans: Map<string, StoredScan>;
  queries: Map<string, Query>;
  queryMessages: Map<string, QueryMessage & { seq: number }>;
  pickups: Map<string, PickupRequest>;
  pickupEvents: Map<number, PickupEvent & { id: number }>;
  problemNotes: Map<string, ProblemNote>;
  holds: Map<string, SelfPickupHold>;
  claims: Map<string, Claim>;
  complaints: Map<string, Complaint>; // SOP-82
  /** By tracking number, channel and chat (the table's primary key). */
  subscriptions: Map<string, Subscription>;
  /** Append-only: rows are added, never replaced or removed. */
  auditLog: Map<number, AuditEntry & { id: number }>;
  /** Issue 17: by tracking number and status (the table's primary key). */
  parcelPushes: Map<string, ParcelPush>;
  branchAsks: Map<string, BranchAsk>; // SOP-13
  parcelReturns: Map<string, ParcelReturn>; // SOP-51, SOP-52
  originTasks: Map<string, OriginTask>; // SOP-38, SOP-45
  broadcasts: Map<string, Broadcast>; // SOP-83, with their recipients
  undelivered: Map<string, UndeliveredParcel>; // SOP-44, by day and tracking number
  receipts: Map<string, Receipt>; // SOP-73, SOP-74, by tracking number
}

export function emptyTables(): Tables {
  return {
    parcels: new Map(),
    scans: new Map(),
    queries: new Map(),
    queryMessages: new Map(),
    pickups: new Map(),
    pickupEvents: new Map(),
    problemNotes: new Map(),
    holds: new Map(),
    claims: new Map(),
    complaints: new Map(),
    subscriptions: new Map(),
    auditLog: new Map(),
    parcelPushes: new Map(),
    branchAsks: new Map(),
    parcelReturns: new Map(),
    originTasks: new Map(),
    broadcasts: new Map(),
    undelivered: new Map(),
    receipts: new Map(),
  };
}

/** Postgres's message for a statement run in a transaction that an earlier failure aborted. */
export const ABORTED = "current transaction is aborted, commands ignored until end of transaction block";

/**
 * One transaction's view of the tables: reads see the committed tables until the transaction
 * first writes one, which it then copies (copy on write). Committing hands back the tables with
 * its copies; rolling back simply drops the draft.
 */
export class Draft {
  readonly #base: Tables;
  readonly #copies: Partial<Tables> = {};
  #state: "open" | "aborted" | "over" = "open";
  #abortedBy: unknown;

  constructor(base: Tables) {
    this.#base = base;
  }

  read<K extends keyof Tables>(name: K): Tables[K] {
    this.#check();
    return this.#copies[name] ?? this.#base[name];
  }

  write<K extends keyof Tables>(name: K): Tables[K] {
    this.#check();
    const copied = this.#copies[name];
    if (copied !== undefined) return copied as Tables[K];
    const table = new Map(this.#base[name] as Map<unknown, unknown>) as Tables[K];
    this.#copies[name] = table;
    return table;
  }

  /** Like Postgres: after a failed statement the transaction takes no more, and commits nothing. */
  abort(cause: unknown): void {
    if (this.#state !== "open") return;
    this.#state = "aborted";
    this.#abortedBy = cause;
  }

  /** Why the transaction was aborted (the first failed statement), or undefined while it is not. */
  get abortedBy(): unknown {
    return this.#abortedBy;
  }

  get aborted(): boolean {
    return this.#state === "aborted";
  }

  get over(): boolean {
    return this.#state === "over";
  }

  /** Ends the draft (later use of its repositories throws) and returns the tables to commit. */
  end(): Tables {
    this.#state = "over";
    return { ...this.#base, ...this.#copies };
  }

  #check(): void {
    if (this.#state === "aborted") throw new Error(ABORTED);
    if (this.#state === "over")
      throw new Error("this transaction is over: use the store, or a new transaction");
  }
}

/** A Postgres-like constraint violation (the SQL store lets these through as driver errors). */
export class ConstraintError extends Error {
  override name = "ConstraintError";
  constructor(
    readonly table: string,
    readonly constraint: string,
    message: string,
  ) {
    super(message);
  }
}

/** What Postgres's length() counts: characters, not UTF-16 units (none counts 0). */
export function characters(text: string | null | undefined): number {
  return text === null || text === undefined ? 0 : [...text].length;
}

export function check(ok: boolean, table: string, constraint: string): void {
  if (!ok)
    throw new ConstraintError(
      table,
      constraint,
      `new row for relation "${table}" violates check constraint "${constraint}"`,
    );
}

export function duplicateKey(table: string, constraint: string, key: string): ConstraintError {
  return new ConstraintError(
    table,
    constraint,
    `duplicate key value violates unique constraint "${constraint}" (${key})`,
  );
}

export function missingReference(table: string, constraint: string, key: string): ConstraintError {
  return new ConstraintError(
    table,
    constraint,
    `insert or update on table "${table}" violates foreign key constraint "${constraint}" (${key})`,
  );
}

/** Values as a jsonb column gives them back: JSON text in, parsed out (undefined keys and Dates do not survive). */
export function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A ChatRef kept as columns: no userId key unless there is a user. */
export function chatColumns(chat: ChatRef): ChatRef {
  return chat.userId === undefined
    ? { channel: chat.channel, chatId: chat.chatId }
    : { channel: chat.channel, chatId: chat.chatId, userId: chat.userId };
}

/** A copy the caller may change freely (Dates stay Dates). */
export function copy<T>(row: T): T {
  return structuredClone(row);
}

export interface SortKey<T> {
  by: (row: T) => number | string;
  desc?: boolean;
}

/** ORDER BY: text compares by code unit (the C collation), times by instant. */
export function sorted<T>(rows: Iterable<T>, ...keys: SortKey<T>[]): T[] {
  return [...rows].sort((a, b) => {
    for (const key of keys) {
      const x = key.by(a);
      const y = key.by(b);
      if (x !== y) return (x < y ? -1 : 1) * (key.desc ? -1 : 1);
    }
    return 0;
  });
}

/** LIMIT: a negative limit is an error in Postgres too. */
export function limited<T>(rows: T[], limit: number): T[] {
  if (limit < 0) throw new Error("LIMIT must not be negative");
  return rows.slice(0, limit);
}
