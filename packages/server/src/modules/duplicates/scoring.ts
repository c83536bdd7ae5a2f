import { reasonCodes } from './enums.ts';

/**
 * How sure we are that two contacts are one person. The same weights score a pair in TypeScript
 * (tests, explanations) and in the scan's SQL, so the two can never drift apart.
 */
export { reasonCodes };
export type Reason = (typeof reasonCodes)[number];

/** Evidence for and against: a shared phone is strong, a different one counts against. */
export const reasonWeights: Record<Reason, number> = {
  same_phone: 60,
  same_email: 55,
  same_name: 30, // identical characters
  same_pinyin: 20, // 张伟 / 章伟: same sound, different characters
  similar_name: 15, // one character added, removed or changed (王小明 / 王晓明)
  same_city: 10,
  same_district: 5,
  different_phone: -25,
  different_email: -10,
  different_city: -15, // namesakes across the country are common; a match elsewhere is weak
  different_name: -25, // nothing in the names matches (often a household sharing a phone)
};

/** Pairs below this are not worth a person's time; the scan does not store them. */
export const MIN_CONFIDENCE = 15;

export type PairFeatures = Record<Reason, boolean>;

/** 0-100: the sum of the weights of the reasons that hold, clamped. */
export function confidenceFor(reasons: readonly Reason[]): number {
  const sum = reasons.reduce((total, reason) => total + reasonWeights[reason], 0);
  return Math.max(0, Math.min(100, sum));
}

export interface ComparableContact {
  name: string;
  namePinyin: string;
  phone: string | null;
  email: string | null;
  cityCode: string | null;
  districtCode: string | null;
}

/** Levenshtein distance of at most 1, by characters (not UTF-16 units). */
export function withinOneEdit(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length === long.length) return short.slice(i + 1).join('') === long.slice(i + 1).join('');
  return short.slice(i).join('') === long.slice(i + 1).join('');
}

/** Names shorter than this are too common for one changed character to mean anything (张伟 / 张强). */
export const SIMILAR_NAME_MIN_CHARS = 3;

/** The reasons that hold for a pair, in a stable order. */
export function reasonsFor(a: ComparableContact, b: ComparableContact): Reason[] {
  const both = (x: string | null, y: string | null) => x != null && y != null;
  const sameName = a.name === b.name;
  const samePinyin = !sameName && a.namePinyin !== '' && a.namePinyin === b.namePinyin;
  const similarName =
    !sameName &&
    Math.min([...a.name].length, [...b.name].length) >= SIMILAR_NAME_MIN_CHARS &&
    withinOneEdit(a.name, b.name);
  const features: PairFeatures = {
    same_phone: both(a.phone, b.phone) && a.phone === b.phone,
    same_email: both(a.email, b.email) && a.email === b.email,
    same_name: sameName,
    same_pinyin: samePinyin,
    similar_name: similarName,
    same_city: both(a.cityCode, b.cityCode) && a.cityCode === b.cityCode,
    same_district: both(a.districtCode, b.districtCode) && a.districtCode === b.districtCode,
    different_phone: both(a.phone, b.phone) && a.phone !== b.phone,
    different_email: both(a.email, b.email) && a.email !== b.email,
    different_city: both(a.cityCode, b.cityCode) && a.cityCode !== b.cityCode,
    different_name: !sameName && !samePinyin && !similarName,
  };
  return reasonCodes.filter((reason) => features[reason]);
}

/** SQL for withinOneEdit: deleting the i-th character of one or both names makes them equal. */
export function withinOneEditSql(x: string, y: string): string {
  const del = (s: string) => `left(${s}, i - 1) || substr(${s}, i + 1)`;
  return (
    `(abs(char_length(${x}) - char_length(${y})) <= 1 and exists (select 1 from generate_series(1, ` +
    `greatest(char_length(${x}), char_length(${y}))) i where ${del(x)} = ${del(y)} or ${del(x)} = ${y} or ${del(y)} = ${x}))`
  );
}

/**
 * The same scoring as SQL over two aliased contact rows. Every fragment is a constant of this file,
 * never user input.
 */
export function featureSql(a: string, b: string): Record<Reason, string> {
  const sameName = `${a}.name = ${b}.name`;
  const samePinyin = `(${a}.name <> ${b}.name and ${a}.name_pinyin <> '' and ${a}.name_pinyin = ${b}.name_pinyin)`;
  const similarName =
    `(${a}.name <> ${b}.name and least(char_length(${a}.name), char_length(${b}.name)) >= ${SIMILAR_NAME_MIN_CHARS} ` +
    `and ${withinOneEditSql(`${a}.name`, `${b}.name`)})`;
  return {
    same_phone: `coalesce(${a}.phone = ${b}.phone, false)`,
    same_email: `coalesce(${a}.email = ${b}.email, false)`,
    same_name: sameName,
    same_pinyin: samePinyin,
    similar_name: similarName,
    same_city: `coalesce(${a}.city_code = ${b}.city_code, false)`,
    same_district: `coalesce(${a}.district_code = ${b}.district_code, false)`,
    different_phone: `coalesce(${a}.phone <> ${b}.phone, false)`,
    different_email: `coalesce(${a}.email <> ${b}.email, false)`,
    different_city: `coalesce(${a}.city_code <> ${b}.city_code, false)`,
    different_name: `not (${sameName} or ${samePinyin} or ${similarName})`,
  };
}

export function confidenceSql(features: Record<Reason, string>): string {
  const terms = reasonCodes.map((r) => `(case when ${features[r]} then ${reasonWeights[r]} else 0 end)`);
  return `least(100, greatest(0, ${terms.join(' + ')}))`;
}

export function reasonsSql(features: Record<Reason, string>): string {
  const items = reasonCodes.map((r) => `case when ${features[r]} then '${r}' end`);
  return `array_remove(array[${items.join(', ')}]::text[], null)`;
}
