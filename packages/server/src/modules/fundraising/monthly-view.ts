import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import {
  monthlyGiftToken,
  receiptOfGift,
  receiptUrl,
  statementToken,
  verifyMonthlyGiftToken,
} from '../receipts/index.ts';
import * as monthlyRepo from './monthly-repo.ts';
import type { MonthlyGiftRow } from './monthly-repo.ts';
import { campaignPath } from './present.ts';
import * as repo from './repo.ts';

type Links = Pick<Config, 'PUBLIC_URL' | 'SECRET_KEY'>;

/** The donor's own page for a monthly gift: the link in every email about it. */
export const monthlyGiftUrl = (links: Links, orgId: string, id: number) =>
  `${links.PUBLIC_URL}/m/${monthlyGiftToken(links.SECRET_KEY, orgId, id)}`;

/** The monthly gift a donor's signed link opens; undefined for a link that is not genuine. */
export async function monthlyGiftByToken(db: Db, secretKey: string, token: string) {
  const claims = verifyMonthlyGiftToken(secretKey, token);
  return claims ? monthlyRepo.findMonthlyGift(db, claims.orgId, claims.monthlyGiftId) : undefined;
}

/**
 * What the donor's page and the donor API show: the gift, its schedule, each month's charge with its
 * receipt, and the links to the yearly statement and the campaign. Only the donor's own name.
 */
export async function monthlyGiftView(db: Db, links: Links, gift: MonthlyGiftRow) {
  const campaign = (await repo.findCampaign(db, gift.orgId, gift.campaignId))!;
  const org = await repo.orgSlugOf(db, gift.orgId);
  const charges = await monthlyRepo.chargesOf(db, gift);
  return {
    id: gift.id,
    status: gift.status,
    amount: gift.amount,
    currency: gift.currency,
    chargeDay: gift.chargeDay,
    nextChargeAt: gift.nextChargeAt?.toISOString() ?? null,
    failures: gift.failures,
    lastFailure: gift.lastFailure,
    startedAt: gift.createdAt.toISOString(),
    cancelledAt: gift.cancelledAt?.toISOString() ?? null,
    donorName: gift.donor.name,
    org: { name: org.orgName, timezone: org.timezone },
    campaign: {
      title: campaign.copy.title,
      url: campaignPath(org.orgSlug, campaign.slug),
      minAmount: campaign.minAmount,
      maxAmount: campaign.maxAmount,
    },
    charges: await Promise.all(
      charges.map(async (order) => {
        const receipt = order.giftId ? await receiptOfGift(db, gift.orgId, order.giftId) : undefined;
        return {
          orderNo: order.orderNo,
          period: order.period,
          amount: order.amount,
          currency: order.currency,
          status: order.status,
          createdAt: order.createdAt.toISOString(),
          paidAt: order.paidAt?.toISOString() ?? null,
          receiptUrl: receipt ? receiptUrl(links, gift.orgId, receipt.id) : null,
        };
      }),
    ),
    statementUrl: `${links.PUBLIC_URL}/s/${statementToken(links.SECRET_KEY, gift.orgId, gift.contactId)}`,
  };
}
export type MonthlyGiftView = Awaited<ReturnType<typeof monthlyGiftView>>;
