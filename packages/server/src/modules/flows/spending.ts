import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { formatMoney } from '../gifts/index.ts';
import { expensePayload, lockFundsOf, recordLedgerEntry, transferPayload } from '../ledger/index.ts';
import { budgetLineOf, insufficientFunds, missing, openProject, sameCurrency } from './guards.ts';
import * as repo from './repo.ts';
import type { ExpenseInput, TransferInput } from './schemas.ts';
import { expenses, transfers } from './tables.ts';

/**
 * Records an expense of a project with its invoice: never more than the project's balance, nor
 * more than is left on its budget line.
 */
export async function recordExpense(db: Db, ctx: OrgContext, input: ExpenseInput) {
  return db.transaction(async (tx) => {
    await lockFundsOf(tx, ctx.org.id);
    const project = await openProject(tx, ctx.org.id, input.projectId);
    const currency = sameCurrency(project, input.currency);
    const line = await budgetLineOf(tx, project, input.budgetLineId);
    const invoice = await repo.findAttachment(tx, ctx.org.id, input.invoiceId);
    if (!invoice) throw missing('Invoice', 'body.invoiceId');
    const money = await repo.projectMoney(tx, ctx.org.id, project.id);
    if (input.amount > money.balance) throw insufficientFunds(`Project "${project.name}"`, money.balance, currency);
    if (line) {
      const left = line.amount - ((await repo.spentByBudgetLine(tx, ctx.org.id, project.id)).get(line.id) ?? 0);
      if (input.amount > left) {
        throw new AppError(
          'BUDGET_EXCEEDED',
          `Budget line "${line.name}" has only ${formatMoney(Math.max(left, 0), currency)} left`,
          [{ path: 'body.amount', message: `at most ${Math.max(left, 0)}` }],
        );
      }
    }
    const expense = await repo.insertRow(tx, expenses, {
      orgId: ctx.org.id,
      projectId: project.id,
      budgetLineId: line?.id ?? null,
      payeeCategory: input.payeeCategory,
      amount: input.amount,
      currency,
      paidAt: new Date(input.paidAt),
      description: input.description ?? null,
      invoiceId: invoice.id,
    });
    const entry = await recordLedgerEntry(tx, {
      orgId: ctx.org.id,
      type: 'expense.paid',
      subjectType: 'expense',
      subjectId: expense.id,
      payload: expensePayload({ ...expense, project: project.slug, invoiceSha256: invoice.sha256 }),
    });
    await recordAudit(tx, ctx, {
      action: 'expense.create',
      subjectType: 'expense',
      subjectId: expense.id,
      data: { projectId: project.id, amount: expense.amount, currency, invoiceId: invoice.id, code: entry.code },
    });
    return { ...expense, tracking: { code: entry.code, leafIndex: null } };
  });
}

/** Money to or from a partner organization. Money sent cannot exceed the project's balance. */
export async function recordTransfer(db: Db, ctx: OrgContext, input: TransferInput) {
  return db.transaction(async (tx) => {
    await lockFundsOf(tx, ctx.org.id);
    const project = await openProject(tx, ctx.org.id, input.projectId);
    const currency = sameCurrency(project, input.currency);
    if (input.direction === 'sent') {
      const { balance } = await repo.projectMoney(tx, ctx.org.id, project.id);
      if (input.amount > balance) throw insufficientFunds(`Project "${project.name}"`, balance, currency);
    }
    const transfer = await repo.insertRow(tx, transfers, {
      orgId: ctx.org.id,
      direction: input.direction,
      projectId: project.id,
      partnerName: input.partnerName,
      partnerUscc: input.partnerUscc ?? null,
      amount: input.amount,
      currency,
      transferredAt: new Date(input.transferredAt),
      counterpartCode: input.counterpartCode ?? null,
      counterpartOrigin: input.counterpartOrigin ?? null,
    });
    const entry = await recordLedgerEntry(tx, {
      orgId: ctx.org.id,
      type: input.direction === 'sent' ? 'transfer.sent' : 'transfer.received',
      subjectType: 'transfer',
      subjectId: transfer.id,
      payload: transferPayload({ ...transfer, project: project.slug }),
    });
    await recordAudit(tx, ctx, {
      action: `transfer.${input.direction}`,
      subjectType: 'transfer',
      subjectId: transfer.id,
      data: { projectId: project.id, amount: transfer.amount, currency, code: entry.code },
    });
    return { ...transfer, tracking: { code: entry.code, leafIndex: null } };
  });
}
