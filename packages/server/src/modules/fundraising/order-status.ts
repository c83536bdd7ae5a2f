import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { receiptOfGift, receiptUrl } from '../receipts/index.ts';
import { trackingOf } from '../gifts/index.ts';
import { monthlyGiftOfFirstOrder } from './monthly-repo.ts';
import { monthlyGiftUrl } from './monthly-view.ts';
import { campaignPath, presentOrder } from './present.ts';
import { bankAccountOf } from './payment-settings.ts';
import * as repo from './repo.ts';

/**
 * What the donor's return page and the public API show of an order: its money facts and state, and
 * once paid the gift's tracking code. Never the donor's details: anyone holding the number sees this.
 */
export async function orderStatus(db: Db, orderNo: string, links?: Pick<Config, 'PUBLIC_URL' | 'SECRET_KEY'>) {
  const order = await repo.orderByNumber(db, orderNo);
  if (!order) return undefined;
  const campaign = (await repo.findCampaign(db, order.orgId, order.campaignId))!;
  const tracking = order.giftId ? (await trackingOf(db, order.orgId, [order.giftId])).get(order.giftId) : undefined;
  const { orgSlug, orgName, timezone } = await repo.orgSlugOf(db, order.orgId);
  const receipt = order.giftId && links ? await receiptOfGift(db, order.orgId, order.giftId) : undefined;
  // A transfer not yet found on the statement: the donor needs the account and the memo code again.
  const account =
    order.provider === 'bank-transfer' && order.status === 'pending' ? await bankAccountOf(db, order.orgId) : null;
  const monthly =
    order.frequency === 'monthly' && links ? await monthlyGiftOfFirstOrder(db, order.orgId, order.id) : undefined;
  return {
    order,
    campaign,
    orgSlug,
    orgName,
    campaignZone: timezone,
    /** The donor's receipt, for the thank-you page (the donor holds the order number). */
    receiptUrl: receipt && links ? receiptUrl(links, order.orgId, receipt.id) : null,
    /** A monthly gift's own page, for the thank-you page (changing, pausing, cancelling it). */
    manageUrl: monthly && links ? monthlyGiftUrl(links, order.orgId, monthly.id) : null,
    transfer: account && order.providerPaymentId ? { account, reference: order.providerPaymentId } : null,
    /** A WeChat Pay Native payment still to scan: its code_url, drawn as a QR code on a desktop. */
    qrCode:
      order.status === 'pending' && order.providerPaymentId?.startsWith('weixin://') ? order.providerPaymentId : null,
    public: publicOrder(order, campaign, orgSlug, tracking?.code ?? null),
  };
}

/** An order as anyone holding its number may see it: money facts and state, never the donor. */
export function publicOrder(
  order: repo.OrderRow,
  campaign: repo.CampaignRow,
  orgSlug: string,
  trackingCode: string | null,
) {
  const shown = presentOrder(order);
  return {
    orderNo: order.orderNo,
    status: order.status,
    amount: order.amount,
    currency: order.currency,
    frequency: order.frequency,
    expiresAt: shown.expiresAt,
    paidAt: shown.paidAt,
    campaign: { title: campaign.copy.title, url: campaignPath(orgSlug, campaign.slug) },
    trackingCode,
  };
}
