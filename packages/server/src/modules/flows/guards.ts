import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import { formatMoney } from '../gifts/index.ts';
import { findBudgetLine, findProject, type ProjectRow } from '../projects/index.ts';

const missing = (what: string, path: string) =>
  new AppError('NOT_FOUND', `${what} was not found`, [{ path, message: `no such ${what.toLowerCase()}` }]);

/** The project money or goods move for: it must exist and be open. */
export async function openProject(tx: Db, orgId: string, projectId: number) {
  const project = await findProject(tx, orgId, projectId);
  if (!project) throw missing('Project', 'body.projectId');
  if (project.status !== 'active') {
    throw new AppError('PROJECT_CLOSED', `Project "${project.name}" is closed; reopen it to record movements`, [
      { path: 'body.projectId', message: 'closed' },
    ]);
  }
  return project;
}

/** A budget line must belong to the project it is used with. */
export async function budgetLineOf(tx: Db, project: ProjectRow, budgetLineId: number | null | undefined) {
  if (budgetLineId == null) return null;
  const line = await findBudgetLine(tx, project.orgId, budgetLineId);
  if (!line || line.projectId !== project.id) throw missing('Budget line', 'body.budgetLineId');
  return line;
}

export function sameCurrency(project: ProjectRow, currency: string | undefined, path = 'body.currency') {
  if (currency === undefined || currency === project.currency) return project.currency;
  throw new AppError(
    'CURRENCY_MISMATCH',
    `Project "${project.name}" keeps its accounts in ${project.currency}, not ${currency}`,
    [{ path, message: `must be ${project.currency}` }],
  );
}

/** A spend above what is left: nothing is written. */
export const insufficientFunds = (what: string, left: number, currency: string) =>
  new AppError('FUNDS_INSUFFICIENT', `${what} has only ${formatMoney(left, currency)} left`, [
    { path: 'body.amount', message: `at most ${left}` },
  ]);

export { missing };
