import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { deliveryPayload, goodsPayload, lockFundsOf, newSalt, recordLedgerEntry, sha256Hex } from '../ledger/index.ts';
import { findProject } from '../projects/index.ts';
import { missing, openProject } from './guards.ts';
import * as repo from './repo.ts';
import type { DeliveryInput, GoodsInput } from './schemas.ts';
import { deliveries, goodsMovements } from './tables.ts';

/** Goods into or out of a store. Stock of an item in a store never goes below zero. */
export async function recordGoods(db: Db, ctx: OrgContext, input: GoodsInput) {
  return db.transaction(async (tx) => {
    await lockFundsOf(tx, ctx.org.id);
    const project = input.projectId ? await openProject(tx, ctx.org.id, input.projectId) : null;
    if (input.direction === 'out') {
      const left = await repo.stockOf(tx, ctx.org.id, input);
      if (input.quantity > left) {
        throw new AppError('STOCK_INSUFFICIENT', `${input.store} holds only ${left} ${input.unit} of ${input.item}`, [
          { path: 'body.quantity', message: `at most ${left}` },
        ]);
      }
    }
    const movement = await repo.insertRow(tx, goodsMovements, {
      orgId: ctx.org.id,
      direction: input.direction,
      item: input.item,
      unit: input.unit,
      quantity: input.quantity,
      value: input.value,
      currency: input.currency ?? ctx.org.currency,
      store: input.store,
      projectId: project?.id ?? null,
      movedAt: new Date(input.movedAt),
    });
    const entry = await recordLedgerEntry(tx, {
      orgId: ctx.org.id,
      type: input.direction === 'in' ? 'goods.received' : 'goods.distributed',
      subjectType: 'goods',
      subjectId: movement.id,
      payload: goodsPayload({ ...movement, project: project?.slug ?? null }),
    });
    await recordAudit(tx, ctx, {
      action: `goods.${input.direction}`,
      subjectType: 'goods',
      subjectId: movement.id,
      data: { item: movement.item, quantity: movement.quantity, store: movement.store, code: entry.code },
    });
    return { ...movement, tracking: { code: entry.code, leafIndex: null } };
  });
}

/**
 * Aid delivered to a beneficiary, with an acknowledgement. The log holds a commitment to the
 * beneficiary's case number (salt kept in openings) and the SHA-256 of the acknowledgement.
 */
export async function recordDelivery(db: Db, ctx: OrgContext, input: DeliveryInput) {
  return db.transaction(async (tx) => {
    const project = await openProject(tx, ctx.org.id, input.projectId);
    const file = input.acknowledgementId ? await repo.findAttachment(tx, ctx.org.id, input.acknowledgementId) : null;
    if (input.acknowledgementId && !file) throw missing('Acknowledgement', 'body.acknowledgementId');
    const delivery = await repo.insertRow(tx, deliveries, {
      orgId: ctx.org.id,
      projectId: project.id,
      beneficiaryRef: input.beneficiaryRef,
      aid: input.aid,
      quantity: input.quantity ?? null,
      value: input.value,
      currency: input.currency ?? project.currency,
      deliveredAt: new Date(input.deliveredAt),
      acknowledgementId: file?.id ?? null,
      acknowledgementText: input.acknowledgementText ?? null,
    });
    const salt = newSalt();
    const entry = await recordLedgerEntry(tx, {
      orgId: ctx.org.id,
      type: 'beneficiary.delivered',
      subjectType: 'delivery',
      subjectId: delivery.id,
      payload: deliveryPayload(
        { ...delivery, project: project.slug, acknowledgementSha256: acknowledgementHash(delivery, file) },
        salt,
      ),
      openings: { beneficiary: salt },
    });
    await recordAudit(tx, ctx, {
      action: 'delivery.create',
      subjectType: 'delivery',
      subjectId: delivery.id,
      data: { projectId: project.id, value: delivery.value, code: entry.code },
    });
    return { ...delivery, tracking: { code: entry.code, leafIndex: null } };
  });
}

/** The acknowledgement's hash: of the file when there is one, else of the text. */
export const acknowledgementHash = (
  d: { acknowledgementText: string | null },
  file: { sha256: string } | null | undefined,
) => file?.sha256 ?? sha256Hex(d.acknowledgementText ?? '');

/** A project for reads: 404 with the query path when unknown. */
export async function readableProject(db: Db, orgId: string, projectId: number | undefined) {
  if (projectId === undefined) return undefined;
  if (!(await findProject(db, orgId, projectId))) throw missing('Project', 'querystring.projectId');
  return projectId;
}
