import type { ProjectTransparency } from '../modules/flows/index.ts';
import { html } from './html.ts';
import { day, entryRef, layout, money } from './layout.ts';
import { FIFO_RULE } from './tracking-page.ts';

/** /p/<org>/<project>: a project's public accounts (财务公示), every figure traceable to log entries. */
export function projectPage(t: ProjectTransparency) {
  const { project, totals, ledger, org } = t;
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
          <td colspan="3">${entryRef(e.tracking)}</td>
        </tr>`,
  );
  const allocations = ledger.allocations.map(
    (a) =>
      html`<tr>
          <td>${d(a.allocatedAt)}</td>
          <td class="num">${m(a.amount)}</td>
        </tr>
        <tr>
          <td colspan="2">${entryRef(a.tracking)}</td>
        </tr>`,
  );
  const transfers = ledger.transfers.map(
    (x) =>
      html`<tr>
          <td>${d(x.transferredAt)}</td>
          <td>${x.direction === 'sent' ? '转给' : '来自'} ${x.partnerName}</td>
          <td class="num">${m(x.amount)}</td>
        </tr>
        <tr>
          <td colspan="3">${entryRef(x.tracking)}</td>
        </tr>`,
  );
  const deliveries = ledger.deliveries.map(
    (x) =>
      html`<tr>
          <td>${d(x.deliveredAt)}</td>
          <td>${x.aid}</td>
        </tr>
        <tr>
          <td colspan="2">${entryRef(x.tracking)}</td>
        </tr>`,
  );
  return layout(
    `${project.name} · 财务公示`,
    html`<p class="muted">${org.name} · 项目公示</p>
      <h1>${project.name}</h1>
      ${project.description ? html`<p>${project.description}</p>` : ''}
      ${project.status === 'closed' ? html`<p class="notice">项目已结束。</p>` : ''}
      <div class="figures">
        ${figure('募得', totals.raised, `指定用于本项目的 ${totals.raisedGifts} 笔捐赠（扣除退款）`)}
        ${figure('已拨付', totals.allocated, `${ledger.allocations.length} 条拨付记录之和`)}
        ${figure('已支出', totals.spent + totals.transfersOut, `${ledger.expenses.length} 条支出${totals.transfersOut ? '及转出' : ''}记录之和`)}
        ${figure('结余', totals.balance, '拨付 + 转入 − 支出 − 转出')}
      </div>
      ${totals.transfersIn ? html`<p class="muted">合作机构转入 ${m(totals.transfersIn)}</p>` : ''}
      <h2>支出（按类别）</h2>
      ${
        t.byCategory.length
          ? html`<table>
              ${t.byCategory.map(
                (c) =>
                  html`<tr>
                    <td>${c.category}</td>
                    <td class="num">${c.count} 笔</td>
                    <td class="num">${m(c.amount)}</td>
                  </tr>`,
              )}
            </table>`
          : html`<p class="muted">还没有支出记录。</p>`
      }
      <h2>支出明细（按日期）</h2>
      ${
        expenses.length
          ? html`<table>
              ${expenses}
            </table>`
          : html`<p class="muted">还没有支出记录。</p>`
      }
      <h2>拨付记录</h2>
      ${
        allocations.length
          ? html`<table>
              ${allocations}
            </table>`
          : html`<p class="muted">还没有拨付记录。</p>`
      }
      ${
        transfers.length
          ? html`<h2>与合作机构往来</h2>
              <table>
                ${transfers}
              </table>`
          : ''
      }
      ${
        deliveries.length
          ? html`<h2>受益人交付</h2>
              <table>
                ${deliveries}
              </table>`
          : ''
      }
      <h2>如何核验</h2>
      <p class="muted">
        每个数字都可以由公示日志重新算出：已拨付是本项目 funds.allocated 记录金额之和，已支出是 expense.paid 与
        transfer.sent 记录之和，结余再加上 transfer.received；募得是 fund 为本项目的 donation.received
        记录之和减去对应的 donation.refunded。发票原件由机构保管，日志中只公开其 SHA-256
        指纹，可向审计方出示并证明未被修改。
      </p>
      <p class="muted">${FIFO_RULE}</p>`,
  );
}
