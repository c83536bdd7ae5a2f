import { z } from 'zod';
import type { PaymentEvent } from '../../adapters/payments/index.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { money } from '../../text/format.ts';
import { recordAudit } from '../audit/index.ts';
import { addActivity } from '../contacts/index.ts';
import * as monthlyRepo from './monthly-repo.ts';
import type { MonthlyGiftRow } from './monthly-repo.ts';
import { chargeDayFor, chargeInMonthAfter, nextChargeAfter, periodOf, resumeAfterMonths } from './monthly-schedule.ts';
import { amountOf } from './orders.ts';
import { paymentProviderOf, type PaymentDeps } from './payment-settings.ts';
import * as repo from './repo.ts';

/** Declined charges in a row before a monthly gift lapses and the donor is asked to set it up again. */
export const MAX_CHARGE_FAILURES = 3;
/** Days between a declined charge and its retry. */
export const RETRY_DAYS = 3;

/**
 * The first payment of a monthly gift, recorded in recordPaidOrder's transaction: the agreement the
 * donor signed while paying becomes a monthly gift, charged on the same day each month from next month.
 */
export async function startMonthlyGift(
  tx: Db,
  order: repo.OrderRow,
  contactId: number,
  event: PaymentEvent & { agreementId: string },
) {
  const chargeDay = chargeDayFor(event.occurredAt);
  const next = chargeInMonthAfter(periodOf(event.occurredAt), chargeDay);
  const gift = await monthlyRepo.insertMonthlyGift(tx, {
    orgId: order.orgId,
    campaignId: order.campaignId,
    contactId,
    firstOrderId: order.id,
    provider: order.provider,
    agreementId: event.agreementId,
    amount: order.amount,
    currency: order.currency,
    chargeDay,
    nextChargeAt: next.at,
    period: next.period,
    donor: { ...order.donor, consents: [] },
    noticeDue: 'welcome',
  });
  await addActivity(tx, order.orgId, contactId, {
    type: 'monthly_gift',
    summary: `Started a monthly gift of ${money(gift.amount, gift.currency)}`,
    data: { monthlyGiftId: gift.id, action: 'start', amount: gift.amount, currency: gift.currency },
    at: event.occurredAt,
  });
  return gift;
}

/**
 * The agreement was ended at the vendor (解约): by the donor in WeChat or Alipay, or after our own
 * request. Nothing more can be charged, so the gift is cancelled, on the donor's timeline and in the
 * audit log. A gift already cancelled (ours was the request) changes nothing.
 */
export async function agreementEnded(
  tx: Db,
  ctx: OrgContext,
  gift: MonthlyGiftRow,
  ended: { endedBy: 'donor' | 'merchant' | 'expired' | 'unknown'; occurredAt: Date },
) {
  if (gift.status === 'cancelled') return false;
  const vendor = gift.provider === 'wechat' ? 'WeChat Pay' : gift.provider === 'alipay' ? 'Alipay' : gift.provider;
  await monthlyRepo.updateMonthlyGift(tx, gift.orgId, gift.id, {
    status: 'cancelled',
    nextChargeAt: null,
    cancelledAt: ended.occurredAt,
    cancelledBy: 'provider',
    noticeDue: null,
  });
  const how = ended.endedBy === 'expired' ? 'the agreement expired' : `the agreement was ended in ${vendor} (解约)`;
  await addActivity(tx, gift.orgId, gift.contactId, {
    type: 'monthly_gift',
    summary: `Monthly gift cancelled: ${how}`,
    data: { monthlyGiftId: gift.id, action: 'cancel', by: 'provider', endedBy: ended.endedBy },
    at: ended.occurredAt,
  });
  await recordAudit(tx, ctx, {
    action: 'monthly_gift.cancel',
    subjectType: 'monthly_gift',
    subjectId: gift.id,
    data: { by: 'provider', endedBy: ended.endedBy, before: { status: gift.status, amount: gift.amount } },
  });
  return true;
}

/** A month's charge was paid (in recordPaidOrder's transaction): the gift moves on to the next month. */
export async function chargePaid(tx: Db, order: repo.OrderRow) {
  const gift = await monthlyRepo.findMonthlyGift(tx, order.orgId, order.monthlyGiftId!, true);
  if (!gift || gift.period !== order.period || gift.status === 'cancelled') return;
  const next = chargeInMonthAfter(gift.period, gift.chargeDay);
  await monthlyRepo.updateMonthlyGift(tx, gift.orgId, gift.id, {
    status: gift.status === 'lapsed' ? 'active' : gift.status,
    period: next.period,
    nextChargeAt: gift.status === 'paused' && !gift.nextChargeAt ? null : next.at,
    failures: 0,
    lastFailure: null,
  });
}

