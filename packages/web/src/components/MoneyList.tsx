import type { Money } from '../api/lists';
import { formatMoney } from '../lib/money';

/** Amounts per currency ("¥1,200.00 + $30.00"); the organization's currency first; "¥0.00" when empty. */
export function moneyText(list: Money[], currency = 'CNY'): string {
  if (list.length === 0) return formatMoney(0, currency);
  return [...list]
    .sort((a, b) => (a.currency === currency ? -1 : b.currency === currency ? 1 : a.currency.localeCompare(b.currency)))
    .map((m) => formatMoney(m.amount, m.currency))
    .join(' + ');
}
