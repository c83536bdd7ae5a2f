import type { Db } from '../../db/client.ts';
import { AppError, invalidField, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { diffFields, recordAudit, recordAudits } from '../audit/index.ts';
import {
  actorUserId,
  addActivity,
  auditContactRead,
  insertActivities,
  loadContact,
  loadWritableContact,
} from '../contacts/index.ts';
import { lockFundsOf } from '../ledger/index.ts';
import { recordGiftCorrection, recordGiftsReceived, trackingOf } from './ledger.ts';
import { formatMoney, type GiftRow } from './present.ts';
import * as repo from './repo.ts';
import type { GiftInput, GiftPatch } from './schemas.ts';
import { isUniqueViolation } from '../../db/errors.ts';

const duplicateExternalId = () =>
  new AppError('CONFLICT', 'A gift with this external id is already recorded', [
    { path: 'body.externalId', message: 'already recorded' },
  ]);

/** The audit trail of a gift holds its money facts, never the donor's details. */
const auditFacts = (g: GiftRow) => ({
  contactId: g.contactId,
  kind: g.kind,
  amount: g.amount,
  currency: g.currency,
  receivedAt: g.receivedAt.toISOString(),
  channel: g.channel,
  externalId: g.externalId,
});

/** Records a gift for a contact of the org, with its timeline line and audit event. */
export async function recordGift(db: Db, ctx: OrgContext, input: GiftInput, source = 'manual') {
  try {
    return await db.transaction(async (tx) => {
      const contact = await loadWritableContact(tx, ctx.org.id, input.contactId).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_FOUND') {
          throw new AppError('NOT_FOUND', 'Contact was not found', [
            { path: 'body.contactId', message: 'no such contact' },
          ]);
        }
        throw error;
      });
      if (input.externalId && (await repo.giftByExternalId(tx, ctx.org.id, input.externalId)))
        throw duplicateExternalId();
      const [gift] = await appendGifts(tx, ctx, [{ ...input, contactId: contact.id }], source);
      return gift!;
    });
  } catch (error) {
    // Two requests with one external id at once: the unique index decides.
    if (isUniqueViolation(error)) throw duplicateExternalId();
    throw error;
  }
}

/**
 * Several gifts in the caller's transaction, in the order given, each with its ledger entry, timeline
 * line and audit event. The caller has checked that each contact can still be written to (listed,
 * locked); a repeated external id fails on the unique index.
 */
export async function appendGifts(tx: Db, ctx: OrgContext, inputs: readonly GiftInput[], source: string) {
  if (inputs.length === 0) return [];
  const rows = await repo.insertGifts(
    tx,
    ctx.org.id,
    inputs.map((input) => ({
      ...input,
      currency: input.currency ?? ctx.org.currency,
      receivedAt: new Date(input.receivedAt),
      source,
    })),
  );
  const entries = await recordGiftsReceived(tx, rows);
  await insertActivities(
    tx,
    ctx.org.id,
    rows.map((gift) => ({
      contactId: gift.contactId,
      type: 'gift',
      summary: `Gift received: ${gift.kind === 'in_kind' ? 'in kind, valued ' : ''}${formatMoney(gift.amount, gift.currency)} via ${gift.channel}`,
      data: { giftId: gift.id, amount: gift.amount, currency: gift.currency, kind: gift.kind, channel: gift.channel },
      actorUserId: actorUserId(ctx),
      at: gift.receivedAt,
    })),
  );
  await recordAudits(
    tx,
    ctx,
    rows.map((gift, i) => ({
      action: 'gift.create',
      subjectType: 'gift',
      subjectId: gift.id,
      data: { ...auditFacts(gift), trackingCode: entries[i]!.code },
    })),
  );
  return rows.map((gift, i) => ({ ...gift, tracking: { code: entries[i]!.code, leafIndex: null } }));
}

/**
 * A gift that allocations or refunds drew on cannot be deleted, nor lose the money they used, nor
 * change currency: refund or correct those first.
 */
