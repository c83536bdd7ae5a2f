import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { formatMoney } from '../gifts/index.ts';
import { allocationPayload, firstEntriesOf, lockFundsOf, recordLedgerEntry, refundPayload } from '../ledger/index.ts';
import { budgetLineOf, insufficientFunds, missing, openProject } from './guards.ts';
import * as repo from './repo.ts';
import type { AllocationInput, RefundInput } from './schemas.ts';
import { allocations, refunds } from './tables.ts';

/** Gives money back against a gift: never more than what is neither refunded nor allocated. */
export async function recordRefund(db: Db, ctx: OrgContext, giftId: number, input: RefundInput) {
  return db.transaction(async (tx) => {
    await lockFundsOf(tx, ctx.org.id);
    const [gift] = await repo.giftsLeft(tx, ctx.org.id, sql`g.id = ${giftId}`);
    if (!gift) throw missing('Gift', 'giftId');
    if (input.amount > gift.left) {
      throw new AppError(
        'REFUND_EXCEEDS_GIFT',
        `Only ${formatMoney(gift.left, gift.currency)} of this gift can be refunded: the rest is already refunded or allocated`,
        [{ path: 'body.amount', message: `at most ${gift.left}` }],
      );
    }
    const refund = await repo.insertRow(tx, refunds, {
      orgId: ctx.org.id,
      giftId,
      amount: input.amount,
      currency: gift.currency,
      refundedAt: new Date(input.refundedAt),
      reason: input.reason ?? null,
    });
    const giftCode = (await firstEntriesOf(tx, ctx.org.id, 'gift', [giftId])).get(giftId)!.code;
    const entry = await recordLedgerEntry(tx, {
      orgId: ctx.org.id,
      type: 'donation.refunded',
      subjectType: 'refund',
      subjectId: refund.id,
      payload: refundPayload({ ...refund, giftCode }),
    });
    await recordAudit(tx, ctx, {
      action: 'refund.create',
      subjectType: 'gift',
      subjectId: giftId,
      data: { refundId: refund.id, amount: refund.amount, currency: refund.currency, code: entry.code },
    });
    return { ...refund, tracking: { code: entry.code, leafIndex: null } };
  });
}

/** Takes `amount` from gifts in the given order, as far as each has money left. */
function draw(gifts: { id: number; left: number }[], amount: number) {
  const sources: { giftId: number; amount: number }[] = [];
  let needed = amount;
  for (const gift of gifts) {
    if (needed === 0) break;
    const take = Math.min(gift.left, needed);
    if (take > 0) sources.push({ giftId: gift.id, amount: take });
    needed -= take;
  }
  return { sources, short: needed };
}

async function giftsToDraw(tx: Db, ctx: OrgContext, currency: string, input: AllocationInput) {
  if (!input.giftIds) {
    const fund = input.fund ? sql`and g.fund = ${input.fund}` : sql``;
    return repo.oldestGiftsLeft(
      tx,
      ctx.org.id,
      sql`g.kind = 'money' and g.currency = ${currency} ${fund}`,
      input.amount,
    );
  }
  const ids = [...new Set(input.giftIds)];
  const found = await repo.giftsLeft(tx, ctx.org.id, sql`g.id in ${ids}`);
  for (const [i, id] of ids.entries()) {
    const gift = found.find((g) => g.id === id);
    if (!gift) throw missing('Gift', `body.giftIds.${i}`);
    if (gift.kind !== 'money' || gift.currency !== currency) {
      throw new AppError('CURRENCY_MISMATCH', `Gift ${id} is not money in ${currency}`, [
        { path: `body.giftIds.${i}`, message: `must be a gift of money in ${currency}` },
      ]);
    }
  }
  return ids.map((id) => found.find((g) => g.id === id)!);
}

/**
 * Allocates money from gifts to a project: the given gifts, or else the oldest money not yet
 * allocated or refunded (FIFO). Fails whole when the gifts hold less than the amount.
 */
export async function recordAllocation(db: Db, ctx: OrgContext, input: AllocationInput) {
  return db.transaction(async (tx) => {
    await lockFundsOf(tx, ctx.org.id);
    const project = await openProject(tx, ctx.org.id, input.projectId);
    const line = await budgetLineOf(tx, project, input.budgetLineId);
    const pool = await giftsToDraw(tx, ctx, project.currency, input);
    const { sources, short } = draw(pool, input.amount);
    if (short > 0) {
      const left = input.amount - short;
      throw insufficientFunds(input.giftIds ? 'The chosen gifts' : 'Unallocated money', left, project.currency);
    }
    const allocation = await repo.insertRow(tx, allocations, {
      orgId: ctx.org.id,
      projectId: project.id,
      budgetLineId: line?.id ?? null,
      amount: input.amount,
      currency: project.currency,
      allocatedAt: new Date(input.allocatedAt),
      note: input.note ?? null,
    });
    await repo.insertAllocationSources(tx, ctx.org.id, allocation.id, sources);
    const codes = await firstEntriesOf(
      tx,
      ctx.org.id,
      'gift',
      sources.map((s) => s.giftId),
    );
    const entry = await recordLedgerEntry(tx, {
      orgId: ctx.org.id,
      type: 'funds.allocated',
      subjectType: 'allocation',
      subjectId: allocation.id,
      payload: allocationPayload({
        ...allocation,
        project: project.slug,
        sources: sources.map((s) => ({ giftCode: codes.get(s.giftId)!.code, amount: s.amount })),
      }),
    });
    await recordAudit(tx, ctx, {
      action: 'allocation.create',
      subjectType: 'allocation',
      subjectId: allocation.id,
      data: { projectId: project.id, amount: allocation.amount, currency: allocation.currency, code: entry.code },
    });
    return { ...allocation, sources, tracking: { code: entry.code, leafIndex: null } };
  });
}
