import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { budgetLinesOf, findProject } from '../projects/index.ts';
import { readableProject } from './goods.ts';
import * as repo from './repo.ts';
import { allocations, deliveries, expenses, goodsMovements, transfers } from './tables.ts';
import { withTracking } from './tracking.ts';

const kinds = {
  allocation: { table: allocations, what: 'Allocation' },
  expense: { table: expenses, what: 'Expense' },
  transfer: { table: transfers, what: 'Transfer' },
  goods: { table: goodsMovements, what: 'Goods movement' },
  delivery: { table: deliveries, what: 'Delivery' },
} as const;
type Kind = keyof typeof kinds;
type RowOf<K extends Kind> = (typeof kinds)[K]['table']['$inferSelect'];

/** Rows of one kind with their tracking codes, newest first, optionally of one project. */
export async function listFlows<K extends Kind>(db: Db, ctx: OrgContext, kind: K, query: { projectId?: number }) {
  const projectId = await readableProject(db, ctx.org.id, query.projectId);
  const rows = (await repo.listRows(db, kinds[kind].table, ctx.org.id, { projectId })) as RowOf<K>[];
  return withTracking(db, ctx.org.id, kind, rows);
}

/** One row with its tracking code, or NOT_FOUND. */
export async function getFlow<K extends Kind>(db: Db, ctx: OrgContext, kind: K, id: number) {
  const [row] = (await repo.listRows(db, kinds[kind].table, ctx.org.id, { id })) as RowOf<K>[];
  if (!row) throw notFound(kinds[kind].what);
  return (await withTracking(db, ctx.org.id, kind, [row]))[0]!;
}

/** Allocations with the gifts each drew on. */
export async function withSources(db: Db, ctx: OrgContext, rows: Awaited<ReturnType<typeof listFlows<'allocation'>>>) {
  const sources = await repo.sourcesOf(
    db,
    ctx.org.id,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, sources: sources.filter((s) => s.allocationId === r.id) }));
}

export async function listRefunds(db: Db, ctx: OrgContext, giftId: number) {
  const [gift] = await repo.giftsLeft(db, ctx.org.id, sql`g.id = ${giftId}`);
  if (!gift) throw notFound('Gift');
  return withTracking(db, ctx.org.id, 'refund', await repo.refundsOfGift(db, ctx.org.id, giftId));
}

export async function stock(db: Db, ctx: OrgContext) {
  return repo.stock(db, ctx.org.id);
}

/** A project's money: allocated, transfers, spent and balance, and spending per budget line. */
export async function projectSummary(db: Db, ctx: OrgContext, projectId: number) {
  const project = await findProject(db, ctx.org.id, projectId);
  if (!project) throw notFound('Project');
  const [money, spent, lines] = await Promise.all([
    repo.projectMoney(db, ctx.org.id, projectId),
    repo.spentByBudgetLine(db, ctx.org.id, projectId),
    budgetLinesOf(db, ctx.org.id, projectId),
  ]);
  return {
    projectId,
    currency: project.currency,
    ...money,
    budgetLines: lines.map((l) => ({ id: l.id, name: l.name, amount: l.amount, spent: spent.get(l.id) ?? 0 })),
  };
}
