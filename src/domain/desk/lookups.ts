import type { Repositories } from "../ports";
import type { DeskLookups } from "../ports/lookups";

/** The flows' read port over the store: single indexed reads, no transaction. */
export function deskLookups(store: Pick<Repositories, "queries" | "pickups" | "parcels">): DeskLookups {
  return {
    query: (id) => store.queries.get(id),
    queryMessages: (queryId) => store.queries.messages(queryId),
    queryThreads: (chat, answeredSince) => store.queries.listThreadsByAsker(chat, answeredSince),
    pickup: (id) => store.pickups.get(id),
    pickupEvents: (pickupId) => store.pickups.events(pickupId),
    knowsParcel: async (trackingNo) => (await store.parcels.get(trackingNo, 1)) !== undefined,
  };
}
