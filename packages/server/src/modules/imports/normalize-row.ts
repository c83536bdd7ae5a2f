import { normalizeGender, optionalText } from '../contacts/contact-input.ts';
import { parseCustomValue, type CustomFieldDef } from '../contacts/custom-values.ts';
import { cleanName, normalizeEmail, normalizePhone, pinyinKeys } from '../contacts/normalize.ts';
import { resolvePlace } from '../geo/divisions.ts';
import type { ColumnIndex, Mapping } from './mapping.ts';
import { parseAmount, parseConsent, parseDate, splitTags } from './values.ts';

/** A row ready for the staging table (import_rows without org, import and line). */
export interface StagedRow {
  name: string;
  namePinyin: string;
  nameInitials: string;
  gender: string | null;
  phone: string | null;
  email: string | null;
  wechatId: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  districtCode: string | null;
  address: string | null;
  postalCode: string | null;
  category: string | null;
  custom: Record<string, unknown> | null;
  tags: string[] | null;
  note: string | null;
  giftAmount: number | null;
  giftCurrency: string | null;
  giftLocalTime: string | null;
  giftChannel: string | null;
  giftCampaign: string | null;
  giftExternalId: string | null;
  consents: { channel: string; status: string }[] | null;
  /**
   * Who the row is when it has no phone or email and its name is not an identity: the donor's id on a
   * platform (`ref:<channel>:<id>`), or, for a masked name with no id, the channel's one anonymous donor
   * (`anon:<channel>`). Null for ordinary rows, which are matched by phone, email or name and place.
   */
  donorKey: string | null;
}

export interface CellProblem {
  field: string;
  header: string;
  message: string;
  /** An error rejects the row; a warning leaves the value empty and keeps the row. */
  severity: 'error' | 'warning';
}

export type { CustomFieldDef };

export interface RowContext {
  mapping: Mapping;
  index: ColumnIndex;
  headers: string[];
  customFields: ReadonlyMap<string, CustomFieldDef>;
}

export type NormalizedRow =
  { ok: true; row: StagedRow; problems: CellProblem[] } | { ok: false; problems: CellProblem[] };

const MAX_TEXT = 2000;

// Most rows of a Chinese file carry an 11-digit mobile number. Whether a mobile number is valid
// depends only on its leading digits (the operator's number block), so libphonenumber, which
// costs ~18 µs a call, is asked once per 5-digit prefix. normalize-row.test.ts checks the shortcut
// against libphonenumber on random numbers.
const mobile = /^(?:\+?86)?(1[3-9]\d{9})$/;
const prefixValid = new Map<string, boolean>();
export function fastPhone(raw: string) {
  const ascii = /^[\x00-\x7f]*$/.test(raw) ? raw : raw.normalize('NFKC');
  const m = mobile.exec(ascii.replace(/[\s\-().]/g, ''));
  if (m) {
    const digits = m[1]!;
    const prefix = digits.slice(0, 5);
    let valid = prefixValid.get(prefix);
    if (valid === undefined) {
      valid = normalizePhone(digits).ok;
      prefixValid.set(prefix, valid);
    }
    if (valid) return { ok: true as const, e164: `+86${digits}` };
  }
  return normalizePhone(raw);
}

// Pinyin of a name costs ~10 µs; names repeat a lot in donor lists, so remember recent ones.
const pinyinCache = new Map<string, { pinyin: string; initials: string }>();
function cachedPinyin(name: string) {
  let keys = pinyinCache.get(name);
  if (!keys) {
    if (pinyinCache.size >= 400_000) pinyinCache.clear();
    keys = pinyinKeys(name);
    pinyinCache.set(name, keys);
  }
  return keys;
}

// The contacts rules decide a custom value; a spreadsheet's dates (2024/1/5, 2024年1月5日, Excel serial
// days) are first read as the YYYY-MM-DD those rules take, as place names are read as codes.
function customValue(def: CustomFieldDef, text: string) {
  if (def.type !== 'date') return parseCustomValue(def, text);
  const date = parseDate(text);
  return date.ok ? parseCustomValue(def, date.value.slice(0, 10)) : { ok: false as const, message: date.reason };
}

/**
 * Turns one row of cells into a staged row, or into the reasons it cannot be imported. Pure: no
 * database, so the preview, the dry run and the import all judge a row the same way.
 */
