import type { ProjectTransparency } from '../modules/flows/index.ts';
import { html } from './html.ts';
import { day, entryRef, layout, money, topLine, type PageContext } from './layout.ts';
import { verifySection, type VerifyContext } from './verify-section.ts';

/** /p/<org>/<project>: a project's public accounts (财务公示), every figure traceable to log entries. */
export function projectPage(ctx: PageContext, verify: VerifyContext, t: ProjectTransparency) {
  const { project, totals, ledger, org } = t;
  const w = ctx.t.project;
  const m = (n: number) => money(n, project.currency);
  const d = (date: Date) => day(date, org.timezone);
  const figure = (label: string, amount: number, how: string) =>
    html`<div class="card figure">
      <span class="muted">${label}</span><b>${m(amount)}</b><span class="muted">${how}</span>
    </div>`;
  const expenses = ledger.expenses.map(
    (e) =>
      html`<tr>
          <td>${d(e.paidAt)}</td>
          <td>
            ${e.payeeCategory}${
              e.budgetLineId ? html`<div class="muted">${t.budgetLines.get(e.budgetLineId) ?? ''}</div>` : ''
            }
          </td>
          <td class="num">${m(e.amount)}</td>
        </tr>
        <tr>
          <td colspan="3">${entryRef(ctx, e.tracking)}</td>
        </tr>`,
  );
  const allocations = ledger.allocations.map(
    (a) =>
      html`<tr>
          <td>${d(a.allocatedAt)}</td>
          <td class="num">${m(a.amount)}</td>
        </tr>
        <tr>
          <td colspan="2">${entryRef(ctx, a.tracking)}</td>
        </tr>`,
  );
  const transfers = ledger.transfers.map(
    (x) =>
      html`<tr>
          <td>${d(x.transferredAt)}</td>
          <td>${x.direction === 'sent' ? w.sentTo : w.receivedFrom} ${x.partnerName}</td>
          <td class="num">${m(x.amount)}</td>
        </tr>
        <tr>
          <td colspan="3">${entryRef(ctx, x.tracking)}</td>
        </tr>`,
  );
  const deliveries = ledger.deliveries.map(
    (x) =>
      html`<tr>
          <td>${d(x.deliveredAt)}</td>
          <td>${x.aid}</td>
        </tr>
        <tr>
          <td colspan="2">${entryRef(ctx, x.tracking)}</td>
        </tr>`,
  );
  return layout(
    ctx,
    w.title(project.name),
    html`${topLine(ctx, w.kicker(org.name))}
      <h1>${project.name}</h1>
      ${project.description ? html`<p>${project.description}</p>` : ''}
      ${project.status === 'closed' ? html`<p class="notice">${w.closed}</p>` : ''}
      <div class="figures">
        ${figure(w.raised, totals.raised, w.raisedHow(totals.raisedGifts))}
        ${figure(w.allocated, totals.allocated, w.allocatedHow(ledger.allocations.length))}
        ${figure(w.spent, totals.spent + totals.transfersOut, w.spentHow(ledger.expenses.length, totals.transfersOut > 0))}
        ${figure(w.balance, totals.balance, w.balanceHow)}
      </div>
      ${totals.transfersIn ? html`<p class="muted">${w.transfersIn(m(totals.transfersIn))}</p>` : ''}
      <h2>${w.byCategory}</h2>
      ${
        t.byCategory.length
          ? html`<table>
              ${t.byCategory.map(
                (c) =>
                  html`<tr>
                    <td>${c.category}</td>
                    <td class="num">${w.count(c.count)}</td>
                    <td class="num">${m(c.amount)}</td>
                  </tr>`,
              )}
            </table>`
          : html`<p class="muted">${w.noExpenses}</p>`
      }
      <h2>${w.expenses}</h2>
      ${
        expenses.length
          ? html`<table>
              ${expenses}
            </table>`
          : html`<p class="muted">${w.noExpenses}</p>`
      }
      <h2>${w.allocations}</h2>
      ${
        allocations.length
          ? html`<table>
              ${allocations}
            </table>`
          : html`<p class="muted">${w.noAllocations}</p>`
      }
      ${
        transfers.length
          ? html`<h2>${w.transfers}</h2>
              <table>
                ${transfers}
              </table>`
          : ''
      }
      ${
        deliveries.length
          ? html`<h2>${w.deliveries}</h2>
              <table>
                ${deliveries}
              </table>`
          : ''
      }
      ${verifySection(ctx, verify)}
      <h2>${w.howTitle}</h2>
      <p class="muted">${w.how}</p>
      <p class="muted">${ctx.t.fifo}</p>`,
    { script: verify.script },
  );
}
