import { randomBytes } from 'node:crypto';
import type { PaymentProvider } from '../../adapters/payments/index.ts';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { applyPaymentEvent } from './callbacks.ts';
import { chargeStep } from './charge-rules.ts';
import { chargePaid, MAX_CHARGE_FAILURES, RETRY_DAYS } from './monthly.ts';
import * as monthlyRepo from './monthly-repo.ts';
import type { MonthlyGiftRow } from './monthly-repo.ts';
import { openForGiving } from './orders.ts';
import { notifyUrl, paymentProviderOf, type PaymentDeps } from './payment-settings.ts';
import * as repo from './repo.ts';

/** The providers are the organizations' own (built with the real clock); `now` of a run is the schedule's. */
export interface ChargeDeps extends PaymentDeps {
  config: PaymentDeps['config'] & Pick<Config, 'PUBLIC_URL'>;
  log?: { warn(data: object, message: string): void };
}

/**
 * noticed: the vendor's pre-debit notice went out and the charge waits its days; waiting: outside the
 * hours the vendor allows; processing: the vendor accepted the charge and will tell the result.
 */
export type ChargeOutcome =
  'paid' | 'declined' | 'lapsed' | 'ended' | 'unreachable' | 'skipped' | 'noticed' | 'waiting' | 'processing';

/** A charge order the vendor accepted and whose result its notification will tell (providerPaymentId). */
export const AWAITING_CHARGE_RESULT = 'awaiting-charge-result';
/** When an accepted charge's notification never came, it is asked again (same order number) after this. */
const AWAIT_RESULT_MS = 24 * 3_600_000;

/** How long a charge's order stays open for the provider's asynchronous answer. */
const CHARGE_ORDER_DAYS = 7;
/**
 * While one run asks the provider, the gift is not due for anyone else; if that run dies without an
 * answer, the charge is tried again (same order number, which providers charge once) after this.
 */
const CHARGE_LEASE_MS = 60 * 60_000;

/**
 * Charges every monthly gift that is due, one at a time. Instance-wide on purpose: the job serves every
 * organization. Returns what happened to each, for the job's log and the tests.
 */
export async function chargeDueMonthlyGifts(deps: ChargeDeps, now: Date, batch = 200) {
  const outcomes: Record<ChargeOutcome, number> = {
    paid: 0,
    declined: 0,
    lapsed: 0,
    ended: 0,
    unreachable: 0,
    skipped: 0,
    noticed: 0,
    waiting: 0,
    processing: 0,
  };
  for (const due of await monthlyRepo.dueMonthlyGifts(deps.db, now, batch)) {
    outcomes[await chargeMonthlyGift(deps, due.orgId, due.id, now)]++;
  }
  return outcomes;
}

/**
 * One month's charge of one gift. The month's order is created once (unique per gift and month), so
 * however often this runs, crashes or overlaps, a donor is charged at most once a month: providers
 * also refuse a second charge of one order number. A paid charge is recorded like any other payment
 * (gift, receipt, ledger entry, matching) by the same code as a callback, which may also arrive.
 */