export function normalizeRow(cells: string[], ctx: RowContext): NormalizedRow {
  const problems: CellProblem[] = [];
  const header = (field: string) => ctx.headers[ctx.index.get(field) ?? -1] ?? field;
  const cell = (field: string): string => {
    const at = ctx.index.get(field);
    return at === undefined ? '' : (cells[at] ?? '').trim();
  };
  const problem = (field: string, message: string, severity: CellProblem['severity'] = 'error') =>
    problems.push({ field, header: header(field), message, severity });
  const text = (field: string): string | null => {
    const value = cell(field);
    if (!value) return null;
    if (value.length > MAX_TEXT) {
      problem(field, `longer than ${MAX_TEXT} characters`);
      return null;
    }
    return optionalText(value);
  };

  const donorRef = text('donorRef');
  const channel = text('giftChannel') ?? ctx.mapping.defaultChannel;
  let name = cleanName(cell('name'));
  // A platform's masked name (张*, 爱心网友) is no person's identity: the row is its platform id, or the
  // platform's anonymous donor, and a nameless platform donor gets a name that says so.
  const masked = !name || isMaskedName(name);
  const identified = Boolean(cell('phone') || cell('email'));
  let donorKey: string | null = null;
  if (!identified && donorRef) donorKey = `ref:${channel}:${donorRef}`;
  else if (!identified && masked && (name || ctx.index.has('donorRef'))) donorKey = `anon:${channel}`;
  if (donorKey && (!name || donorKey.startsWith('anon:'))) name = anonymousDonorName(channel);
  if (!name) problem('name', 'the name is empty');
  else if (name.length > 200) problem('name', 'the name is longer than 200 characters');
  const keys = name && name.length <= 200 ? cachedPinyin(name) : { pinyin: '', initials: '' };

  let phone: string | null = null;
  const rawPhone = cell('phone');
  if (rawPhone) {
    const result = fastPhone(rawPhone);
    if (result.ok) phone = result.e164;
    else problem('phone', `"${rawPhone}" is not a valid phone number`);
  }
  let email: string | null = null;
  const rawEmail = cell('email');
  if (rawEmail) {
    const result = normalizeEmail(rawEmail);
    if (result.ok) email = result.email;
    else problem('email', `"${rawEmail}" is not an email address`);
  }

  const rawGender = cell('gender');
  const gender = normalizeGender(rawGender);
  if (gender === undefined) problem('gender', `"${rawGender}" is not a gender (男/女); left empty`, 'warning');

  const place = { province: text('province'), city: text('city'), district: text('district') };
  const codes =
    place.province || place.city || place.district
      ? resolvePlace(place)
      : { provinceCode: null, cityCode: null, districtCode: null };
  if (place.province && !codes.provinceCode)
    problem('province', `"${place.province}" is not a province of China; left empty`, 'warning');
  if (place.city && !codes.cityCode) problem('city', `"${place.city}" was not found; left empty`, 'warning');
  if (place.district && !codes.districtCode)
    problem('district', `"${place.district}" was not found; left empty`, 'warning');

  let custom: Record<string, unknown> | null = null;
  for (const [field] of ctx.index) {
    if (!field.startsWith('custom.')) continue;
    const value = cell(field);
    if (!value) continue;
    const def = ctx.customFields.get(field.slice(7));
    if (!def) continue;
    const parsed = customValue(def, value);
    if (parsed.ok) (custom ??= {})[def.key] = parsed.value;
    else problem(field, parsed.message.startsWith('"') ? parsed.message : `"${value}": ${parsed.message}`);
  }

  const tags = splitTags(cell('tags'));

  let gift: Pick<StagedRow, 'giftAmount' | 'giftLocalTime'> = { giftAmount: null, giftLocalTime: null };
  const rawAmount = cell('giftAmount');
  if (rawAmount) {
    const amount = parseAmount(rawAmount, ctx.mapping.amountUnit);
    const rawDate = cell('giftDate');
    const date = rawDate ? parseDate(rawDate) : ({ ok: false, reason: 'a gift needs a date' } as const);
    if (!amount.ok) problem('giftAmount', amount.reason);
    if (!date.ok) problem('giftDate', rawDate ? date.reason : 'a gift needs a date: the date is empty');
    if (amount.ok && date.ok) gift = { giftAmount: amount.value, giftLocalTime: date.value };
  }

  const consents: { channel: string; status: string }[] = [];
  for (const [field] of ctx.index) {
    if (!field.startsWith('consent.')) continue;
    const consent = parseConsent(cell(field));
    if (!consent.ok) problem(field, consent.reason);
    else if (consent.value) consents.push({ channel: field.slice(8), status: consent.value });
  }

  const row: StagedRow = {
    name,
    namePinyin: keys.pinyin,
    nameInitials: keys.initials,
    gender: gender ?? null,
    phone,
    email,
    wechatId: text('wechatId'),
    ...codes,
    address: text('address'),
    postalCode: text('postalCode'),
    category: text('category'),
    custom,
    tags: tags.length > 0 ? tags : null,
    note: text('note'),
    giftAmount: gift.giftAmount,
    giftCurrency: gift.giftAmount === null ? null : ctx.mapping.currency,
    giftLocalTime: gift.giftLocalTime,
    giftChannel: gift.giftAmount === null ? null : (text('giftChannel') ?? ctx.mapping.defaultChannel),
    giftCampaign: gift.giftAmount === null ? null : text('giftCampaign'),
    giftExternalId: gift.giftAmount === null ? null : text('giftExternalId'),
    consents: consents.length > 0 ? consents : null,
    donorKey,
  };
  return problems.some((p) => p.severity === 'error') ? { ok: false, problems } : { ok: true, row, problems };
}

const anonymousWords = /^(匿名|匿名用户|匿名捐赠人|爱心人士|爱心网友|好心人|anonymous)$/i;

/** 张*, 李**, 王*明, 爱心网友: a name a platform shows instead of the donor's own. */
export const isMaskedName = (name: string) => /[*＊]/.test(name) || anonymousWords.test(name.trim());

const platformNames: Record<string, string> = {
  tencent_gongyi: '腾讯公益匿名捐赠人',
  alipay_gongyi: '支付宝公益匿名捐赠人',
};

/** The contact that holds a platform's gifts from donors it does not name. */
export const anonymousDonorName = (channel: string) => platformNames[channel] ?? '匿名捐赠人';

/** "手机: "123" is not a valid phone number; 姓名: the name is empty" */
export const rejectionReason = (problems: CellProblem[]) =>
  problems
    .filter((p) => p.severity === 'error')
    .map((p) => `${p.header}: ${p.message}`)
    .join('; ');
