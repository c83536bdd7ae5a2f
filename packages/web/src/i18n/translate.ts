import { zhCN, type MessageKey } from './zh-CN';
import { en } from './en';

export type { MessageKey };
export type Locale = 'zh-CN' | 'en';
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** Looks a key up and fills `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text = dictionaries[locale][key];
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
}

/** True when the text is a key of the dictionary, e.g. a server enum value with a translation. */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(zhCN, key);

/** The translation of `${prefix}${value}` when there is one, else the value as stored. */
export const labelOr = (t: Translate, prefix: string, value: string) => {
  const key = `${prefix}${value}`;
  return isMessageKey(key) ? t(key) : value;
};
