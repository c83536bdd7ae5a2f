import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** True when `phone` is written in E.164 and is a number that can receive SMS (not a landline). */
export function isSmsCapableE164(phone: string): boolean {
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) return false;
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed || !parsed.isValid() || parsed.number !== phone) return false;
  const type = parsed.getType();
  return type === undefined || type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

/**
 * Reads a number as a vendor writes it in a callback: mainland numbers as 11 digits, others with
 * their country code, with or without +.
 */
export function e164FromVendor(raw: string, countryCode?: string): string {
  const digits = raw.replace(/[^\d]/g, '');
  if (countryCode) return `+${countryCode.replace(/[^\d]/g, '')}${digits}`;
  if (raw.trim().startsWith('+')) return `+${digits}`;
  if (/^1\d{10}$/.test(digits)) return `+86${digits}`;
  return `+${digits.replace(/^00/, '')}`;
}
