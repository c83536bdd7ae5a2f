import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { gifts } from '../gifts/tables.ts';
import type { ProjectRow } from '../projects/index.ts';
import { matchFifo, type MoneyIn, type MoneyOut } from './fifo.ts';
import { allocations, allocationSources, deliveries, expenses, transfers } from './tables.ts';
import { withTracking } from './tracking.ts';

/**
 * Everything that moved through one project, each row with its entry's code and leaf index, and
 * the FIFO matching of the money that came in (gifts' shares of allocations, transfers received)
 * to the money that went out (expenses, transfers sent).
 */
export async function projectLedger(db: Db, project: ProjectRow) {
  const { orgId, id: projectId } = project;
  const [allocationRows, expenseRows, transferRows, deliveryRows, sourceRows] = await Promise.all([
    db
      .select()
      .from(allocations)
      .where(and(eq(allocations.orgId, orgId), eq(allocations.projectId, projectId), isNull(allocations.voidedAt))),
    db
      .select()
      .from(expenses)
      .where(and(eq(expenses.orgId, orgId), eq(expenses.projectId, projectId), isNull(expenses.voidedAt))),
    db
      .select()
      .from(transfers)
      .where(and(eq(transfers.orgId, orgId), eq(transfers.projectId, projectId), isNull(transfers.voidedAt))),
    db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.orgId, orgId), eq(deliveries.projectId, projectId), isNull(deliveries.voidedAt))),
    db
      .select({
        allocationId: allocationSources.allocationId,
        giftId: allocationSources.giftId,
        amount: allocationSources.amount,
      })
      .from(allocationSources)
      .innerJoin(
        allocations,
        and(eq(allocations.orgId, allocationSources.orgId), eq(allocations.id, allocationSources.allocationId)),
      )
      .innerJoin(gifts, and(eq(gifts.orgId, allocationSources.orgId), eq(gifts.id, allocationSources.giftId)))
      .where(
        and(eq(allocationSources.orgId, orgId), eq(allocations.projectId, projectId), isNull(allocations.voidedAt)),
      )
      // Allocations in order; within one, older gifts first (the order the FIFO draw took them in).
      .orderBy(asc(allocations.allocatedAt), asc(allocations.id), asc(gifts.receivedAt), asc(gifts.id)),
  ]);
  const [allocated, spent, moved, delivered] = await Promise.all([
    withTracking(db, orgId, 'allocation', allocationRows),
    withTracking(db, orgId, 'expense', expenseRows),
    withTracking(db, orgId, 'transfer', transferRows),
    withTracking(db, orgId, 'delivery', deliveryRows),
  ]);
  const allocationAt = new Map(allocationRows.map((a) => [a.id, a.allocatedAt]));
  const ins: MoneyIn[] = [
    ...sourceRows.map((s) => ({
      key: `gift:${s.giftId}:${s.allocationId}`,
      at: allocationAt.get(s.allocationId)!,
      amount: s.amount,
    })),
    ...transferRows
      .filter((t) => t.direction === 'received')
      .map((t) => ({ key: `transfer:${t.id}`, at: t.transferredAt, amount: t.amount })),
  ];
  const outs: MoneyOut[] = [
    ...expenseRows.map((e) => ({ key: `expense:${e.id}`, at: e.paidAt, amount: e.amount })),
    ...transferRows
      .filter((t) => t.direction === 'sent')
      .map((t) => ({ key: `transfer:${t.id}`, at: t.transferredAt, amount: t.amount })),
  ];
  const byId = <T extends { id: number; paidAt?: Date }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  return {
    project,
    allocations: allocated.sort((a, b) => a.allocatedAt.getTime() - b.allocatedAt.getTime() || a.id - b.id),
    expenses: spent.sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime() || a.id - b.id),
    transfers: moved.sort((a, b) => a.transferredAt.getTime() - b.transferredAt.getTime() || a.id - b.id),
    deliveries: delivered.sort((a, b) => a.deliveredAt.getTime() - b.deliveredAt.getTime() || a.id - b.id),
    sources: sourceRows,
    fifo: matchFifo(ins, outs),
    expenseById: byId(spent),
    transferById: byId(moved),
  };
}

/** Money designated to a project by donors (the gift's fund names the project), less refunds. */
export async function raisedFor(db: Db, project: ProjectRow) {
  const result = (await db.execute(sql`select g.currency, count(*)::int as gifts,
      coalesce(sum(g.amount), 0) - coalesce(sum((select sum(r.amount) from refunds r where r.org_id = g.org_id and r.gift_id = g.id and r.voided_at is null)), 0) as amount
    from gifts g where g.org_id = ${project.orgId} and g.kind = 'money' and g.currency = ${project.currency}
      and g.fund in (${project.slug}, ${project.name})
    group by g.currency`)) as unknown as { rows: { gifts: number; amount: number | string }[] };
  const row = result.rows[0];
  return { gifts: row?.gifts ?? 0, amount: Number(row?.amount ?? 0) };
}

export type ProjectLedger = Awaited<ReturnType<typeof projectLedger>>;
