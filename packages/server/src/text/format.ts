// How dates and money are printed on public pages, receipts and statements.

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** 2025-03-01 in the organization's time zone. */
export function day(date: Date, timeZone: string) {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(date);
}

const amountFormats = new Map<string, { digits: number; format: Intl.NumberFormat }>();
/** How a currency's amounts are written: built once per currency (an Intl format is costly to build). */
function amountFormat(currency: string) {
  let entry = amountFormats.get(currency);
  if (!entry) {
    const digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    const format = new Intl.NumberFormat('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    entry = { digits, format };
    amountFormats.set(currency, entry);
  }
  return entry;
}

/** Digits after the decimal point in a currency's minor units: 2 for CNY, 0 for JPY. */
export const currencyDigits = (currency: string) => amountFormat(currency).digits;

/** ¥1,234.50 for CNY; "USD 12.00" otherwise. Amounts are minor units. */
export function money(amount: number, currency: string) {
  const { digits, format } = amountFormat(currency);
  const value = format.format(amount / 10 ** digits);
  return currency === 'CNY' ? `¥${value}` : `${currency} ${value}`;
}
