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

/** ¥1,234.50 for CNY; "USD 12.00" otherwise. Amounts are minor units. */
export function money(amount: number, currency: string) {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const value = (amount / 10 ** digits).toLocaleString('en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return currency === 'CNY' ? `¥${value}` : `${currency} ${value}`;
}
