import type { Language } from "../kernel/chat";

/**
 * Everything a user reads comes from a message catalogue: Chinese (zh-CN) first, English too.
 * Each area keeps its own file of messages (`defineMessages`), merged in index.ts; the English
 * side must have exactly the keys of the Chinese side, which the type checker enforces.
 * Parameters are written `{name}`.
 */
export interface MessageSet<K extends string> {
  zh: Record<K, string>;
  en: Record<K, string>;
}

export function defineMessages<const Z extends Record<string, string>>(zh: Z, en: Record<keyof Z, string>) {
  return { zh, en } as MessageSet<keyof Z & string>;
}

export type Params = Record<string, string | number>;

const PARAM = /\{(\w+)\}/g;

export function interpolate(template: string, params: Params = {}): string {
  return template.replace(PARAM, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function createTranslator<K extends string>(set: MessageSet<K>) {
  return function t(language: Language, key: K, params?: Params): string {
    return interpolate(set[language][key] ?? set.zh[key], params);
  };
}