export async function chargeMonthlyGift(
  deps: ChargeDeps,
  orgId: string,
  id: number,
  now: Date,
): Promise<ChargeOutcome> {
  const due = await monthlyRepo.findMonthlyGift(deps.db, orgId, id);
  if (!due || !['active', 'paused'].includes(due.status) || !due.nextChargeAt || due.nextChargeAt > now)
    return 'skipped';
  // Looked up before the gift is locked: building a provider reads the organization's settings.
  const provider = await paymentProviderOf(deps, orgId, due.provider);
  if (provider?.chargeRules) {
    const held = await followChargeRules(deps, provider, due, now);
    if (held) return held;
  }
  const prepared = await deps.db.transaction(async (tx) => {
    const gift = await monthlyRepo.findMonthlyGift(tx, orgId, id, true);
    if (!gift || !['active', 'paused'].includes(gift.status) || !gift.nextChargeAt || gift.nextChargeAt > now)
      return { outcome: 'skipped' as const };
    const campaign = (await repo.findCampaign(tx, orgId, gift.campaignId))!;
    // A gift is only ever taken within the campaign's fundraising period, as the Charity Law requires.
    if (!openForGiving(campaign, now)) {
      await monthlyRepo.updateMonthlyGift(tx, orgId, id, {
        status: 'cancelled',
        nextChargeAt: null,
        cancelledAt: now,
        cancelledBy: 'campaign',
        noticeDue: 'ended',
      });
      return { outcome: 'ended' as const, gift };
    }
    const order = await orderForMonth(tx, gift, now);
    await monthlyRepo.updateMonthlyGift(tx, orgId, id, {
      status: 'active',
      nextChargeAt: new Date(now.getTime() + CHARGE_LEASE_MS),
    });
    return { gift, order };
  });
  if (!('order' in prepared) || !prepared.order) {
    if (prepared.outcome === 'ended') await endAgreement(deps, prepared.gift);
    return prepared.outcome;
  }
  const { gift, order } = prepared;
  if (order.status === 'paid') {
    // Paid already (its callback came first, or an earlier run crashed after charging): move on.
    await deps.db.transaction((tx) => chargePaid(tx, order));
    return 'paid';
  }
  if (!provider?.chargeAgreement)
    return declined(deps, gift, order, now, 'this way of paying no longer takes monthly gifts');
  let result;
  try {
    const campaign = (await repo.findCampaign(deps.db, orgId, gift.campaignId))!;
    result = await provider.chargeAgreement({
      agreementId: gift.agreementId,
      orderNo: order.orderNo,
      amount: { amount: order.amount, currency: order.currency },
      description: `月捐 ${order.period} · ${campaign.copy.title}`.slice(0, 100),
      notifyUrl: notifyUrl(deps.config.PUBLIC_URL, gift.provider, orgId),
    });
  } catch (error) {
    // Not reached, or it answered with an error: not the donor's fault, so tried again next run.
    deps.log?.warn({ err: error, orderNo: order.orderNo }, 'monthly charge could not reach the provider');
    return 'unreachable';
  }
  if (result.status === 'declined') return declined(deps, gift, order, now, result.reason);
  if (result.status === 'processing') return awaitResult(deps.db, order, now);
  await applyPaymentEvent(deps.db, gift.provider, {
    kind: 'paid',
    notificationId: `charge:${order.orderNo}`,
    orderNo: order.orderNo,
    transactionId: result.transactionId,
    amount: { amount: order.amount, currency: order.currency },
    occurredAt: result.paidAt,
  });
  return 'paid';
}

async function orderForMonth(tx: Db, gift: MonthlyGiftRow, now: Date) {
  const existing = await monthlyRepo.orderForPeriod(tx, gift.orgId, gift.id, gift.period);
  if (existing) return existing;
  try {
    return await repo.insertOrder(tx, gift.orgId, {
      orderNo: `CM${now.toISOString().slice(0, 10).replaceAll('-', '')}${randomBytes(8).toString('hex').toUpperCase()}`,
      campaignId: gift.campaignId,
      amount: gift.amount,
      currency: gift.currency,
      frequency: 'monthly',
      provider: gift.provider,
      donor: gift.donor,
      submitToken: `monthly-${gift.id}-${gift.period}`,
      expiresAt: new Date(now.getTime() + CHARGE_ORDER_DAYS * 86_400_000),
      contactId: gift.contactId,
      monthlyGiftId: gift.id,
      period: gift.period,
      createdAt: now,
    });
  } catch (error) {
    if (!isUniqueViolation(error, 'donation_orders_period_key')) throw error;
    return (await monthlyRepo.orderForPeriod(tx, gift.orgId, gift.id, gift.period))!;
  }
}

/**
 * Before charging under a vendor's rules: outside its hours the gift waits; without a notice that
 * covers this charge, the notice is sent and the charge waits its days. Undefined: charge now.
 * Two runs at once could both send a notice; the vendor then has two of the same, which is harmless.
 */
