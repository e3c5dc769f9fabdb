import { type Insertable, sql, type Updateable } from "kysely";
import type { ChatRef } from "../domain/kernel/chat";
import type { QueryRepository } from "../domain/ports";
import type { Query } from "../domain/ports/records";
import { type Db, DEFAULT_LIST_LIMIT } from "./db";
import { READ_CACHE_MARK } from "./pglite-dialect";
import { parseRow, parseRows, queryMessageRow, queryRow, withOwnDates } from "./rows";
import type { QueriesTable } from "./schema";

type QueryChange = Parameters<QueryRepository["updateOpen"]>[1];
type QueryExpectation = Parameters<QueryRepository["updateOpen"]>[2];

function queryValues(query: Query): Insertable<QueriesTable> {
  return {
    id: query.id,
    kind: query.kind,
    tracking_no: query.trackingNo,
    asked_channel: query.askedBy.channel,
    asked_chat_id: query.askedBy.chatId,
    asked_user_id: query.askedBy.userId ?? null,
    from_branch: query.fromBranch,
    language: query.language,
    text: query.text,
    created_at: query.createdAt,
    warn_at: query.warnAt,
    due_at: query.dueAt,
    status: query.status,
    assignee: query.assignee,
    answered_at: query.answeredAt,
    answered_by: query.answeredBy,
  };
}

function changeColumns(change: QueryChange): Updateable<QueriesTable> {
  const set: Updateable<QueriesTable> = {};
  if (change.assignee !== undefined) set.assignee = change.assignee;
  if (change.status !== undefined) set.status = change.status;
  if (change.answeredAt !== undefined) set.answered_at = change.answeredAt;
  if (change.answeredBy !== undefined) set.answered_by = change.answeredBy;
  return set;
}

/**
 * Compare and set: only a query still open (and still held as expected) changes; whoever comes
 * second gets undefined. With nothing to change it only checks, and returns the query as it is.
 */
async function updateOpenQuery(
  db: Db,
  id: string,
  change: QueryChange,
  expected: QueryExpectation,
): Promise<Query | undefined> {
  const set = changeColumns(change);
  const holder = expected?.assignee;
  const row =
    Object.keys(set).length === 0
      ? await db
          .selectFrom("queries")
          .selectAll()
          .where("id", "=", id)
          .where("status", "=", "open")
          .$if(holder !== undefined, (q) => q.where("assignee", holder === null ? "is" : "=", holder ?? null))
          .executeTakeFirst()
      : await db
          .updateTable("queries")
          .set(set)
          .where("id", "=", id)
          .where("status", "=", "open")
          .$if(holder !== undefined, (q) => q.where("assignee", holder === null ? "is" : "=", holder ?? null))
          .returningAll()
          .executeTakeFirst();
  return row === undefined ? undefined : parseRow(queryRow, "queries", row);
}

/** An asker's open and lately answered queries (queries/thread.ts), newest first. */
async function listThreadsByAsker(db: Db, chat: ChatRef, answeredSince: Date): Promise<Query[]> {
  let q = db
    .selectFrom("queries")
    .selectAll()
    .where("asked_channel", "=", chat.channel)
    .where("asked_chat_id", "=", chat.chatId)
    .where((eb) =>
      eb.or([
        eb("status", "=", "open"),
        eb.and([eb("status", "=", "answered"), eb("answered_at", ">=", answeredSince)]),
      ]),
    );
  if (chat.userId !== undefined) q = q.where("asked_user_id", "=", chat.userId);
  const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").execute();
  return parseRows(queryRow, "queries", rows);
}

/** Compare and set: only an answered query opens again, its holder kept, the answer cleared. */
async function reopenQuery(
  db: Db,
  id: string,
  deadline: Pick<Query, "warnAt" | "dueAt">,
): Promise<Query | undefined> {
  const row = await db
    .updateTable("queries")
    .set({
      status: "open",
      answered_at: null,
      answered_by: null,
      warn_at: deadline.warnAt,
      due_at: deadline.dueAt,
    })
    .where("id", "=", id)
    .where("status", "=", "answered")
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : parseRow(queryRow, "queries", row);
}

export function queryRepository(db: Db): QueryRepository {
  return {
    async insert(query) {
      await db.insertInto("queries").values(queryValues(query)).execute();
    },

    async get(id) {
      // Read by every query timer as it fires (issue 15, dense timers): SQL text, not the query
      // builder, marked as a plain read (PGlite's read cache; a named statement on Postgres).
      const { rows } = await sql<Record<string, unknown>>`${sql.raw(READ_CACHE_MARK)}
        select * from queries where id = ${id}`.execute(db);
      const row = rows[0];
      // A row the read cache answered again is the same object: its dates copied per caller.
      return row === undefined ? undefined : parseRow(queryRow, "queries", withOwnDates(row));
    },

    updateOpen(id, change, expected) {
      return updateOpenQuery(db, id, change, expected);
    },

    async listOpen(limit = DEFAULT_LIST_LIMIT) {
      const rows = await db
        .selectFrom("queries")
        .selectAll()
        .where("status", "=", "open")
        .orderBy("due_at")
        .orderBy("created_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return parseRows(queryRow, "queries", rows);
    },

    async countOpen() {
      const row = await db
        .selectFrom("queries")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("status", "=", "open")
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async listOpenByAsker(chat) {
      let q = db
        .selectFrom("queries")
        .selectAll()
        .where("status", "=", "open")
        .where("asked_channel", "=", chat.channel)
        .where("asked_chat_id", "=", chat.chatId);
      // In a group chat the asker is one user of it.
      if (chat.userId !== undefined) q = q.where("asked_user_id", "=", chat.userId);
      const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").execute();
      return parseRows(queryRow, "queries", rows);
    },

    listThreadsByAsker: (chat, answeredSince) => listThreadsByAsker(db, chat, answeredSince),

    reopen: (id, deadline) => reopenQuery(db, id, deadline),

    async addMessage(message) {
      await db
        .insertInto("query_messages")
        .values({
          id: message.id,
          query_id: message.queryId,
          at: message.at,
          author: message.author,
          person_id: message.personId,
          text: message.text,
          photo: message.photo ?? null,
        })
        .execute();
    },

    async messages(queryId) {
      const rows = await db
        .selectFrom("query_messages")
        .select(["id", "query_id", "at", "author", "person_id", "text", "photo"])
        .where("query_id", "=", queryId)
        .orderBy("at")
        .orderBy("seq")
        .execute();
      return parseRows(queryMessageRow, "query_messages", rows);
    },
  };
}
