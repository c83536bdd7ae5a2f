import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { correctionPayload, entriesOfSubject, lockFundsOf, recordLedgerEntry } from '../ledger/index.ts';
import { insufficientFunds } from './guards.ts';
import * as repo from './repo.ts';
import { allocations, deliveries, expenses, goodsMovements, refunds, transfers } from './tables.ts';

const tables = {
  refund: refunds,
  allocation: allocations,
  expense: expenses,
  transfer: transfers,
  goods: goodsMovements,
  delivery: deliveries,
} as const;
export type VoidableKind = keyof typeof tables;
type Row = { id: number; voidedAt: Date | null; amount?: number; projectId?: number | null };

/** Money or goods that voiding would take away must still be there: nothing may go below zero. */
async function refuseIfSpent(tx: Db, orgId: string, kind: VoidableKind, row: Record<string, unknown>) {
  const takesMoneyBack = kind === 'allocation' || (kind === 'transfer' && row.direction === 'received');
  if (takesMoneyBack) {
    const { balance } = await repo.projectMoney(tx, orgId, row.projectId as number);
    if ((row.amount as number) > balance) {
      throw insufficientFunds('The project', balance, row.currency as string);
    }
  }
  if (kind === 'goods' && row.direction === 'in') {
    const left = await repo.stockOf(tx, orgId, row as { store: string; item: string; unit: string });
    if ((row.quantity as number) > left) {
      throw new AppError(
        'STOCK_INSUFFICIENT',
        `Only ${left} ${String(row.unit)} are left in the store; the rest went out`,
      );
    }
  }
}

/**
 * Voids a movement recorded by mistake. The row stays (marked void) and a `correction` entry with
 * action "void" points at its entry; balances, stock and journeys leave it out from then on.
 */
export async function voidFlow(db: Db, ctx: OrgContext, kind: VoidableKind, id: number, reason: string | null) {
  const table = tables[kind] as typeof allocations;
  return db.transaction(async (tx) => {
    await lockFundsOf(tx, ctx.org.id);
    const [row] = await tx
      .select()
      .from(table)
      .where(and(eq(table.orgId, ctx.org.id), eq(table.id, id)));
    if (!row) throw notFound(kind === 'goods' ? 'Goods movement' : kind[0]!.toUpperCase() + kind.slice(1));
    if ((row as Row).voidedAt) throw new AppError('CONFLICT', 'This record is already void');
    await refuseIfSpent(tx, ctx.org.id, kind, row as unknown as Record<string, unknown>);
    const [voided] = await tx
      .update(table)
      .set({ voidedAt: new Date() })
      .where(and(eq(table.orgId, ctx.org.id), eq(table.id, id), isNull(table.voidedAt)))
      .returning();
    const [original] = await entriesOfSubject(tx, ctx.org.id, kind, id);
    const entry = await recordLedgerEntry(tx, {
      orgId: ctx.org.id,
      type: 'correction',
      subjectType: kind,
      subjectId: id,
      payload: correctionPayload({
        code: original!.code,
        leafIndex: original!.leafIndex,
        type: original!.type,
        facts: null,
      }),
    });
    await recordAudit(tx, ctx, {
      action: `${kind}.void`,
      subjectType: kind,
      subjectId: id,
      data: { reason, correctionCode: entry.code },
    });
    return { ...voided!, tracking: { code: original!.code, leafIndex: original!.leafIndex } };
  });
}
