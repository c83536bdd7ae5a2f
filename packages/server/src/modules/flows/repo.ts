import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  allocations,
  allocationSources,
  attachments,
  deliveries,
  expenses,
  goodsMovements,
  refunds,
  transfers,
} from './tables.ts';
import { rowsOf } from '../../db/rows.ts';

const num = (v: unknown) => Number(v ?? 0);

export type AllocationRow = typeof allocations.$inferSelect;
export type ExpenseRow = typeof expenses.$inferSelect;
export type TransferRow = typeof transfers.$inferSelect;
export type GoodsRow = typeof goodsMovements.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;

/** Money in and out of a project, in its currency. */
export interface ProjectMoney {
  allocated: number;
  transfersIn: number;
  spent: number;
  transfersOut: number;
  balance: number;
}

export async function projectMoney(db: Db, orgId: string, projectId: number): Promise<ProjectMoney> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select
      (select coalesce(sum(amount), 0) from allocations where org_id = ${orgId} and project_id = ${projectId} and voided_at is null) as allocated,
      (select coalesce(sum(amount), 0) from expenses where org_id = ${orgId} and project_id = ${projectId} and voided_at is null) as spent,
      (select coalesce(sum(amount) filter (where direction = 'received'), 0) from transfers
        where org_id = ${orgId} and project_id = ${projectId} and voided_at is null) as transfers_in,
      (select coalesce(sum(amount) filter (where direction = 'sent'), 0) from transfers
        where org_id = ${orgId} and project_id = ${projectId} and voided_at is null) as transfers_out`),
  );
  const m = {
    allocated: num(row!.allocated),
    transfersIn: num(row!.transfers_in),
    spent: num(row!.spent),
    transfersOut: num(row!.transfers_out),
  };
  return { ...m, balance: m.allocated + m.transfersIn - m.spent - m.transfersOut };
}

/** Spent per budget line of a project. */
export async function spentByBudgetLine(db: Db, orgId: string, projectId: number): Promise<Map<number, number>> {
  const rows = rowsOf<{ id: number | string; spent: number | string }>(
    await db.execute(sql`select budget_line_id as id, sum(amount) as spent from expenses
      where org_id = ${orgId} and project_id = ${projectId} and budget_line_id is not null and voided_at is null
      group by 1`),
  );
  return new Map(rows.map((r) => [Number(r.id), Number(r.spent)]));
}

/** What is left of each gift to allocate or refund: its amount less allocations and refunds not void. */
export async function giftsLeft(db: Db, orgId: string, where: SQL) {
  return rowsOf<{
    id: number | string;
    currency: string;
    kind: string;
    amount: number | string;
    left: number | string;
  }>(
    await db.execute(sql`select g.id, g.currency, g.kind, g.amount, g.amount - ${usedOf(orgId)} as left
      from gifts g where g.org_id = ${orgId} and ${where}
      order by g.received_at, g.id`),
  ).map(giftLeftRow);
}

/**
 * The oldest gifts with money left, in order, only as many as it takes to reach `amount`: the FIFO
 * pool of an allocation. Allocations and refunds are summed once per gift that has any, and a running
 * total stops the scan, so an organization with many gifts does not pay a lookup per gift.
 */
export async function oldestGiftsLeft(db: Db, orgId: string, where: SQL, amount: number) {
  return rowsOf<{
    id: number | string;
    currency: string;
    kind: string;
    amount: number | string;
    left: number | string;
  }>(
    await db.execute(sql`with used as (
        select s.gift_id, sum(s.amount) as n from allocation_sources s
          join allocations a on a.org_id = s.org_id and a.id = s.allocation_id and a.voided_at is null
        where s.org_id = ${orgId} group by s.gift_id
        union all
        select gift_id, sum(amount) from refunds where org_id = ${orgId} and voided_at is null group by gift_id
      ), used_by_gift as (select gift_id, sum(n) as n from used group by gift_id),
      candidates as (
        select g.id, g.currency, g.kind, g.amount, g.received_at, g.amount - coalesce(u.n, 0) as remaining
        from gifts g left join used_by_gift u on u.gift_id = g.id
        where g.org_id = ${orgId} and ${where}
      ), running as (
        select *, sum(remaining) over (order by received_at, id) - remaining as before from candidates where remaining > 0
      )
      select id, currency, kind, amount, remaining as left from running where before < ${amount}
      order by received_at, id`),
  ).map(giftLeftRow);
}

const usedOf = (orgId: string) => sql`(coalesce((select sum(s.amount) from allocation_sources s join allocations a
    on a.org_id = s.org_id and a.id = s.allocation_id and a.voided_at is null
    where s.org_id = ${orgId} and s.gift_id = g.id), 0)
  + coalesce((select sum(r.amount) from refunds r
    where r.org_id = ${orgId} and r.gift_id = g.id and r.voided_at is null), 0))`;

const giftLeftRow = (r: {
  id: number | string;
  currency: string;
  kind: string;
  amount: number | string;
  left: number | string;
}) => ({
  id: Number(r.id),
  currency: r.currency,
  kind: r.kind,
  amount: Number(r.amount),
  left: Number(r.left),
});

/** Stock of one item in one store. */
export async function stockOf(db: Db, orgId: string, key: { store: string; item: string; unit: string }) {
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(sql`select coalesce(sum(case when direction = 'in' then quantity else -quantity end), 0) as n
      from goods_movements where org_id = ${orgId} and store = ${key.store} and item = ${key.item} and unit = ${key.unit}
        and voided_at is null`),
  );
  return Number(row!.n);
}

/** Stock of every item in every store, with what it is worth. */
export async function stock(db: Db, orgId: string) {
  return rowsOf<{
    store: string;
    item: string;
    unit: string;
    quantity: number | string;
    value: number | string;
    currency: string;
  }>(
    await db.execute(sql`select store, item, unit, currency,
        sum(case when direction = 'in' then quantity else -quantity end) as quantity,
        sum(case when direction = 'in' then value else -value end) as value
      from goods_movements where org_id = ${orgId} and voided_at is null
      group by store, item, unit, currency order by store, item, unit`),
  ).map((r) => ({ ...r, quantity: Number(r.quantity), value: Number(r.value) }));
}

export async function insertRow<
  T extends
    | typeof allocations
    | typeof expenses
    | typeof transfers
    | typeof goodsMovements
    | typeof deliveries
    | typeof refunds
    | typeof attachments,
>(db: Db, table: T, values: T['$inferInsert']): Promise<T['$inferSelect']> {
  const [row] = await db
    .insert(table)
    .values(values as never)
    .returning();
  return row as T['$inferSelect'];
}

export async function insertAllocationSources(
  db: Db,
  orgId: string,
  allocationId: number,
  sources: { giftId: number; amount: number }[],
) {
  await db.insert(allocationSources).values(sources.map((s) => ({ ...s, orgId, allocationId })));
}

export async function sourcesOf(db: Db, orgId: string, allocationIds: number[]) {
  if (allocationIds.length === 0) return [];
  return db
    .select()
    .from(allocationSources)
    .where(and(eq(allocationSources.orgId, orgId), sql`${allocationSources.allocationId} in ${allocationIds}`))
    .orderBy(asc(allocationSources.allocationId));
}

export async function findAttachment(db: Db, orgId: string, id: number) {
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.orgId, orgId), eq(attachments.id, id)));
  return row;
}

type Listed = typeof allocations | typeof expenses | typeof transfers | typeof deliveries | typeof goodsMovements;

/** A flow table's rows, newest first, optionally of one project. */
export async function listRows<T extends Listed>(
  db: Db,
  table: T,
  orgId: string,
  filter: { projectId?: number; id?: number; limit?: number },
): Promise<T['$inferSelect'][]> {
  const t = table as typeof allocations;
  const rows = await db
    .select()
    .from(t)
    .where(
      and(
        eq(t.orgId, orgId),
        filter.projectId === undefined ? undefined : eq(t.projectId, filter.projectId),
        filter.id === undefined ? undefined : eq(t.id, filter.id),
      ),
    )
    .orderBy(desc(t.id))
    .limit(filter.limit ?? 500);
  return rows as T['$inferSelect'][];
}

export async function refundsOfGift(db: Db, orgId: string, giftId: number) {
  return db
    .select()
    .from(refunds)
    .where(and(eq(refunds.orgId, orgId), eq(refunds.giftId, giftId)))
    .orderBy(asc(refunds.id));
}
