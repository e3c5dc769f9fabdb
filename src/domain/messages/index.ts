import type { Language } from "../kernel/chat";
import { broadcasts } from "./broadcasts";
import { buttons } from "./buttons";
import { cards } from "./cards";
import { createTranslator, type MessageSet, type Params } from "./catalogue";
import { channels } from "./channels";
import { claims } from "./claims";
import { common } from "./common";
import { complaints } from "./complaints";
import { customer } from "./customer";
import { customerFollowUps } from "./customer-follow-ups";
import { deliveries } from "./deliveries";
import { directoryChanges } from "./directory-changes";
import { faults } from "./faults";
import { following } from "./following";
import { intents } from "./intents";
import { notices } from "./notices";
import { pickupCoverage } from "./pickup-coverage";
import { pickupUpdates } from "./pickup-updates";
import { queryThreads } from "./query-threads";
import { returns } from "./returns";
import { seatsAndAsks } from "./seats-and-asks";
import { staff } from "./staff";
import { staffUi } from "./staff-ui";
import { typedAnswers } from "./typed-answers";
import { web } from "./web";
import { workload } from "./workload";

const sets = [
  claims, // SOP-70..SOP-72
  complaints, // SOP-82
  common,
  customer,
  staff,
  notices,
  queryThreads,
  buttons,
  pickupUpdates,
  pickupCoverage, // SOP-1, SOP-21, SOP-26, SOP-27
  intents,
  typedAnswers,
  cards,
  staffUi,
  channels,
  web,
  returns, // SOP-43, SOP-50..SOP-53, SOP-60, SOP-38, SOP-45
  directoryChanges, // SOP-25
  broadcasts, // SOP-83
  workload, // SOP-90
  seatsAndAsks,
  faults, // issue 16: the flood budget
  following, // issue 17
  deliveries, // SOP-44, SOP-73, SOP-74
  customerFollowUps, // several numbers in one message; replies to the desk's own messages
] as const;

type KeysOf<T> = T extends MessageSet<infer K> ? K : never;
export type MessageKey = KeysOf<(typeof sets)[number]>;

function merge(): MessageSet<MessageKey> {
  const zh: Record<string, string> = {};
  const en: Record<string, string> = {};
  for (const set of sets) {
    for (const key of Object.keys(set.zh)) {
      if (key in zh) throw new Error(`message key ${key} is defined twice`);
    }
    Object.assign(zh, set.zh);
    Object.assign(en, set.en);
  }
  return { zh, en } as MessageSet<MessageKey>;
}

export const messages = merge();
export const t: (language: Language, key: MessageKey, params?: Params) => string = createTranslator(messages);

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages.zh, key);
}

export type { Params } from "./catalogue";
