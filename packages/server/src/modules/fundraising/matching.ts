import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { idParam } from '../../http/params.ts';
import { recordAudit } from '../audit/index.ts';
import { recordAllocation } from '../flows/index.ts';
import { recordGift } from '../gifts/index.ts';
import { findProject, minorUnits } from '../projects/index.ts';
import { day as dayOf } from '../../text/format.ts';
import * as repo from './repo.ts';
import { matches, matchingFunds } from './tables.ts';

export type MatchingFundRow = typeof matchingFunds.$inferSelect;

export const matchingFundInput = z
  .object({
    sponsorContactId: idParam.describe("the sponsor's contact: its pooled gift is recorded for them"),
    sponsorName: z.string().trim().min(1).max(100).describe('as the public page names the sponsor'),
    cap: minorUnits.describe('the whole matching pool, received from the sponsor'),
    ratio: z
      .object({ numerator: z.number().int().min(1).max(100), denominator: z.number().int().min(1).max(100) })
      .default({ numerator: 1, denominator: 1 })
      .describe('1/1 doubles each gift; 1/2 adds half'),
    perDonorCap: minorUnits.nullish(),
    perDayCap: minorUnits.nullish(),
    startsAt: z.iso.datetime({ offset: true }).nullish(),
    endsAt: z.iso.datetime({ offset: true }).nullish(),
    receivedAt: z.iso.datetime({ offset: true }).describe("when the sponsor's money arrived"),
    channel: z.string().trim().min(1).max(50).default('bank_transfer'),
    paymentReference: z.string().trim().max(200).nullish(),
  })
  .refine((m) => !m.startsAt || !m.endsAt || new Date(m.startsAt) < new Date(m.endsAt), {
    path: ['endsAt'],
    message: 'must be after the start',
  });
export type MatchingFundInput = z.infer<typeof matchingFundInput>;

/**
 * Opens a matching fund: the sponsor's whole pool is recorded as their gift to the campaign's project
 * (donation.received), then each donor's gift draws its match from it.
 */
export async function createMatchingFund(db: Db, ctx: OrgContext, campaignId: number, input: MatchingFundInput) {
  return db.transaction(async (tx) => {
    const campaign = await repo.findCampaign(tx, ctx.org.id, campaignId);
    if (!campaign) throw notFound('Campaign');
    if (campaign.status === 'closed') {
      throw new AppError('CAMPAIGN_STATE', 'A closed campaign takes no matching fund', [
        { path: 'campaignId', message: 'the campaign is closed' },
      ]);
    }
    const project = await findProject(tx, ctx.org.id, campaign.projectId);
    const pool = await recordGift(
      tx,
      ctx,
      {
        contactId: input.sponsorContactId,
        kind: 'money',
        amount: input.cap,
        currency: campaign.currency,
        receivedAt: input.receivedAt,
        channel: input.channel,
        fund: project?.slug ?? null,
        paymentReference: input.paymentReference ?? null,
      },
      'matching',
    );
    const [fund] = await tx
      .insert(matchingFunds)
      .values({
        orgId: ctx.org.id,
        campaignId,
        sponsorName: input.sponsorName,
        giftId: pool.id,
        ratioNumerator: input.ratio.numerator,
        ratioDenominator: input.ratio.denominator,
        cap: input.cap,
        perDonorCap: input.perDonorCap ?? null,
        perDayCap: input.perDayCap ?? null,
        startsAt: input.startsAt ? new Date(input.startsAt) : null,
        endsAt: input.endsAt ? new Date(input.endsAt) : null,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'matching.create',
      subjectType: 'matching_fund',
      subjectId: fund!.id,
      data: { campaignId, cap: input.cap, ratio: input.ratio, giftId: pool.id, trackingCode: pool.tracking.code },
    });
    return fund!;
  });
}

export async function listMatchingFunds(db: Db, orgId: string, campaignId: number) {
  return db
    .select()
    .from(matchingFunds)
    .where(and(eq(matchingFunds.orgId, orgId), eq(matchingFunds.campaignId, campaignId)))
    .orderBy(asc(matchingFunds.id));
}

/** Pauses or resumes a fund; what it already matched stays matched. */
export async function setMatchingFundActive(db: Db, ctx: OrgContext, campaignId: number, id: number, active: boolean) {
  return db.transaction(async (tx) => {
    const [fund] = await tx
      .update(matchingFunds)
      .set({ active })
      .where(
        and(eq(matchingFunds.orgId, ctx.org.id), eq(matchingFunds.campaignId, campaignId), eq(matchingFunds.id, id)),
      )
      .returning();
    if (!fund) throw notFound('Matching fund');
    await recordAudit(tx, ctx, {
      action: active ? 'matching.resume' : 'matching.pause',
      subjectType: 'matching_fund',
      subjectId: id,
    });
    return fund;
  });
}

