import type { ChatRef } from "../../../src/domain/kernel/chat";
import type { PickupRepository, QueryRepository } from "../../../src/domain/ports";
import type { PickupEvent, PickupRequest, Query, QueryMessage } from "../../../src/domain/ports/records";
import { DEFAULT_LIST_LIMIT } from "../../../src/store/db";
import type { MemoryDb } from "./parcel-repositories";
import { asJson, chatColumns, copy, duplicateKey, limited, missingReference, sorted } from "./tables";

/** The asker of a query or customer of a pickup: the chat, and in a group chat one user of it. */
function sameAsker(row: ChatRef, chat: ChatRef): boolean {
  return (
    row.channel === chat.channel &&
    row.chatId === chat.chatId &&
    (chat.userId === undefined || row.userId === chat.userId)
  );
}

function queryRow(query: Query): Query {
  return copy({
    id: query.id,
    kind: query.kind,
    trackingNo: query.trackingNo,
    askedBy: chatColumns(query.askedBy),
    fromBranch: query.fromBranch,
    language: query.language,
    text: query.text,
    createdAt: query.createdAt,
    warnAt: query.warnAt,
    dueAt: query.dueAt,
    status: query.status,
    assignee: query.assignee,
    answeredAt: query.answeredAt,
    answeredBy: query.answeredBy,
  });
}

type QueryChange = Parameters<QueryRepository["updateOpen"]>[1];

function changedQuery(query: Query, change: QueryChange): Query {
  const next = { ...query };
  if (change.assignee !== undefined) next.assignee = change.assignee;
  if (change.status !== undefined) next.status = change.status;
  if (change.answeredAt !== undefined) next.answeredAt = change.answeredAt;
  if (change.answeredBy !== undefined) next.answeredBy = change.answeredBy;
  return queryRow(next);
}

export function queryRepository(db: MemoryDb): QueryRepository {
  const openQueries = () => [...db.draft.read("queries").values()].filter((q) => q.status === "open");
  return {
    async insert(query) {
      if (db.draft.read("queries").has(query.id)) throw duplicateKey("queries", "queries_pkey", query.id);
      db.draft.write("queries").set(query.id, queryRow(query));
    },

    async get(id) {
      const query = db.draft.read("queries").get(id);
      return query && copy(query);
    },

    async updateOpen(id, change, expected) {
      // Compare and set: only a query still open (and still held as expected) changes.
      const query = db.draft.read("queries").get(id);
      if (query?.status !== "open") return undefined;
      if (expected?.assignee !== undefined && query.assignee !== expected.assignee) return undefined;
      if (Object.values(change).every((v) => v === undefined)) return copy(query);
      const next = changedQuery(query, change);
      db.draft.write("queries").set(id, next);
      return copy(next);
    },

    async listOpen(limit = DEFAULT_LIST_LIMIT) {
      const byDue = sorted(
        openQueries(),
        { by: (q) => q.dueAt.getTime() },
        { by: (q) => q.createdAt.getTime() },
        { by: (q) => q.id },
      );
      return limited(byDue, limit).map(copy);
    },

    async countOpen() {
      return openQueries().length;
    },

    async listOpenByAsker(chat) {
      const mine = openQueries().filter((q) => sameAsker(q.askedBy, chat));
      return sorted(
        mine,
        { by: (q) => q.createdAt.getTime(), desc: true },
        { by: (q) => q.id, desc: true },
      ).map(copy);
    },

    async listThreadsByAsker(chat, answeredSince) {
      const mine = [...db.draft.read("queries").values()].filter(
        (q) =>
          sameAsker(q.askedBy, chat) &&
          (q.status === "open" ||
            (q.answeredAt !== null && q.answeredAt.getTime() >= answeredSince.getTime())),
      );
      return sorted(
        mine,
        { by: (q) => q.createdAt.getTime(), desc: true },
        { by: (q) => q.id, desc: true },
      ).map(copy);
    },

    async reopen(id, deadline) {
      // Compare and set: only an answered query opens again.
      const query = db.draft.read("queries").get(id);
      if (query?.status !== "answered") return undefined;
      const next = queryRow({
        ...query,
        status: "open",
        answeredAt: null,
        answeredBy: null,
        warnAt: deadline.warnAt,
        dueAt: deadline.dueAt,
      });
      db.draft.write("queries").set(id, next);
      return copy(next);
    },

    async addMessage(message) {
      if (db.draft.read("queryMessages").has(message.id)) {
        throw duplicateKey("query_messages", "query_messages_pkey", message.id);
      }
      if (!db.draft.read("queries").has(message.queryId)) {
        throw missingReference("query_messages", "query_messages_query_id_fkey", message.queryId);
      }
      const row = copy({
        id: message.id,
        queryId: message.queryId,
        at: message.at,
        author: message.author,
        personId: message.personId,
        text: message.text,
        ...(message.photo !== undefined ? { photo: message.photo } : {}),
        seq: db.nextSerial(),
      });
      db.draft.write("queryMessages").set(row.id, row);
    },

    async messages(queryId) {
      const mine = [...db.draft.read("queryMessages").values()].filter((m) => m.queryId === queryId);
      return sorted(mine, { by: (m) => m.at.getTime() }, { by: (m) => m.seq }).map(
        ({ seq: _, ...message }): QueryMessage => copy(message),
      );
    },
  };
}