/** What a donor (on their page) or staff (in the console) can do to a monthly gift. */
export const monthlyChange = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('change-amount'),
    amount: z.union([z.number(), z.string()]).describe('minor units as a number, or yuan as text'),
  }),
  z.object({
    action: z.literal('pause'),
    months: z
      .number()
      .int()
      .min(1)
      .max(12)
      .nullish()
      .describe('skip this many months, then carry on; empty to pause until resumed'),
  }),
  z.object({ action: z.literal('resume') }),
  z.object({ action: z.literal('cancel'), reason: z.string().trim().max(200).nullish() }),
]);
export type MonthlyChange = z.infer<typeof monthlyChange>;

/** Who made a change: the donor through their signed link, or a staff member. */
export type ChangedBy = { kind: 'donor'; ctx: OrgContext } | { kind: 'staff'; ctx: OrgContext };

const stateError = (message: string) => new AppError('MONTHLY_STATE', message, [{ path: 'body.action', message }]);

/**
 * Applies a change in one transaction with the gift locked, on the contact's timeline and in the audit
 * log. A cancelled agreement is also ended at the provider, once the change is committed, so the
 * donor is never charged again even if the provider could only be reached later.
 */
export async function changeMonthlyGift(
  deps: PaymentDeps,
  orgId: string,
  id: number,
  change: MonthlyChange,
  by: ChangedBy,
): Promise<MonthlyGiftRow> {
  const now = deps.now();
  const changed = await deps.db.transaction(async (tx) => {
    const gift = await monthlyRepo.findMonthlyGift(tx, orgId, id, true);
    if (!gift) throw new AppError('NOT_FOUND', 'Monthly gift was not found');
    if (gift.status === 'cancelled') throw stateError('this monthly gift has been cancelled');
    // The same amount again (a repeated click): nothing to change, nothing to record.
    if (change.action === 'change-amount' && amountOf(change.amount) === gift.amount) return gift;
    const values = await valuesFor(tx, gift, change, by, now);
    const row = await monthlyRepo.updateMonthlyGift(tx, orgId, id, values);
    const summary = summaryOf(gift, row, change);
    await addActivity(tx, orgId, gift.contactId, {
      type: 'monthly_gift',
      summary: by.kind === 'donor' ? `${summary} (by the donor)` : summary,
      data: { monthlyGiftId: id, ...change, currency: row.currency, by: by.kind },
      actorUserId: by.ctx.actor.kind === 'user' ? by.ctx.actor.userId : null,
    });
    await recordAudit(tx, by.ctx, {
      action: `monthly_gift.${change.action}`,
      subjectType: 'monthly_gift',
      subjectId: id,
      data: { by: by.kind, before: { status: gift.status, amount: gift.amount }, ...change },
    });
    return row;
  });
  if (change.action === 'cancel') {
    await (
      await paymentProviderOf(deps, orgId, changed.provider)
    )
      ?.cancelAgreement?.(changed.agreementId)
      .catch(() => undefined); // the charging job never charges a cancelled gift, whatever the provider says
  }
  return changed;
}

async function valuesFor(
  tx: Db,
  gift: MonthlyGiftRow,
  change: MonthlyChange,
  by: ChangedBy,
  now: Date,
): Promise<Partial<MonthlyGiftRow>> {
  switch (change.action) {
    case 'change-amount': {
      const amount = amountOf(change.amount);
      const campaign = (await repo.findCampaign(tx, gift.orgId, gift.campaignId))!;
      const range = `${money(campaign.minAmount, gift.currency)}–${money(campaign.maxAmount, gift.currency)}`;
      if (amount < campaign.minAmount || amount > campaign.maxAmount)
        throw new AppError('VALIDATION_FAILED', `The monthly amount must be within ${range}`, [
          { path: 'body.amount', message: `within ${range}` },
        ]);
      return { amount };
    }
    case 'pause': {
      if (gift.status !== 'active') throw stateError('only an active monthly gift can be paused');
      const resumeAt = change.months ? resumeAfterMonths(now, change.months, gift.chargeDay) : null;
      return {
        status: 'paused',
        nextChargeAt: resumeAt,
        period: resumeAt ? periodOf(resumeAt) : gift.period,
        failures: 0,
        lastFailure: null,
      };
    }
    case 'resume': {
      if (gift.status === 'active') throw stateError('this monthly gift is already active');
      const at = nextChargeAfter(now, gift.chargeDay);
      return { status: 'active', nextChargeAt: at, period: periodOf(at), failures: 0, lastFailure: null };
    }
    case 'cancel':
      return { status: 'cancelled', nextChargeAt: null, cancelledAt: now, cancelledBy: by.kind, noticeDue: null };
  }
}

function summaryOf(before: MonthlyGiftRow, after: MonthlyGiftRow, change: MonthlyChange) {
  switch (change.action) {
    case 'change-amount':
      return `Monthly gift changed from ${money(before.amount, before.currency)} to ${money(after.amount, after.currency)}`;
    case 'pause':
      return change.months ? `Monthly gift paused for ${change.months} month(s)` : 'Monthly gift paused';
    case 'resume':
      return 'Monthly gift resumed';
    case 'cancel':
      return change.reason ? `Monthly gift cancelled: ${change.reason}` : 'Monthly gift cancelled';
  }
}