async function followChargeRules(
  deps: ChargeDeps,
  provider: PaymentProvider,
  gift: MonthlyGiftRow,
  now: Date,
): Promise<ChargeOutcome | undefined> {
  const campaign = (await repo.findCampaign(deps.db, gift.orgId, gift.campaignId))!;
  if (!openForGiving(campaign, now)) return undefined; // the charge step ends the gift
  const step = chargeStep(provider.chargeRules!, gift.debitNotice, gift, now);
  if (step.kind === 'charge') return undefined;
  if (step.kind === 'notify') {
    try {
      await provider.announceCharge!({
        agreementId: gift.agreementId,
        amount: { amount: gift.amount, currency: gift.currency },
      });
    } catch (error) {
      deps.log?.warn({ err: error, monthlyGiftId: gift.id }, 'pre-debit notice could not reach the provider');
      return 'unreachable';
    }
  }
  await deps.db.transaction(async (tx) => {
    const current = await monthlyRepo.findMonthlyGift(tx, gift.orgId, gift.id, true);
    if (!current || current.status !== gift.status || current.period !== gift.period) return;
    await monthlyRepo.updateMonthlyGift(tx, gift.orgId, gift.id, {
      nextChargeAt: step.kind === 'notify' ? step.chargeFrom : step.until,
      ...(step.kind === 'notify'
        ? { debitNotice: { period: gift.period, amount: gift.amount, sentAt: now.toISOString() } }
        : {}),
    });
  });
  return step.kind === 'notify' ? 'noticed' : 'waiting';
}

/** An accepted charge: its notification records it; if none comes, the job asks again after a day. */
async function awaitResult(db: Db, order: repo.OrderRow, now: Date): Promise<ChargeOutcome> {
  await db.transaction(async (tx) => {
    const current = await repo.orderByNumber(tx, order.orderNo, true);
    // Its notification came first: paid, or declined, and the gift has moved on.
    if (!current || current.status !== 'pending') return;
    await repo.updateOrder(tx, order.orgId, order.id, { providerPaymentId: AWAITING_CHARGE_RESULT });
    const gift = await monthlyRepo.findMonthlyGift(tx, order.orgId, order.monthlyGiftId!, true);
    if (gift?.period === order.period && gift.status === 'active')
      await monthlyRepo.updateMonthlyGift(tx, order.orgId, gift.id, {
        nextChargeAt: new Date(now.getTime() + AWAIT_RESULT_MS),
      });
  });
  return 'processing';
}

/** A declined charge: retried in three days, and after the third the gift lapses. The donor hears of both. */
async function declined(
  deps: Pick<ChargeDeps, 'db'>,
  gift: MonthlyGiftRow,
  order: repo.OrderRow,
  now: Date,
  reason: string,
): Promise<ChargeOutcome> {
  return deps.db.transaction((tx) => chargeDeclined(tx, gift, order, now, reason));
}

/** A declined charge, in the caller's transaction: from the charge call, or from the vendor's notification. */
export async function chargeDeclined(
  tx: Db,
  gift: Pick<MonthlyGiftRow, 'orgId' | 'id'>,
  order: repo.OrderRow,
  now: Date,
  reason: string,
): Promise<ChargeOutcome> {
  {
    const current = (await monthlyRepo.findMonthlyGift(tx, gift.orgId, gift.id, true))!;
    if (order.providerPaymentId === AWAITING_CHARGE_RESULT)
      await repo.updateOrder(tx, gift.orgId, order.id, { providerPaymentId: null });
    const failures = current.failures + 1;
    const lapsed = failures >= MAX_CHARGE_FAILURES;
    await monthlyRepo.updateMonthlyGift(tx, gift.orgId, gift.id, {
      failures,
      lastFailure: reason.slice(0, 200),
      ...(lapsed
        ? { status: 'lapsed', nextChargeAt: null, noticeDue: 'lapsed', noticeClaimedAt: null }
        : {
            nextChargeAt: new Date(now.getTime() + RETRY_DAYS * 86_400_000),
            ...(failures === 1 ? { noticeDue: 'declined' as const, noticeClaimedAt: null } : {}),
          }),
    });
    if (lapsed) await repo.updateOrder(tx, gift.orgId, order.id, { status: 'failed' });
    return lapsed ? 'lapsed' : 'declined';
  }
}

async function endAgreement(deps: ChargeDeps, gift: MonthlyGiftRow) {
  await (
    await paymentProviderOf(deps, gift.orgId, gift.provider)
  )
    ?.cancelAgreement?.(gift.agreementId)
    .catch(() => undefined);
}
