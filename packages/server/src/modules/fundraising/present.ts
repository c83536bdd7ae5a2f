import type { CampaignCopy } from './tables.ts';
import type { MatchingFundRow } from './matching.ts';
import type { CampaignRow, OrderRow } from './repo.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const presentCopy = (copy: CampaignCopy) => ({
  title: copy.title,
  summary: copy.summary,
  story: copy.story,
  coverKey: copy.coverKey,
  coverUrl: copy.coverKey ? `/${copy.coverKey}` : null,
});

/** The public address of a campaign's page. */
export const campaignPath = (orgSlug: string, slug: string) => `/c/${orgSlug}/${slug}`;

export function presentCampaign(row: CampaignRow, orgSlug: string) {
  return {
    id: row.id,
    slug: row.slug,
    status: row.status,
    copy: presentCopy(row.copy),
    pending: row.pendingCopy ? { copy: presentCopy(row.pendingCopy), plan: row.pendingCopy.plan } : null,
    plan: row.plan,
    projectId: row.projectId,
    goal: row.goal,
    currency: row.currency,
    presetAmounts: row.presetAmounts,
    minAmount: row.minAmount,
    maxAmount: row.maxAmount,
    allowMonthly: row.allowMonthly,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    reviewNote: row.reviewNote,
    submittedAt: iso(row.submittedAt),
    publishedAt: iso(row.publishedAt),
    closedAt: iso(row.closedAt),
    publicUrl: campaignPath(orgSlug, row.slug),
    partnerOrgId: row.partnerOrgId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** An order as staff see it in a list: money facts and status; the donor's details stay on the contact. */
export function presentOrder(row: OrderRow) {
  return {
    id: row.id,
    orderNo: row.orderNo,
    campaignId: row.campaignId,
    amount: row.amount,
    currency: row.currency,
    frequency: row.frequency,
    provider: row.provider,
    status: row.status,
    anonymous: row.donor.anonymous,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    paidAt: iso(row.paidAt),
    transactionId: row.transactionId,
    giftId: row.giftId,
    contactId: row.contactId,
  };
}

export function presentMatchingFund(row: MatchingFundRow) {
  return {
    id: row.id,
    campaignId: row.campaignId,
    sponsorName: row.sponsorName,
    giftId: row.giftId,
    ratio: { numerator: row.ratioNumerator, denominator: row.ratioDenominator },
    cap: row.cap,
    matched: row.matched,
    remaining: row.cap - row.matched,
    perDonorCap: row.perDonorCap,
    perDayCap: row.perDayCap,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}
