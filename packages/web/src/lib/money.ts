// Money is integer fen. Yuan strings are parsed and printed with string and integer arithmetic only,
// so 0.1 + 0.2 never happens to a donor's gift.

const yuanPattern = /^(\d{1,13})(?:\.(\d{0,2}))?$/;

/** "12.5" -> 1250 fen; null when the text is not a non-negative amount with at most 2 decimals. */
export function yuanToFen(input: string): number | null {
  // Full-width digits and signs (１００．５) as a Chinese keyboard types them; then ¥ and 元 around it.
  const text = input
    .normalize('NFKC')
    .trim()
    .replace(/[,，\s]/g, '')
    .replace(/^¥/, '')
    .replace(/元$/, '');
  const match = yuanPattern.exec(text);
  if (!match) return null;
  const yuan = Number(match[1]);
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  const fen = yuan * 100 + cents;
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 1250 -> "12.50"; grouped thousands: 123456789 -> "1,234,567.89". */
export function fenToYuan(fen: number, grouped = true): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  const whole = grouped ? yuan.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(yuan);
  return `${negative ? '-' : ''}${whole}.${cents}`;
}

const symbols: Record<string, string> = { CNY: '¥', USD: '$', HKD: 'HK$', EUR: '€' };

/** 1250, "CNY" -> "¥12.50". */
export const formatMoney = (fen: number, currency = 'CNY') => `${symbols[currency] ?? currency + ' '}${fenToYuan(fen)}`;
