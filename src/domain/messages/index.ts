import type { Language } from "../kernel/chat";
import { buttons } from "./buttons";
import { cards } from "./cards";
import { createTranslator, type MessageSet, type Params } from "./catalogue";
import { channels } from "./channels";
import { common } from "./common";
import { customer } from "./customer";
import { intents } from "./intents";
import { notices } from "./notices";
import { pickupUpdates } from "./pickup-updates";
import { queryThreads } from "./query-threads";
import { staff } from "./staff";
import { staffUi } from "./staff-ui";
import { typedAnswers } from "./typed-answers";
import { web } from "./web";

const sets = [
  common,
  customer,
  staff,
  notices,
  queryThreads,
  buttons,
  pickupUpdates,
  intents,
  typedAnswers,
  cards,
  staffUi,
  channels,
  web,
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
