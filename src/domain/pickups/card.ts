import type { Person } from "../config/directory";
import { bestEffort, personLabel, sendAll, type UseCaseDeps } from "../desk/context";
import { assignPickupAction, pickupActions } from "../desk/notice-actions";
import { maskAddressDetail } from "../kernel/address-privacy";
import type { Language } from "../kernel/chat";
import { maskPersonalData } from "../kernel/privacy";
import { type MessageKey, type Params, t } from "../messages";
import type { Audience, CardReader, CardView, Notice, NoticeField } from "../ports";
import type { PickupRequest } from "../ports/records";
import { type DeclineWhy, declineReasonText } from "./decline";
import {
  contactText,
  type PickupShowDeps,
  pickupCardKey,
  pickupParams,
  retirePickupCards,
  UNACCEPTED,
  zoneOf,
} from "./pings";
import { type ReturnWhy, returnReasonText } from "./return-reasons";

/**
 * A pickup's card (issue 10 §3): one message per chat that shows what the pickup is now, on every
 * channel alike. While nobody has accepted it, it carries the accept and decline buttons and, on
 * the dispatch chat's copy, a select of the zone's couriers for a dispatcher (SOP-20); the
 * customer's phone stays masked until a courier accepts (the courier calls the customer, SOP-21,
 * SOP-23; nobody else needs it before). As the pickup moves, every copy sent so far is changed in
 * place (Notifier.updateCards).
 */
export type PickupCardState =
  | { kind: "new" }
  | { kind: "reminder" }
  | { kind: "declined"; courierId: string; why: DeclineWhy }
  | { kind: "assigned" }
  | { kind: "accepted" }
  | { kind: "collected" }
  | { kind: "cancelled" }
  | { kind: "returned"; why: ReturnWhy }; // SOP-26: found prohibited after collection

const KEYS: Record<PickupCardState["kind"], MessageKey> = {
  new: "notice.pickup.new",
  reminder: "notice.pickup.reminder",
  declined: "notice.pickup.declined",
  assigned: "card.pickup.assigned",
  accepted: "card.pickup.accepted",
  collected: "card.pickup.collected",
  cancelled: "card.pickup.cancelled",
  returned: "card.pickup.returned",
};

/** Whether the customer's phone may be shown: a courier has the pickup (accepted or collected). */
export function phoneShown(pickup: Pick<PickupRequest, "status">): boolean {
  // SOP-26: goods returned go back to the customer: the courier calls them.
  return pickup.status === "accepted" || pickup.status === "collected" || pickup.status === "returned";
}

/** The pickup's details as a card shows them: the phone masked (privacy.ts) until a courier accepts. */
export function pickupCardParams(
  deps: PickupShowDeps,
  pickup: PickupRequest,
  state: PickupCardState,
  language: Language,
): Params {
  const base = pickupParams(deps, pickup, language);
  const params: Params = phoneShown(pickup)
    ? base
    : { ...base, contact: maskPersonalData(String(base.contact)), phone: maskPersonalData(pickup.phone) };
  if (state.kind === "declined") {
    params.courier = personLabel(deps, language, state.courierId);
    params.reason = declineReasonText(language, state.why);
  } else if (pickup.courierId) {
    params.courier = personLabel(deps, language, pickup.courierId);
  }
  if (state.kind === "returned") params.reason = returnReasonText(language, state.why);
  return params;
}

function cardFields(params: Params): NoticeField[] {
  const field = (labelKey: MessageKey, name: string): NoticeField => ({
    labelKey,
    value: String(params[name] ?? "—"),
  });
  return [
    field("card.field.address", "address"),
    field("card.field.zone", "zone"),
    field("card.field.contact", "contact"),
    field("card.field.destination", "destination"),
    field("card.field.goods", "goods"),
    field("card.field.transport", "transport"),
    field("card.field.payment", "payment"),
    field("card.field.when", "when"),
  ];
}

/**
 * The couriers a dispatcher may give the pickup to from its card (SOP-20: the zone's courier): the
 * courier of the pickup's zone; every courier when its address fits no zone.
 */
export function assignableCouriers(deps: Pick<UseCaseDeps, "directory">, pickup: PickupRequest): Person[] {
  const couriers = deps.directory.withRole("courier");
  const zone = pickup.zoneId ? deps.directory.zone(pickup.zoneId) : undefined;
  return zone ? couriers.filter((c) => c.id === zone.courier) : couriers;
}

