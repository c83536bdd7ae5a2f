/** The fund-flow events of issue 3. Each becomes one canonical JSON (RFC 8785) log entry. */
export const ledgerEventTypes = [
  'donation.received',
  'donation.refunded',
  'funds.allocated',
  'expense.paid',
  'transfer.sent',
  'transfer.received',
  'goods.received',
  'goods.distributed',
  'beneficiary.delivered',
  'correction',
] as const;
export type LedgerEventType = (typeof ledgerEventTypes)[number];

/** Version of the entry format; bump it when a field's meaning changes. */
export const ENTRY_VERSION = 1;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
