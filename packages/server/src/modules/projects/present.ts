import type { BudgetLineRow, ProjectRow } from './repo.ts';

export const presentBudgetLine = (l: BudgetLineRow) => ({ id: l.id, name: l.name, amount: l.amount });

export const presentProject = (p: ProjectRow & { budgetLines: BudgetLineRow[] }) => ({
  id: p.id,
  slug: p.slug,
  name: p.name,
  description: p.description,
  currency: p.currency,
  status: p.status,
  budgetLines: p.budgetLines.map(presentBudgetLine),
  createdAt: p.createdAt.toISOString(),
});
