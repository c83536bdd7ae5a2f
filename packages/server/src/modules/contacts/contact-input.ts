import type { CountryCode } from 'libphonenumber-js';
import type { FieldProblem } from '../../errors/app-error.ts';
import { divisionAt } from '../geo/divisions.ts';
import { validateCustomValues, type CustomFieldDef } from './custom-values.ts';
import { cleanName, normalizeEmail, normalizePhone, pinyinKeys } from './normalize.ts';
import type { contactKinds } from './tables.ts';

/** Contact fields as they arrive from a form, the API or a spreadsheet row. */
export interface RawContactFields {
  kind?: (typeof contactKinds)[number];
  name?: string;
  gender?: string | null;
  phone?: string | null;
  email?: string | null;
  wechatId?: string | null;
  provinceCode?: string | null;
  cityCode?: string | null;
  districtCode?: string | null;
  address?: string | null;
  postalCode?: string | null;
  category?: string | null;
  source?: string | null;
  custom?: Record<string, unknown>;
}

/**
 * Column values ready to write; keys absent from the input stay absent (a partial update). In
 * `custom`, null means remove the key.
 */
export interface NormalizedContact extends RawContactFields {
  namePinyin?: string;
  nameInitials?: string;
}

export interface NormalizeOptions {
  customFields: readonly CustomFieldDef[];
  /** 'create' requires a name; 'update' checks only the fields given. */
  mode: 'create' | 'update';
  defaultCountry?: CountryCode;
}

export type NormalizeResult = { ok: true; values: NormalizedContact } | { ok: false; problems: FieldProblem[] };

const genders: Record<string, string> = {
  male: 'male',
  m: 'male',
  男: 'male',
  先生: 'male',
  female: 'female',
  f: 'female',
  女: 'female',
  女士: 'female',
  other: 'other',
  其他: 'other',
  unknown: 'unknown',
  未知: 'unknown',
  保密: 'unknown',
};

/** Empty and white-space strings mean "no value". */
const blank = (v: string | null | undefined) => v == null || v.trim() === '';

/** Trimmed NFKC text, or null for an empty value. */
export const optionalText = (v: string | null | undefined) => (blank(v) ? null : v!.normalize('NFKC').trim());

/** 男/女/先生/女士/保密, male/female/m/f…: the stored gender, null for empty, undefined when not a gender. */
export function normalizeGender(raw: string | null | undefined): string | null | undefined {
  const gender = optionalText(raw);
  return gender === null ? null : genders[gender.toLowerCase()];
}

/**
 * Cleans and checks contact fields without touching the database, so the import pipeline can run it
 * per row. Problems carry paths relative to the input ("phone", "custom.age").
 */
export function normalizeContactInput(input: RawContactFields, options: NormalizeOptions): NormalizeResult {
  const problems: FieldProblem[] = [];
  const values: NormalizedContact = {};
  const has = (key: keyof RawContactFields) => input[key] !== undefined;

  if (has('kind')) values.kind = input.kind;
  if (has('name') || options.mode === 'create') {
    const name = cleanName(input.name ?? '');
    if (!name) problems.push({ path: 'name', message: 'a contact needs a name' });
    else {
      const keys = pinyinKeys(name);
      Object.assign(values, { name, namePinyin: keys.pinyin, nameInitials: keys.initials });
    }
  }
  if (has('gender')) {
    const known = normalizeGender(input.gender);
    if (known === undefined) problems.push({ path: 'gender', message: 'one of male, female, other, unknown' });
    else values.gender = known;
  }
  if (has('phone')) {
    if (blank(input.phone)) values.phone = null;
    else {
      const phone = normalizePhone(input.phone!, options.defaultCountry);
      if (phone.ok) values.phone = phone.e164;
      else problems.push({ path: 'phone', message: phone.reason });
    }
  }
  if (has('email')) {
    if (blank(input.email)) values.email = null;
    else {
      const email = normalizeEmail(input.email!);
      if (email.ok) values.email = email.email;
      else problems.push({ path: 'email', message: email.reason });
    }
  }
  for (const key of ['wechatId', 'address', 'postalCode', 'category', 'source'] as const) {
    if (has(key)) values[key] = optionalText(input[key]);
  }
  if (has('provinceCode') || has('cityCode') || has('districtCode')) {
    const place = normalizePlace(input);
    if ('problems' in place) problems.push(...place.problems);
    else Object.assign(values, place);
  }
  if (input.custom !== undefined) {
    const custom = validateCustomValues(input.custom, options.customFields);
    if (custom.ok) values.custom = custom.values;
    else problems.push(...custom.problems);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

type Place = { provinceCode: string | null; cityCode: string | null; districtCode: string | null };

/**
 * The three codes describe one place, so they are set together: missing parents are filled in
 * from the lowest level given, and a level that does not belong to its parent is a problem.
 */
function normalizePlace(input: RawContactFields): Place | { problems: FieldProblem[] } {
  const codes = {
    provinceCode: optionalText(input.provinceCode),
    cityCode: optionalText(input.cityCode),
    districtCode: optionalText(input.districtCode),
  };
  const levels = { provinceCode: 'province', cityCode: 'city', districtCode: 'district' } as const;
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(levels) as (keyof typeof levels)[]) {
    const code = codes[key];
    if (code === null) continue;
    if (!divisionAt(code, levels[key])) problems.push({ path: key, message: `"${code}" is not a ${levels[key]} code` });
  }
  if (problems.length > 0) return { problems };
  const district = codes.districtCode ? divisionAt(codes.districtCode, 'district')! : undefined;
  const cityCode = codes.cityCode ?? district?.parentCode ?? null;
  if (district && district.parentCode !== cityCode)
    problems.push({ path: 'districtCode', message: 'this district is not in the given city' });
  const city = cityCode ? divisionAt(cityCode, 'city') : undefined;
  const provinceCode = codes.provinceCode ?? city?.parentCode ?? null;
  if (city && city.parentCode !== provinceCode)
    problems.push({ path: 'cityCode', message: 'this city is not in the given province' });
  if (problems.length > 0) return { problems };
  return { provinceCode, cityCode, districtCode: codes.districtCode };
}
