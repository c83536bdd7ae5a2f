import type { JsonValue } from './events.ts';
import { commitment, sha256Hex } from './outbox.ts';

/**
 * The public fields of each fund-flow event, built from the business row alone, so that `ledger
 * audit` can rebuild them and compare. Never a name, phone, email or free text a person typed:
 * those stay in the private row, and the entry holds a commitment or a hash when it must be provable.
 */
type Payload = Record<string, JsonValue>;

const iso = (d: Date) => d.toISOString();
const hashOrNull = (value: string | null | undefined) => (value ? sha256Hex(value) : null);

export interface GiftFacts {
  contactId: number;
  kind: string;
  amount: number;
  currency: string;
  receivedAt: Date;
  channel: string;
  campaign: string | null;
  fund: string | null;
  paymentReference: string | null;
}

/** The facts of a gift that a correction restates: everything but the donor, who never changes. */
export const giftFactsPayload = (g: GiftFacts): Payload => ({
  kind: g.kind,
  amount: g.amount,
  currency: g.currency,
  channel: g.channel,
  receivedAt: iso(g.receivedAt),
  campaign: g.campaign,
  fund: g.fund,
  paymentReferenceHash: hashOrNull(g.paymentReference),
});

/** donation.received: the gift's facts and a commitment SHA-256(salt ‖ donor id) to the donor. */
export const donationReceivedPayload = (g: GiftFacts, donorSalt: string): Payload => ({
  ...giftFactsPayload(g),
  donor: commitment(donorSalt, String(g.contactId)),
});

/** correction: points at the entry it corrects; `facts` are the new facts, or null when voided. */
export const correctionPayload = (target: {
  code: string;
  leafIndex: number | null;
  type: string;
  facts: Payload | null;
}): Payload => ({
  corrects: target.code,
  correctsLeaf: target.leafIndex,
  correctedType: target.type,
  action: target.facts ? 'amend' : 'void',
  facts: target.facts,
});

export const refundPayload = (r: {
  giftCode: string;
  amount: number;
  currency: string;
  refundedAt: Date;
}): Payload => ({
  gift: r.giftCode,
  amount: r.amount,
  currency: r.currency,
  refundedAt: iso(r.refundedAt),
});

export const allocationPayload = (a: {
  project: string;
  budgetLineId: number | null;
  amount: number;
  currency: string;
  allocatedAt: Date;
  sources: { giftCode: string; amount: number }[];
}): Payload => ({
  project: a.project,
  budgetLine: a.budgetLineId,
  amount: a.amount,
  currency: a.currency,
  allocatedAt: iso(a.allocatedAt),
  sources: a.sources.map((s) => ({ gift: s.giftCode, amount: s.amount })),
});

export const expensePayload = (e: {
  project: string;
  budgetLineId: number | null;
  payeeCategory: string;
  amount: number;
  currency: string;
  paidAt: Date;
  invoiceSha256: string;
}): Payload => ({
  project: e.project,
  budgetLine: e.budgetLineId,
  payeeCategory: e.payeeCategory,
  amount: e.amount,
  currency: e.currency,
  paidAt: iso(e.paidAt),
  invoice: e.invoiceSha256,
});

export const transferPayload = (t: {
  project: string;
  partnerName: string;
  partnerUscc: string | null;
  amount: number;
  currency: string;
  transferredAt: Date;
  counterpartCode: string | null;
  counterpartOrigin: string | null;
}): Payload => ({
  project: t.project,
  partner: t.partnerName,
  partnerUscc: t.partnerUscc,
  amount: t.amount,
  currency: t.currency,
  transferredAt: iso(t.transferredAt),
  counterpart: t.counterpartCode,
  counterpartOrigin: t.counterpartOrigin,
});

export const goodsPayload = (g: {
  item: string;
  unit: string;
  quantity: number;
  value: number;
  currency: string;
  store: string;
  project: string | null;
  movedAt: Date;
}): Payload => ({
  item: g.item,
  unit: g.unit,
  quantity: g.quantity,
  value: g.value,
  currency: g.currency,
  store: g.store,
  project: g.project,
  movedAt: iso(g.movedAt),
});

/** beneficiary.delivered: the beneficiary as a commitment, the acknowledgement as a hash. */
export const deliveryPayload = (
  d: {
    project: string;
    beneficiaryRef: string;
    aid: string;
    quantity: number | null;
    value: number;
    currency: string;
    deliveredAt: Date;
    acknowledgementSha256: string;
  },
  beneficiarySalt: string,
): Payload => ({
  project: d.project,
  beneficiary: commitment(beneficiarySalt, d.beneficiaryRef),
  aid: d.aid,
  quantity: d.quantity,
  value: d.value,
  currency: d.currency,
  deliveredAt: iso(d.deliveredAt),
  acknowledgement: d.acknowledgementSha256,
});
