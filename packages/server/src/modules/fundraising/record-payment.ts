import type { PaymentEvent } from '../../adapters/payments/index.ts';
import type { Db } from '../../db/client.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudits } from '../audit/index.ts';
import { appendConsents } from '../consent/index.ts';
import { findOrCreateSupporters, insertActivities, loadWritableContact } from '../contacts/index.ts';
import { appendGifts } from '../gifts/index.ts';
import { issueReceipts } from '../receipts/index.ts';
import { campaignsWithOpenFunds, matchGift } from './matching.ts';
import { chargePaid, startMonthlyGift } from './monthly.ts';
import * as repo from './repo.ts';

/** The channel a gift records, in the words staff and imports already use. */
const giftChannel: Record<repo.OrderRow['provider'], string> = {
  sandbox: 'sandbox',
  wechat: 'wechat_pay',
  alipay: 'alipay',
  'bank-transfer': 'bank_transfer',
};

/** A gift's external id: the provider's transaction, so one payment is never two gifts. */
export const giftExternalId = (provider: repo.OrderRow['provider'], transactionId: string) =>
  `${provider}:${transactionId}`;

/** A confirmed payment of an order, the order locked by the caller. */
export interface PaidOrder {
  order: repo.OrderRow;
  event: PaymentEvent;
}

export async function recordPaidOrder(tx: Db, ctx: OrgContext, order: repo.OrderRow, event: PaymentEvent) {
  const [recorded] = await recordPaidOrders(tx, ctx, [{ order, event }]);
  return recorded!;
}

/** The supporters the orders belong to: a monthly charge's own, else the one with the donor's phone or email, or a new one. */
async function donorContacts(tx: Db, ctx: OrgContext, paid: readonly PaidOrder[]) {
  const found = await findOrCreateSupporters(
    tx,
    ctx,
    paid
      .filter(({ order }) => !order.contactId)
      .map(({ order: { donor } }) => ({
        name: donor.name,
        phone: donor.phone,
        email: donor.email,
        source: 'online_giving',
      })),
  );
  let next = 0;
  const contacts: { id: number; created: boolean }[] = [];
  for (const { order } of paid) {
    if (!order.contactId) contacts.push(found[next++]!);
    else contacts.push({ id: (await loadWritableContact(tx, ctx.org.id, order.contactId)).id, created: false });
  }
  return contacts;
}

/**
 * What confirmed payments of one organization write, in the caller's transaction with the orders
 * locked, a few statements for all of them: the donors' contacts (found or created), the consents
 * they ticked, the gifts (each with its ledger entry and timeline line), matches, dedications, receipts
 * (numbered now and emailed by the receipts sweep once this commits), the orders' paid state and
 * their audit events. A gift's external id is the provider's transaction, so even a second order paid
 * by the same transaction could not count it twice.
 */
export async function recordPaidOrders(tx: Db, ctx: OrgContext, paid: readonly PaidOrder[]) {
  const orgId = ctx.org.id;
  const campaignIds = [...new Set(paid.map(({ order }) => order.campaignId))];
  const campaigns = await repo.campaignsById(tx, orgId, campaignIds);
  const contacts = await donorContacts(tx, ctx, paid);

  const latest = Math.max(
    ...paid.flatMap(({ order, event }) => [order.createdAt.getTime(), event.occurredAt.getTime()]),
  );
  await appendConsents(
    tx,
    ctx,
    paid.flatMap(({ order }, i) =>
      order.donor.consents.map((consent) => ({
        contactId: contacts[i]!.id,
        input: {
          channel: consent.channel,
          purpose: consent.purpose,
          status: 'granted' as const,
          source: 'form' as const,
          evidence: { type: 'form_submission' as const, ref: order.orderNo, text: consent.text },
          recordedAt: order.createdAt.toISOString(),
        },
      })),
    ),
    new Date(latest),
  );
  const gifts = await appendGifts(
    tx,
    ctx,
    paid.map(({ order, event }, i) => ({
      contactId: contacts[i]!.id,
      kind: 'money' as const,
      amount: order.amount,
      currency: order.currency,
      receivedAt: event.occurredAt.toISOString(),
      channel: giftChannel[order.provider],
      campaign: campaigns.get(order.campaignId)!.campaign.slug,
      fund: campaigns.get(order.campaignId)!.fund,
      paymentReference: event.transactionId,
      externalId: giftExternalId(order.provider, event.transactionId),
    })),
    'online',
  );
  const matching = await campaignsWithOpenFunds(tx, orgId, campaignIds);
  const matched: Awaited<ReturnType<typeof matchGift>>[] = [];
  for (const [i, gift] of gifts.entries()) {
    const { campaign } = campaigns.get(paid[i]!.order.campaignId)!;
    matched.push(
      matching.has(campaign.id)
        ? await matchGift(tx, ctx, campaign, {
            id: gift.id,
            amount: gift.amount,
            contactId: gift.contactId,
            receivedAt: gift.receivedAt,
          })
        : [],
    );
  }
  await insertActivities(
    tx,
    orgId,
    paid.flatMap(({ order: { donor } }, i) => {
      if (!donor.dedication) return [];
      const { kind, name, message } = donor.dedication;
      return [
        {
          contactId: contacts[i]!.id,
          type: 'dedication',
          summary: `${kind === 'memory' ? 'In memory of' : 'In honour of'} ${name}`,
          data: { giftId: gifts[i]!.id, kind, name, message },
        },
      ];
    }),
  );
  const receipts = await issueReceipts(
    tx,
    ctx,
    gifts.map((gift) => gift.id),
    new Date(),
  );
  const paidOrders = paid.map(({ order, event }, i) => ({
    ...order,
    status: 'paid' as const,
    paidAt: event.occurredAt,
    transactionId: event.transactionId,
    giftId: gifts[i]!.id,
    contactId: contacts[i]!.id,
  }));
  await repo.markOrdersPaid(
    tx,
    orgId,
    paidOrders.map(({ id, paidAt, transactionId, giftId, contactId }) => ({
      id,
      paidAt,
      transactionId,
      giftId,
      contactId,
    })),
  );
  for (const [i, order] of paidOrders.entries()) {
    const { event } = paid[i]!;
    // The agreement comes with the payment (sandbox), or came before it in the vendor's 签约 notice.
    const agreementId = event.agreementId ?? order.agreementId;
    if (order.monthlyGiftId) await chargePaid(tx, order);
    else if (order.frequency === 'monthly' && agreementId)
      await startMonthlyGift(tx, order, order.contactId, { ...event, agreementId });
  }
  await recordAudits(
    tx,
    ctx,
    paidOrders.map((order, i) => ({
      action: 'payment.recorded',
      subjectType: 'donation_order',
      subjectId: order.id,
      data: {
        orderNo: order.orderNo,
        giftId: order.giftId,
        amount: order.amount,
        currency: order.currency,
        previousStatus: paid[i]!.order.status,
      },
    })),
  );
  return paidOrders.map((order, i) => ({
    order,
    gift: gifts[i]!,
    receipt: receipts[i]!,
    contactCreated: contacts[i]!.created,
    matched: matched[i]!,
  }));
}
