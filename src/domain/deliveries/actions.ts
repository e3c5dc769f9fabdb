import { ENTER_SIGNER, UNDELIVERED_ALL_HANDLED, UNDELIVERED_HANDLED } from "../desk/notice-actions";
import type { NoticeAction, NoticeSelect } from "../ports";

/**
 * The buttons of the deliveries' notices (names in desk/notice-actions.ts): SOP-44's "handled"
 * per listed parcel and for the whole day, SOP-74's "enter the signer" per delivery. Their
 * arguments come back untrusted: the parsers below refuse anything they did not make.
 */

const DAY_ARG = /^(\d{4})(\d{2})(\d{2})$/;
const ONE_ARG = /^(\d{8})_([A-Z0-9]{6,30})$/;
const WAYBILL = /^[A-Z0-9]{6,30}$/;

const compactDay = (day: string) => day.replaceAll("-", "");

function dayOf(compact: string): string | undefined {
  const m = DAY_ARG.exec(compact);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** A pick-one list of parcels on a notice, each option labelled with its waybill number. */
function waybillSelect(
  placeholderKey: NoticeSelect["placeholderKey"],
  options: readonly { label: string; action: string | undefined }[],
): NoticeSelect | undefined {
  const valid = options.filter((o): o is { label: string; action: string } => o.action !== undefined);
  return valid.length > 0 ? { placeholderKey, options: valid.slice(0, OPTIONS_MAX) } : undefined;
}

/** At most this many parcels as options of one notice (the rest through the flows). */
const OPTIONS_MAX = 20;

/** SOP-44: "handled" for one listed parcel, as a notice's option or a flow's button; undefined when the waybill cannot be one. */
export function undeliveredOne(day: string, trackingNo: string): string | undefined {
  const arg = `${compactDay(day)}_${trackingNo}`;
  return ONE_ARG.test(arg) ? `${UNDELIVERED_HANDLED}.${arg}` : undefined;
}

/** SOP-44: one option per listed parcel: "handled" for that one. */
export function undeliveredSelect(
  rows: readonly { day: string; trackingNo: string }[],
): NoticeSelect | undefined {
  return waybillSelect(
    "undelivered.select",
    rows.map((r) => ({ label: r.trackingNo, action: undeliveredOne(r.day, r.trackingNo) })),
  );
}

export function undeliveredAllAction(day: string): NoticeAction {
  return { labelKey: "undelivered.button.all", action: `${UNDELIVERED_ALL_HANDLED}.${compactDay(day)}` };
}

/** `uh`'s argument: the day and the parcel; undefined when forged. */
export function parseOneArg(arg: string): { day: string; trackingNo: string } | undefined {
  const m = ONE_ARG.exec(arg);
  const day = m?.[1] ? dayOf(m[1]) : undefined;
  return day && m?.[2] ? { day, trackingNo: m[2] } : undefined;
}

/** `ua`'s argument: the day; undefined when forged. */
export function parseDayArg(arg: string): string | undefined {
  return dayOf(arg);
}

/** SOP-74: one option per delivery not entered: enter its signer. */
export function enterSignerSelect(trackingNos: readonly string[]): NoticeSelect | undefined {
  return waybillSelect(
    "receipt.select",
    trackingNos.map((no) => ({ label: no, action: WAYBILL.test(no) ? `${ENTER_SIGNER}.${no}` : undefined })),
  );
}

export function parseWaybillArg(arg: string): string | undefined {
  return WAYBILL.test(arg) ? arg : undefined;
}
