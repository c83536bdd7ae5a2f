import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit, diffFields } from '../audit/index.ts';
import { actorUserId, addActivity, loadWritableContact } from '../contacts/index.ts';
import { formatMoney, recordGift } from '../gifts/index.ts';
import { gifts } from '../gifts/tables.ts';
import type { PledgeInput, PledgePatch, PledgePaymentInput } from './schemas.ts';
import { pledgePayments, pledges } from './tables.ts';

type PledgeRow = typeof pledges.$inferSelect;

const stateError = (message: string) => new AppError('PLEDGE_STATE', message, [{ path: 'id', message }]);

export async function createPledge(db: Db, ctx: OrgContext, input: PledgeInput) {
  return db.transaction(async (tx) => {
    const contact = await loadWritableContact(tx, ctx.org.id, input.contactId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND')
        throw new AppError('NOT_FOUND', 'Contact was not found', [
          { path: 'body.contactId', message: 'no such contact' },
        ]);
      throw error;
    });
    const [pledge] = await tx
      .insert(pledges)
      .values({
        orgId: ctx.org.id,
        contactId: contact.id,
        amount: input.amount,
        currency: input.currency ?? ctx.org.currency,
        pledgedOn: input.pledgedOn,
        dueOn: input.dueOn,
        campaign: input.campaign ?? null,
        fund: input.fund ?? null,
        note: input.note ?? null,
      })
      .returning();
    await addActivity(tx, ctx.org.id, contact.id, {
      type: 'pledge',
      summary: `Pledged ${formatMoney(pledge!.amount, pledge!.currency)}, due ${pledge!.dueOn}`,
      data: {
        pledgeId: pledge!.id,
        action: 'create',
        amount: pledge!.amount,
        currency: pledge!.currency,
        dueOn: pledge!.dueOn,
      },
      actorUserId: actorUserId(ctx),
    });
    await recordAudit(tx, ctx, {
      action: 'pledge.create',
      subjectType: 'pledge',
      subjectId: pledge!.id,
      data: { contactId: contact.id, amount: pledge!.amount, currency: pledge!.currency, dueOn: pledge!.dueOn },
    });
    return pledge!;
  });
}

export async function updatePledge(db: Db, ctx: OrgContext, id: number, patch: PledgePatch) {
  return db.transaction(async (tx) => {
    const before = await lockOpenPledge(tx, ctx.org.id, id);
    const dueOn = patch.dueOn ?? before.dueOn;
    if (dueOn < before.pledgedOn) {
      throw new AppError('VALIDATION_FAILED', 'The due date is before the day it was pledged', [
        { path: 'body.dueOn', message: 'on or after the day it was pledged' },
      ]);
    }
    const values = {
      amount: patch.amount ?? before.amount,
      dueOn,
      campaign: patch.campaign === undefined ? before.campaign : patch.campaign,
      fund: patch.fund === undefined ? before.fund : patch.fund,
      note: patch.note === undefined ? before.note : patch.note,
    };
    const [row] = await tx
      .update(pledges)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(pledges.orgId, ctx.org.id), eq(pledges.id, id)))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'pledge.update',
      subjectType: 'pledge',
      subjectId: id,
      data: diffFields(before, values),
    });
    return row!;
  });
}

/** Writes a pledge off (the donor will not give it); the gifts already given stay. */
export async function cancelPledge(db: Db, ctx: OrgContext, id: number, reason: string) {
  return db.transaction(async (tx) => {
    const pledge = await lockOpenPledge(tx, ctx.org.id, id);
    const [row] = await tx
      .update(pledges)
      .set({ cancelledAt: new Date(), cancelReason: reason, updatedAt: new Date() })
      .where(and(eq(pledges.orgId, ctx.org.id), eq(pledges.id, id)))
      .returning();
    await addActivity(tx, ctx.org.id, pledge.contactId, {
      type: 'pledge',
      summary: `Pledge of ${formatMoney(pledge.amount, pledge.currency)} cancelled: ${reason}`,
      data: { pledgeId: id, action: 'cancel', amount: pledge.amount, currency: pledge.currency },
      actorUserId: actorUserId(ctx),
    });
    await recordAudit(tx, ctx, { action: 'pledge.cancel', subjectType: 'pledge', subjectId: id, data: { reason } });
    return row!;
  });
}

/**
 * A gift pays the pledge: an existing gift of the same donor and currency that pays no other pledge,
 * or a new gift recorded here, in the same transaction as the link.
 */
export async function payPledge(db: Db, ctx: OrgContext, id: number, input: PledgePaymentInput) {
  return db.transaction(async (tx) => {
    const pledge = await lockOpenPledge(tx, ctx.org.id, id);
    const giftId =
      'giftId' in input
        ? input.giftId
        : (
            await recordGift(tx, ctx, {
              ...input.gift,
              contactId: pledge.contactId,
              kind: 'money',
              currency: pledge.currency,
              campaign: input.gift.campaign ?? pledge.campaign,
              fund: input.gift.fund ?? pledge.fund,
            })
          ).id;
    const path = 'giftId' in input ? 'body.giftId' : 'body.gift';
    const [gift] = await tx
      .select()
      .from(gifts)
      .where(and(eq(gifts.orgId, ctx.org.id), eq(gifts.id, giftId)));
    if (!gift) throw new AppError('NOT_FOUND', 'Gift was not found', [{ path, message: 'no such gift' }]);
    const mismatch =
      gift.contactId !== pledge.contactId
        ? "another donor's gift"
        : gift.kind !== 'money'
          ? 'an in-kind gift'
          : gift.currency !== pledge.currency
            ? `a gift in ${gift.currency}, the pledge is in ${pledge.currency}`
            : null;
    if (mismatch)
      throw new AppError('VALIDATION_FAILED', `This gift cannot pay the pledge: ${mismatch}`, [
        { path, message: mismatch },
      ]);
    try {
      await tx.insert(pledgePayments).values({ orgId: ctx.org.id, giftId, pledgeId: id });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new AppError('PLEDGE_GIFT_TAKEN', 'This gift already pays a pledge', [
        { path, message: 'already pays a pledge' },
      ]);
    }
    await recordAudit(tx, ctx, {
      action: 'pledge.pay',
      subjectType: 'pledge',
      subjectId: id,
      data: { giftId, amount: gift.amount, currency: gift.currency },
    });
    return giftId;
  });
}

/** The gift no longer counts towards the pledge (linked by mistake); the gift itself stays. */
export async function unlinkPledgeGift(db: Db, ctx: OrgContext, id: number, giftId: number) {
  return db.transaction(async (tx) => {
    await lockOpenPledge(tx, ctx.org.id, id);
    const removed = await tx
      .delete(pledgePayments)
      .where(
        and(eq(pledgePayments.orgId, ctx.org.id), eq(pledgePayments.pledgeId, id), eq(pledgePayments.giftId, giftId)),
      )
      .returning();
    if (removed.length === 0) throw notFound('Gift of this pledge');
    await recordAudit(tx, ctx, { action: 'pledge.unpay', subjectType: 'pledge', subjectId: id, data: { giftId } });
    return removed[0]!;
  });
}

async function lockOpenPledge(tx: Db, orgId: string, id: number): Promise<PledgeRow> {
  const [pledge] = await tx
    .select()
    .from(pledges)
    .where(and(eq(pledges.orgId, orgId), eq(pledges.id, id)))
    .for('update');
  if (!pledge) throw notFound('Pledge');
  if (pledge.cancelledAt) throw stateError('this pledge has been cancelled');
  return pledge;
}