/** What one copy of the pickup's card says, for its reader, in their language. */
export function pickupCardView(
  deps: UseCaseDeps,
  pickup: PickupRequest,
  state: PickupCardState,
  reader: CardReader,
  language: Language,
): CardView {
  const params = pickupCardParams(deps, pickup, state, language);
  // Issue 16 §6: a group reads no customer's phone or flat, even once a courier has the pickup:
  // the road and street number assign it (SOP-20); the courier's own copy has the rest.
  if (reader === "dispatch") {
    params.address = maskAddressDetail(pickup.address);
    params.contact = maskPersonalData(contactText(pickup));
    params.phone = maskPersonalData(pickup.phone);
  }
  const view: CardView = { key: KEYS[state.kind], params, fields: cardFields(params) };
  if (!UNACCEPTED.includes(pickup.status)) return view;
  view.actions = pickupActions(pickup.id);
  const options = assignableCouriers(deps, pickup).flatMap((courier, index) => {
    const action = assignPickupAction(pickup.id, index, courier.id);
    // "派给 张伟(105)": it reads alone too, where a channel shows the options as buttons (Telegram).
    const label = t(language, "card.select.option", { courier: personLabel(deps, language, courier.id) });
    return action ? [{ label, action: action.action }] : [];
  });
  if (reader === "dispatch" && options.length > 0) {
    view.select = { placeholderKey: "card.select.assign", options };
  }
  return view;
}

/** After the decline, accept, collection or cancellation the old copies' buttons are dead. */
const RETIRING: readonly PickupCardState["kind"][] = [
  "declined",
  "accepted",
  "collected",
  "cancelled",
  "returned",
];

/**
 * Every copy of the pickup's card sent so far now shows `state` (best effort, after the commit).
 * A notifier that cannot change cards in place takes their buttons away once they are dead.
 */
export async function updatePickupCards(
  deps: UseCaseDeps,
  pickup: PickupRequest,
  state: PickupCardState,
): Promise<void> {
  const update = deps.notifier.updateCards?.bind(deps.notifier);
  if (!update) {
    if (RETIRING.includes(state.kind)) await retirePickupCards(deps, pickup.id);
    return;
  }
  await bestEffort(deps, `update cards of pickup ${pickup.id}`, () =>
    update(pickupCardKey(pickup.id), (reader, language) =>
      pickupCardView(deps, pickup, state, reader, language),
    ),
  );
}

/** Who is pinged besides dispatch: the courier it is assigned to, else the zone's courier (SOP-20). */
function courierToPing(deps: UseCaseDeps, pickup: PickupRequest): Person | undefined {
  if (pickup.courierId) return deps.directory.person(pickup.courierId);
  const zone = zoneOf(deps, pickup);
  return zone ? deps.directory.courierOf(zone) : undefined;
}

/**
 * Pings dispatch (the dispatch chat, in Chinese) and the courier as a person with the pickup's
 * card. The first ping and every repeat (timer, decline) go through here; a repeat first shows
 * its state on the copies sent before (in place), then sends new ones, which notify.
 */
export async function pingDispatch(
  deps: UseCaseDeps,
  pickup: PickupRequest,
  options: {
    repeat: boolean;
    skipPersonId?: string | undefined;
    /** After a decline: who declined and why (SOP-20: dispatch places it again, knowing why). */
    declined?: (DeclineWhy & { courierId: string }) | undefined;
  },
): Promise<Notice[]> {
  const { declined } = options;
  const state: PickupCardState = declined
    ? {
        kind: "declined",
        courierId: declined.courierId,
        why: { reason: declined.reason, text: declined.text },
      }
    : options.repeat
      ? { kind: "reminder" }
      : { kind: "new" };
  if (options.repeat) await updatePickupCards(deps, pickup, state);
  const cardKey = pickupCardKey(pickup.id);
  const card = (to: Audience, reader: CardReader, language: Language): Notice => ({
    to,
    ...pickupCardView(deps, pickup, state, reader, language),
    cardKey,
  });
  const notices: Notice[] = [card({ kind: "dispatch" }, "dispatch", "zh")];
  const courier = courierToPing(deps, pickup);
  if (courier && courier.id !== options.skipPersonId) {
    notices.push(card({ kind: "person", personId: courier.id }, "person", courier.language));
  }
  await sendAll(deps, notices);
  return notices;
}
