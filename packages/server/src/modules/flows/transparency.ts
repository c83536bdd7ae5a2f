import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organizations } from '../platform/tables.ts';
import { budgetLinesOf, projectBySlug } from '../projects/index.ts';
import { projectLedger, raisedFor } from './project-ledger.ts';

/**
 * A project's public accounts: raised, allocated, spent and balance, expenses by category and by
 * date, each movement with the entry that proves it. Undefined when there is no such project.
 */
export async function projectTransparency(db: Db, orgSlug: string, projectSlug: string) {
  const [org] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.slug, orgSlug)));
  if (!org) return undefined;
  const project = await projectBySlug(db, org.id, projectSlug);
  if (!project) return undefined;
  const [ledger, raised, lines] = await Promise.all([
    projectLedger(db, project),
    raisedFor(db, project),
    budgetLinesOf(db, org.id, project.id),
  ]);
  const sum = (xs: { amount: number }[]) => xs.reduce((n, x) => n + x.amount, 0);
  const transfersIn = ledger.transfers.filter((t) => t.direction === 'received');
  const transfersOut = ledger.transfers.filter((t) => t.direction === 'sent');
  const totals = {
    raised: raised.amount,
    raisedGifts: raised.gifts,
    allocated: sum(ledger.allocations),
    transfersIn: sum(transfersIn),
    spent: sum(ledger.expenses),
    transfersOut: sum(transfersOut),
  };
  const categories = new Map<string, { category: string; amount: number; count: number }>();
  for (const e of ledger.expenses) {
    const c = categories.get(e.payeeCategory) ?? { category: e.payeeCategory, amount: 0, count: 0 };
    categories.set(e.payeeCategory, { ...c, amount: c.amount + e.amount, count: c.count + 1 });
  }
  return {
    org: { name: org.name, slug: org.slug, timezone: org.timezone },
    project,
    totals: { ...totals, balance: totals.allocated + totals.transfersIn - totals.spent - totals.transfersOut },
    byCategory: [...categories.values()].sort((a, b) => b.amount - a.amount),
    budgetLines: new Map(lines.map((l) => [l.id, l.name])),
    ledger,
  };
}

export type ProjectTransparency = NonNullable<Awaited<ReturnType<typeof projectTransparency>>>;