/** The gift's match: its ratio of the amount, in whole minor units, within every cap still open. */
export function matchAmount(
  fund: Pick<MatchingFundRow, 'ratioNumerator' | 'ratioDenominator' | 'cap' | 'matched' | 'perDonorCap' | 'perDayCap'>,
  gift: number,
  already: { donor: number; day: number },
): number {
  const byRatio = Number((BigInt(gift) * BigInt(fund.ratioNumerator)) / BigInt(fund.ratioDenominator));
  const limits = [byRatio, fund.cap - fund.matched];
  if (fund.perDonorCap !== null) limits.push(fund.perDonorCap - already.donor);
  if (fund.perDayCap !== null) limits.push(fund.perDayCap - already.day);
  return Math.max(0, Math.min(...limits));
}

/** Of these campaigns, those with an active fund not yet spent: only their gifts need matchGift. */
export async function campaignsWithOpenFunds(tx: Db, orgId: string, campaignIds: number[]): Promise<Set<number>> {
  const rows = await tx
    .selectDistinct({ campaignId: matchingFunds.campaignId })
    .from(matchingFunds)
    .where(
      and(
        eq(matchingFunds.orgId, orgId),
        inArray(matchingFunds.campaignId, campaignIds),
        eq(matchingFunds.active, true),
        sql`${matchingFunds.matched} < ${matchingFunds.cap}`,
      ),
    );
  return new Set(rows.map((row) => row.campaignId));
}

/**
 * What a fund has matched for this donor and on this day, for the caps it has: each through its own
 * index, so that a gift on a busy campaign day does not read every match the fund ever made while it
 * holds the fund's lock.
 */
async function matchedSoFar(tx: Db, fund: MatchingFundRow, contactId: number, day: string) {
  const sumOf = async (only: SQL) => {
    const [row] = await tx
      .select({ total: sql<string>`coalesce(sum(${matches.amount}), 0)` })
      .from(matches)
      .where(and(eq(matches.orgId, fund.orgId), eq(matches.matchingFundId, fund.id), only));
    return Number(row!.total);
  };
  return {
    donor: fund.perDonorCap === null ? 0 : await sumOf(eq(matches.contactId, contactId)),
    day: fund.perDayCap === null ? 0 : await sumOf(eq(matches.day, day)),
  };
}

/**
 * Matches a donor's gift from every open matching fund of its campaign, in the gift's transaction.
 * Each fund's row is locked while its match is decided, so concurrent gifts take their matches one
 * after another and the cap is never exceeded; a gift that finds the pool empty gets nothing.
 */
export async function matchGift(
  tx: Db,
  ctx: OrgContext,
  campaign: repo.CampaignRow,
  gift: { id: number; amount: number; contactId: number; receivedAt: Date },
) {
  const open = await tx
    .select({ id: matchingFunds.id })
    .from(matchingFunds)
    .where(
      and(
        eq(matchingFunds.orgId, ctx.org.id),
        eq(matchingFunds.campaignId, campaign.id),
        eq(matchingFunds.active, true),
        sql`${matchingFunds.matched} < ${matchingFunds.cap}`,
        sql`(${matchingFunds.startsAt} is null or ${matchingFunds.startsAt} <= ${gift.receivedAt})`,
        sql`(${matchingFunds.endsAt} is null or ${matchingFunds.endsAt} > ${gift.receivedAt})`,
      ),
    )
    .orderBy(asc(matchingFunds.id));
  const day = dayOf(gift.receivedAt, ctx.org.timezone);
  const made: { fundId: number; amount: number }[] = [];
  for (const { id } of open) {
    const [fund] = await tx
      .select()
      .from(matchingFunds)
      .where(and(eq(matchingFunds.orgId, ctx.org.id), eq(matchingFunds.id, id)))
      .for('update');
    const amount = matchAmount(fund!, gift.amount, await matchedSoFar(tx, fund!, gift.contactId, day));
    if (amount <= 0) continue;
    const allocation = await recordAllocation(tx, ctx, {
      projectId: campaign.projectId,
      amount,
      allocatedAt: gift.receivedAt.toISOString(),
      giftIds: [fund!.giftId],
      note: `配捐 / matching: ${fund!.sponsorName}, gift ${gift.id}`,
    });
    await tx.insert(matches).values({
      orgId: ctx.org.id,
      matchingFundId: id,
      giftId: gift.id,
      contactId: gift.contactId,
      allocationId: allocation.id,
      amount,
      day,
    });
    await tx
      .update(matchingFunds)
      .set({ matched: sql`${matchingFunds.matched} + ${amount}` })
      .where(and(eq(matchingFunds.orgId, ctx.org.id), eq(matchingFunds.id, id)));
    made.push({ fundId: id, amount });
  }
  return made;
}