function pickupRow(pickup: PickupRequest): PickupRequest {
  return copy({
    id: pickup.id,
    customer: chatColumns(pickup.customer),
    language: pickup.language,
    contactName: pickup.contactName,
    phone: pickup.phone,
    address: pickup.address,
    zoneId: pickup.zoneId,
    goods: pickup.goods,
    payment: pickup.payment,
    pickupDay: pickup.pickupDay,
    earliestAt: pickup.earliestAt,
    morning: pickup.morning,
    byAir: pickup.byAir,
    ...(pickup.destination !== undefined ? { destination: pickup.destination } : {}), // SOP-27
    status: pickup.status,
    courierId: pickup.courierId,
    createdAt: pickup.createdAt,
    updatedAt: pickup.updatedAt,
  });
}

function insertEvent(db: MemoryDb, event: PickupEvent): void {
  if (!db.draft.read("pickups").has(event.pickupId)) {
    throw missingReference("pickup_events", "pickup_events_pickup_id_fkey", event.pickupId);
  }
  const id = db.nextSerial();
  db.draft.write("pickupEvents").set(
    id,
    copy({
      id,
      pickupId: event.pickupId,
      at: event.at,
      event: event.event,
      actor: asJson(event.actor),
      note: event.note,
    }),
  );
}

/** Oldest first (pickups_by_status, pickups_by_courier), at most `limit`. */
function oldestFirst(rows: PickupRequest[], limit: number): PickupRequest[] {
  return limited(sorted(rows, { by: (p) => p.createdAt.getTime() }, { by: (p) => p.id }), limit).map(copy);
}

export function pickupRepository(db: MemoryDb): PickupRepository {
  const pickups = () => [...db.draft.read("pickups").values()];
  return {
    async insert(pickup, first) {
      if (first.pickupId !== pickup.id) {
        throw new Error(`pickup ${pickup.id}: its first event belongs to pickup ${first.pickupId}`);
      }
      if (db.draft.read("pickups").has(pickup.id)) throw duplicateKey("pickups", "pickups_pkey", pickup.id);
      db.draft.write("pickups").set(pickup.id, pickupRow(pickup));
      insertEvent(db, first);
    },

    async get(id) {
      const pickup = db.draft.read("pickups").get(id);
      return pickup && copy(pickup);
    },

    async transition(id, from, change, event, expected) {
      // Compare and set on the status and, when expected, on the courier.
      const pickup = db.draft.read("pickups").get(id);
      if (!pickup || !from.includes(pickup.status)) return undefined;
      if (expected !== undefined && pickup.courierId !== (expected.courierId ?? null)) return undefined;
      const next = { ...pickup, updatedAt: new Date(event.at) };
      if (change.status !== undefined) next.status = change.status;
      if (change.courierId !== undefined) next.courierId = change.courierId;
      db.draft.write("pickups").set(id, next);
      insertEvent(db, { ...event, pickupId: id });
      return copy(next);
    },

    async addEvent(event) {
      insertEvent(db, event);
    },

    async events(id) {
      const mine = [...db.draft.read("pickupEvents").values()].filter((e) => e.pickupId === id);
      return sorted(mine, { by: (e) => e.at.getTime() }, { by: (e) => e.id }).map(
        ({ id: _, ...event }): PickupEvent => copy(event),
      );
    },

    async listByCustomer(chat, statuses) {
      const mine = pickups().filter((p) => sameAsker(p.customer, chat) && statuses.includes(p.status));
      return sorted(
        mine,
        { by: (p) => p.createdAt.getTime(), desc: true },
        { by: (p) => p.id, desc: true },
      ).map(copy);
    },

    async listByStatus(statuses, limit = DEFAULT_LIST_LIMIT) {
      return oldestFirst(
        pickups().filter((p) => statuses.includes(p.status)),
        limit,
      );
    },

    async listByCourier(courierId, statuses, limit = DEFAULT_LIST_LIMIT, createdSince) {
      const since = createdSince?.getTime() ?? Number.NEGATIVE_INFINITY;
      return oldestFirst(
        pickups().filter(
          (p) => p.courierId === courierId && statuses.includes(p.status) && p.createdAt.getTime() >= since,
        ),
        limit,
      );
    },
  };
}
