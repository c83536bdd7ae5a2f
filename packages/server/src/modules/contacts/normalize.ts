import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { pinyin } from 'pinyin-pro';

/** Collapses white space; keeps the name as the person writes it. */
export const cleanName = (name: string) => name.normalize('NFKC').replace(/\s+/g, ' ').trim();

const hasHan = /\p{Script=Han}/u;

/**
 * Pinyin keys for search and sort: "张三丰" -> { pinyin: "zhangsanfeng", initials: "zsf" }.
 * Latin names keep their letters: "Li Lei" -> { pinyin: "lilei", initials: "ll" }.
 */
export function pinyinKeys(name: string): { pinyin: string; initials: string } {
  const cleaned = cleanName(name).toLowerCase();
  if (!hasHan.test(cleaned)) {
    const words = cleaned.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return { pinyin: words.join(''), initials: words.map((w) => w[0]).join('') };
  }
  const syllables = pinyin(cleaned, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  return { pinyin: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

/** Normalizes a phone number to E.164, assuming the organization's country (CN) for local numbers. */
export function normalizePhone(raw: string, defaultCountry: CountryCode = 'CN'): PhoneResult {
  const cleaned = raw.normalize('NFKC').replace(/[\s\-().]/g, '');
  if (!cleaned) return { ok: false, reason: 'empty' };
  const withPlus = cleaned.startsWith('00') ? `+${cleaned.slice(2)}` : cleaned;
  const parsed = parsePhoneNumberFromString(withPlus, defaultCountry);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: `"${raw}" is not a valid phone number` };
  return { ok: true, e164: parsed.number };
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type EmailResult = { ok: true; email: string } | { ok: false; reason: string };

export function normalizeEmail(raw: string): EmailResult {
  const email = raw.normalize('NFKC').trim().toLowerCase();
  if (!emailPattern.test(email) || email.length > 254) return { ok: false, reason: `"${raw}" is not an email address` };
  return { ok: true, email };
}

/** 138****5678: how phones appear on public pages and in logs. */
export const maskPhone = (e164: string) => {
  const national = e164.replace(/^\+86/, '');
  return national.length >= 7 ? `${national.slice(0, 3)}****${national.slice(-4)}` : '****';
};

/** 张*: how donor names appear on public pages. */
export const maskName = (name: string) => {
  const chars = [...cleanName(name)];
  if (chars.length === 0) return '爱心人士';
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
};
