import { currencyDigits } from '../../text/format.ts';
import type { GiftTracking } from './ledger.ts';
import type { gifts } from './tables.ts';

export type GiftRow = typeof gifts.$inferSelect;

/** A gift with its donation.received entry: the tracking code, and the leaf index once in the log. */
export const presentGift = (g: GiftRow & { tracking: GiftTracking | null }) => ({
  id: g.id,
  contactId: g.contactId,
  kind: g.kind,
  amount: g.amount,
  currency: g.currency,
  receivedAt: g.receivedAt.toISOString(),
  channel: g.channel,
  campaign: g.campaign,
  fund: g.fund,
  paymentReference: g.paymentReference,
  inKindDescription: g.inKindDescription,
  externalId: g.externalId,
  source: g.source,
  createdAt: g.createdAt.toISOString(),
  trackingCode: g.tracking?.code ?? null,
  leafIndex: g.tracking?.leafIndex ?? null,
});

/** "CNY 100.00": minor units shown with the currency's own number of decimals. */
export function formatMoney(amount: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const major = Math.floor(abs / 10 ** digits);
  const minor = String(abs % 10 ** digits).padStart(digits, '0');
  return `${currency} ${sign}${major}${digits > 0 ? `.${minor}` : ''}`;
}