async function refuseIfDrawnOn(tx: Db, orgId: string, before: GiftRow, values: repo.GiftChanges | null) {
  const drawn = await repo.drawnFromGift(tx, orgId, before.id);
  if (drawn === 0) return;
  const currencyChanged = values?.currency !== undefined && values.currency !== before.currency;
  const kindChanged = values?.kind !== undefined && values.kind !== before.kind;
  if (values && !currencyChanged && !kindChanged && (values.amount ?? before.amount) >= drawn) return;
  throw new AppError(
    'GIFT_IN_USE',
    `${formatMoney(drawn, before.currency)} of this gift is already allocated to projects or refunded; ` +
      'it cannot be deleted, reduced below that, or change currency or kind',
    [{ path: values ? 'body.amount' : 'giftId', message: 'already allocated or refunded' }],
  );
}

export async function listGifts(db: Db, ctx: OrgContext, contactId: number, page: { limit: number; cursor?: string }) {
  return db.transaction(async (tx) => {
    await loadContact(tx, ctx.org.id, contactId);
    await auditContactRead(tx, ctx, contactId, 'gifts');
    const { items, nextCursor } = await repo.giftsOfContact(tx, ctx.org.id, contactId, page);
    const tracking = await trackingOf(
      tx,
      ctx.org.id,
      items.map((g) => g.id),
    );
    return { items: items.map((g) => ({ ...g, tracking: tracking.get(g.id) ?? null })), nextCursor };
  });
}

/**
 * Corrects a gift. Gifts of erased contacts may still be corrected: they are the organization's
 * financial records, and hold no personal details.
 */
export async function updateGift(db: Db, ctx: OrgContext, giftId: number, patch: GiftPatch) {
  try {
    return await db.transaction(async (tx) => {
      await lockFundsOf(tx, ctx.org.id);
      const before = await repo.lockGift(tx, ctx.org.id, giftId);
      if (!before) throw notFound('Gift');
      const { receivedAt, ...rest } = patch;
      const values: repo.GiftChanges = { ...rest, ...(receivedAt ? { receivedAt: new Date(receivedAt) } : {}) };
      const kind = values.kind ?? before.kind;
      const description = values.inKindDescription === undefined ? before.inKindDescription : values.inKindDescription;
      if (kind === 'in_kind' && !description) throw invalidField('body.inKindDescription', 'describe what was given');
      if (
        values.externalId &&
        values.externalId !== before.externalId &&
        (await repo.giftByExternalId(tx, ctx.org.id, values.externalId))
      ) {
        throw duplicateExternalId();
      }
      const changes = diffFields(before, values);
      const tracking = (await trackingOf(tx, ctx.org.id, [giftId])).get(giftId) ?? null;
      if (Object.keys(changes).length === 0) return { ...before, tracking };
      await refuseIfDrawnOn(tx, ctx.org.id, before, values);
      const gift = await repo.updateGift(tx, ctx.org.id, giftId, values);
      const correction = await recordGiftCorrection(tx, before, gift);
      await addActivity(tx, ctx.org.id, gift.contactId, {
        type: 'gift_updated',
        summary: `Gift corrected: ${Object.keys(changes).join(', ')}`,
        data: { giftId, fields: Object.keys(changes) },
        actorUserId: actorUserId(ctx),
      });
      await recordAudit(tx, ctx, {
        action: 'gift.update',
        subjectType: 'gift',
        subjectId: giftId,
        data: { contactId: gift.contactId, ...changes, correctionCode: correction?.code ?? null },
      });
      return { ...gift, tracking };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateExternalId();
    throw error;
  }
}

export async function deleteGift(db: Db, ctx: OrgContext, giftId: number) {
  return db.transaction(async (tx) => {
    await lockFundsOf(tx, ctx.org.id);
    const before = await repo.lockGift(tx, ctx.org.id, giftId);
    if (!before) throw notFound('Gift');
    await refuseIfDrawnOn(tx, ctx.org.id, before, null);
    const gift = (await repo.deleteGift(tx, ctx.org.id, giftId))!;
    const correction = await recordGiftCorrection(tx, gift, null);
    await addActivity(tx, ctx.org.id, gift.contactId, {
      type: 'gift_deleted',
      summary: `Gift deleted: ${formatMoney(gift.amount, gift.currency)}`,
      data: { giftId, amount: gift.amount, currency: gift.currency, kind: gift.kind },
      actorUserId: actorUserId(ctx),
    });
    await recordAudit(tx, ctx, {
      action: 'gift.delete',
      subjectType: 'gift',
      subjectId: giftId,
      data: { ...auditFacts(gift), correctionCode: correction?.code ?? null },
    });
  });
}
