import type { PaymentEvent } from '../../adapters/payments/index.ts';
import type { Db } from '../../db/client.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordConsent } from '../consent/index.ts';
import { addActivity, createContact, findListedByPhoneOrEmail } from '../contacts/index.ts';
import { recordGift } from '../gifts/index.ts';
import { findProject } from '../projects/index.ts';
import { issueReceipt } from '../receipts/index.ts';
import { matchGift } from './matching.ts';
import { chargePaid, startMonthlyGift } from './monthly.ts';
import * as repo from './repo.ts';

/** The channel a gift records, in the words staff and imports already use. */
const giftChannel: Record<repo.OrderRow['provider'], string> = {
  sandbox: 'sandbox',
  wechat: 'wechat_pay',
  alipay: 'alipay',
  'bank-transfer': 'bank_transfer',
};

/** The supporter a paid order belongs to: the one with the donor's phone or email, or a new one. */
async function donorContact(tx: Db, ctx: OrgContext, order: repo.OrderRow) {
  // A monthly gift's charge already knows its supporter.
  if (order.contactId) return { id: order.contactId, created: false };
  const { donor } = order;
  const existing = await findListedByPhoneOrEmail(tx, ctx.org.id, { phone: donor.phone, email: donor.email });
  if (existing) return { id: existing.id, created: false };
  const created = await createContact(tx, ctx, {
    kind: 'person',
    name: donor.name,
    phone: donor.phone ?? undefined,
    email: donor.email ?? undefined,
    source: 'online_giving',
  });
  return { id: created.contact.id, created: true };
}

/**
 * What a confirmed payment writes, in the caller's transaction with the order locked: the donor's
 * contact (found or created), the consents they ticked, the gift (with its ledger entry and timeline
 * line, inside recordGift) and the order's paid state. The gift's external id is the provider's
 * transaction, so even a second order paid by the same transaction could not count it twice.
 */
export async function recordPaidOrder(tx: Db, ctx: OrgContext, order: repo.OrderRow, event: PaymentEvent) {
  const campaign = (await repo.findCampaign(tx, order.orgId, order.campaignId))!;
  const project = await findProject(tx, order.orgId, campaign.projectId);
  const contact = await donorContact(tx, ctx, order);
  for (const consent of order.donor.consents) {
    await recordConsent(
      tx,
      ctx,
      contact.id,
      {
        channel: consent.channel,
        purpose: consent.purpose,
        status: 'granted',
        source: 'form',
        evidence: { type: 'form_submission', ref: order.orderNo, text: consent.text },
        recordedAt: order.createdAt.toISOString(),
      },
      event.occurredAt > order.createdAt ? event.occurredAt : order.createdAt,
    );
  }
  const gift = await recordGift(
    tx,
    ctx,
    {
      contactId: contact.id,
      kind: 'money',
      amount: order.amount,
      currency: order.currency,
      receivedAt: event.occurredAt.toISOString(),
      channel: giftChannel[order.provider],
      campaign: campaign.slug,
      fund: project?.slug ?? null,
      paymentReference: event.transactionId,
      externalId: `${order.provider}:${event.transactionId}`,
    },
    'online',
  );
  const matched = await matchGift(tx, ctx, campaign, {
    id: gift.id,
    amount: gift.amount,
    contactId: contact.id,
    receivedAt: gift.receivedAt,
  });
  if (order.donor.dedication) {
    const { kind, name, message } = order.donor.dedication;
    await addActivity(tx, ctx.org.id, contact.id, {
      type: 'dedication',
      summary: `${kind === 'memory' ? 'In memory of' : 'In honour of'} ${name}`,
      data: { giftId: gift.id, kind, name, message },
    });
  }
  // Its acknowledgement, numbered now and emailed by the receipts sweep once this commits.
  const receipt = await issueReceipt(tx, ctx, gift.id, new Date());
  const paid = await repo.updateOrder(tx, order.orgId, order.id, {
    status: 'paid',
    paidAt: event.occurredAt,
    transactionId: event.transactionId,
    giftId: gift.id,
    contactId: contact.id,
  });
  if (order.monthlyGiftId) await chargePaid(tx, paid);
  else if (order.frequency === 'monthly' && event.agreementId)
    await startMonthlyGift(tx, paid, contact.id, { ...event, agreementId: event.agreementId });
  return { order: paid, gift, receipt, contactCreated: contact.created, matched };
}
