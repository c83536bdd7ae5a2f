import type { MoneyTotal } from '../api/contacts';
import { formatMoney } from '../lib/money';

/** "¥1,200.00" (and one line per other currency). */
export function TotalGiven({ totals }: { totals: MoneyTotal[] }) {
  if (!totals.length) return <>—</>;
  return <>{totals.map((t) => formatMoney(t.amount, t.currency)).join(' + ')}</>;
}
